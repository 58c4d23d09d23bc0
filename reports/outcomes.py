"""The outcome figures of one project over a period, every one computed by the database.

ESF rules (DESIGN §3): participation starts on the date of the first form of support, and age
and labour-market status are those fixed on that day. Over a period:

- recruited: started within the period;
- qualified: qualified (the decision event) within the period;
- active: started by the end of the period and not ended before it;
- completed / dropped out: ended within the period (dropping out counts only after starting);
- situation on leaving: only what was recorded up to 4 weeks after leaving, and a qualification
  only when certified by an authorised body;
- effectiveness, by the guidelines' method (``EFFECTIVENESS_METHOD``): the base is everyone who
  completed their path within the period plus those who left early because they took up a job;
  social effectiveness counts those with social progress within 3 months after leaving;
  employment effectiveness is measured among those unemployed or inactive at entry and counts
  employment of a type the guidelines count, begun within 3 months after leaving. With a second
  pair of thresholds for the disability group, the group and everyone else are reported apart.

Each figure has a key: ``people(key, value)`` gives the participations behind it, so every number
on the report can be opened to the list of people.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, Enrollment, IndividualSupport, Internship, Session, Track
from kis.numbers import percent
from participants.models import Participant, Sex
from participation.models import (
    OUT_OF_WORK,
    ExitSituation,
    ParticipationEvent,
    ProjectParticipation,
    first_started_episode,
    last_started_episode,
)
from projects.models import Project

Status = ProjectParticipation.Status
Reason = ProjectParticipation.DropoutReason

AGE_GROUPS = [
    ("under_18", "< 18", None, 17),
    ("18_24", "18–24", 18, 24),
    ("25_54", "25–54", 25, 54),
    ("55_plus", "55+", 55, None),
]


@dataclass
class Figure:
    key: str
    value: int
    target: int | None = None
    filter_value: str = ""

    @property
    def percent(self) -> Decimal | None:
        if not self.target:
            return None
        return (Decimal(100) * self.value / self.target).quantize(Decimal("0.1"))

    @property
    def below_target(self) -> bool:
        return bool(self.target) and self.value < self.target

    @property
    def bar(self) -> Decimal:
        """How much of the target is reached, for a bar that stops at its end (0–100)."""
        return min(self.percent or Decimal(0), Decimal(100))


@dataclass
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def of_project(cls, project: Project) -> Period:
        return cls(project.start_date, project.end_date)


@dataclass
class OutcomeReport:
    project: Project
    period: Period
    headline: dict = field(default_factory=dict)
    dropout_reasons: list = field(default_factory=list)
    by_sex: list = field(default_factory=list)
    by_age: list = field(default_factory=list)
    by_risk_factor: list = field(default_factory=list)
    by_location: list = field(default_factory=list)
    tracks: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    activity_count: int = 0  # every activity, also those ``activities`` leaves out (``build(top=)``)
    certificates: int = 0
    internships_completed: int = 0
    exit_situations: list = field(default_factory=list)
    effectiveness: list = field(default_factory=list)
    indicators: list = field(default_factory=list)  # reports.indicators.with_indicators
    individual_support_hours: Decimal = Decimal(0)
    partners: list = field(default_factory=list)
    rejoined: bool = True  # anyone took part twice (outcomes.has_rejoined)
    counts: dict = field(default_factory=dict)  # the participations' aggregates (build)
    recruitment: dict = field(default_factory=dict)  # the page's chart (reports.background.page_figures)

    @property
    def target_figures(self) -> list[tuple[str, Figure]]:
        """The headline figures that have a target, with their labels (the report's chart)."""
        labels = {"recruited": _("People recruited"), "completed": _("People who completed")}
        return [(labels[key], self.headline[key]) for key in labels if key in self.headline]


def participations(project: Project) -> QuerySet:
    return ProjectParticipation.objects.filter(project=project)


EFFECTIVENESS_KEYS = (
    "effectiveness_base",
    "effective_social",
    "employment_base",
    "effective_employment",
    "followed_up",
)
GROUPS = {"": Q(), "general": Q(disability_group_at_start=False), "disability": Q(disability_group_at_start=True)}


def effectiveness_filter(key: str, ended: Q, group: str) -> Q | None:
    """The guidelines' effectiveness figures of a group ("" everyone, "general", "disability")."""
    if group not in GROUPS:
        return None
    base = (
        ended
        & Q(start_date__isnull=False)
        & (Q(status=Status.COMPLETED) | Q(status=Status.DROPPED_OUT, dropout_reason=Reason.FOUND_JOB))
        & GROUPS[group]
    )
    employment_base = base & Q(labour_status_at_start__in=OUT_OF_WORK)
    return {
        "effectiveness_base": base,
        "followed_up": base & Q(followup_on__isnull=False),
        "effective_social": base & Q(followup_social_progress=True),
        "employment_base": employment_base,
        "effective_employment": employment_base & Q(followup_employed=True),
    }[key]


def has_rejoined(project: Project) -> bool:
    """Whether anyone took part in ``project`` more than once (one query)."""
    # In the participant's order, the database walks the index of (project, participant, episode)
    # alone and stops at the first person with two rows (exists() would drop the order).
    twice = participations(project).values("participant").annotate(n=Count("id")).filter(n__gt=1)
    return bool(twice.order_by("participant").values_list("participant", flat=True)[:1])


def figure_filter(key: str, period: Period, value: str = "", *, rejoined: bool = True) -> Q | None:
    """The condition on ProjectParticipation behind a figure (None for an unknown key).

    ``rejoined=False`` says that nobody of the project took part twice (``has_rejoined``): every
    episode is then a person's first and last, and the conditions on episodes, which cost a
    subquery per row and per figure, are left out."""
    start, end = period.start, period.end
    # A person who re-joined is recruited once (the first episode that started), and their outcome
    # is that of their last episode that started (an application not yet started changes nothing).
    recruited = Q(start_date__gte=start, start_date__lte=end)
    ended = Q(end_date__gte=start, end_date__lte=end)
    if rejoined:
        recruited &= first_started_episode()
        ended &= last_started_episode()
    completed = Q(status=Status.COMPLETED) & ended
    conditions = {
        "recruited": recruited,
        "qualified": Q(
            pk__in=ParticipationEvent.objects.filter(to_status=Status.QUALIFIED, date__gte=start, date__lte=end).values(
                "participation_id"
            )
        ),
        "active": Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gt=end)),
        "completed": completed,
        "dropped_out": Q(status=Status.DROPPED_OUT, start_date__isnull=False) & ended,
        "dropout_reason": Q(status=Status.DROPPED_OUT, start_date__isnull=False, dropout_reason=value) & ended,
        "sex": recruited & Q(sex_at_start=value),  # as recorded at the start, not today
        "risk_factor": recruited & Q(risk_factors_at_start__code=value),
        # isdecimal, not isdigit ("²" is a digit int() cannot read); through the location's own
        # primary key, so an out-of-range number matches nobody instead of overflowing.
        "location": recruited & Q(participant__location__pk=int(value) if value.isdecimal() else 0),
        # A qualification on leaving counts only when certified by an authorised body, within 4 weeks.
        "certified_qualification": ended
        & Q(start_date__isnull=False, exit_situation__is_qualification=True, exit_result_counts=True),
        "exit_situation": ended
        & Q(start_date__isnull=False, exit_situation__code=value, exit_result_counts=True)
        & Q(status__in=[Status.COMPLETED, Status.DROPPED_OUT]),
    }
    if key in EFFECTIVENESS_KEYS:
        return effectiveness_filter(key, ended, value)
    if key == "age":
        for code, _label, low, high in AGE_GROUPS:
            if code == value:
                condition = recruited
                if low is not None:
                    condition &= Q(age_at_start__gte=low)
                if high is not None:
                    condition &= Q(age_at_start__lte=high)
                return condition
        return None
    return conditions.get(key)


