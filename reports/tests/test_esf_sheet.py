"""The ESF participant sheet, read back as XLSX (openpyxl) and CSV: the column lists of both layouts
as written in DOMAIN-REFERENCE.md (copied here, not taken from the code), the project block, the
values of people in each labour-market status, the period and who of it, one row a person, formula
injection, managers only, and every download in the audit trail."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from kis.models import AuditEvent, Location
from participants.models import Education, LabourMarketStatus
from participation.models import ProjectParticipation
from projects.models import Project
from reports import esf_columns
from reports.tests.factories import ReportProjectFactory, d, participation, person

pytestmark = pytest.mark.django_db

Status = ProjectParticipation.Status

# --- The reference lists (DOMAIN-REFERENCE.md, "ESF participant data") -------------------------

SL2014_PROJECT_BLOCK = [
    "Numer umowy/decyzji/aneksu",
    "Nazwa beneficjenta",
    "Tytuł projektu",
    "Okres realizacji projektu od",
    "Okres realizacji projektu do",
    "Wniosek za okres",
]
SL2014_INDIVIDUAL = [
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
    "Planowana data zakończenia edukacji w placówce edukacyjnej, w której skorzystano ze wsparcia",
]
CST2021 = [
    "Imię",
    "Nazwisko",
    "PESEL/Inny identyfikator",
    "brak PESEL",
    "Techniczny identyfikator uczestnika",
    "Płeć",
    "Wiek w chwili przystąpienia do projektu",
    "Wykształcenie",
    "Obywatelstwo",
    "Kraj",
    "Województwo",
    "Powiat",
    "Gmina",
    "Miejscowość",
    "Kod pocztowy",
    "Obszar według stopnia urbanizacji (DEGURBA)",
    "Telefon kontaktowy",
    "Adres e-mail",
    "Status osoby na rynku pracy w chwili przystąpienia do projektu",
    "w tym",
    "Zakres wsparcia",
    "Rodzaj przyznanego wsparcia",
    "Data rozpoczęcia udziału we wsparciu",
    "Data rozpoczęcia udziału w projekcie",
    "Data zakończenia udziału w projekcie",
    "Sytuacja osoby w momencie zakończenia udziału w projekcie",
    "Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa",
    "Osoba z niepełnosprawnościami",
    "Osoba obcego pochodzenia",
    "Obywatel państwa trzeciego",
    "Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności marginalizowane)",
    "Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań",
    "Rodzaj uczestnika",
    "Nazwa instytucji",
    "Numer projektu",
]
SENSITIVE = {"Tak", "Nie", "Odmowa podania informacji"}
REGISTERED = "osoba bezrobotna zarejestrowana w ewidencji urzędów pracy"
UNREGISTERED = "osoba bezrobotna niezarejestrowana w ewidencji urzędów pracy"
INACTIVE = "osoba bierna zawodowo"
EMPLOYED = "osoba pracująca"


def sl2014_sections(headers: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The project block, the institutional block (between it and "Kraj") and the individual block."""
    individual = headers.index("Kraj", len(SL2014_PROJECT_BLOCK))
    return headers[:6], headers[6:individual], headers[individual:]


# --- Reading the files back ------------------------------------------------------------------


def url(project, extension="xlsx", **query) -> str:
    tail = "&".join(f"{key}={value}" for key, value in query.items())
    return f"/reports/projects/{project.pk}/participants.{extension}" + (f"?{tail}" if tail else "")


def rows_of(lines: list[list], header_at: int) -> tuple[list[str], list[dict]]:
    """The header line and the rows as {column: value}; a repeated header ("W tym", the address
    of the institutional block) is read with the last occurrence, the individual block's."""
    header = [str(title) for title in lines[header_at]]
    rows = []
    for line in lines[header_at + 1 :]:
        rows.append(dict(zip(header, ["" if value is None else value for value in line], strict=True)))
    return header, rows


def read_xlsx(response, layout: str):
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_at = 1 if layout == "sl2014" else 0
    header, rows = rows_of(lines, header_at)
    return lines, header, rows, sheet


