"""The ESF participant sheet (XLSX), opened with openpyxl: one row per person who started, in the
column order of the project's layout and the funder's Polish wording, safe from formula
injection, for managers only, and every download in the audit trail."""

import io
import re

import pytest
from openpyxl import load_workbook

from kis.models import AuditEvent
from participants.models import LabourMarketStatus
from participation.models import ProjectParticipation
from projects.models import Project
from reports import esf_sheet
from reports.tests.factories import ReportProjectFactory

pytestmark = pytest.mark.django_db

# SL2014 "Dane uczestników", as listed in DOMAIN-REFERENCE.md (written out here, not taken from the code).
SL2014 = [
    "Kraj",
    "Rodzaj uczestnika",
    "Nazwa instytucji",
    "Imię",
    "Nazwisko",
    "PESEL",
    "Brak PESEL",
    "Płeć",
    "Wiek w chwili przystąpienia do projektu",
    "Wykształcenie",
    "Województwo",
    "Powiat",
    "Gmina",
    "Miejscowość",
    "Ulica",
    "Nr budynku",
    "Nr lokalu",
    "Kod pocztowy",
    "Obszar wg stopnia urbanizacji (DEGURBA)",
    "Telefon kontaktowy",
    "Adres e-mail",
    "Data rozpoczęcia udziału w projekcie",
    "Data zakończenia udziału w projekcie",
    "Status osoby na rynku pracy w chwili przystąpienia do projektu",
    "W tym",
    "Wykonywany zawód",
    "Zatrudniony w",
    "Sytuacja (1) osoby w momencie zakończenia udziału w projekcie",
    "Sytuacja (2) osoby w momencie zakończenia udziału w projekcie",
    "Inne rezultaty dotyczące osób młodych",
    "Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa",
    "Rodzaj przyznanego wsparcia",
    "W tym",
    "Data rozpoczęcia udziału we wsparciu",
    "Data zakończenia udziału we wsparciu",
    "Data założenia działalności gospodarczej",
    "Kwota środków przyznanych na założenie działalności gospodarczej",
    "PKD założonej działalności gospodarczej",
    "Osoba należąca do mniejszości narodowej lub etnicznej, migrant, osoba obcego pochodzenia",
    "Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań",
    "Osoba z niepełnosprawnościami",
    "Osoba w innej niekorzystnej sytuacji społecznej",
]
# What 2021–2027 adds or renames (DOMAIN-REFERENCE.md).
CST2021_ADDED = [
    "PESEL/Inny identyfikator",
    "Techniczny identyfikator uczestnika",
    "Obywatelstwo",
    "Zakres wsparcia",
    "Osoba obcego pochodzenia",
    "Obywatel państwa trzeciego",
    "Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności marginalizowane)",
    "Numer projektu",
]
DATE_COLUMNS = [
    "Data rozpoczęcia udziału w projekcie",
    "Data zakończenia udziału w projekcie",
    "Data rozpoczęcia udziału we wsparciu",
    "Data zakończenia udziału we wsparciu",
]
YES_NO_REFUSED = {"Tak", "Nie", "Odmowa podania informacji"}


def xlsx_url(project) -> str:
    return f"/reports/projects/{project.pk}/participants.xlsx"


