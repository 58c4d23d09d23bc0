"""Placing a person in socially useful work and recording the hours they work.

Socially useful work is for people registered as unemployed without a right to unemployment
benefit, referred by the labour office. The labour-market status is the one recorded at the start of
the person's current or most recent participation (the ESF entry snapshot), and the person's own
record when no participation has started. The hour limits come from the settings
(``KIS_USEFUL_WORK_MAX_HOURS_PER_DAY``, ``…_PER_WEEK``, ``…_PER_MONTH``): the limits of the 2025
labour-market act are not confirmed, so each installation sets them.

Each write runs in one transaction, writes its audit entry and raises UsefulWorkError with a message
for the user.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kis.audit import back_dated, log_event
from kis.locking import claim_version
from kis.models import AuditEvent
from participants.models import LabourMarketStatus, Participant
from participation.models import ProjectParticipation
from projects.models import Partner
from usefulwork.models import Placement, WorkDay, month_end


class UsefulWorkError(Exception):
    """A placement or an entry of hours that is refused; ``str(error)`` is a translated message and
    ``field`` the form field it is about (None: the whole form)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def date_pl(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def hours_pl(hours: Decimal) -> str:
    """Hours as a person writes them: 4, 4.5 (no trailing zeros)."""
    return f"{hours.normalize():f}"


# --- Who may be placed ------------------------------------------------------------------------


@dataclass(frozen=True)
class LabourStatus:
    """The labour-market status a placement is decided on, and where it comes from (a
    participation's entry snapshot, or None for the person's record)."""

    status: str
    participation: ProjectParticipation | None

    @property
    def label(self) -> str:
        return LabourMarketStatus(self.status).label if self.status else _("not recorded")


def labour_status(participant: Participant) -> LabourStatus:
    """The status recorded at the start of the person's current or most recent started
    participation, or the person's record when none has started (one query)."""
    participation = (
        ProjectParticipation.objects.filter(participant=participant, planned_start__isnull=False)
        .select_related("project")
        .order_by("-planned_start", "-episode", "-pk")
        .first()
    )
    if participation is not None and participation.labour_status_at_start:
        return LabourStatus(participation.labour_status_at_start, participation)
    return LabourStatus(participant.labour_market_status, None)


def eligibility_refusal(participant: Participant) -> str | None:
    """Why the person cannot be placed in socially useful work, or None when their status allows it."""
    found = labour_status(participant)
    if found.status == LabourMarketStatus.REGISTERED_UNEMPLOYED:
        return None
    if found.participation is not None:
        return _(
            "Socially useful work is only for people registered as unemployed at the labour office: "
            "%(name)s was “%(status)s” at the start of the participation in %(project)s (%(date)s)."
        ) % {
            "name": participant.full_name,
            "status": found.label,
            "project": found.participation.project.code,
            "date": date_pl(found.participation.planned_start),
        }
    return _(
        "Socially useful work is only for people registered as unemployed at the labour office: "
        "%(name)s is recorded as “%(status)s”."
    ) % {"name": participant.full_name, "status": found.label}


def check_placement(placement: Placement, *, today: datetime.date, new: bool) -> None:
    """Everything a placement must meet, whoever saves it; raises UsefulWorkError. Who may be placed
    is decided when the person is placed: an edit later (the schedule, a longer period) does not
    depend on the person's status of the day."""
    if new:
        refusal = eligibility_refusal(placement.participant)
        if refusal:
            raise UsefulWorkError(refusal)
    if not placement.no_unemployment_benefit:
        raise UsefulWorkError(
            _(
                "A person entitled to unemployment benefit cannot be placed in socially useful work: "
                "confirm with the labour office that %(name)s has no right to it, and tick it."
            )
            % {"name": placement.participant.full_name},
            field="no_unemployment_benefit",
        )
    if placement.end_date < placement.start_date:
        raise UsefulWorkError(_("The end cannot be before the start."), field="end_date")
    if placement.referral_date > today:
        raise UsefulWorkError(_("The referral cannot be dated in the future."), field="referral_date")
    if placement.referral_date > placement.start_date:
        raise UsefulWorkError(
            _("The work cannot start before the labour office's referral (%(date)s).")
            % {"date": date_pl(placement.referral_date)},
            field="start_date",
        )
    if placement.labour_office_id and placement.labour_office.kind != Partner.Kind.LABOUR_OFFICE:
        raise UsefulWorkError(
            _("The referral is issued by a labour office: choose a partner of that kind."), field="labour_office"
        )
    project = placement.project
    if project is not None:
        joined = ProjectParticipation.objects.filter(
            project=project, participant=placement.participant, planned_start__isnull=False
        )
        if not joined.exists():
            raise UsefulWorkError(
                _("%(name)s has not started the project %(project)s: leave the project empty or start it first.")
                % {"name": placement.participant.full_name, "project": project.code},
                field="project",
            )


def placement_create(*, placement: Placement, user, today: datetime.date | None = None, request=None) -> Placement:
    """Place a person in socially useful work on the labour office's referral."""
    check_placement(placement, today=today or timezone.localdate(), new=True)
    with transaction.atomic():
        placement.created_by = user
        placement.save()
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.CREATE,
            obj=placement,
            details={"participant": placement.participant_id, **back_dated(placement.start_date)},
        )
    return placement