def read_csv(response, layout: str):
    assert response.status_code == 200, response
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM
    text = response.content.decode("utf-8-sig")
    assert "\r\n" in text
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, rows = rows_of(lines, 1 if layout == "sl2014" else 0)
    return lines, header, rows


# --- The maps hold the reference lists -----------------------------------------------------


def test_the_sl2014_map_is_the_project_block_the_institutional_block_and_the_individual_columns():
    headers = esf_columns.SL2014.headers

    project_block, institutional, individual = sl2014_sections(headers)

    assert project_block == SL2014_PROJECT_BLOCK
    assert institutional and institutional[0] == "Nazwa instytucji"
    assert all(column.source == esf_columns.EMPTY for column in esf_columns.SL2014.columns[6 : 6 + len(institutional)])
    assert individual == SL2014_INDIVIDUAL


def test_the_cst2021_map_is_the_export_s_columns_in_its_order():
    assert esf_columns.CST2021.headers == CST2021
    for absent in ("Ulica", "Nr budynku", "Nr lokalu", "Osoba w innej niekorzystnej sytuacji społecznej"):
        assert absent not in esf_columns.CST2021.headers


# --- People in each labour-market status, recorded at the start ---------------------------


@pytest.fixture
def statuses(db):
    """Six people with what the start recorded, and the values the sheet must show (worked out
    from DOMAIN-REFERENCE by hand)."""
    project = ReportProjectFactory(
        title="Klub na Zielonej", code="RPSL.09.02.01-24-0123/19", lead_organisation="Miejski Ośrodek Pomocy Społecznej"
    )
    place = Location.objects.create(name="KIS Zielona")
    people = {}

    def add(key, first, last, female, *, started, labour, entry, risks=(), age=40, **fields):
        people[key] = person(first, last, female=female, location=place, risks=risks)
        participation(
            project,
            people[key],
            status=Status.ACTIVE,
            qualified=started,
            started=started,
            age=age,
            labour_status_at_start=labour,
            entry={"area_type": 1, "education": Education.ISCED3, **entry},
            **fields,
        )

    add(
        "long_term",
        "Lucyna",
        "Długa",
        True,
        started=d("03.03.2025"),
        labour=LabourMarketStatus.REGISTERED_UNEMPLOYED,
        long_term_unemployed_esf=True,
        entry={"foreign_origin": "yes", "third_country_national": "yes", "citizenship_group": "non_eu"},
    )
    add(
        "unregistered",
        "Urszula",
        "Niezapisana",
        True,
        started=d("04.03.2025"),
        labour=LabourMarketStatus.UNREGISTERED_UNEMPLOYED,
        long_term_unemployed_esf=True,  # long-term, and not registered: two facts
        entry={"foreign_origin": "yes", "third_country_national": "no", "citizenship_group": "eu"},
    )
    add(
        "registered",
        "Roman",
        "Krótki",
        False,
        started=d("05.03.2025"),
        labour=LabourMarketStatus.REGISTERED_UNEMPLOYED,
        entry={"minority": "refused", "other_disadvantage": "refused", "homeless": "refused"},
    )
    add(
        "learning",
        "Iga",
        "Uczennica",
        True,
        started=d("06.03.2025"),
        labour=LabourMarketStatus.INACTIVE,
        age=17,
        entry={"labour_status_detail": "learning", "education": Education.ISCED0, "area_type": 2},
    )
    add(
        "inactive",
        "Bolesław",
        "Bierny",
        False,
        started=d("07.03.2025"),
        labour=LabourMarketStatus.INACTIVE,
        age=44,
        entry={"education": Education.ISCED0},  # an adult with less than primary education
    )
    add(
        "employed",
        "Edyta",
        "Pracująca",
        True,
        started=d("10.03.2025"),
        labour=LabourMarketStatus.EMPLOYED,
        entry={
            "labour_status_detail": "sme",
            "occupation": "sprzedawca",
            "employer": "Sklep Spożywczy „Pod Lipami” s.c.",
            "area_type": 3,
        },
    )
    return project, people