def people(project: Project, period: Period, key: str, value: str = "", *, user=None) -> QuerySet | None:
    """The participations behind one figure, with the people (None for an unknown figure). With
    ``user``, only those of the people whose record that user may read (``Participant.visible_to``):
    the figure itself counts everyone, the names behind it are need-to-know."""
    condition = figure_filter(key, period, value, rejoined=has_rejoined(project))
    if condition is None:
        return None
    found = participations(project).filter(condition)
    if user is not None:
        found = found.filter(participant__in=Participant.objects.visible_to(user))
    return (
        found.select_related("participant__location", "exit_situation")
        .order_by("participant__last_name", "participant__first_name", "id")
        .distinct()
    )


def build(project: Project, period: Period, *, top: int | None = None, more_counts=None) -> OutcomeReport:
    """All figures of the report (a fixed number of aggregate queries, whatever the size). With
    ``top``, only the ``top`` activities with most people are listed (``_programme``);
    ``more_counts(rejoined)`` adds aggregates of the participations to the one query of the
    counts (``report.counts``)."""
    report = OutcomeReport(project=project, period=period)
    base = participations(project)
    rejoined = report.rejoined = has_rejoined(project)
    keys = ["recruited", "qualified", "active", "completed", "dropped_out"]
    # One pass over the participations for every count by a condition of their own (no join: each
    # row is one participation, so no DISTINCT, which would sort the rows once per count).
    wanted = {key: Count("id", filter=figure_filter(key, period, rejoined=rejoined)) for key in keys}
    for code in Sex.values:
        wanted[f"sex-{code}"] = Count("id", filter=figure_filter("sex", period, code, rejoined=rejoined))
    for code, _label, _lo, _hi in AGE_GROUPS:
        wanted[f"age-{code}"] = Count("id", filter=figure_filter("age", period, code, rejoined=rejoined))
    wanted.update(effectiveness_counts(project, period, rejoined=rejoined))
    if more_counts is not None:
        wanted.update(more_counts(rejoined))
    counts = report.counts = base.aggregate(**wanted)
    report.headline = {
        "recruited": Figure("recruited", counts["recruited"], project.target_recruited),
        "qualified": Figure("qualified", counts["qualified"]),
        "active": Figure("active", counts["active"]),
        "completed": Figure("completed", counts["completed"], project.target_completed),
        "dropped_out": Figure("dropped_out", counts["dropped_out"]),
    }

    ended_dropouts = base.filter(figure_filter("dropped_out", period, rejoined=rejoined))
    reasons = dict(ProjectParticipation.DropoutReason.choices)
    report.dropout_reasons = [
        (
            reasons.get(row["dropout_reason"], row["dropout_reason"] or "—"),
            Figure("dropout_reason", row["n"], filter_value=row["dropout_reason"]),
        )
        for row in ended_dropouts.values("dropout_reason").annotate(n=Count("id")).order_by("-n", "dropout_reason")
    ]

    recruited = base.filter(figure_filter("recruited", period, rejoined=rejoined))
    sexes = dict(Sex.choices)
    report.by_sex = [(sexes[code], Figure("sex", counts[f"sex-{code}"], filter_value=code)) for code in Sex.values]
    report.by_age = [
        (label, Figure("age", counts[f"age-{code}"], filter_value=code)) for code, label, _lo, _hi in AGE_GROUPS
    ]

    # From the marks of the factors (few) to the participations, not the other way round.
    marks = ProjectParticipation.risk_factors_at_start.through.objects.filter(projectparticipation__in=recruited)
    report.by_risk_factor = [
        (row["riskfactor__name"], Figure("risk_factor", row["n"], filter_value=row["riskfactor__code"]))
        for row in marks.values("riskfactor", "riskfactor__code", "riskfactor__name")
        .annotate(n=Count("projectparticipation", distinct=True))
        .order_by("-n", "riskfactor__name")
    ]
    report.by_location = [
        (
            row["participant__location__name"],
            Figure("location", row["n"], filter_value=str(row["participant__location"])),
        )
        for row in recruited.values("participant__location", "participant__location__name")
        .annotate(n=Count("id"))
        .order_by("-n", "participant__location__name")
    ]

    _programme(report, project, period, top)

    ended = base.filter(
        Q(status__in=[Status.COMPLETED, Status.DROPPED_OUT], start_date__isnull=False, exit_result_counts=True)
        & Q(end_date__gte=period.start, end_date__lte=period.end)
        & (last_started_episode() if rejoined else Q())
    )
    situations = dict(ExitSituation.objects.values_list("code", "name"))
    report.exit_situations = [
        (
            situations.get(row["exit_situation__code"], "—"),
            Figure("exit_situation", row["n"], filter_value=row["exit_situation__code"] or ""),
        )
        for row in ended.values("exit_situation__code").annotate(n=Count("id")).order_by("-n")
        if row["exit_situation__code"]
    ]

    report.effectiveness = effectiveness_of(counts, project)
    report.partners = list(project.project_partners.select_related("partner").order_by("role", "partner__name"))
    return report


