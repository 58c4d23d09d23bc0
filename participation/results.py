"""The results of a path and what counts of them, by the ESF guidelines (DOMAIN-REFERENCE):

- the situation on leaving is an immediate result only up to 4 weeks after leaving, and a
  qualification only when certified by an authorised body (an internal certificate does not count);
- effectiveness is checked within 3 months after leaving: social progress of the kinds the
  guidelines name, and employment of a type they count — an employment contract of at least
  3 months at least half-time, a civil-law contract of at least 3 months paying at least the
  minimum wage, or self-employment — with its dates and evidence.

The checks raise ``ParticipationError`` with a message for the user; the services store what they
decide (``exit_result_counts``, ``followup_employed``, ``followup_social_progress``), so the report
counts with plain filters.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from participation.models import (
    EXIT_RESULT_DAYS,
    FOLLOW_UP_MONTHS,
    FULL_TIME_HOURS,
    SOCIAL_PROGRESS,
    EmploymentType,
    ExitSituation,
)


class ParticipationError(Exception):
    """A refused move; ``str(error)`` is a translated message for the user."""


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def dmy(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


@dataclass
class ExitData:
    """The situation on leaving, as the worker records it with the end."""

    situation: ExitSituation | None = None
    on: datetime.date | None = None  # by default the day of leaving
    qualification_certified: bool | None = None
    qualification_body: str = ""


def check_exit(exit: ExitData, *, left_on: datetime.date, today: datetime.date) -> tuple[datetime.date | None, bool]:
    """(the date of the situation, whether it counts as an immediate result); raise when incomplete."""
    if exit.situation is None:
        return None, False
    on = exit.on or left_on
    if on < left_on:
        raise ParticipationError(_("The situation on leaving cannot be dated before the end of participation."))
    if on > today:
        raise ParticipationError(_("The situation on leaving cannot be dated in the future."))
    counts = (on - left_on).days <= EXIT_RESULT_DAYS
    if exit.situation.is_qualification:
        if exit.qualification_certified is None:
            raise ParticipationError(
                _("Say whether the qualification was certified by an authorised body (an internal certificate is not).")
            )
        if exit.qualification_certified and not exit.qualification_body.strip():
            raise ParticipationError(_("Give the body that certified the qualification."))
        counts = counts and exit.qualification_certified
    return on, counts


@dataclass
class Employment:
    """Employment found after leaving, as recorded at the follow-up."""

    type: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None  # None: open-ended
    hours_per_week: Decimal | None = None
    minimum_wage: bool | None = None
    evidence: str = ""

    def lasts_three_months(self) -> bool:
        return self.start is not None and (
            self.end is None or self.end >= months_after(self.start, 3) - datetime.timedelta(days=1)
        )

    def counts(self, *, left_on: datetime.date) -> bool:
        """Whether the guidelines count it: of a counted type, begun within 3 months after leaving."""
        if not self.type or self.start is None or self.start > months_after(left_on, FOLLOW_UP_MONTHS):
            return False
        if self.type == EmploymentType.EMPLOYMENT_CONTRACT:
            half_time = self.hours_per_week is not None and self.hours_per_week * 2 >= FULL_TIME_HOURS
            return half_time and self.lasts_three_months()
        if self.type == EmploymentType.CIVIL_LAW:
            return bool(self.minimum_wage) and self.lasts_three_months()
        return self.type == EmploymentType.SELF_EMPLOYMENT


@dataclass
class FollowUp:
    on: datetime.date
    social_progress: list[str] = field(default_factory=list)
    looking_for_work: bool = False
    qualification: bool = False
    employment: Employment = field(default_factory=Employment)


def check_follow_up(follow_up: FollowUp, *, left_on: datetime.date, today: datetime.date) -> None:
    """Refuse a follow-up outside the 3 months after leaving, or with its employment incomplete."""
    by = months_after(left_on, FOLLOW_UP_MONTHS)
    if follow_up.on < left_on:
        raise ParticipationError(_("The follow-up cannot be dated before the end of participation."))
    if follow_up.on > today:
        raise ParticipationError(_("The follow-up cannot be dated in the future."))
    if follow_up.on > by:
        raise ParticipationError(
            _(
                "Effectiveness is checked within 3 months after leaving: date the follow-up between %(start)s "
                "and %(end)s."
            )
            % {"start": dmy(left_on), "end": dmy(by)}
        )
    if set(follow_up.social_progress) - set(SOCIAL_PROGRESS):
        raise ParticipationError(_("Unknown kind of social progress."))
    job = follow_up.employment
    if not job.type:
        if job.start or job.end or job.hours_per_week or job.evidence.strip():
            raise ParticipationError(_("Choose the type of employment, or leave its details empty."))
        return
    if job.type not in EmploymentType.values:
        raise ParticipationError(_("Unknown type of employment."))
    if job.start is None:
        raise ParticipationError(_("Give the date the employment began."))
    if job.start > follow_up.on:
        raise ParticipationError(
            _("The employment begins after the follow-up: record it once it has begun (by %(date)s).")
            % {"date": dmy(months_after(left_on, FOLLOW_UP_MONTHS))}
        )
    if job.end is not None and job.end < job.start:
        raise ParticipationError(_("The employment cannot end before it began."))
    if not job.evidence.strip():
        raise ParticipationError(_("Say what shows the employment (e.g. a copy of the contract, an entry in CEIDG)."))
    if job.type == EmploymentType.EMPLOYMENT_CONTRACT and not job.hours_per_week:
        raise ParticipationError(_("Give the working hours a week of the employment contract."))
    if job.type == EmploymentType.CIVIL_LAW and job.minimum_wage is None:
        raise ParticipationError(_("Say whether the civil-law contract pays at least the minimum wage."))
