"""The column maps of the ESF participant sheet, one per layout, as data: each column's header,
where its value comes from and how a stored value is written in the funder's wording.

Sources (read by ``reports.esf_sheet.Record``):
- ``project``: the project block (agreement number, beneficiary, title, period, reporting period);
- ``person``: the person's record now (name, PESEL, contact): a field of ``Participant``;
- ``participation``: the participation (ESF start and end, age at start, the exit): a field of
  ``ProjectParticipation``;
- ``entry``: the situation recorded at the start (``ProjectParticipation.entry``: residence,
  education, citizenship, origin, occupation…);
- ``fact``: worked out from those (labour status in detail, the sensitive answers…);
- ``fixed``: the same text in every row; ``empty``: a column the club leaves empty.

Managing authorities revise their templates: a changed template is a change here and in the test
that holds each map against the list in the domain reference. Value lists marked "unconfirmed"
there are kept here as data, never spread over code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

PROJECT, PERSON, PARTICIPATION, ENTRY, FACT, FIXED, EMPTY = (
    "project",
    "person",
    "participation",
    "entry",
    "fact",
    "fixed",
    "empty",
)
SOURCES = (PROJECT, PERSON, PARTICIPATION, ENTRY, FACT, FIXED, EMPTY)

YES, NO, REFUSED = "Tak", "Nie", "Odmowa podania informacji"
YES_NO = {True: YES, False: NO}
YES_NO_OPEN = {True: YES, False: NO, None: ""}  # not known until the person leaves
ANSWERS = {"yes": YES, "no": NO, "refused": REFUSED}


@dataclass(frozen=True)
class Column:
    header: str
    source: str
    field: str = ""  # the attribute, entry key or fact; the text of a fixed column
    values: Mapping | None = None  # stored value -> the sheet's text; any other value is an error
    block: str = ""  # the block the column opens (the SL2014 file names its blocks above the headers)


@dataclass(frozen=True)
class Layout:
    code: str
    sheet_name: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    @property
    def has_blocks(self) -> bool:
        return any(column.block for column in self.columns)


EDUCATION = {
    0: "niższe niż podstawowe (ISCED 0)",
    1: "podstawowe (ISCED 1)",
    2: "gimnazjalne (ISCED 2)",
    3: "ponadgimnazjalne (ISCED 3)",
    4: "policealne (ISCED 4)",
    5: "wyższe (ISCED 5-8)",
    6: "wyższe (ISCED 5-8)",
    7: "wyższe (ISCED 5-8)",
    8: "wyższe (ISCED 5-8)",
    None: "",
}
LABOUR_STATUS = {
    "registered_unemployed": "osoba bezrobotna zarejestrowana w ewidencji urzędów pracy",
    "unregistered_unemployed": "osoba bezrobotna niezarejestrowana w ewidencji urzędów pracy",
    "inactive": "osoba bierna zawodowo",
    "employed": "osoba pracująca",
    "": "",
}
# "W tym" under the labour-market status (the sub-values of the inactive and the employed are
# unconfirmed in the domain reference): never blank for a known status.
LABOUR_DETAIL = {
    "long_term_unemployed": "osoba długotrwale bezrobotna",
    "unemployed_other": "inne",
    "learning": "osoba ucząca się",
    "not_in_education": "osoba nieuczestnicząca w kształceniu lub szkoleniu",
    "inactive_other": "inne",
    "government": "osoba pracująca w administracji rządowej",
    "local_government": "osoba pracująca w administracji samorządowej",
    "sme": "osoba pracująca w MMŚP",
    "ngo": "osoba pracująca w organizacji pozarządowej",
    "self_employed": "osoba prowadząca działalność na własny rachunek",
    "large_enterprise": "osoba pracująca w dużym przedsiębiorstwie",
    "employed_other": "inne",
    "": "",
}
DEGURBA_SL2014 = {
    1: "1 – obszary gęsto zaludnione (miasta)",
    2: "2 – obszary pośrednie",
    3: "3 – obszary słabo zaludnione (wiejskie)",
    None: "",
}
DEGURBA_NUMBER = {1: 1, 2: 2, 3: 3, None: ""}
SEX_SL2014 = {"K": "kobieta", "M": "mężczyzna"}
SEX_CST2021 = {"K": "Kobieta", "M": "Mężczyzna"}
# The value list of "Obywatelstwo" is unconfirmed in the domain reference.
CITIZENSHIP = {
    "polish": "Obywatelstwo polskie",
    "eu": "Brak polskiego obywatelstwa – obywatel kraju UE",
    "non_eu": "Brak polskiego obywatelstwa lub UE",
    "stateless": "Bezpaństwowiec",
}
SUPPORT_KIND = "Aktywizacja społeczna i zawodowa w Klubie Integracji Społecznej"
SUPPORT_SCOPE = "Klub Integracji Społecznej"  # the value list of "Zakres wsparcia" is unconfirmed

SL2014 = Layout(
    code="sl2014",
    sheet_name="Dane uczestników",
    columns=(
        Column("Numer umowy/decyzji/aneksu", PROJECT, "agreement_number", block="Dane projektu"),
        Column("Nazwa beneficjenta", PROJECT, "beneficiary"),
        Column("Tytuł projektu", PROJECT, "title"),
        Column("Okres realizacji projektu od", PROJECT, "start"),
        Column("Okres realizacji projektu do", PROJECT, "end"),
        Column("Wniosek za okres", PROJECT, "reporting_period"),
        # Institutional participants: none in a KIS; the block stays, empty, for the import.
        Column("Nazwa instytucji", EMPTY, block="Dane uczestników instytucjonalnych"),
        Column("NIP", EMPTY),
        Column("Typ instytucji", EMPTY),
        Column("Województwo", EMPTY),
        Column("Powiat", EMPTY),
        Column("Gmina", EMPTY),
        Column("Miejscowość", EMPTY),
        Column("Ulica", EMPTY),
        Column("Nr budynku", EMPTY),
        Column("Nr lokalu", EMPTY),
        Column("Kod pocztowy", EMPTY),
        Column("Obszar wg stopnia urbanizacji (DEGURBA)", EMPTY),
        Column("Telefon kontaktowy", EMPTY),
        Column("Adres e-mail", EMPTY),
        Column("Data rozpoczęcia udziału w projekcie", EMPTY),
        Column("Data zakończenia udziału w projekcie", EMPTY),
        Column("Czy wsparciem zostali objęci pracownicy instytucji", EMPTY),
        Column("Kraj", FIXED, "Polska", block="Dane uczestników indywidualnych"),
        Column("Rodzaj uczestnika", FIXED, "Indywidualny"),
        Column("Nazwa instytucji", EMPTY),
        Column("Imię", PERSON, "first_name"),
        Column("Nazwisko", PERSON, "last_name"),
        Column("PESEL", PERSON, "pesel"),
        Column("Brak PESEL", FACT, "no_pesel", YES_NO),
        Column("Płeć", FACT, "sex", SEX_SL2014),
        Column("Wiek w chwili przystąpienia do projektu", PARTICIPATION, "age_at_start"),
        Column("Wykształcenie", ENTRY, "education", EDUCATION),
        Column("Województwo", ENTRY, "voivodeship"),
        Column("Powiat", ENTRY, "county"),
        Column("Gmina", ENTRY, "commune"),
        Column("Miejscowość", ENTRY, "town"),
        Column("Ulica", ENTRY, "street"),
        Column("Nr budynku", ENTRY, "house_number"),
        Column("Nr lokalu", ENTRY, "flat_number"),
        Column("Kod pocztowy", ENTRY, "postal_code"),
        Column("Obszar wg stopnia urbanizacji (DEGURBA)", ENTRY, "area_type", DEGURBA_SL2014),
        Column("Telefon kontaktowy", PERSON, "phone"),
        Column("Adres e-mail", PERSON, "email"),
        Column("Data rozpoczęcia udziału w projekcie", PARTICIPATION, "start_date"),
        Column("Data zakończenia udziału w projekcie", PARTICIPATION, "end_date"),
        Column("Status osoby na rynku pracy w chwili przystąpienia do projektu", FACT, "labour_status", LABOUR_STATUS),
        Column("W tym", FACT, "labour_detail", LABOUR_DETAIL),
        Column("Wykonywany zawód", ENTRY, "occupation"),
        Column("Zatrudniony w", ENTRY, "employer"),
        Column("Sytuacja (1) osoby w momencie zakończenia udziału w projekcie", FACT, "exit_situation"),
        Column("Sytuacja (2) osoby w momencie zakończenia udziału w projekcie", EMPTY),
        Column("Inne rezultaty dotyczące osób młodych", EMPTY),
        Column(
            "Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa",
            PARTICIPATION,
            "completed_as_planned",
            YES_NO_OPEN,
        ),
        Column("Rodzaj przyznanego wsparcia", FIXED, SUPPORT_KIND),
        Column("W tym", EMPTY),
        Column("Data rozpoczęcia udziału we wsparciu", PARTICIPATION, "start_date"),
        Column("Data zakończenia udziału we wsparciu", PARTICIPATION, "end_date"),
        Column("Data założenia działalności gospodarczej", EMPTY),
        Column("Kwota środków przyznanych na założenie działalności gospodarczej", EMPTY),
        Column("PKD założonej działalności gospodarczej", EMPTY),
        Column(
            "Osoba należąca do mniejszości narodowej lub etnicznej, migrant, osoba obcego pochodzenia",
            FACT,
            "origin",
            ANSWERS,
        ),
        Column("Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań", ENTRY, "homeless", ANSWERS),
        Column("Osoba z niepełnosprawnościami", FACT, "disability", ANSWERS),
        Column("Osoba w innej niekorzystnej sytuacji społecznej", FACT, "other_disadvantage", ANSWERS),
        Column("Planowana data zakończenia edukacji w placówce edukacyjnej, w której skorzystano ze wsparcia", EMPTY),
    ),
)

CST2021 = Layout(
    code="cst2021",
    sheet_name="Uczestnicy",
    columns=(
        Column("Imię", PERSON, "first_name"),
        Column("Nazwisko", PERSON, "last_name"),
        Column("PESEL/Inny identyfikator", PERSON, "pesel"),
        Column("brak PESEL", FACT, "no_pesel", YES_NO),
        Column("Techniczny identyfikator uczestnika", FACT, "technical_id"),
        Column("Płeć", FACT, "sex", SEX_CST2021),
        Column("Wiek w chwili przystąpienia do projektu", PARTICIPATION, "age_at_start"),
        Column("Wykształcenie", ENTRY, "education", EDUCATION),
        Column("Obywatelstwo", ENTRY, "citizenship_group", CITIZENSHIP),
        Column("Kraj", FIXED, "Polska"),
        Column("Województwo", ENTRY, "voivodeship"),
        Column("Powiat", ENTRY, "county"),
        Column("Gmina", ENTRY, "commune"),
        Column("Miejscowość", ENTRY, "town"),
        Column("Kod pocztowy", ENTRY, "postal_code"),
        Column("Obszar według stopnia urbanizacji (DEGURBA)", ENTRY, "area_type", DEGURBA_NUMBER),
        Column("Telefon kontaktowy", PERSON, "phone"),
        Column("Adres e-mail", PERSON, "email"),
        Column("Status osoby na rynku pracy w chwili przystąpienia do projektu", FACT, "labour_status", LABOUR_STATUS),
        Column("w tym", FACT, "labour_detail", LABOUR_DETAIL),
        Column("Zakres wsparcia", FIXED, SUPPORT_SCOPE),
        Column("Rodzaj przyznanego wsparcia", FIXED, SUPPORT_KIND),
        Column("Data rozpoczęcia udziału we wsparciu", PARTICIPATION, "start_date"),
        Column("Data rozpoczęcia udziału w projekcie", PARTICIPATION, "start_date"),
        Column("Data zakończenia udziału w projekcie", PARTICIPATION, "end_date"),
        Column("Sytuacja osoby w momencie zakończenia udziału w projekcie", FACT, "exit_situation"),
        Column(
            "Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa",
            PARTICIPATION,
            "completed_as_planned",
            YES_NO_OPEN,
        ),
        Column("Osoba z niepełnosprawnościami", FACT, "disability", ANSWERS),
        Column("Osoba obcego pochodzenia", ENTRY, "foreign_origin", ANSWERS),
        Column("Obywatel państwa trzeciego", ENTRY, "third_country_national", ANSWERS),
        Column(
            "Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności marginalizowane)",
            ENTRY,
            "minority",
            ANSWERS,
        ),
        Column("Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań", ENTRY, "homeless", ANSWERS),
        Column("Rodzaj uczestnika", FIXED, "Indywidualny"),
        Column("Nazwa instytucji", EMPTY),
        Column("Numer projektu", PROJECT, "agreement_number"),
    ),
)

LAYOUTS = {SL2014.code: SL2014, CST2021.code: CST2021}