@dataclass
class Effectiveness:
    """One effectiveness figure of one group: numerator over base against the threshold."""

    people: Figure
    base: Figure
    threshold: Decimal | None

    @property
    def rate(self) -> Decimal | None:
        if not self.base.value:
            return None
        return (Decimal(100) * self.people.value / self.base.value).quantize(Decimal("0.1"))

    @property
    def met(self) -> bool | None:
        if self.rate is None or self.threshold is None:
            return None
        return self.rate >= self.threshold


@dataclass
class EffectivenessGroup:
    code: str  # "" everyone, "general", "disability"
    social: Effectiveness
    employment: Effectiveness
    followed_up: Figure

    @property
    def rows(self) -> list[tuple[str, Effectiveness]]:
        return [(_("social"), self.social), (_("employment"), self.employment)]


def _effectiveness_groups(project: Project) -> list[str]:
    separate = (
        project.social_effectiveness_threshold_disability is not None
        or project.employment_effectiveness_threshold_disability is not None
    )
    return ["general", "disability"] if separate else [""]


def effectiveness_counts(project: Project, period: Period, *, rejoined: bool = True) -> dict:
    """The aggregates behind ``effectiveness_of``."""
    return {
        f"{key}-{group}": Count("id", filter=figure_filter(key, period, group, rejoined=rejoined))
        for key in EFFECTIVENESS_KEYS
        for group in _effectiveness_groups(project)
    }