def placement_update(
    *,
    placement: Placement,
    user,
    version: int | None,
    changed: list[str],
    today: datetime.date | None = None,
    request=None,
) -> Placement:
    """Save the changes of a placement; the hours already recorded must stay within its dates.
    Raises EditedMeanwhile when someone saved the placement since the form was loaded."""
    check_placement(placement, today=today or timezone.localdate(), new=False)
    with transaction.atomic():
        claim_version(placement, version)
        outside = placement.days.exclude(date__gte=placement.start_date, date__lte=placement.end_date).first()
        if outside is not None:
            raise UsefulWorkError(
                _("Hours are recorded on %(date)s, outside these dates: remove them first, or keep the dates.")
                % {"date": date_pl(outside.date)}
            )
        placement.save()
        log_event(
            request=request, user=user, action=AuditEvent.Action.UPDATE, obj=placement, details={"fields": changed}
        )
    return placement


# --- Hours ------------------------------------------------------------------------------------


def limit(name: str) -> Decimal | None:
    """A limit of hours from the settings, read when used (an installation sets it)."""
    value = getattr(settings, name, None)
    return None if value is None else Decimal(str(value))


def hours_of(participant_id: int, start: datetime.date, end: datetime.date) -> Decimal:
    """The hours the person worked in all their placements from ``start`` to ``end`` (one query)."""
    total = WorkDay.objects.filter(placement__participant_id=participant_id, date__gte=start, date__lte=end).aggregate(
        total=Sum("hours")
    )["total"]
    return total or Decimal(0)


