"""Socially useful work in the reports: the hours worked month by month, and by how many people —
for a project's placements over the report's period, and for the whole club on the dashboard. Each
is one aggregate query."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from projects.models import Project
from reports.outcomes import Period
from usefulwork.models import WorkDay

DASHBOARD_MONTHS = 6


@dataclass(frozen=True)
class MonthHours:
    month: datetime.date  # the first day of the month
    people: int
    hours: Decimal


@dataclass(frozen=True)
class HoursByMonth:
    rows: list[MonthHours]

    @property
    def total(self) -> Decimal:
        return sum((row.hours for row in self.rows), Decimal(0))

    def __bool__(self) -> bool:
        return bool(self.rows)


def hours_by_month(days) -> HoursByMonth:
    """``days`` (WorkDay rows) summed by calendar month, oldest first; a person counts once a month."""
    rows = (
        days.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(people=Count("placement__participant", distinct=True), hours=Sum("hours"))
        .order_by("month")
    )
    return HoursByMonth([MonthHours(row["month"], row["people"], row["hours"]) for row in rows])


def project_hours(project: Project, period: Period) -> HoursByMonth:
    """The hours of the project's placements worked within the period, by month."""
    return hours_by_month(WorkDay.objects.filter(placement__project=project, date__range=(period.start, period.end)))


def recent_hours(months: int = DASHBOARD_MONTHS, today: datetime.date | None = None, people=None) -> HoursByMonth:
    """The hours of every placement (of ``people``, everyone's by default) in the last ``months``
    calendar months (this one included)."""
    today = today or timezone.localdate()
    index = today.year * 12 + today.month - 1 - (months - 1)
    since = datetime.date(index // 12, index % 12 + 1, 1)
    days = WorkDay.objects.filter(date__gte=since, date__lte=today)
    if people is not None:
        days = days.filter(placement__participant__in=people)
    return hours_by_month(days)
