"""How the ESF sheet reads and writes its rows fast: the light records it reads from the database hold
what the models hold (and give the same situation at the start), and the XLSX rows it writes itself are
the XML xlsxwriter writes, byte for byte."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
import xlsxwriter
from openpyxl import load_workbook

from participation.models import ProjectParticipation
from reports import esf_columns, esf_sheet
from reports.outcomes import Period

pytestmark = pytest.mark.django_db


def xlsxwriter_sheet(header, lines) -> bytes:
    """The sheet as xlsxwriter writes every row itself (constant_memory): the reference."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, esf_sheet.XLSX_OPTIONS)
    sheet = workbook.add_worksheet("Arkusz")
    bold = workbook.add_format({"bold": True})
    for row, line in enumerate(header):
        sheet.write_row(row, 0, line, bold)
    for row, line in enumerate(lines, start=len(header)):
        sheet.write_row(row, 0, line)
    workbook.close()
    return buffer.getvalue()


def parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        # docProps/core.xml holds the time the file was made
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


TRICKY = [
    ["Zażółć gęślą jaźń", "", None, 0, -7, 12345678901234567890, 3.5, 1e-20, Decimal("12.50"), True, False],
    [" leading", "trailing ", "new\nline", "ends in a new line\n", "\ttab", "a & b < c > d", 'quote "x"'],
    ["control \x01 \x1f here", "_x0041_ looks escaped", "\ufffe\uffff", "x" * 40_000],  # cut to 32,767
    ["😀" * 20_000],  # 40,000 UTF-16 units
    ["x" * 16_383, "ą" * 16_384 + "😀"],
    [],
    [None, "", None],
    ["", "", "late cell"],
    ["'=1+1", "@SUM(A1)", "http://example.com", "mailto:a@b.pl", "=HYPERLINK(1)"],
]


@pytest.mark.parametrize(
    "header, lines",
    [
        ([["Blok", "", None], ["Kolumna A", "Kolumna B", "Kolumna C"]], TRICKY),
        ([["Nagłówek"]], TRICKY),
        ([], TRICKY),
        ([["Tylko nagłówek", "bez wierszy"]], []),
        ([], []),
        ([["A", "B"]], [["", None], [None]]),
        ([["A"]], [["", "", "", "x"]]),
    ],
)
def test_the_rows_are_the_xml_xlsxwriter_writes(header, lines):
    assert parts(esf_sheet.write_xlsx("Arkusz", header, iter(lines))) == parts(xlsxwriter_sheet(header, lines))


def test_the_cells_after_a_text_cut_to_excel_s_limit_are_written():
    """xlsxwriter's write_row stopped the row at a cut text; the sheet keeps the rest of the row."""
    content = esf_sheet.write_xlsx("Arkusz", [["A", "B"]], [["x" * 40_000, "next"]])

    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    assert list(sheet.iter_rows(values_only=True))[1] == ("x" * 32_767, "next")


def test_text_that_looks_like_xml_stays_text():
    content = esf_sheet.write_xlsx("Arkusz", [["A", "B"]], [["<r>pogrubione</r>", "</t></is></c>"]])

    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    assert list(sheet.iter_rows(values_only=True)) == [("A", "B"), ("<r>pogrubione</r>", "</t></is></c>")]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), datetime.date(2025, 1, 1), ["a list"]])
def test_a_value_a_sheet_cannot_hold_is_an_error(value):
    with pytest.raises(TypeError):
        esf_sheet.write_xlsx("Arkusz", [["A"]], [[value]])


def test_the_light_records_hold_what_the_models_hold(built):
    """Every row of both layouts and every basis: the person's and the participation's fields, the
    exit and the situation at the start are those of the model instances."""
    seen = 0
    for project in (built.project, built.other_project):
        for layout in esf_columns.LAYOUTS.values():
            for basis, _label in esf_sheet.Basis.CHOICES:
                export = esf_sheet.Export(layout, Period.of_project(project), basis)
                for record in esf_sheet.sheet_records(project, export):
                    seen += 1
                    model = ProjectParticipation.objects.select_related("participant", "exit_situation").get(
                        pk=record.participation.pk
                    )
                    person = model.participant
                    for name in record.person._fields[:-1]:  # the last is the risk factors
                        assert getattr(record.person, name) == getattr(person, name), name
                    codes = {factor.code for factor in person.risk_factors.all()}
                    assert {factor.code for factor in record.person.risk_factors} == codes
                    for name in record.participation._fields[:-1]:  # the last is the exit situation
                        assert getattr(record.participation, name) == getattr(model, name), name
                    exit_name = model.exit_situation.name if model.exit_situation else None
                    assert record.participation.exit_situation == exit_name
                    day = model.start_date or model.planned_start or person.registered_on
                    assert record.entry == {**person.entry_snapshot(day), **model.entry}
    assert seen > 10
