"""Reporting periods: the whole project by default, quick picks of calendar quarters and
half-years, or any range; bad input falls back to a sensible default with a message."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from projects.models import Project
from reports.outcomes import Period


def parse_date(raw: str | None) -> datetime.date | None:
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw.strip())
    except ValueError:
        return None


def period_from_query(project: Project, query) -> tuple[Period, list[str]]:
    """The period asked for in ``query`` (``start``, ``end`` as YYYY-MM-DD) and any warnings."""
    default = Period.of_project(project)
    warnings = []
    raw_start, raw_end = query.get("start"), query.get("end")
    start, end = parse_date(raw_start), parse_date(raw_end)
    if (raw_start and start is None) or (raw_end and end is None):
        warnings.append(_("A date could not be read (use the form YYYY-MM-DD); the whole project is shown."))
        return default, warnings
    start, end = start or default.start, end or default.end
    if end < start:
        warnings.append(_("The end of the period was before its start; the whole project is shown."))
        return default, warnings
    return Period(start, end), warnings


def quick_picks(project: Project) -> list[tuple[str, Period]]:
    """Calendar quarters and half-years that overlap the project."""
    picks = [(_("whole project"), Period.of_project(project))]
    for year in range(project.start_date.year, project.end_date.year + 1):
        for half in (1, 2):
            start = datetime.date(year, 1 if half == 1 else 7, 1)
            end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
            if start <= project.end_date and end >= project.start_date:
                picks.append((_("H%(half)s %(year)s") % {"half": half, "year": year}, Period(start, end)))
        for quarter in range(1, 5):
            start = datetime.date(year, 3 * quarter - 2, 1)
            end = (datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)) - datetime.timedelta(days=1)
            if start <= project.end_date and end >= project.start_date:
                picks.append((_("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}, Period(start, end)))
    return picks