def test_the_2014_2020_sheet_has_the_project_block_and_every_status_in_its_wording(client, manager, statuses):
    project, _people = statuses
    project.esf_layout = Project.EsfLayout.SL2014
    project.save()
    client.force_login(manager)

    lines, header, rows, _sheet = read_xlsx(client.get(url(project, start="2025-01-01", end="2025-06-30")), "sl2014")

    assert [str(title) for title in lines[1]] == esf_columns.SL2014.headers
    blocks = [title for title in lines[0] if title]
    assert blocks == ["Dane projektu", "Dane uczestników instytucjonalnych", "Dane uczestników indywidualnych"]
    by_name = {row["Nazwisko"]: row for row in rows}
    assert len(rows) == 6
    for line in lines[2:]:
        values = ["" if value is None else value for value in line]
        assert values[:6] == [
            "RPSL.09.02.01-24-0123/19",
            "Miejski Ośrodek Pomocy Społecznej",
            "Klub na Zielonej",
            "01.01.2024",
            "31.12.2025",
            "01.01.2025 - 30.06.2025",
        ]
        _p, institutional, _i = sl2014_sections(header)
        assert values[6 : 6 + len(institutional)] == [""] * len(institutional)
        assert values[-1] == ""  # the planned end of education: empty for a KIS
    expected = {
        # surname: (status, W tym, occupation, employer, origin, other disadvantage)
        "Długa": (REGISTERED, "osoba długotrwale bezrobotna", "", "", "Tak", "Nie"),
        "Niezapisana": (UNREGISTERED, "osoba długotrwale bezrobotna", "", "", "Tak", "Nie"),
        "Krótki": (REGISTERED, "inne", "", "", "Odmowa podania informacji", "Odmowa podania informacji"),
        "Uczennica": (INACTIVE, "osoba ucząca się", "", "", "Nie", "Nie"),  # ISCED 0 at 17: not an adult
        "Bierny": (INACTIVE, "inne", "", "", "Nie", "Tak"),  # ISCED 0 at 44
        "Pracująca": (
            EMPLOYED,
            "osoba pracująca w MMŚP",
            "sprzedawca",
            "Sklep Spożywczy „Pod Lipami” s.c.",
            "Nie",
            "Tak",  # rural (DEGURBA 3)
        ),
    }
    # The labour-status "W tym" is the first of the two; the rows keep the last (support detail).
    w_tym = header.index("W tym")
    status_at = header.index("Status osoby na rynku pracy w chwili przystąpienia do projektu")
    assert w_tym == status_at + 1
    for line in lines[2:]:
        row = dict(zip(header, ["" if value is None else value for value in line], strict=True))
        surname = row["Nazwisko"]
        status, detail, occupation, employer, origin, other = expected[surname]
        assert line[status_at] == status, surname
        assert line[w_tym] == detail, surname
        assert (row["Wykonywany zawód"], row["Zatrudniony w"]) == (occupation, employer)
        assert row[SL2014_INDIVIDUAL[38]] == origin, surname
        assert row["Osoba w innej niekorzystnej sytuacji społecznej"] == other, surname
        assert row["Kraj"] == "Polska" and row["Rodzaj uczestnika"] == "Indywidualny"
    assert by_name["Krótki"]["Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań"] == (
        "Odmowa podania informacji"
    )
    assert by_name["Długa"]["Płeć"] == "kobieta" and by_name["Krótki"]["Płeć"] == "mężczyzna"
    assert by_name["Uczennica"]["Obszar wg stopnia urbanizacji (DEGURBA)"] == "2 – obszary pośrednie"
    assert by_name["Uczennica"]["Wykształcenie"] == "niższe niż podstawowe (ISCED 0)"
    assert by_name["Długa"]["Data rozpoczęcia udziału w projekcie"] == "03.03.2025"