def read_sheet(response) -> tuple[list[str], list[dict], object]:
    """The header, the rows as {column: value} (the first "W tym" wins), and the worksheet."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Dane uczestników"]
    lines = [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]
    header = lines[0]
    rows = []
    for line in lines[1:]:
        row = {}
        for title, value in zip(header, line, strict=True):
            row.setdefault(title, value)
        rows.append(row)
    return header, rows, sheet


@pytest.fixture
def sl2014(built):
    built.project.esf_layout = Project.EsfLayout.SL2014
    built.project.save()
    return built


def test_the_2014_2020_sheet_has_one_row_per_person_who_started_in_the_sl2014_columns(client, manager, sl2014):
    client.force_login(manager)

    header, rows, _sheet = read_sheet(client.get(xlsx_url(sl2014.project)))

    assert header == SL2014
    # Everyone who started, by start date: not H (left before starting), I (rejected), K (qualified).
    assert [(row["Imię"], row["Nazwisko"]) for row in rows] == [
        (sl2014.people[letter].first_name, sl2014.people[letter].last_name) for letter in "ABGFDCEJ"
    ]


def test_the_2021_2027_sheet_uses_the_cst2021_columns(client, manager, built):
    client.force_login(manager)

    header, rows, _sheet = read_sheet(client.get(xlsx_url(built.project)))

    assert header == esf_sheet.CST2021
    assert set(CST2021_ADDED) <= set(header) and "PESEL" not in header
    shared = [title for title in SL2014 if title in header]
    assert [title for title in header if title in shared] == list(dict.fromkeys(shared))  # same order as SL2014
    assert len(rows) == 8
    by_name = {row["Nazwisko"]: row for row in rows}
    alicja = by_name["Adamska"]
    assert alicja["Numer projektu"] == built.project.code
    assert alicja["PESEL/Inny identyfikator"] == built.people["A"].pesel
    assert alicja["Techniczny identyfikator uczestnika"] == f"KIS-{built.participations['A'].pk}"
    assert alicja["Obywatelstwo"] == "Obywatelstwo polskie"
    assert alicja["Obywatel państwa trzeciego"] == "Nie"


def test_the_values_are_in_the_sheet_s_polish_wording(client, manager, sl2014):
    ProjectParticipation.objects.filter(pk=sl2014.participations["A"].pk).update(
        labour_status_at_start=LabourMarketStatus.LONG_TERM_UNEMPLOYED
    )
    ProjectParticipation.objects.filter(pk=sl2014.participations["D"].pk).update(
        labour_status_at_start=LabourMarketStatus.INACTIVE
    )
    client.force_login(manager)

    _header, rows, _sheet = read_sheet(client.get(xlsx_url(sl2014.project)))

    by_name = {row["Nazwisko"]: row for row in rows}
    celina, alicja, dariusz, ewa = by_name["Całka"], by_name["Adamska"], by_name["Dąbrowski"], by_name["Ęmielska"]
    # A participant without PESEL, with answers refused.
    assert (celina["PESEL"], celina["Brak PESEL"], celina["Płeć"]) == ("", "Tak", "kobieta")
    assert celina["Wiek w chwili przystąpienia do projektu"] == 58
    assert celina["Data rozpoczęcia udziału w projekcie"] == "01.02.2025"
    assert celina["Data zakończenia udziału w projekcie"] == "15.06.2025"
    assert celina["Sytuacja (1) osoby w momencie zakończenia udziału w projekcie"] == (
        "osoba podejmująca kształcenie lub szkolenie"
    )
    assert celina["Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa"] == "Tak"
    assert celina[SL2014[38]] == "Odmowa podania informacji"  # minority / migrant
    assert celina["Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań"] == "Tak"
    assert celina["Osoba z niepełnosprawnościami"] == "Odmowa podania informacji"
    assert celina["Osoba w innej niekorzystnej sytuacji społecznej"] == "Tak"  # addiction, homelessness
    # A participant with PESEL.
    assert (alicja["PESEL"], alicja["Brak PESEL"], alicja["Płeć"]) == (sl2014.people["A"].pesel, "Nie", "kobieta")
    assert alicja["Status osoby na rynku pracy w chwili przystąpienia do projektu"] == (
        "osoba bezrobotna zarejestrowana w ewidencji urzędów pracy"
    )
    assert alicja["W tym"] == "osoba długotrwale bezrobotna"
    assert alicja["Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań"] == "Nie"
    assert alicja["Osoba z niepełnosprawnościami"] == "Nie"
    assert alicja["Kraj"] == "Polska"
    # A man who dropped out.
    assert dariusz["Płeć"] == "mężczyzna"
    assert dariusz["Status osoby na rynku pracy w chwili przystąpienia do projektu"] == "osoba bierna zawodowo"
    assert dariusz["W tym"] == ""
    assert dariusz["Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa"] == "Nie"
    # Someone still taking part: no end yet.
    assert ewa["Data zakończenia udziału w projekcie"] == ""
    assert ewa["Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa"] == ""
    for row in rows:
        assert row["Płeć"] in {"kobieta", "mężczyzna"}
        assert row["Brak PESEL"] in {"Tak", "Nie"}
        for column in SL2014[38:]:
            assert row[column] in YES_NO_REFUSED, column
        for column in DATE_COLUMNS:
            assert row[column] == "" or re.fullmatch(r"\d\d\.\d\d\.\d{4}", row[column]), (column, row[column])


@pytest.mark.parametrize("layout", [Project.EsfLayout.SL2014, Project.EsfLayout.CST2021])
def test_text_that_a_spreadsheet_would_run_as_a_formula_comes_out_as_text(client, manager, built, layout):
    built.project.esf_layout = layout
    built.project.save()
    bogdan = built.people["B"]
    bogdan.last_name = '=HYPERLINK("http://example.org/x","Kliknij")'
    bogdan.first_name = "@SUM(A1:A2)"
    bogdan.street = "+48 ul. Formułowa"
    bogdan.save()
    client.force_login(manager)

    header, rows, sheet = read_sheet(client.get(xlsx_url(built.project)))

    row = next(row for row in rows if row["Nazwisko"].startswith("'"))
    assert row["Nazwisko"] == '\'=HYPERLINK("http://example.org/x","Kliknij")'
    assert row["Imię"] == "'@SUM(A1:A2)"
    assert row["Ulica"] == "'+48 ul. Formułowa"
    cell = sheet.cell(row=rows.index(row) + 2, column=header.index("Nazwisko") + 1)
    assert cell.data_type == "s"
    assert not any(c.data_type == "f" for line in sheet.iter_rows() for c in line)


def test_every_download_is_written_to_the_audit_trail(client, manager, built):
    client.force_login(manager)

    response = client.get(xlsx_url(built.project))
    client.get(xlsx_url(built.project))

    assert response["Content-Disposition"] == f'attachment; filename="uczestnicy-{built.project.pk}.xlsx"'
    assert response["Cache-Control"] == "private, no-store"
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT)
    assert events.count() == 2
    event = events.first()
    assert (event.user, event.object_type, event.object_id) == (manager, "projects.project", str(built.project.pk))
    assert event.details == {"export": "participants.xlsx", "layout": "cst2021"}


@pytest.mark.parametrize("role", ["coordinator", "social_worker"])
def test_only_managers_download_the_sheet(client, built, request, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(xlsx_url(built.project))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_a_project_without_participants_gives_a_sheet_with_the_header_only(client, manager):
    project = ReportProjectFactory()
    client.force_login(manager)

    header, rows, _sheet = read_sheet(client.get(xlsx_url(project)))

    assert header == esf_sheet.CST2021 and rows == []
