"""The figures of the coordinator's and manager's dashboard, each one aggregate query."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from activities.models import Activity, Session
from contracts.models import SocialContract
from kis.bounds import parse_id
from kis.expressions import count_of
from kis.models import Location
from kis.numbers import percent
from kis.roles import Role
from participants.models import Participant, ParticipantStatus
from participation.models import ProjectParticipation
from projects.models import Project

ROWS = 10


def chart_project(requested: int | str | None) -> Project | None:
    """The project whose recruitment is charted: the one asked for (an id), or the running one with
    most people."""
    projects = Project.objects.all()
    if (pk := requested if isinstance(requested, int) else parse_id(requested)) is not None:
        chosen = projects.filter(pk=pk).first()
        if chosen is not None:
            return chosen
    # Counted per project from the participations' project index, not by joining them all.
    people = count_of(ProjectParticipation.objects.filter(project=OuterRef("pk")), "project")
    return (
        projects.filter(status=Project.Status.RUNNING).annotate(n=people).order_by("-n", "-start_date").first()
        or projects.order_by("-start_date").first()
    )


def recruitment_series(project: Project) -> dict:
    """Cumulative recruitment (first support) by month against the target, for the chart."""
    monthly = dict(
        ProjectParticipation.objects.filter(project=project, start_date__isnull=False)
        .annotate(month=TruncMonth("start_date"))
        .values("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )
    months = []
    cursor = project.start_date.replace(day=1)
    last = min(project.end_date, max(timezone.localdate(), project.start_date)).replace(day=1)
    while cursor <= last:
        months.append(cursor)
        cursor = (cursor + datetime.timedelta(days=32)).replace(day=1)
    total, labels, values = 0, [], []
    by_month = {(m.year, m.month): n for m, n in monthly.items()}
    for month in months:
        total += by_month.get((month.year, month.month), 0)
        labels.append(month.strftime("%m.%Y"))
        values.append(total)
    return {"labels": labels, "recruited": values, "target": [project.target_recruited] * len(labels)}


def recruitment_chart(project: Project | None) -> dict:
    """What templates/reports/includes/recruitment_chart.html needs: the series and its rows."""
    chart = recruitment_series(project) if project else None
    rows = list(zip(chart["labels"], chart["recruited"], strict=True)) if chart else []
    return {"chart": chart, "chart_rows": rows}


def caseload_per_worker(people=None):
    """Active people per social worker, of ``people`` (everyone by default)."""
    people = people if people is not None else Participant.objects.all()
    return list(
        people.filter(status=ParticipantStatus.ACTIVE, social_worker__groups__name=Role.SOCIAL_WORKER)
        .values("social_worker__first_name", "social_worker__last_name", "social_worker__username")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "social_worker__last_name")
    )


def without_contract(queryset=None):
    """Candidates and active participants with no signed contract in force today."""
    queryset = queryset if queryset is not None else Participant.objects.all()
    in_force = SocialContract.objects.in_force().filter(participant=OuterRef("pk"))
    return queryset.filter(status__in=[ParticipantStatus.CANDIDATE, ParticipantStatus.ACTIVE]).exclude(Exists(in_force))


def sessions_seen_by(user):
    """The sessions whose attendance ``user``'s dashboard counts: every session for those who may
    read anyone's record (a manager), else those of the activities at the locations the user
    coordinates — the locations whose people ``Participant.objects.visible_to`` gives them."""
    if user.has_perm("participants.view_any_participant"):
        return Session.objects.all()
    return Session.objects.filter(activity__location__in=Location.objects.filter(coordinators=user))


def attendance_rate(days: int = 30, sessions=None) -> int | None:
    """The share of marks "present" at the ``sessions`` (every one by default) of the last ``days``
    days, summed from the sessions' counters."""
    today = timezone.localdate()
    sessions = Session.objects.all() if sessions is None else sessions
    marks = sessions.filter(date__gte=today - datetime.timedelta(days=days), date__lte=today).aggregate(
        present=Sum("present_count"), total=Sum("marked_count")
    )
    return percent(marks["present"] or 0, marks["total"] or 0)


def upcoming_sessions(days: int = 7):
    today = timezone.localdate()
    return (
        Session.objects.filter(date__gte=today, date__lte=today + datetime.timedelta(days=days))
        .select_related("activity__location")
        .order_by("date", "start_time")[:ROWS]
    )


def under_filled_activities():
    today = timezone.localdate()
    return (
        Activity.objects.under_filled()
        .filter(end_date__gte=today)
        .select_related("location")
        .order_by("start_date")[:ROWS]
    )