def effectiveness(
    base: QuerySet, project: Project, period: Period, *, rejoined: bool = True
) -> list[EffectivenessGroup]:
    """Social and employment effectiveness by the guidelines: for everyone, or — when the project
    has the disability group's own thresholds — for the group and for everyone else apart."""
    return effectiveness_of(base.aggregate(**effectiveness_counts(project, period, rejoined=rejoined)), project)


def effectiveness_of(counts: dict, project: Project) -> list[EffectivenessGroup]:
    """``effectiveness`` from the counts of ``effectiveness_counts``."""
    thresholds = {
        "": (project.social_effectiveness_threshold, project.employment_effectiveness_threshold),
        "general": (project.social_effectiveness_threshold, project.employment_effectiveness_threshold),
        "disability": (
            project.social_effectiveness_threshold_disability,
            project.employment_effectiveness_threshold_disability,
        ),
    }

    def figure(key, group):
        return Figure(key, counts[f"{key}-{group}"], filter_value=group)

    return [
        EffectivenessGroup(
            code=group,
            social=Effectiveness(
                figure("effective_social", group), figure("effectiveness_base", group), thresholds[group][0]
            ),
            employment=Effectiveness(
                figure("effective_employment", group), figure("employment_base", group), thresholds[group][1]
            ),
            followed_up=figure("followed_up", group),
        )
        for group in _effectiveness_groups(project)
    ]


def _hours(total) -> Decimal:
    return Decimal(total.total_seconds() / 3600).quantize(Decimal("0.1")) if total else Decimal("0.0")


