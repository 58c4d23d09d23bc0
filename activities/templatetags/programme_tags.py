"""Template tags that show a person's programme on the pages of apps that must not import
``activities`` (the participant page, a contract review): the figures are read here.

Each tag says which queries it makes; their number does not depend on the number of rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django import template
from django.db.models import Count, Max, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from activities.models import (
    CONSECUTIVE_ABSENCES_FLAG,
    Attendance,
    Enrollment,
    IndividualSupport,
    Session,
)
from activities.services import consecutive_absences, is_absent_in_a_row
from kis.expressions import count_of
from kis.numbers import percent

register = template.Library()

Mark = Attendance.Status


@dataclass
class CareRow:
    member: object
    sessions: int
    last: datetime.date | None


@dataclass
class ParticipantProgramme:
    enrollments: list
    consecutive_absences: int
    care: list[CareRow]
    support_hours: Decimal
    internship_hours: Decimal
    volunteering_hours: Decimal
    flag_at: int = CONSECUTIVE_ABSENCES_FLAG
    can: dict = field(default_factory=dict)  # what the page offers to see and do (programme_actions)


# What the programme part of a person's page shows, and what it offers to add or change (only to
# those who may edit the person).
PROGRAMME_VIEWS = (
    "view_enrollment",
    "view_activity",
    "view_session",
    "view_individualsupport",
    "view_internship",
    "view_volunteeragreement",
)
PROGRAMME_CHANGES = (
    "add_individualsupport",
    "add_internship",
    "change_internship",
    "add_volunteeragreement",
    "change_volunteeragreement",
)


def programme_actions(user, *, can_edit: bool) -> dict[str, bool]:
    can = {action: user.has_perm(f"activities.{action}") for action in PROGRAMME_VIEWS}
    can.update({action: can_edit and user.has_perm(f"activities.{action}") for action in PROGRAMME_CHANGES})
    return can


@register.simple_tag(takes_context=True)
def participant_programme(context, participant, can_edit=False) -> ParticipantProgramme:
    """The person's enrollments with attendance (``present`` of ``sessions_held`` while enrolled and
    ``rate``, as on the activity page), the run of unexcused absences when it reaches the flag, and
    how many sessions each dependant needing care was looked after in.

    Queries: 1 for the enrollments with their counts (and their runs of absences), +1 for the care
    of dependants when one needs care. The support,
    internship and volunteering lists and the household come from the page's prefetches.
    """
    today = timezone.localdate()
    enrollments = list(
        Enrollment.objects.filter(participant=participant)
        .select_related("activity__service_type")
        .annotate(
            present=count_of(Attendance.objects.filter(enrollment=OuterRef("pk"), status=Mark.PRESENT), "enrollment"),
            # Sessions held while the person was enrolled, as on the activity page.
            sessions_held=count_of(
                Session.objects.filter(
                    activity=OuterRef("activity_id"), date__gte=OuterRef("enrolled_on"), date__lte=today
                ).exclude(date__gt=Coalesce(OuterRef("finished_on"), Value(today))),
                "activity",
            ),
        )
        .order_by("-enrolled_on", "-id")
    )
    for enrollment in enrollments:
        waiting = enrollment.status == Enrollment.Status.WAITING
        enrollment.rate = None if waiting else percent(enrollment.present, enrollment.sessions_held)
    # consecutive_absences() read from the enrolments at hand.
    absences = max((e.absence_streak for e in enrollments if is_absent_in_a_row(e)), default=0)

    needing_care = [member for member in participant.household_members.all() if member.needs_care]
    cared = {}
    if needing_care:
        through = Session.cared_dependants.through
        cared = {
            member_id: (sessions, last)
            for member_id, sessions, last in through.objects.filter(householdmember__in=needing_care)
            .order_by()
            .values_list("householdmember_id")
            .annotate(sessions=Count("session_id"), last=Max("session__date"))
        }
    care = [CareRow(member, *cared.get(member.pk, (0, None))) for member in needing_care]

    return ParticipantProgramme(
        can=programme_actions(context["request"].user, can_edit=bool(can_edit)),
        enrollments=enrollments,
        consecutive_absences=absences,
        care=care,
        support_hours=sum((s.hours for s in participant.individual_support.all()), Decimal(0)),
        internship_hours=sum((i.hours for i in participant.internships.all()), Decimal(0)),
        volunteering_hours=sum((v.hours for v in participant.volunteer_agreements.all()), Decimal(0)),
    )


@dataclass
class ReviewProgress:
    since: datetime.date
    after_review: bool
    attendance: list[dict] = field(default_factory=list)
    present: int = 0
    absent: int = 0
    excused: int = 0
    consecutive_absences: int = 0
    support_meetings: int = 0
    support_hours: Decimal = Decimal(0)
    unmet_tasks: list = field(default_factory=list)
    flag_at: int = CONSECUTIVE_ABSENCES_FLAG

    @property
    def marked(self) -> int:
        return self.present + self.absent + self.excused

    @property
    def rate(self) -> int | None:
        return percent(self.present, self.marked)


@register.simple_tag
def progress_since_last_review(contract, last_review=None) -> ReviewProgress:
    """What the person of ``contract`` did since ``last_review`` (or since the contract started,
    when there is none): attendance per activity, the current run of absences, individual support,
    and the contract's tasks due in that time and not met (still open past the deadline, or marked
    not done).

    Queries: attendance per activity (1), consecutive absences (1), individual support (1), unmet
    tasks (1). Tasks are read through ``contract.tasks`` so that this needs no import of contracts.
    """
    today = timezone.localdate()
    if last_review is not None:
        since, start = last_review.reviewed_on, last_review.reviewed_on + datetime.timedelta(days=1)
    else:
        since = start = contract.period_start
    progress = ReviewProgress(since=since, after_review=last_review is not None)
    person = contract.participant_id

    rows = (
        Attendance.objects.filter(enrollment__participant_id=person, session__date__range=(start, today))
        .values("enrollment__activity_id", "enrollment__activity__name")
        .annotate(
            present=Count("pk", filter=Q(status=Mark.PRESENT)),
            absent=Count("pk", filter=Q(status=Mark.ABSENT)),
            excused=Count("pk", filter=Q(status=Mark.EXCUSED)),
        )
        .order_by("enrollment__activity__name", "enrollment__activity_id")
    )
    for row in rows:
        marked = row["present"] + row["absent"] + row["excused"]
        progress.attendance.append(
            {
                "activity_id": row["enrollment__activity_id"],
                "activity": row["enrollment__activity__name"],
                "present": row["present"],
                "absent": row["absent"],
                "excused": row["excused"],
                "marked": marked,
                "rate": percent(row["present"], marked),
            }
        )
        progress.present += row["present"]
        progress.absent += row["absent"]
        progress.excused += row["excused"]
    progress.consecutive_absences = consecutive_absences([person]).get(person, 0)

    support = IndividualSupport.objects.filter(participant_id=person, date__range=(start, today)).aggregate(
        meetings=Count("pk"), hours=Sum("hours")
    )
    progress.support_meetings = support["meetings"]
    progress.support_hours = support["hours"] or Decimal(0)

    Task = contract.tasks.model
    progress.unmet_tasks = list(
        contract.tasks.filter(deadline__gte=start)
        .filter(Q(status=Task.Status.NOT_DONE) | Q(status=Task.Status.OPEN, deadline__lt=today))
        .order_by("deadline", "id")
    )
    return progress
