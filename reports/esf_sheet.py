"""The ESF participant sheet (XLSX): one row per person who started the project, in the column
order of the funder's monitoring system and in its Polish wording. Two layouts: 2014–2020
(SL2014 "Dane uczestników") and 2021–2027 (CST2021 / SM EFS), chosen per project."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from participants.models import DisabilityDegree, Education, LabourMarketStatus, YesNoRefused
from participation.models import ProjectParticipation, last_started_episode
from projects.models import Project

YES, NO, REFUSED = "Tak", "Nie", "Odmowa podania informacji"

EDUCATION_BANDS = {
    Education.ISCED0: "niższe niż podstawowe (ISCED 0)",
    Education.ISCED1: "podstawowe (ISCED 1)",
    Education.ISCED2: "gimnazjalne (ISCED 2)",
    Education.ISCED3: "ponadgimnazjalne (ISCED 3)",
    Education.ISCED4: "policealne (ISCED 4)",
    Education.ISCED5: "wyższe (ISCED 5-8)",
    Education.ISCED6: "wyższe (ISCED 5-8)",
    Education.ISCED7: "wyższe (ISCED 5-8)",
    Education.ISCED8: "wyższe (ISCED 5-8)",
}
LABOUR_STATUS = {
    LabourMarketStatus.REGISTERED_UNEMPLOYED: "osoba bezrobotna zarejestrowana w ewidencji urzędów pracy",
    LabourMarketStatus.UNREGISTERED_UNEMPLOYED: "osoba bezrobotna niezarejestrowana w ewidencji urzędów pracy",
    LabourMarketStatus.INACTIVE: "osoba bierna zawodowo",
    LabourMarketStatus.EMPLOYED: "osoba pracująca",
}
DEGURBA = {
    1: "1 – obszary gęsto zaludnione (miasta)",
    2: "2 – obszary pośrednie",
    3: "3 – obszary słabo zaludnione (wiejskie)",
}

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

CST2021 = [
    "Numer projektu",
    "Techniczny identyfikator uczestnika",
    "Kraj",
    "Rodzaj uczestnika",
    "Nazwa instytucji",
    "Imię",
    "Nazwisko",
    "PESEL/Inny identyfikator",
    "Brak PESEL",
    "Obywatelstwo",
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
    "Sytuacja (1) osoby w momencie zakończenia udziału w projekcie",
    "Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa",
    "Rodzaj przyznanego wsparcia",
    "Zakres wsparcia",
    "Data rozpoczęcia udziału we wsparciu",
    "Data zakończenia udziału we wsparciu",
    "Osoba obcego pochodzenia",
    "Obywatel państwa trzeciego",
    "Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności marginalizowane)",
    "Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań",
    "Osoba z niepełnosprawnościami",
    "Osoba w innej niekorzystnej sytuacji społecznej",
]


def safe(value):
    """Text a spreadsheet will not run as a formula (cells starting with = + - @)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def date_pl(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def yes_no(flag: bool) -> str:
    return YES if flag else NO


def rows(project: Project):
    """The participations that go into the sheet: everyone who started, with what the row needs."""
    return (
        # One row a person: a person who re-joined is reported with their last episode that started.
        ProjectParticipation.objects.filter(last_started_episode(), project=project, start_date__isnull=False)
        .select_related("participant", "exit_situation")
        .prefetch_related("participant__risk_factors")
        .order_by("start_date", "participant__last_name", "participant__first_name", "id")
    )


ANSWER = {YesNoRefused.YES: YES, YesNoRefused.NO: NO, YesNoRefused.REFUSED: REFUSED}


def row_values(participation: ProjectParticipation, project: Project) -> dict:
    p = participation.participant
    # The situation recorded at the start (a participation started before it was recorded falls
    # back on the person's record).
    at_start = p.entry_snapshot(participation.start_date or participation.planned_start or p.registered_on)
    at_start.update(participation.entry)
    status = participation.labour_status_at_start or p.labour_market_status
    long_term = participation.long_term_unemployed_esf
    unemployed = status in (
        LabourMarketStatus.REGISTERED_UNEMPLOYED,
        LabourMarketStatus.UNREGISTERED_UNEMPLOYED,
    )
    disability = {
        DisabilityDegree.NONE: NO,
        DisabilityDegree.REFUSED: REFUSED,
    }.get(participation.disability_at_start or p.disability, YES)
    minority = ANSWER[at_start.get("minority", "no")]
    citizenship = at_start["citizenship"] or "polskie"
    ended = participation.end_date
    return {
        "Numer projektu": project.code,
        "Techniczny identyfikator uczestnika": f"KIS-{participation.pk}",
        "Kraj": "Polska",
        "Rodzaj uczestnika": "Indywidualny",
        "Nazwa instytucji": "",
        "Imię": p.first_name,
        "Nazwisko": p.last_name,
        "PESEL": p.pesel or "",
        "PESEL/Inny identyfikator": p.pesel or "",
        "Brak PESEL": yes_no(not p.pesel),
        "Obywatelstwo": "Obywatelstwo polskie" if citizenship.lower().startswith("polsk") else citizenship,
        "Płeć": "kobieta" if (participation.sex_at_start or at_start["sex"]) == "K" else "mężczyzna",
        "Wiek w chwili przystąpienia do projektu": participation.age_at_start,
        "Wykształcenie": EDUCATION_BANDS.get(at_start["education"], ""),
        "Województwo": at_start["voivodeship"],
        "Powiat": at_start["county"],
        "Gmina": at_start["commune"],
        "Miejscowość": at_start["town"],
        "Ulica": at_start["street"],
        "Nr budynku": at_start["house_number"],
        "Nr lokalu": at_start["flat_number"],
        "Kod pocztowy": at_start["postal_code"],
        "Obszar wg stopnia urbanizacji (DEGURBA)": DEGURBA.get(at_start["area_type"], ""),
        "Telefon kontaktowy": p.phone,
        "Adres e-mail": p.email,
        "Data rozpoczęcia udziału w projekcie": date_pl(participation.start_date),
        "Data zakończenia udziału w projekcie": date_pl(ended),
        "Status osoby na rynku pracy w chwili przystąpienia do projektu": LABOUR_STATUS.get(status, ""),
        "W tym": ("osoba długotrwale bezrobotna" if long_term else "inne") if unemployed else "",
        "Wykonywany zawód": "",
        "Zatrudniony w": "",
        "Sytuacja (1) osoby w momencie zakończenia udziału w projekcie": participation.exit_situation.name
        if participation.exit_situation
        else "",
        "Sytuacja (2) osoby w momencie zakończenia udziału w projekcie": "",
        "Inne rezultaty dotyczące osób młodych": "",
        "Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa": ""
        if participation.completed_as_planned is None
        else yes_no(participation.completed_as_planned),
        "Rodzaj przyznanego wsparcia": "Aktywizacja społeczna i zawodowa w Klubie Integracji Społecznej",
        "Zakres wsparcia": "Klub Integracji Społecznej",
        "Data rozpoczęcia udziału we wsparciu": date_pl(participation.start_date),
        "Data zakończenia udziału we wsparciu": date_pl(ended),
        "Data założenia działalności gospodarczej": "",
        "Kwota środków przyznanych na założenie działalności gospodarczej": "",
        "PKD założonej działalności gospodarczej": "",
        "Osoba należąca do mniejszości narodowej lub etnicznej, migrant, osoba obcego pochodzenia": minority,
        "Osoba obcego pochodzenia": minority,
        "Obywatel państwa trzeciego": yes_no(not citizenship.lower().startswith("polsk")),
        "Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności marginalizowane)": minority,
        "Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań": ANSWER[at_start["homeless"]],
        "Osoba z niepełnosprawnościami": disability,
        "Osoba w innej niekorzystnej sytuacji społecznej": ANSWER[at_start["other_disadvantage"]],
    }


def columns_for(project: Project) -> list[str]:
    return SL2014 if project.esf_layout == Project.EsfLayout.SL2014 else CST2021


def render_xlsx(project: Project) -> bytes:
    """The sheet as XLSX bytes (write-only workbook: memory stays flat with the number of rows)."""
    columns = columns_for(project)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dane uczestników")
    header = []
    for title in columns:
        cell = _cell(sheet, title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    # "W tym" appears twice in SL2014: the first is the labour status detail, the second the
    # support detail (left empty).
    for participation in rows(project):
        values = row_values(participation, project)
        seen_w_tym = False
        line = []
        for title in columns:
            if title == "W tym":
                line.append(safe(values["W tym"]) if not seen_w_tym else "")
                seen_w_tym = True
            else:
                line.append(safe(values[title]))
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value):
    return WriteOnlyCell(sheet, value=value)