def _programme(report: OutcomeReport, project: Project, period: Period, top: int | None = None) -> None:
    """Per track and per activity: enrolled, completed, hours delivered, attendance rate. With
    ``top``, ``report.activities`` holds only the ``top`` activities with most people (most first;
    ``report.activity_count`` counts them all), and the totals per track still count every one."""
    enrolled = (
        Q(enrollments__enrolled_on__lte=period.end)
        & ~Q(enrollments__status=Enrollment.Status.WAITING)
        & (Q(enrollments__finished_on__isnull=True) | Q(enrollments__finished_on__gte=period.start))
    )
    finished = Q(
        enrollments__status=Enrollment.Status.COMPLETED,
        enrollments__finished_on__gte=period.start,
        enrollments__finished_on__lte=period.end,
    )
    # Every activity's figures as plain rows: only those shown become objects. The one join that
    # multiplies rows is the enrolments', so they are counted without DISTINCT.
    figures = {
        pk: (name, track, enrolled_n, completed_n)
        for pk, name, track, enrolled_n, completed_n in Activity.objects.filter(project=project)
        .values_list("pk", "name", "service_type__track")
        .annotate(
            enrolled=Count("enrollments", filter=enrolled),
            completed=Count("enrollments", filter=finished),
        )
        .order_by()
    }
    duration = ExpressionWrapper(F("end_time") - F("start_time"), output_field=DurationField())
    # Delivered: held by today (a schedule creates an activity's sessions in advance). The marks
    # are summed from the sessions' counters: no mark is read.
    held_by = min(period.end, timezone.localdate())
    delivered = {
        activity_id: (_hours(hours), present or 0, total or 0)
        for activity_id, hours, present, total in Session.objects.filter(
            activity__project=project, date__gte=period.start, date__lte=period.end
        )
        .values_list("activity_id")
        .annotate(
            hours=Sum(duration, filter=Q(date__lte=held_by)), present=Sum("present_count"), total=Sum("marked_count")
        )
        .order_by()
    }
    tracks = {
        track: {"label": label, "enrolled": 0, "completed": 0, "hours": Decimal(0), "present": 0, "marks": 0}
        for track, label in Track.choices
    }
    nothing = (Decimal("0.0"), 0, 0)
    for pk, (_name, track, enrolled_n, completed_n) in figures.items():
        hours, present, total = delivered.get(pk, nothing)
        bucket = tracks[track]
        bucket["enrolled"] += enrolled_n
        bucket["completed"] += completed_n
        bucket["hours"] += hours
        bucket["present"] += present
        bucket["marks"] += total
    for bucket in tracks.values():
        bucket["attendance_rate"] = percent(bucket["present"], bucket["marks"])
    report.tracks = list(tracks.values())
    report.activity_count = len(figures)
    shown = Activity.objects.filter(project=project).select_related("service_type")
    if top is None:
        activities = list(shown.order_by("service_type__track", "name"))
    else:
        ranked = sorted(figures, key=lambda pk: (-figures[pk][2], figures[pk][0], pk))[:top]
        # A query also when there is none to show (no primary key is null): the page makes the
        # same queries whatever the project holds.
        by_pk = {activity.pk: activity for activity in shown.filter(Q(pk__in=ranked) | Q(pk__isnull=True))}
        activities = [by_pk[pk] for pk in ranked]
    for activity in activities:
        _name, _track, activity.enrolled, activity.completed = figures[activity.pk]
        activity.hours_delivered, present, total = delivered.get(activity.pk, nothing)
        activity.attendance_rate = percent(present, total)
    report.activities = activities
    report.certificates = (
        Enrollment.objects.filter(
            activity__project=project,
            status=Enrollment.Status.COMPLETED,
            finished_on__gte=period.start,
            finished_on__lte=period.end,
        )
        .exclude(certificate_number="")
        .count()
    )
    # Individual support (psychologist, lawyer, career adviser…) is support delivered too.
    report.individual_support_hours = IndividualSupport.objects.filter(
        project=project, date__gte=period.start, date__lte=min(period.end, timezone.localdate())
    ).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    report.internships_completed = Internship.objects.filter(
        project=project, completed=True, end_date__gte=period.start, end_date__lte=period.end
    ).count()
