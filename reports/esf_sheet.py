"""The ESF participant sheet: one row per person and project, generated from the column map of the
project's layout (``reports.esf_columns``), as XLSX or as CSV (semicolons, UTF-8 with a BOM, as
the funders' importers expect). Values come from the situation recorded at the start, never from
today's record; cells a spreadsheet would run as a formula are written as text."""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
import shutil
import tempfile
import zipfile
from collections import namedtuple
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import isinf, isnan
from operator import attrgetter

import xlsxwriter
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from participants.models import (
    DETAILS_OF_STATUS,
    UNEMPLOYED,
    AreaType,
    DisabilityDegree,
    Education,
    LabourMarketStatus,
    Participant,
)
from participation.models import ProjectParticipation, last_started_episode
from projects.models import Project
from reports.esf_columns import (
    EMPTY,
    ENTRY,
    FACT,
    FIXED,
    LAYOUTS,
    PARTICIPATION,
    PERSON,
    PROJECT,
    SOURCES,
    Column,
    Layout,
)
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


@functools.lru_cache(maxsize=4096)  # a sheet has two dates a row, of a few hundred days
def date_pl(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


def participations(project: Project, period: Period, basis: str):
    """The participations in the sheet: one a person (a person who re-joined is reported with
    their last episode that started), by the chosen basis."""
    chosen = {
        Basis.STARTED: Q(start_date__range=(period.start, period.end)),
        Basis.LEFT: Q(end_date__range=(period.start, period.end)),
        Basis.ACTIVE: Q(start_date__lte=period.end) & (Q(end_date__isnull=True) | Q(end_date__gte=period.start)),
    }[basis]
    return ProjectParticipation.objects.filter(
        last_started_episode(), chosen, project=project, start_date__isnull=False
    ).order_by("start_date", "participant__last_name", "participant__first_name", "id")


def project_facts(project: Project, period: Period) -> dict:
    return {
        "agreement_number": project.code,
        "beneficiary": project.lead_organisation or settings.KIS_CENTRE_NAME,
        "title": project.title,
        "start": project.start_date,
        "end": project.end_date,
        "reporting_period": f"{date_pl(period.start)} - {date_pl(period.end)}",
    }


# The sheet reads plain rows (``values_list``), never model instances: the fields of a participation
# and of its person that the facts of ``Record`` and ``Participant.entry_snapshot`` read, and those the
# layout names. The columns of the layout are worked out into a row once (``Cells``), not cell by cell.
PARTICIPATION_FIELDS = (
    "pk start_date planned_start sex_at_start labour_status_at_start long_term_unemployed_esf disability_at_start"
    " age_at_start entry"
).split()
PERSON_FIELDS = (
    "pesel registered_on labour_market_status disability"  # Record
    " date_of_birth sex education citizenship citizenship_group voivodeship county commune town street house_number"
    " flat_number postal_code area_type labour_status_detail occupation employer foreign_origin"
    " third_country_national minority refused_homeless refused_other_disadvantage"  # Participant.entry_snapshot
).split()


class RiskFactors(tuple):
    """A person's risk factors as ``Participant.entry_snapshot`` reads them (``.all()``, ``.code``)."""

    def all(self):
        return self


RiskFactorCode = namedtuple("RiskFactorCode", "code")


def risk_factors(participations) -> dict[int, RiskFactors]:
    """The risk factors of the people of the sheet, by person, in one query."""
    through = Participant.risk_factors.through.objects.filter(
        participant_id__in=participations.values("participant_id")
    ).order_by("participant_id", "riskfactor_id")
    found: dict[int, list] = {}
    codes: dict[str, RiskFactorCode] = {}
    for person, code in through.values_list("participant_id", "riskfactor__code").iterator(chunk_size=2000):
        found.setdefault(person, []).append(codes.setdefault(code, RiskFactorCode(code)))
    return {person: RiskFactors(factors) for person, factors in found.items()}


def row_classes(layout: Layout):
    """The fields to read, and the participation and the person of a row as light records of them
    (the person with the methods of ``Participant`` the situation at the start is worked out by)."""
    named = {source: [column.field for column in layout.columns if column.source == source] for source in SOURCES}
    participation_fields = list(dict.fromkeys([*PARTICIPATION_FIELDS, *named[PARTICIPATION]]))
    person_fields = list(dict.fromkeys([*PERSON_FIELDS, *named[PERSON]]))
    participation = namedtuple("Participation", [*participation_fields, "exit_situation"])
    methods = {name: getattr(Participant, name) for name in ("OTHER_DISADVANTAGE", "age_on", "entry_snapshot")}
    person = type("Person", (namedtuple("Person", [*person_fields, "risk_factors"]),), {"__slots__": (), **methods})
    query = [*participation_fields, "exit_situation__name", *(f"participant__{name}" for name in person_fields)]
    return query, participation, person, len(participation_fields) + 1


class Record:
    """One row's values: the participation, the person and the situation recorded at the start."""

    __slots__ = ("participation", "person", "entry")

    def __init__(self, participation, person):
        self.participation = participation
        self.person = person
        # A participation started before the start was recorded falls back on the person's record.
        day = participation.start_date or participation.planned_start or person.registered_on
        self.entry = {**person.entry_snapshot(day), **participation.entry}

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
        name = self.participation.exit_situation  # the situation's name (none when not recorded)
        return "" if name is None else name

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


def text(raw):
    """A value the map of its column does not translate, as the sheet writes it."""
    if raw is None:
        return ""
    if isinstance(raw, datetime.date):
        return date_pl(raw)
    return safe(raw)


class Cells:
    """The layout's columns worked out once: the cells that are the same in every row (empty, fixed,
    the project's) and, for the others, how a record's value is read and written."""

    def __init__(self, layout: Layout, project: dict):
        self.template = []
        self.cells = []  # (position, read the raw value of a record, write it)
        for position, column in enumerate(layout.columns):
            write = text if column.values is None else self.translation(column.values)
            if column.source == EMPTY:
                self.template.append("")
            elif column.source == FIXED:
                self.template.append(safe(column.field))
            elif column.source == PROJECT:
                self.template.append(write(project[column.field]))
            else:
                self.template.append("")
                self.cells.append((position, self.reader(column), write))

    @staticmethod
    def translation(values):
        # A value the map does not know is an error (a KeyError), never a blank.
        return {stored: safe(wording) for stored, wording in values.items()}.__getitem__

    @staticmethod
    def reader(column: Column):
        name = column.field
        if column.source == ENTRY:
            return lambda record: record.entry.get(name, "")
        return attrgetter({PERSON: f"person.{name}", PARTICIPATION: f"participation.{name}", FACT: name}[column.source])

    def line(self, record: Record) -> list:
        line = self.template.copy()
        for position, read, write in self.cells:
            line[position] = write(read(record))
        return line


def sheet_records(project: Project, export: Export):
    """The sheet's records, one by one as the database gives them, in two queries (the people's risk
    factors, then the rows)."""
    chosen = participations(project, export.period, export.basis)
    factors = risk_factors(chosen)
    query, participation, person, split = row_classes(export.layout)
    make = tuple.__new__
    for row in chosen.values_list(*query, "participant_id").iterator(chunk_size=2000):
        factors_of = factors.get(row[-1], RiskFactors())
        yield Record(make(participation, row[:split]), make(person, (*row[split:-1], factors_of)))


def records(project: Project, export: Export):
    """The sheet's rows, streamed (the situation at the start of each is worked out once)."""
    cells = Cells(export.layout, project_facts(project, export.period))
    return map(cells.line, sheet_records(project, export))


def header_lines(layout: Layout) -> list[list[str]]:
    """The header: the SL2014 file names its blocks in a line above the column headers."""
    lines = [layout.headers]
    if layout.has_blocks:
        lines.insert(0, [column.block for column in layout.columns])
    return lines


# xlsxwriter makes the workbook and writes the header (bold); it is told to write text as text, never as
# a formula or a link, whatever it starts with. The rows are written here, to a temporary file as they
# come (memory stays flat with the number of rows), in the XML xlsxwriter's constant_memory mode writes
# them in, and put into the sheet's part when the workbook is packed: xlsxwriter's writing of a cell
# took most of the time of a large sheet.
XLSX_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
SHEET_PART = "xl/worksheets/sheet1.xml"
MAX_ROWS, MAX_COLUMNS, MAX_TEXT = 1_048_576, 16_384, 32_767  # Excel's limits (text in UTF-16 units)
SPECIAL = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
ESCAPED_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
PRESERVE = re.compile(r"^\s|\s$")
NOT_PLAIN = re.compile(f"{SPECIAL.pattern}|{PRESERVE.pattern}")  # text written as it is but for these
NUMBERS = (int, float, Decimal, Fraction)


def cell_text(value: str) -> str:
    """Text as an inline string: too long cut to Excel's limit, control characters as _xHHHH_ (and a
    literal _xHHHH_ escaped), XML escaped; leading or trailing white space kept."""
    if len(value) > MAX_TEXT // 2 and len(value.encode("utf-16-le", "surrogatepass")) // 2 > MAX_TEXT:
        units, cut = 0, len(value)
        for index, char in enumerate(value):
            units += 2 if ord(char) > 0xFFFF else 1
            if units > MAX_TEXT:
                cut = index
                break
        value = value[:cut]
    if SPECIAL.search(value):
        value = ESCAPED_ESCAPE.sub(r"_x005F\1", value)
        value = CONTROL.sub(lambda match: f"_x{ord(match.group(1)):04X}_", value)
        value = value.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if PRESERVE.search(value) else ""
    return f' t="inlineStr"><is><t{space}>{value}</t></is></c>'


def cell_value(value) -> str | None:
    """The end of a cell's element after its reference; none for an empty cell (not written)."""
    if value is None or isinstance(value, str) and not value:
        return None
    if isinstance(value, str):
        return cell_text(value)
    if value.__class__ is bool:
        return f' t="b"><v>{int(value)}</v></c>'
    if isinstance(value, NUMBERS):
        if isnan(value) or isinf(value):
            raise TypeError("NAN/INF is not written to a sheet")
        return f"><v>{value:.16G}</v></c>"
    raise TypeError(f"Unsupported type {type(value)} in a sheet")


class Extent:
    """The range of the cells written: the sheet's dimension."""

    def __init__(self):
        self.top = self.left = self.bottom = self.right = None

    def add(self, row: int, first: int, last: int):
        self.top = row if self.top is None else self.top
        self.bottom = row
        self.left = first if self.left is None else min(self.left, first)
        self.right = last if self.right is None else max(self.right, last)

    def ref(self) -> str:
        if self.top is None:
            return "A1"
        first, last = xl_rowcol_to_cell(self.top, self.left), xl_rowcol_to_cell(self.bottom, self.right)
        return first if first == last else f"{first}:{last}"


def write_rows(file, lines, start: int, extent: Extent):
    """Each line as a row element, from row ``start``, in blocks of a thousand rows."""
    names: list[str] = []
    block = []
    for row, line in enumerate(lines, start=start):
        if row >= MAX_ROWS:
            break
        names += (xl_col_to_name(column) for column in range(len(names), min(len(line), MAX_COLUMNS)))
        number = str(row + 1)
        cells = []
        first = last = 0
        for column, value in enumerate(line[:MAX_COLUMNS]):
            if value.__class__ is str and len(value) <= MAX_TEXT // 2 and not NOT_PLAIN.search(value):
                if not value:
                    continue
                cells.append(f'<c r="{names[column]}{number}" t="inlineStr"><is><t>{value}</t></is></c>')
            else:
                rest = cell_value(value)
                if rest is None:
                    continue
                cells.append(f'<c r="{names[column]}{number}"{rest}')
            if len(cells) == 1:
                first = column
            last = column
        if cells:
            extent.add(row, first, last)
            block.append(f'<row r="{number}">{"".join(cells)}</row>')
        if len(block) == 1000:
            file.write("".join(block).encode())
            block = []
    file.write("".join(block).encode())


def write_xlsx(sheet_name: str, header: list[list[str]], lines) -> bytes:
    """A one-sheet XLSX of ``header`` lines (bold) and ``lines`` (any iterable of rows): memory stays
    flat with the number of rows."""
    extent = Extent()
    for row, line in enumerate(header):
        if line:
            extent.add(row, 0, len(line) - 1)
    with tempfile.TemporaryFile() as rows:
        write_rows(rows, lines, len(header), extent)
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, XLSX_OPTIONS)
        sheet = workbook.add_worksheet(sheet_name[:31])
        bold = workbook.add_format({"bold": True})
        for row, line in enumerate(header):
            sheet.write_row(row, 0, line, bold)
        workbook.close()
        return with_rows(buffer, rows, extent)


def with_rows(workbook: io.BytesIO, rows, extent: Extent) -> bytes:
    """The workbook packed again with the rows after the header in its sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as packed:
        for part in source.infolist():
            if part.filename != SHEET_PART:
                packed.writestr(part, source.read(part))
                continue
            xml = source.read(part).decode()
            xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{extent.ref()}"/>', xml, count=1)
            if not rows.tell():
                packed.writestr(part, xml)
                continue
            head, tail = xml.replace("<sheetData/>", "<sheetData></sheetData>", 1).split("</sheetData>", 1)
            with packed.open(part, "w") as sheet:
                sheet.write(head.encode())
                rows.seek(0)
                shutil.copyfileobj(rows, sheet)
                sheet.write(f"</sheetData>{tail}".encode())
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