def test_the_2021_2027_csv_asks_the_three_origin_questions_apart(client, manager, statuses):
    project, people = statuses
    client.force_login(manager)

    lines, header, rows = read_csv(client.get(url(project, "csv")), "cst2021")

    assert header == CST2021
    by_name = {row["Nazwisko"]: row for row in rows}
    long_term, eu, refused = by_name["Długa"], by_name["Niezapisana"], by_name["Krótki"]
    assert (long_term["Płeć"], by_name["Krótki"]["Płeć"]) == ("Kobieta", "Mężczyzna")
    # A third-country national; a citizen of another EU state: of foreign origin, not third-country.
    assert (long_term["Osoba obcego pochodzenia"], long_term["Obywatel państwa trzeciego"]) == ("Tak", "Tak")
    assert long_term["Obywatelstwo"] == "Brak polskiego obywatelstwa lub UE"
    assert (eu["Osoba obcego pochodzenia"], eu["Obywatel państwa trzeciego"]) == ("Tak", "Nie")
    assert eu["Obywatelstwo"] == "Brak polskiego obywatelstwa – obywatel kraju UE"
    minority = "Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności marginalizowane)"
    assert (eu[minority], refused[minority]) == ("Nie", "Odmowa podania informacji")
    assert refused["Obywatelstwo"] == "Obywatelstwo polskie"
    # DEGURBA as a number.
    degurba = "Obszar według stopnia urbanizacji (DEGURBA)"
    assert [by_name[name][degurba] for name in ("Długa", "Uczennica", "Pracująca")] == ["1", "2", "3"]
    assert (eu["Status osoby na rynku pracy w chwili przystąpienia do projektu"], eu["w tym"]) == (
        UNREGISTERED,
        "osoba długotrwale bezrobotna",
    )
    assert by_name["Pracująca"]["w tym"] == "osoba pracująca w MMŚP"
    assert long_term["Techniczny identyfikator uczestnika"].startswith("KIS-")
    assert long_term["PESEL/Inny identyfikator"] == people["long_term"].pesel
    assert long_term["brak PESEL"] == "Nie"
    assert long_term["Numer projektu"] == project.code
    for row in rows:
        for column in CST2021[27:32]:
            assert row[column] in SENSITIVE, column
        assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", row["Data rozpoczęcia udziału w projekcie"])


def test_the_xlsx_writes_degurba_as_a_number(client, manager, statuses):
    project, _people = statuses
    client.force_login(manager)

    _lines, _header, rows, _sheet = read_xlsx(client.get(url(project)), "cst2021")

    assert {row["Obszar według stopnia urbanizacji (DEGURBA)"] for row in rows} == {1, 2, 3}


# --- The period and who of it (the hand-built project P of reports/tests/factories.py) -------

H1_2025 = {"start": "2025-01-01", "end": "2025-06-30"}


@pytest.mark.parametrize(
    ("basis", "surnames"),
    [
        # Started in H1 2025: C 01.02, D 15.01, E 01.03, J 01.05.
        ("started", {"Całka", "Dąbrowski", "Ęmielska", "Jóźwiak"}),
        # Left in it: B 31.03, C 15.06, D 05.05 (H left before starting: never in the sheet).
        ("left", {"Bąk", "Całka", "Dąbrowski"}),
        # Taking part at some time in it: B, C, D, E, F (to 10.07.2025), J (from 01.05.2025).
        ("active", {"Bąk", "Całka", "Dąbrowski", "Ęmielska", "Fąfara", "Jóźwiak"}),
    ],
)
def test_the_period_chooses_who_started_took_part_or_left_in_it(client, manager, built, basis, surnames):
    client.force_login(manager)

    _lines, _header, rows = read_csv(client.get(url(built.project, "csv", basis=basis, **H1_2025)), "cst2021")

    assert {row["Nazwisko"] for row in rows} == surnames


def test_the_whole_project_by_default_lists_everyone_who_started_once(client, manager, built):
    client.force_login(manager)

    _lines, _header, rows, _sheet = read_xlsx(client.get(url(built.project)), "cst2021")

    # Not H (left before starting), I (rejected), K (qualified).
    assert [row["Nazwisko"] for row in rows] == [built.people[key].last_name for key in "ABGFDCEJ"]


def test_a_person_who_re_joined_is_one_row_with_the_last_episode(client, manager, built):
    first = built.participations["G"]  # dropped out 30.09.2024
    participation(
        built.project,
        built.people["G"],
        status=Status.ACTIVE,
        qualified=d("01.02.2025"),
        started=d("03.02.2025"),
        age=56,
        episode=2,
    )
    client.force_login(manager)

    _lines, _header, rows = read_csv(client.get(url(built.project, "csv")), "cst2021")

    grazyna = [row for row in rows if row["Nazwisko"] == first.participant.last_name]
    assert len(grazyna) == 1
    assert grazyna[0]["Data rozpoczęcia udziału w projekcie"] == "03.02.2025"


