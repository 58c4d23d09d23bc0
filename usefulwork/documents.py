"""The monthly settlement list of socially useful work (lista do rozliczenia) for the labour office:
for each person at a placement organisation, every day of the month with the hours worked, the
total, and the lines to sign. As a PDF (printed in Polish, with the project's funding emblems) and
as XLSX (cells a spreadsheet would run as a formula written as text)."""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from kis.files import PDF, XLSX, Document
from kis.pdf import render_pdf
from usefulwork.models import Placement, WorkDay, month_end


@dataclass(frozen=True)
class DayRow:
    day: datetime.date
    hours: Decimal | None
    in_placement: bool  # the day falls within the placement's dates


@dataclass(frozen=True)
class Sheet:
    """One person's list at one organisation for one month."""

    placement: Placement
    month: datetime.date
    rows: list[DayRow]

    @property
    def total(self) -> Decimal:
        return sum((row.hours for row in self.rows if row.hours), Decimal(0))

    @property
    def days_worked(self) -> int:
        return sum(1 for row in self.rows if row.hours)


def month_days(month: datetime.date) -> list[datetime.date]:
    return [month.replace(day=day) for day in range(1, month_end(month).day + 1)]


def sheets(placements: list[Placement], month: datetime.date) -> list[Sheet]:
    """The sheets of ``placements`` (with their person, organisations and project loaded) for the
    month of ``month``: one query for the hours, whatever the number of people."""
    month = month.replace(day=1)
    hours = {
        (placement_id, day): value
        for placement_id, day, value in WorkDay.objects.filter(
            placement__in=[p.pk for p in placements], date__gte=month, date__lte=month_end(month)
        ).values_list("placement_id", "date", "hours")
    }
    return [
        Sheet(
            placement=placement,
            month=month,
            rows=[DayRow(day, hours.get((placement.pk, day)), placement.covers(day)) for day in month_days(month)],
        )
        for placement in placements
    ]


class SettlementPdf:
    """The settlement list as a PDF to sign: a page per person."""

    def __init__(self, sheets_: list[Sheet], name: str):
        self.sheets, self.name = sheets_, name

    def render(self) -> Document:
        language = settings.LANGUAGE_CODE
        with translation.override(language):
            pages = [(sheet, facts(sheet)) for sheet in self.sheets]
        content = render_pdf("usefulwork/settlement_pdf.html", {"pages": pages}, language=language)
        return Document(f"{self.name}.pdf", PDF, content)


def safe(value):
    """Text a spreadsheet will not run as a formula (cells starting with = + - @)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


SHEET_TITLE_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def sheet_title(number: int, sheet: Sheet) -> str:
    """A worksheet's name: at most 31 characters, none of those Excel refuses, unique by its number."""
    person = sheet.placement.participant
    return SHEET_TITLE_UNSAFE.sub(" ", f"{number} {person.last_name} {person.first_name}")[:31]


def date_pl(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def facts(sheet: Sheet) -> list[tuple[str, str]]:
    """The heading of a sheet: what the labour office reads the list by."""
    placement = sheet.placement
    person = placement.participant
    organisation = placement.organisation
    project = placement.project
    rows = [
        (_("Organiser"), settings.KIS_CENTRE_NAME),
        (_("Labour office"), str(placement.labour_office or "—")),
        (
            _("Referral"),
            _("no. %(number)s of %(date)s")
            % {"number": placement.referral_number, "date": date_pl(placement.referral_date)},
        ),
        (
            _("Participant"),
            f"{person.first_name} {person.last_name}" + (f", PESEL {person.pesel}" if person.pesel else ""),
        ),
        (_("Placement organisation"), ", ".join(part for part in (organisation.name, organisation.address) if part)),
        (_("Kind of work"), placement.kind_of_work or "—"),
        (_("Schedule"), placement.schedule),
        (_("Placement period"), f"{date_pl(placement.start_date)} – {date_pl(placement.end_date)}"),
    ]
    if project is not None:
        rows.append((_("Project"), f"{project.code} — {project.title}"))
    return rows


def bold(worksheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=safe(value))
    cell.font = Font(bold=True)
    return cell


class SettlementXlsx:
    """The settlement list as XLSX: a worksheet per person (write-only: memory stays flat)."""

    def __init__(self, sheets_: list[Sheet], name: str):
        self.sheets, self.name = sheets_, name

    def render(self) -> Document:
        workbook = Workbook(write_only=True)
        with translation.override(settings.LANGUAGE_CODE):
            for number, sheet in enumerate(self.sheets, start=1):
                self.write(workbook.create_sheet(sheet_title(number, sheet)), sheet)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return Document(f"{self.name}.xlsx", XLSX, buffer.getvalue(), attachment=True)

    def write(self, worksheet, sheet: Sheet) -> None:
        month = formats.date_format(sheet.month, "F Y").lower()
        worksheet.append([bold(worksheet, _("Settlement list of socially useful work — %(month)s") % {"month": month})])
        for label, value in facts(sheet):
            worksheet.append([bold(worksheet, label), safe(value)])
        worksheet.append([])
        headers = [_("No."), _("Date"), _("Day of the week"), _("Hours worked"), _("Signature of the participant")]
        worksheet.append([bold(worksheet, title) for title in headers])
        for number, row in enumerate(sheet.rows, start=1):
            hours = row.hours if row.hours else ("" if row.in_placement else "—")
            worksheet.append([number, date_pl(row.day), formats.date_format(row.day, "l"), hours, ""])
        worksheet.append([bold(worksheet, _("Total hours")), "", "", sheet.total])
        worksheet.append([_("Days worked"), "", "", sheet.days_worked])
        worksheet.append([])
        for line in (
            _("signature of the participant"),
            _("signature of the placement organisation"),
            _("signature of the KIS coordinator"),
        ):
            worksheet.append([line, "……………………………………"])
