"""How many people take part in each programme in a period: counts only, never the people behind
them, so the Niebieska Karta procedure is counted like the others (for coordinators and managers)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from programmes.models import Programme


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date


def counts_by_programme(period) -> list[Programme]:
    """Every programme with ``people`` (linked at any time in the period), ``started`` and
    ``ended`` (links that began or ended in it); ``period`` is a ``Period`` or anything with
    ``start`` and ``end`` dates (as ``reports.outcomes.Period``). Inactive programmes with nobody
    in the period are left out. One query."""
    start, end = period.start, period.end
    running = Q(links__started_on__lte=end) & (Q(links__ended_on__isnull=True) | Q(links__ended_on__gte=start))
    rows = (
        Programme.objects.select_related("location")
        .annotate(
            people=Count("links__participant", filter=running, distinct=True),
            started=Count("links", filter=Q(links__started_on__range=(start, end)), distinct=True),
            ended=Count("links", filter=Q(links__ended_on__range=(start, end)), distinct=True),
        )
        .order_by("name")
    )
    return [row for row in rows if row.is_active or row.people]