@pytest.mark.parametrize(
    "query",
    [{"start": "2025-13-01"}, {"start": "2025-06-30", "end": "2025-01-01"}, {"basis": "all"}, {"layout": "x"}],
)
def test_bad_choices_bring_back_the_report_with_a_message_and_nothing_exported(client, manager, built, query):
    client.force_login(manager)

    response = client.get(url(built.project, "csv", **query), follow=True)

    assert response.redirect_chain[-1][0] == f"/reports/projects/{built.project.pk}/"
    assert any("could not be made" in str(message) for message in response.context["messages"])
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_a_layout_other_than_the_project_s_can_be_chosen(client, manager, built):
    client.force_login(manager)

    lines, header, _rows = read_csv(client.get(url(built.project, "csv", layout="sl2014")), "sl2014")

    assert header == esf_columns.SL2014.headers


# --- Safety, audit, access ----------------------------------------------------------------


@pytest.mark.parametrize("layout", ["sl2014", "cst2021"])
@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_text_a_spreadsheet_would_run_as_a_formula_comes_out_as_text(client, manager, built, layout, extension):
    bogdan = built.people["B"]
    bogdan.last_name = '=HYPERLINK("http://example.org/x","Kliknij")'
    bogdan.first_name = "@SUM(A1:A2)"
    bogdan.save()
    client.force_login(manager)

    response = client.get(url(built.project, extension, layout=layout))

    if extension == "xlsx":
        _lines, _header, rows, sheet = read_xlsx(response, layout)
        assert not any(cell.data_type == "f" for line in sheet.iter_rows() for cell in line)
    else:
        _lines, _header, rows = read_csv(response, layout)
    row = next(row for row in rows if row["Nazwisko"].startswith("'"))
    assert row["Nazwisko"] == '\'=HYPERLINK("http://example.org/x","Kliknij")'
    assert row["Imię"] == "'@SUM(A1:A2)"


def test_every_download_is_written_to_the_audit_trail_with_the_choices(client, manager, built):
    client.force_login(manager)

    response = client.get(url(built.project, "csv", basis="left", **H1_2025))
    client.get(url(built.project))

    assert response["Content-Disposition"] == (
        f'attachment; filename="uczestnicy-{built.project.pk}-cst2021-20250101-20250630.csv"'
    )
    assert response["Cache-Control"] == "private, no-store"
    events = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).order_by("id")
    assert events.count() == 2
    event = events.first()
    assert (event.user, event.object_type, event.object_id) == (manager, "projects.project", str(built.project.pk))
    assert event.details == {
        "export": "participants.csv",
        "layout": "cst2021",
        "start": "2025-01-01",
        "end": "2025-06-30",
        "basis": "left",
    }


@pytest.mark.parametrize("role", ["coordinator", "social_worker"])
@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_only_managers_download_the_sheet(client, built, request, role, extension):
    client.force_login(request.getfixturevalue(role))

    response = client.get(url(built.project, extension))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_a_project_without_participants_gives_the_header_only(client, manager):
    project = ReportProjectFactory(esf_layout=Project.EsfLayout.SL2014)
    client.force_login(manager)

    lines, header, rows, _sheet = read_xlsx(client.get(url(project)), "sl2014")

    assert header == esf_columns.SL2014.headers and rows == [] and len(lines) == 2


@pytest.mark.parametrize("people", [1, 8])
def test_the_sheet_s_query_count_does_not_grow_with_its_rows(client, manager, built, django_assert_num_queries, people):
    ProjectParticipation.objects.filter(project=built.project).exclude(
        pk__in=[built.participations[key].pk for key in "ABGFDCEJ"[:people]]
    ).delete()
    client.force_login(manager)
    # session, user, the user's roles and permissions, the project, the number of its
    # participations (kis.background: a large sheet is made in the background), the participations
    # with their people, the people's risk factors, the audit entry
    with django_assert_num_queries(8):
        response = client.get(url(built.project, "csv"))
    assert len(read_csv(response, "cst2021")[2]) == people
