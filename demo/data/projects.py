"""The demo's projects: the real programmes (DESIGN §1) with their targets, indicators, eligibility
criteria and partnership agreements. Grant agreement numbers and the agreements' details are invented.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from demo.data.organisation import (
    BIELSKO_PROJECT,
    CWIS_ACTIVATION_POINT,
    CWIS_FAMILY_CLUB,
    CWIS_KNUROW,
    CWIS_VOLUNTEER_CLUB,
    KIS_WEJHEROWO,
    KNUROW_PROJECT,
    MOPS_ZAWIERCIE,
    PUNKT_BIELSKO,
    WEJHEROWO_KIS_PROGRAMME,
    WEJHEROWO_PROJECT,
    ZAWIERCIE_PROJECT,
)
from projects.models import Project, ProjectCriterion, ProjectIndicator, ProjectPartner

# Streets of the Wejherowo revitalisation area (the town centre) used by the project's criterion.
WEJHEROWO_REVITALISATION_STREETS = (
    "Sobieskiego",
    "Kopernika",
    "12 Marca",
    "Wałowa",
    "Klasztorna",
    "Reformatów",
    "Sienkiewicza",
    "Kościuszki",
    "Harcerska",
    "Strzelecka",
)


@dataclass(frozen=True)
class DemoProjectPartner:
    partner: str  # DemoPartner.key
    role: str
    agreement_number: str
    agreement_start: datetime.date
    agreement_end: datetime.date
    scope: str


@dataclass(frozen=True)
class DemoProject:
    code: str
    title: str
    programme: str
    funder: str
    lead_organisation: str
    locations: tuple[str, ...]
    start_date: datetime.date
    end_date: datetime.date
    status: str
    target_recruited: int
    target_completed: int
    esf_layout: str
    retention_until: datetime.date
    legal_hold: bool = False
    social_threshold: Decimal = Decimal("34")
    employment_threshold: Decimal = Decimal("22")
    # (name, target, unit[, what the report counts for it — by hand when not given])
    indicators: tuple[tuple, ...] = ()
    criteria: tuple[tuple[str, str, str], ...] = ()  # (kind, value, description)
    partners: tuple[DemoProjectPartner, ...] = field(default=())


PartnerRole = ProjectPartner.Role
Criterion = ProjectCriterion.Kind
RECRUITED, COMPLETED, QUALIFICATION, INTERNSHIPS, SOCIAL_PROGRESS, EMPLOYED = (
    ProjectIndicator.Measure.RECRUITED,
    ProjectIndicator.Measure.COMPLETED,
    ProjectIndicator.Measure.QUALIFICATION,
    ProjectIndicator.Measure.INTERNSHIPS,
    ProjectIndicator.Measure.SOCIAL_PROGRESS,
    ProjectIndicator.Measure.EMPLOYED,
)
_d = datetime.date
PROJECTS = [
    DemoProject(
        code=ZAWIERCIE_PROJECT,
        title="Partnerstwo na rzecz aktywnej integracji w powiecie zawierciańskim",
        programme="RPO WSL 2014–2020, Poddziałanie 9.1.1 (ZIT Subregionu Centralnego)",
        funder="Samorząd Województwa Śląskiego – Instytucja Zarządzająca RPO WSL 2014–2020",
        lead_organisation="Gmina Zawiercie – Miejski Ośrodek Pomocy Społecznej w Zawierciu",
        locations=(MOPS_ZAWIERCIE,),
        start_date=_d(2016, 1, 1),
        end_date=_d(2017, 12, 31),
        status=Project.Status.CLOSED,
        target_recruited=145,
        target_completed=96,
        esf_layout=Project.EsfLayout.SL2014,
        # Two years from the end of the year the accounts were submitted; kept longer: a funder's
        # audit of the project is still open.
        retention_until=_d(2024, 12, 31),
        legal_hold=True,
        # An older call: social effectiveness 56% (employment included), employment 22%.
        social_threshold=Decimal("56"),
        employment_threshold=Decimal("22"),
        indicators=(
            ("Osoby zagrożone ubóstwem lub wykluczeniem społecznym objęte wsparciem", 145, "osób", RECRUITED),
            ("Osoby, które ukończyły ścieżkę reintegracji", 96, "osób", COMPLETED),
            ("Osoby z kwalifikacjami ECDL Base (certyfikat)", 12, "osób", QUALIFICATION),
            ("Ukończone staże zawodowe", 13, "staży", INTERNSHIPS),
            ("Programy aktywności lokalnej (osiedle Stary Rynek, ul. Nowa w Kromołowie)", 2, "programów"),
            ("Dni zdrowia „Białe Soboty”", 6, "wydarzeń"),
            ("Wolontariusze z podpisanym porozumieniem wolontariackim", 15, "osób"),
        ),
        criteria=(
            (Criterion.MIN_AGE, "18", "ukończone 18 lat"),
            (
                Criterion.RISK_FACTOR,
                "poverty; unemployment; disability; homelessness; alcohol-addiction; drug-addiction; addiction; "
                "domestic-violence; parenting; long-term-illness; leaving-prison; single-adult-household; "
                "jobless-household",
                "co najmniej jedna przesłanka z art. 7 ustawy o pomocy społecznej",
            ),
            (Criterion.MANUAL, "", "zamieszkuje na terenie gmin partnerstwa (powiat zawierciański)"),
        ),
        partners=(
            DemoProjectPartner(
                "mops-zawiercie",
                PartnerRole.LEADER,
                "UP/1/2015",
                _d(2015, 9, 14),
                _d(2017, 12, 31),
                "Lider: zarządzanie projektem, rekrutacja, kontrakty socjalne, poradnictwo psychologiczne i prawne, "
                "asystenci rodziny, programy aktywności lokalnej.",
            ),
            DemoProjectPartner(
                "pcpr-zawiercie",
                PartnerRole.PARTNER,
                "UP/1/2015",
                _d(2015, 9, 14),
                _d(2017, 12, 31),
                "Wsparcie osób z niepełnosprawnościami i rodzin: poradnictwo specjalistyczne, "
                "trening kompetencji społecznych, kursy zawodowe.",
            ),
            DemoProjectPartner(
                "csd-klucze",
                PartnerRole.PARTNER,
                "UP/1/2015",
                _d(2015, 9, 14),
                _d(2017, 12, 31),
                "Grupy samopomocowe, wolontariat (porozumienia wolontariackie), działania środowiskowe w Kluczach.",
            ),
            DemoProjectPartner(
                "pup-zawiercie",
                PartnerRole.COOPERATING,
                "POR/4/2016",
                _d(2016, 1, 15),
                _d(2017, 12, 31),
                "Doradztwo zawodowe, oferty staży i pracy, potwierdzanie statusu osób bezrobotnych.",
            ),
            DemoProjectPartner(
                "szkolenia-zawiercie",
                PartnerRole.COOPERATING,
                "ZP/12/2016",
                _d(2016, 4, 1),
                _d(2017, 11, 30),
                "Kurs ECDL Base z egzaminami (12 osób z certyfikatem) i kursy zawodowe.",
            ),
            DemoProjectPartner(
                "piekarnia",
                PartnerRole.COOPERATING,
                "ST/3/2016",
                _d(2016, 6, 1),
                _d(2017, 10, 31),
                "Staże zawodowe: pomocnik piekarza, sprzedawca (5 miejsc).",
            ),
            DemoProjectPartner(
                "czysty-dom",
                PartnerRole.COOPERATING,
                "ST/4/2016",
                _d(2016, 6, 1),
                _d(2017, 10, 31),
                "Staże zawodowe: pracownik gospodarczy, konserwator terenów zielonych (8 miejsc).",
            ),
            DemoProjectPartner(
                "przychodnia",
                PartnerRole.COOPERATING,
                "POR/9/2016",
                _d(2016, 3, 1),
                _d(2017, 12, 31),
                "Dni zdrowia „Białe Soboty”: badania profilaktyczne i porady dla uczestników i ich rodzin.",
            ),
            DemoProjectPartner(
                "ohp-slask",
                PartnerRole.COOPERATING,
                "POR/11/2016",
                _d(2016, 2, 1),
                _d(2017, 12, 31),
                "Poradnictwo zawodowe dla uczestników do 25 roku życia.",
            ),
        ),
    ),
    DemoProject(
        code=WEJHEROWO_PROJECT,
        title="KIS „Śródmieście” – aktywizacja społeczno-zawodowa mieszkańców rewitalizowanego centrum Wejherowa",
        programme="FEP 2021–2027, Działanie 5.11 Aktywne włączenie społeczne",
        funder="Samorząd Województwa Pomorskiego – Instytucja Zarządzająca FEP 2021–2027",
        lead_organisation="Gmina Miasta Wejherowa",
        locations=(KIS_WEJHEROWO,),
        start_date=_d(2024, 7, 1),
        end_date=_d(2027, 6, 30),
        status=Project.Status.RUNNING,
        target_recruited=295,
        target_completed=210,
        esf_layout=Project.EsfLayout.CST2021,
        retention_until=_d(2032, 12, 31),
        indicators=(
            ("Osoby objęte wsparciem w KIS (ścieżka społeczna, zawodowa, środowiskowa)", 295, "osób", RECRUITED),
            ("Osoby, u których nastąpił postęp w procesie aktywizacji społecznej", 101, "osób", SOCIAL_PROGRESS),
            ("Osoby pracujące po opuszczeniu programu", 65, "osób", EMPLOYED),
            ("Osoby zależne objęte opieką w czasie zajęć uczestników", 40, "osób"),
        ),
        criteria=(
            (
                Criterion.STREET,
                "; ".join(WEJHEROWO_REVITALISATION_STREETS),
                "zamieszkuje w obszarze rewitalizacji (Gminny Program Rewitalizacji Miasta Wejherowa)",
            ),
            (Criterion.MIN_AGE, "18", "ukończone 18 lat"),
            (Criterion.MANUAL, "", "korzysta ze świadczeń pomocy społecznej (art. 7 ustawy o pomocy społecznej)"),
        ),
        partners=(
            DemoProjectPartner(
                "dobrodziejki",
                PartnerRole.PARTNER,
                "UP/2/2024",
                _d(2024, 5, 20),
                _d(2027, 6, 30),
                "Ścieżka zawodowa: warsztaty ekonomii społecznej, praktyki w spółdzielni, zatrudnienie socjalne.",
            ),
            DemoProjectPartner(
                "pup-wejherowo",
                PartnerRole.PARTNER,
                "UP/3/2024",
                _d(2024, 5, 20),
                _d(2027, 6, 30),
                "Doradztwo zawodowe i pośrednictwo pracy w KIS, potwierdzanie statusu na rynku pracy.",
            ),
            DemoProjectPartner(
                "caritas",
                PartnerRole.COOPERATING,
                "POR/7/2024",
                _d(2024, 9, 1),
                _d(2027, 6, 30),
                "Akcje środowiskowe („Grosz do grosza”), pomoc żywnościowa, wolontariat.",
            ),
            DemoProjectPartner(
                "kaszubski-dwor",
                PartnerRole.COOPERATING,
                "POR/12/2025",
                _d(2025, 3, 1),
                _d(2027, 6, 30),
                "Praktyki zawodowe w gastronomii i hotelarstwie (6 miejsc).",
            ),
        ),
    ),
    DemoProject(
        code=WEJHEROWO_KIS_PROGRAMME,
        title="KIS „Śródmieście” – program roczny 2026",
        programme="Zadanie własne gminy (ustawa o zatrudnieniu socjalnym); Program Aktywizacja i Integracja",
        funder="Gmina Miasta Wejherowa; Fundusz Pracy (PAI – za pośrednictwem PUP w Wejherowie)",
        lead_organisation="Gmina Miasta Wejherowa",
        locations=(KIS_WEJHEROWO,),
        start_date=_d(2026, 1, 1),
        end_date=_d(2026, 12, 31),
        status=Project.Status.RUNNING,
        target_recruited=60,
        target_completed=40,
        esf_layout=Project.EsfLayout.CST2021,
        retention_until=_d(2031, 12, 31),
        indicators=(
            ("Dzieci w świetlicach środowiskowych", 45, "dzieci"),
            ("Edycje „Szkoły dla rodziców”", 2, "edycji"),
            ("Osoby skierowane do prac społecznie użytecznych", 20, "osób"),
            ("Kluby seniora („Po 50-tce”, „3/4”)", 2, "klubów"),
        ),
        criteria=(
            (Criterion.COMMUNE, "Wejherowo", "zamieszkuje na terenie gminy Wejherowo"),
            (Criterion.MANUAL, "", "kontrakt socjalny zawarty z pracownikiem socjalnym"),
        ),
        partners=(
            DemoProjectPartner(
                "pup-wejherowo",
                PartnerRole.PARTNER,
                "POR/PAI/2/2026",
                _d(2026, 1, 2),
                _d(2026, 12, 31),
                "Program Aktywizacja i Integracja: prace społecznie użyteczne, doradztwo zawodowe w KIS.",
            ),
            DemoProjectPartner(
                "caritas",
                PartnerRole.COOPERATING,
                "POR/1/2026",
                _d(2026, 1, 2),
                _d(2026, 12, 31),
                "Akcje „Pieczony Ziemniak”, „Turniej rodzin”, „Grosz do grosza”; wolontariat.",
            ),
            DemoProjectPartner(
                "dobrodziejki",
                PartnerRole.COOPERATING,
                "POR/2/2026",
                _d(2026, 1, 2),
                _d(2026, 12, 31),
                "Program „W drodze do pracy”: praktyki w spółdzielni socjalnej.",
            ),
        ),
    ),
    DemoProject(
        code=KNUROW_PROJECT,
        title="Centrum Wsparcia i Inicjatyw Społecznych w Knurowie",
        programme="FE SL 2021–2027, Działanie 7.4 Usługi społeczne",
        funder="Samorząd Województwa Śląskiego – Instytucja Zarządzająca FE SL 2021–2027",
        lead_organisation="Gmina Knurów",
        locations=(CWIS_KNUROW, CWIS_FAMILY_CLUB, CWIS_ACTIVATION_POINT, CWIS_VOLUNTEER_CLUB),
        start_date=_d(2025, 1, 1),
        end_date=_d(2027, 12, 31),
        status=Project.Status.RUNNING,
        target_recruited=140,
        target_completed=100,
        esf_layout=Project.EsfLayout.CST2021,
        retention_until=_d(2032, 12, 31),
        indicators=(
            ("Rodziny objęte wsparciem Klubu Dziecka i Rodziny", 40, "rodzin"),
            ("Osoby objęte wsparciem Punktu Aktywizacji Zawodowej i Obywatelskiej", 80, "osób"),
            ("Wolontariusze Klubu Wolontariatu z porozumieniem", 25, "osób"),
        ),
        criteria=(
            (Criterion.COMMUNE, "Knurów; Gierałtowice; Pilchowice", "zamieszkuje w Knurowie lub gminach ościennych"),
            (
                Criterion.RISK_FACTOR,
                "unemployment; disability; poverty; parenting; jobless-household",
                "osoba długotrwale bezrobotna, bierna zawodowo lub z niepełnosprawnością",
            ),
            (Criterion.MIN_AGE, "18", "ukończone 18 lat"),
        ),
        partners=(
            DemoProjectPartner(
                "pup-gliwice",
                PartnerRole.PARTNER,
                "UP/5/2024",
                _d(2024, 10, 1),
                _d(2027, 12, 31),
                "Punkt Aktywizacji Zawodowej i Obywatelskiej: doradca klienta, oferty pracy i szkoleń.",
            ),
            DemoProjectPartner(
                "razem-knurow",
                PartnerRole.PARTNER,
                "UP/6/2024",
                _d(2024, 10, 1),
                _d(2027, 12, 31),
                "Klub Wolontariatu: rekrutacja i szkolenie wolontariuszy, porozumienia wolontariackie.",
            ),
        ),
    ),
    DemoProject(
        code=BIELSKO_PROJECT,
        title="„Nowa Starówka – Nowe Szanse”: Punkt Wsparcia („Przeciw Bezradności”, „Aktywność popłaca”)",
        programme="Gminny Program Rewitalizacji – część społeczna; gminne programy wychodzenia z bezdomności, "
        "profilaktyki problemów alkoholowych i przeciwdziałania przemocy",
        funder="Gmina Bielsko-Biała",
        lead_organisation="Miejski Ośrodek Pomocy Społecznej w Bielsku-Białej",
        locations=(PUNKT_BIELSKO,),
        start_date=_d(2025, 3, 1),
        end_date=_d(2027, 2, 28),
        status=Project.Status.RUNNING,
        target_recruited=80,
        target_completed=55,
        esf_layout=Project.EsfLayout.CST2021,
        retention_until=_d(2032, 12, 31),
        indicators=(
            ("Osoby w indywidualnym programie wychodzenia z bezdomności", 15, "osób"),
            ("Osoby skierowane do prac społecznie użytecznych", 30, "osób"),
            ("Rodziny objęte procedurą „Niebieska Karta” ze wsparciem Punktu", 12, "rodzin"),
        ),
        criteria=(
            (Criterion.TOWN, "Bielsko-Biała", "zamieszkuje w Bielsku-Białej (Stare Miasto i okolice)"),
            (
                Criterion.RISK_FACTOR,
                "homelessness; alcohol-addiction; drug-addiction; addiction; domestic-violence; unemployment; poverty",
                "bezdomność, uzależnienie, przemoc w rodzinie lub bezrobocie",
            ),
            (Criterion.MIN_AGE, "18", "ukończone 18 lat"),
        ),
        partners=(
            DemoProjectPartner(
                "pup-bielsko",
                PartnerRole.PARTNER,
                "POR/PSU/3/2025",
                _d(2025, 2, 15),
                _d(2027, 2, 28),
                "Prace społecznie użyteczne, kierowanie osób bezrobotnych do Punktu Wsparcia.",
            ),
            DemoProjectPartner(
                "zielen-bielsko",
                PartnerRole.COOPERATING,
                "POR/8/2025",
                _d(2025, 4, 1),
                _d(2027, 2, 28),
                "Miejsca prac społecznie użytecznych przy pielęgnacji zieleni Starego Miasta.",
            ),
        ),
    ),
]
