"""The ESF participant sheet: one row per person and project, generated from the column map of the
project's layout (``reports.esf_columns``), as XLSX or as CSV (semicolons, UTF-8 with a BOM, as
the funders' importers expect). Values come from the situation recorded at the start, never from
today's record; cells a spreadsheet would run as a formula are written as text."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass

import xlsxwriter
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from participants.models import (
    DETAILS_OF_STATUS,
    UNEMPLOYED,
    AreaType,
    DisabilityDegree,
    Education,
    LabourMarketStatus,
)
from participation.models import ProjectParticipation, last_started_episode
from projects.models import Project
from reports.esf_columns import EMPTY, ENTRY, FACT, FIXED, LAYOUTS, PARTICIPATION, PERSON, PROJECT, Column, Layout
from reports.outcomes import Period


class Basis:
    """Who a sheet of a period lists: those who started in it, were taking part in it, or left in it."""

    ACTIVE = "active"
    STARTED = "started"
    LEFT = "left"
    CHOICES = [
        (ACTIVE, _("taking part at any time in the period")),
        (STARTED, _("started in the period")),
        (LEFT, _("left in the period")),
    ]


@dataclass(frozen=True)
class Export:
    """What a coordinator chose: the layout, the period and who of it."""

    layout: Layout
    period: Period
    basis: str = Basis.ACTIVE


def layout_of(project: Project) -> Layout:
    return LAYOUTS[project.esf_layout]


def safe(value):
    """Text a spreadsheet will not run as a formula (cells starting with = + - @)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def date_pl(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


def participations(project: Project, period: Period, basis: str):
    """The participations in the sheet: one a person (a person who re-joined is reported with
    their last episode that started), by the chosen basis, loaded in three queries."""
    chosen = {
        Basis.STARTED: Q(start_date__range=(period.start, period.end)),
        Basis.LEFT: Q(end_date__range=(period.start, period.end)),
        Basis.ACTIVE: Q(start_date__lte=period.end) & (Q(end_date__isnull=True) | Q(end_date__gte=period.start)),
    }[basis]
    return (
        ProjectParticipation.objects.filter(last_started_episode(), chosen, project=project, start_date__isnull=False)
        .select_related("participant", "exit_situation")
        .prefetch_related("participant__risk_factors")
        .order_by("start_date", "participant__last_name", "participant__first_name", "id")
    )


def project_facts(project: Project, period: Period) -> dict:
    return {
        "agreement_number": project.code,
        "beneficiary": project.lead_organisation or settings.KIS_CENTRE_NAME,
        "title": project.title,
        "start": project.start_date,
        "end": project.end_date,
        "reporting_period": f"{date_pl(period.start)} - {date_pl(period.end)}",
    }


class Record:
    """One row's values: the participation, the person and the situation recorded at the start."""

    def __init__(self, participation: ProjectParticipation, project: dict):
        self.participation = participation
        self.person = participation.participant
        self.project = project
        # A participation started before the start was recorded falls back on the person's record.
        day = participation.start_date or participation.planned_start or self.person.registered_on
        self.entry = {**self.person.entry_snapshot(day), **participation.entry}

    def value(self, column: Column):
        if column.source == EMPTY:
            return ""
        if column.source == FIXED:
            return column.field
        raw = {
            PROJECT: lambda name: self.project[name],
            PERSON: lambda name: getattr(self.person, name),
            PARTICIPATION: lambda name: getattr(self.participation, name),
            ENTRY: lambda name: self.entry.get(name, ""),
            FACT: lambda name: getattr(self, name),
        }[column.source](column.field)
        if column.values is not None:
            return column.values[raw]  # a value the map does not know is an error, never a blank
        if isinstance(raw, datetime.date):
            return date_pl(raw)
        return "" if raw is None else raw

    # Facts worked out from the record -------------------------------------------------------

    @property
    def no_pesel(self) -> bool:
        return not self.person.pesel

    @property
    def technical_id(self) -> str:
        return f"KIS-{self.participation.pk}"

    @property
    def sex(self) -> str:
        return self.participation.sex_at_start or self.entry["sex"]

    @property
    def labour_status(self) -> str:
        return self.participation.labour_status_at_start or self.person.labour_market_status

    @property
    def labour_detail(self) -> str:
        """ "W tym": long-term unemployment for the unemployed (the ESF definition, fixed on the
        start), the recorded detail for the inactive and the employed, "other" when none is."""
        status = self.labour_status
        if status in UNEMPLOYED:
            return "long_term_unemployed" if self.participation.long_term_unemployed_esf else "unemployed_other"
        if status in DETAILS_OF_STATUS:
            detail = self.entry.get("labour_status_detail") or ""
            if detail in DETAILS_OF_STATUS[status]:
                return detail
            return "inactive_other" if status == LabourMarketStatus.INACTIVE else "employed_other"
        return ""

    @property
    def exit_situation(self) -> str:
        situation = self.participation.exit_situation
        return situation.name if situation else ""

    @property
    def origin(self) -> str:
        """The 2014–2020 sheet's one question (minority, migrant, of foreign origin) from the three."""
        answers = {self.entry.get(name) for name in ("foreign_origin", "third_country_national", "minority")}
        if "yes" in answers:
            return "yes"
        return "refused" if "refused" in answers else "no"

    @property
    def disability(self) -> str:
        degree = self.participation.disability_at_start or self.person.disability
        return {DisabilityDegree.NONE: "no", DisabilityDegree.REFUSED: "refused"}.get(degree, "yes")

    @property
    def other_disadvantage(self) -> str:
        """The answer recorded at the start; an adult with less than primary education and a
        rural resident count too (a refusal stays a refusal)."""
        answer = self.entry.get("other_disadvantage") or "no"
        if answer == "refused":
            return answer
        adult_without_primary = (
            self.entry.get("education") == Education.ISCED0 and (self.participation.age_at_start or 0) >= 18
        )
        if answer == "yes" or adult_without_primary or self.entry.get("area_type") == AreaType.RURAL:
            return "yes"
        return "no"


def records(project: Project, export: Export):
    facts = project_facts(project, export.period)
    for participation in participations(project, export.period, export.basis).iterator(chunk_size=500):
        record = Record(participation, facts)  # once per row: the situation at the start is worked out once
        yield [safe(record.value(column)) for column in export.layout.columns]


def header_lines(layout: Layout) -> list[list[str]]:
    """The header: the SL2014 file names its blocks in a line above the column headers."""
    lines = [layout.headers]
    if layout.has_blocks:
        lines.insert(0, [column.block for column in layout.columns])
    return lines


# xlsxwriter writes each row to disk as it comes (constant memory); it is told to write text as text,
# never as a formula or a link, whatever it starts with.
XLSX_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


def write_xlsx(sheet_name: str, header: list[list[str]], lines) -> bytes:
    """A one-sheet XLSX of ``header`` lines (bold) and ``lines`` (any iterable of rows): memory stays
    flat with the number of rows."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, XLSX_OPTIONS)
    sheet = workbook.add_worksheet(sheet_name[:31])
    bold = workbook.add_format({"bold": True})
    row = 0
    for row, line in enumerate(header):
        sheet.write_row(row, 0, line, bold)
    for row, line in enumerate(lines, start=len(header)):
        sheet.write_row(row, 0, line)
    workbook.close()
    return buffer.getvalue()


def render_xlsx(project: Project, export: Export) -> bytes:
    """The sheet as XLSX bytes."""
    return write_xlsx(export.layout.sheet_name, header_lines(export.layout), records(project, export))


def render_csv(project: Project, export: Export) -> bytes:
    """The sheet as CSV: semicolons, every field quoted when needed, UTF-8 with a BOM (so that
    spreadsheets and the importers read Polish letters right), lines ending in CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(header_lines(export.layout))
    writer.writerows(records(project, export))
    return buffer.getvalue().encode("utf-8-sig")
