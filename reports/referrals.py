"""Referrals to specialists in the reports: per service, how many a project issued within a period
and how many of them were attended (the outcome report); how many wait too long to be accepted
(the coordinator's dashboard)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from activities.models import Referral
from activities.referrals.models import WAITING_DAYS, attended_condition
from kis.numbers import percent
from projects.models import Project


@dataclass(frozen=True)
class ServiceRow:
    service: str
    issued: int
    attended: int

    @property
    def rate(self) -> int | None:
        return percent(self.attended, self.issued)


def by_service(project: Project, period) -> list[ServiceRow]:
    """The project's referrals issued within ``period``, per service, and of them those attended by
    the end of the period: with a meeting recorded under it or an appointment attended (the one
    condition of ``attended_condition``). One query."""
    rows = (
        Referral.objects.filter(project=project, issued_on__gte=period.start, issued_on__lte=period.end)
        .values("service__name")
        .annotate(issued=Count("pk"), attended=Count("pk", filter=attended_condition(until=period.end)))
        .order_by("service__name")
    )
    return [ServiceRow(row["service__name"], row["issued"], row["attended"]) for row in rows]


def waiting_count(people=None) -> int:
    """Referrals (of ``people``, everyone's by default) issued more than WAITING_DAYS days ago and
    neither accepted nor in progress. One query."""
    waiting = Referral.objects.waiting(days=WAITING_DAYS)
    if people is not None:
        waiting = waiting.filter(participant__in=people)
    return waiting.count()