def check_limits(placement: Placement, on: datetime.date, hours: Decimal) -> None:
    """The day's, the week's (if set) and the month's limits of the person's hours, counted over
    all their placements."""
    monthly = limit("KIS_USEFUL_WORK_MAX_HOURS_PER_MONTH")
    if monthly is None:
        raise UsefulWorkError(
            _(
                "The monthly limit of hours of socially useful work is not set for this installation "
                "(KIS_USEFUL_WORK_MAX_HOURS_PER_MONTH): ask the administrator to set the limit in force."
            )
        )
    daily = limit("KIS_USEFUL_WORK_MAX_HOURS_PER_DAY")
    if daily is not None and hours > daily:
        raise UsefulWorkError(
            _("At most %(limit)s hours of socially useful work a day can be recorded.") % {"limit": hours_pl(daily)},
            field="hours",
        )
    weekly = limit("KIS_USEFUL_WORK_MAX_HOURS_PER_WEEK")
    if weekly is not None:
        monday = on - datetime.timedelta(days=on.weekday())
        worked = hours_of(placement.participant_id, monday, monday + datetime.timedelta(days=6))
        if worked + hours > weekly:
            raise UsefulWorkError(
                _(
                    "This would exceed the weekly limit of %(limit)s hours: %(worked)s hours are already "
                    "recorded in the week of %(date)s, so at most %(left)s more can be."
                )
                % {
                    "limit": hours_pl(weekly),
                    "worked": hours_pl(worked),
                    "date": date_pl(monday),
                    "left": hours_pl(max(weekly - worked, Decimal(0))),
                },
                field="hours",
            )
    month = on.replace(day=1)
    worked = hours_of(placement.participant_id, month, month_end(month))
    if worked + hours > monthly:
        raise UsefulWorkError(
            _(
                "This would exceed the monthly limit of %(limit)s hours: %(worked)s hours are already "
                "recorded in %(month)s, so at most %(left)s more can be."
            )
            % {
                "limit": hours_pl(monthly),
                "worked": hours_pl(worked),
                "month": on.strftime("%m.%Y"),
                "left": hours_pl(max(monthly - worked, Decimal(0))),
            },
            field="hours",
        )


def workday_record(
    *, placement_id: int, user, on: datetime.date, hours: Decimal, today: datetime.date | None = None, request=None
) -> WorkDay:
    """Record the hours the person worked on one day of the placement."""
    today = today or timezone.localdate()
    if hours is None or hours <= 0:
        raise UsefulWorkError(_("Give the hours worked: more than 0."), field="hours")
    if (hours * 2) % 1:
        raise UsefulWorkError(_("Give the hours in full or half hours, e.g. 4 or 4.5."), field="hours")
    if on > today:
        raise UsefulWorkError(_("Hours cannot be recorded for a day in the future."), field="date")
    try:
        with transaction.atomic():
            placement = Placement.objects.select_related("participant").get(pk=placement_id)
            # The person's row is locked: the limits count all their placements, and two entries
            # made at once must not both fit under a limit only one of them fits under.
            list(Participant.objects.select_for_update().filter(pk=placement.participant_id).values_list("pk"))
            if not placement.covers(on):
                raise UsefulWorkError(
                    _("%(date)s is outside the placement (%(start)s – %(end)s).")
                    % {"date": date_pl(on), "start": date_pl(placement.start_date), "end": date_pl(placement.end_date)},
                    field="date",
                )
            same_day = WorkDay.objects.filter(placement__participant_id=placement.participant_id, date=on).first()
            if same_day is not None:
                raise UsefulWorkError(
                    _("Hours of %(date)s are already recorded (%(hours)s h): remove that entry first to correct it.")
                    % {"date": date_pl(on), "hours": hours_pl(same_day.hours)},
                    field="date",
                )
            check_limits(placement, on, hours)
            day = WorkDay.objects.create(placement=placement, date=on, hours=hours, recorded_by=user)
            log_event(
                request=request,
                user=user,
                action=AuditEvent.Action.CREATE,
                obj=day,
                details={"placement": placement.pk, "date": on.isoformat(), "hours": str(hours), **back_dated(on)},
            )
    except IntegrityError:  # a parallel submission of the same day got there first
        raise UsefulWorkError(
            _("Hours of %(date)s are already recorded.") % {"date": date_pl(on)}, field="date"
        ) from None
    return day


def workday_remove(*, workday_id: int, user, request=None) -> WorkDay:
    """Remove an entry of hours (a mistake, to be entered again); the audit trail keeps what it said."""
    with transaction.atomic():
        day = WorkDay.objects.select_for_update().select_related("placement").filter(pk=workday_id).first()
        if day is None:
            raise UsefulWorkError(_("This entry has already been removed."))
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.DELETE,
            obj=day,
            details={"placement": day.placement_id, "date": day.date.isoformat(), "hours": str(day.hours)},
        )
        day.delete()
    return day
