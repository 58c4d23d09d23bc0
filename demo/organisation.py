"""Demo data of the club's core: the staff accounts, the sites, the partners and the projects (used
by ``manage.py seed_demo``).

The sites, the partner organisations and the programmes are the real programmes' public names
(DESIGN §1); the staff, the partners' contact people, phones, NIP and REGON numbers (valid checksums,
invented digits), the street addresses not given in DESIGN and the grant agreement numbers are
invented. Idempotent: users are keyed by username, locations by name, partners by NIP, projects by
code (their indicators by name, criteria by kind and description, partners by organisation).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from kis.models import Location
from kis.roles import Role
from projects.models import Partner, Project, ProjectCriterion, ProjectIndicator, ProjectPartner

PASSWORD = "kis-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    first_name: str
    last_name: str


USERS = [
    DemoUser("social_worker", Role.SOCIAL_WORKER, "Magdalena", "Szczepańska"),
    DemoUser("coordinator", Role.COORDINATOR, "Ewa", "Borkowska"),
    DemoUser("manager", Role.MANAGER, "Jacek", "Malinowski"),
    DemoUser("admin", Role.ADMIN, "Marek", "Zalewski"),
    DemoUser("pracownik2", Role.SOCIAL_WORKER, "Tomasz", "Konkol"),
    DemoUser("pracownik3", Role.SOCIAL_WORKER, "Agnieszka", "Wieczorek"),
    DemoUser("pracownik4", Role.SOCIAL_WORKER, "Beata", "Kandzia"),
    DemoUser("pracownik5", Role.SOCIAL_WORKER, "Łukasz", "Pawlus"),
]
SOCIAL_WORKERS = [user.username for user in USERS if user.role == Role.SOCIAL_WORKER]


@dataclass(frozen=True)
class DemoLocation:
    name: str
    street: str
    postal_code: str
    town: str


KIS_WEJHEROWO = "KIS „Śródmieście”"
CWIS_KNUROW = "Centrum Wsparcia i Inicjatyw Społecznych"
CWIS_FAMILY_CLUB = "CWiIS – Klub Dziecka i Rodziny"
CWIS_ACTIVATION_POINT = "CWiIS – Punkt Aktywizacji Zawodowej i Obywatelskiej"
CWIS_VOLUNTEER_CLUB = "CWiIS – Klub Wolontariatu"
MOPS_ZAWIERCIE = "MOPS Zawiercie"
PUNKT_BIELSKO = "Punkt Wsparcia MOPS Bielsko-Biała"

LOCATIONS = [
    DemoLocation(KIS_WEJHEROWO, "ul. Kopernika 22", "84-200", "Wejherowo"),
    DemoLocation(CWIS_KNUROW, "ul. Dworcowa 33", "44-190", "Knurów"),
    DemoLocation(CWIS_FAMILY_CLUB, "ul. Dworcowa 33", "44-190", "Knurów"),
    DemoLocation(CWIS_ACTIVATION_POINT, "ul. Dworcowa 33", "44-190", "Knurów"),
    DemoLocation(CWIS_VOLUNTEER_CLUB, "ul. Dworcowa 33", "44-190", "Knurów"),
    # The street address of MOPS Zawiercie is a plausible one, not taken from the programme.
    DemoLocation(MOPS_ZAWIERCIE, "ul. Piłsudskiego 47", "42-400", "Zawiercie"),
    DemoLocation(PUNKT_BIELSKO, "ul. Karola Miarki 11", "43-300", "Bielsko-Biała"),
]


# --- Partners ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPartner:
    key: str  # how the projects below refer to it
    name: str
    kind: str
    nip: str
    regon: str
    street: str
    postal_code: str
    town: str
    contact_person: str
    phone: str
    email: str
    notes: str = ""


PartnerKind = Partner.Kind
PARTNERS = [
    DemoPartner(
        "dobrodziejki",
        "Wejherowska Spółdzielnia Socjalna „Dobrodziejki”",
        PartnerKind.SOCIAL_COOPERATIVE,
        "5885260188",
        "221590832",
        "ul. Sobieskiego 219",
        "84-200",
        "Wejherowo",
        "Aleksandra Formela (prezes zarządu)",
        "58 672 41 18",
        "dobrodziejki@example.pl",
        "Usługi porządkowe, cateringowe i opiekuńcze; miejsce praktyk i zatrudnienia socjalnego uczestników KIS.",
    ),
    DemoPartner(
        "pup-wejherowo",
        "Powiatowy Urząd Pracy w Wejherowie",
        PartnerKind.LABOUR_OFFICE,
        "5880166131",
        "191860912",
        "ul. Pucka 11",
        "84-200",
        "Wejherowo",
        "Krzysztof Labuda (doradca zawodowy)",
        "58 672 03 40",
        "pup.wejherowo@example.pl",
        "Doradztwo zawodowe w KIS, oferty pracy i staży, potwierdzanie statusu na rynku pracy, "
        "prace społecznie użyteczne (Program Aktywizacja i Integracja).",
    ),
    DemoPartner(
        "caritas",
        "Caritas Archidiecezji Gdańskiej",
        PartnerKind.CHURCH,
        "5833909961",
        "190308242",
        "ul. Łąkowa 1/2",
        "80-769",
        "Gdańsk",
        "s. Teresa Kreft (koordynatorka parafialnych zespołów Caritas)",
        "58 301 22 16",
        "caritas.gdansk@example.pl",
        "Akcja „Grosz do grosza”, pomoc żywnościowa, wolontariat parafialny w Wejherowie.",
    ),
    DemoPartner(
        "mops-zawiercie",
        "Miejski Ośrodek Pomocy Społecznej w Zawierciu",
        PartnerKind.OTHER,
        "6490792447",
        "270268590",
        "ul. Piłsudskiego 47",
        "42-400",
        "Zawiercie",
        "Renata Kmiecik (kierownik działu aktywizacji)",
        "32 672 18 05",
        "mops.zawiercie@example.pl",
        "Lider partnerstwa w projekcie 2016–2017.",
    ),
    DemoPartner(
        "pcpr-zawiercie",
        "Powiatowe Centrum Pomocy Rodzinie w Zawierciu",
        PartnerKind.PCPR,
        "6496281943",
        "278219935",
        "ul. Sienkiewicza 34",
        "42-400",
        "Zawiercie",
        "Iwona Gajda (specjalista pracy z rodziną)",
        "32 672 29 61",
        "pcpr.zawiercie@example.pl",
    ),
    DemoPartner(
        "csd-klucze",
        "Chrześcijańskie Stowarzyszenie Dobroczynne w Kluczach",
        PartnerKind.NGO,
        "6375181906",
        "359378654",
        "ul. Zawierciańska 2",
        "32-310",
        "Klucze",
        "Paweł Bednarczyk (prezes stowarzyszenia)",
        "32 642 85 17",
        "csd.klucze@example.pl",
        "Grupy samopomocowe, wolontariat, programy aktywności lokalnej.",
    ),
    DemoPartner(
        "pup-zawiercie",
        "Powiatowy Urząd Pracy w Zawierciu",
        PartnerKind.LABOUR_OFFICE,
        "6493667122",
        "277684268",
        "ul. Obrońców Poczty Gdańskiej 3",
        "42-400",
        "Zawiercie",
        "Marzena Łebek (doradca zawodowy)",
        "32 672 36 44",
        "pup.zawiercie@example.pl",
    ),
    DemoPartner(
        "ohp-slask",
        "Ochotnicze Hufce Pracy – Śląska Wojewódzka Komenda",
        PartnerKind.OHP,
        "6348465634",
        "272122330",
        "ul. Sienkiewicza 4",
        "40-031",
        "Katowice",
        "Łukasz Ryszka (Młodzieżowe Centrum Kariery)",
        "32 251 45 86",
        "ohp.slask@example.pl",
        "Poradnictwo zawodowe i pośrednictwo pracy dla uczestników do 25 roku życia.",
    ),
    DemoPartner(
        "szkolenia-zawiercie",
        "Centrum Szkoleniowe „Kompetencje” sp. z o.o.",
        PartnerKind.TRAINING,
        "6497975435",
        "242319487",
        "ul. Marszałkowska 14",
        "42-400",
        "Zawiercie",
        "Joanna Kasprzyk (kierownik szkoleń)",
        "32 670 11 52",
        "kompetencje@example.pl",
        "Akredytowane centrum egzaminacyjne ECDL; kursy ECDL Base, kursy zawodowe.",
    ),
    DemoPartner(
        "piekarnia",
        "Piekarnia „Pod Kłosem” s.c.",
        PartnerKind.EMPLOYER,
        "6497574914",
        "241862522",
        "ul. Towarowa 8",
        "42-400",
        "Zawiercie",
        "Grzegorz Pająk (współwłaściciel)",
        "32 672 50 09",
        "pod.klosem@example.pl",
        "Staże: pomocnik piekarza, sprzedawca.",
    ),
    DemoPartner(
        "czysty-dom",
        "Zakład Usług Komunalnych „Czysty Dom” sp. z o.o.",
        PartnerKind.EMPLOYER,
        "6497601893",
        "245559795",
        "ul. Hutnicza 21",
        "42-400",
        "Zawiercie",
        "Dariusz Nowakowski (kierownik zmiany)",
        "32 672 77 31",
        "czysty.dom@example.pl",
        "Staże: pracownik gospodarczy, konserwator terenów zielonych.",
    ),
    DemoPartner(
        "kaszubski-dwor",
        "Hotel i Restauracja „Kaszubski Dwór” sp. z o.o.",
        PartnerKind.EMPLOYER,
        "5887114717",
        "220497467",
        "ul. 12 Marca 196",
        "84-200",
        "Wejherowo",
        "Monika Miotk (kierownik działu kadr)",
        "58 672 90 14",
        "kaszubski.dwor@example.pl",
        "Praktyki i zatrudnienie: pomoc kuchenna, pokojowa.",
    ),
    DemoPartner(
        "przychodnia",
        "NZOZ Przychodnia Rodzinna „Zdrowie” s.c.",
        PartnerKind.HEALTH,
        "6495075294",
        "241703427",
        "ul. Paderewskiego 12",
        "42-400",
        "Zawiercie",
        "lek. Anna Bednarczyk",
        "32 672 63 20",
        "przychodnia.zdrowie@example.pl",
        "Dni zdrowia „Białe Soboty”: badania profilaktyczne i porady dla uczestników i ich rodzin.",
    ),
    DemoPartner(
        "pup-gliwice",
        "Powiatowy Urząd Pracy w Gliwicach – Filia w Knurowie",
        PartnerKind.LABOUR_OFFICE,
        "6319528906",
        "277866667",
        "ul. Ogana 5",
        "44-190",
        "Knurów",
        "Sylwia Widera (doradca klienta)",
        "32 235 21 70",
        "pup.knurow@example.pl",
    ),
    DemoPartner(
        "razem-knurow",
        "Stowarzyszenie „Aktywni Razem” w Knurowie",
        PartnerKind.NGO,
        "9693721595",
        "240109283",
        "ul. Dworcowa 33",
        "44-190",
        "Knurów",
        "Tomasz Szymura (prezes)",
        "32 235 64 02",
        "aktywni.razem@example.pl",
        "Prowadzi z CWiIS Klub Wolontariatu; porozumienia wolontariackie.",
    ),
    DemoPartner(
        "pup-bielsko",
        "Powiatowy Urząd Pracy w Bielsku-Białej",
        PartnerKind.LABOUR_OFFICE,
        "5471590133",
        "079624590",
        "ul. Ks. Stanisława Stojałowskiego 2",
        "43-300",
        "Bielsko-Biała",
        "Katarzyna Kubala (specjalista ds. programów)",
        "33 812 60 45",
        "pup.bielsko@example.pl",
        "Prace społecznie użyteczne, kierowanie do KIS osób bezrobotnych.",
    ),
    DemoPartner(
        "zielen-bielsko",
        "Przedsiębiorstwo Usługowe „Zieleń Miejska” sp. z o.o.",
        PartnerKind.EMPLOYER,
        "5477741219",
        "245472806",
        "ul. Cechowa 7",
        "43-300",
        "Bielsko-Biała",
        "Henryk Mrozek (brygadzista)",
        "33 815 27 93",
        "zielen.bielsko@example.pl",
        "Miejsca prac społecznie użytecznych i zatrudnienia wspieranego.",
    ),
]

# --- Projects ------------------------------------------------------------------------------------

ZAWIERCIE_PROJECT = "UDA-RPSL.09.01.01-24-0183/15-00"
WEJHEROWO_PROJECT = "FEPM.05.11-IZ.00-0087/23"
WEJHEROWO_KIS_PROGRAMME = "KIS-SR/PR/2026"
KNUROW_PROJECT = "FESL.07.04-IZ.01-0215/24"
BIELSKO_PROJECT = "MOPS-BB/PW/2025/1"

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
    indicators: tuple[tuple[str, int, str], ...] = ()  # (name, target, unit)
    criteria: tuple[tuple[str, str, str], ...] = ()  # (kind, value, description)
    partners: tuple[DemoProjectPartner, ...] = field(default=())


PartnerRole = ProjectPartner.Role
Criterion = ProjectCriterion.Kind
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
            ("Osoby zagrożone ubóstwem lub wykluczeniem społecznym objęte wsparciem", 145, "osób"),
            ("Osoby, które ukończyły ścieżkę reintegracji", 96, "osób"),
            ("Osoby z kwalifikacjami ECDL Base (certyfikat)", 12, "osób"),
            ("Ukończone staże zawodowe", 13, "staży"),
            ("Programy aktywności lokalnej (osiedle Stary Rynek, ul. Nowa w Kromołowie)", 2, "programów"),
            ("Dni zdrowia „Białe Soboty”", 6, "wydarzeń"),
            ("Wolontariusze z podpisanym porozumieniem wolontariackim", 15, "osób"),
        ),
        criteria=(
            (Criterion.MIN_AGE, "18", "ukończone 18 lat"),
            (
                Criterion.RISK_FACTOR,
                "poverty; unemployment; disability; homelessness; addiction; domestic-violence; parenting; "
                "long-term-illness; leaving-prison; single-adult-household; jobless-household",
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
            ("Osoby objęte wsparciem w KIS (ścieżka społeczna, zawodowa, środowiskowa)", 295, "osób"),
            ("Osoby, u których nastąpił postęp w procesie aktywizacji społecznej", 101, "osób"),
            ("Osoby pracujące po opuszczeniu programu", 65, "osób"),
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
                "homelessness; addiction; domestic-violence; unemployment; poverty",
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


def seed(*, stdout, rng: random.Random, **options) -> None:
    User = get_user_model()
    # One hash for every demo account: hashing is deliberately slow, and these are demo accounts.
    password_hash = make_password(PASSWORD)
    groups = {group.name: group for group in Group.objects.filter(name__in=[role.value for role in Role])}
    missing = {user.role.value for user in USERS} - groups.keys()
    if missing:
        raise RuntimeError(f"Role groups missing ({', '.join(sorted(missing))}): run `manage.py migrate` first.")

    new_users = 0
    for demo_user in USERS:
        is_admin = demo_user.role == Role.ADMIN
        user, created = User.objects.update_or_create(
            username=demo_user.username,
            defaults={
                "first_name": demo_user.first_name,
                "last_name": demo_user.last_name,
                "email": f"{demo_user.username}@example.pl",
                "is_active": True,
                "is_staff": is_admin,
                "is_superuser": is_admin,
                "password": password_hash,
            },
        )
        user.groups.add(groups[demo_user.role.value])
        new_users += created

    new_locations = 0
    for demo_location in LOCATIONS:
        _location, created = Location.objects.update_or_create(
            name=demo_location.name,
            defaults={
                "street": demo_location.street,
                "postal_code": demo_location.postal_code,
                "town": demo_location.town,
                "is_active": True,
            },
        )
        new_locations += created

    stdout.write(f"kis: {len(USERS)} users ({new_users} new), {len(LOCATIONS)} locations ({new_locations} new)")
    new_partners, new_projects = seed_partners_and_projects()
    stdout.write(f"kis: {len(PARTNERS)} partners ({new_partners} new), {len(PROJECTS)} projects ({new_projects} new)")


def seed_partners_and_projects() -> tuple[int, int]:
    """Create or refresh the demo partners and projects; returns how many of each were new."""
    partners = {}
    new_partners = 0
    for demo_partner in PARTNERS:
        partners[demo_partner.key], created = Partner.objects.update_or_create(
            nip=demo_partner.nip,
            defaults={
                "name": demo_partner.name,
                "kind": demo_partner.kind,
                "regon": demo_partner.regon,
                "street": demo_partner.street,
                "postal_code": demo_partner.postal_code,
                "town": demo_partner.town,
                "contact_person": demo_partner.contact_person,
                "phone": demo_partner.phone,
                "email": demo_partner.email,
                "notes": demo_partner.notes,
            },
        )
        new_partners += created

    locations = {location.name: location for location in Location.objects.filter(name__in=[x.name for x in LOCATIONS])}
    new_projects = 0
    for demo in PROJECTS:
        project, created = Project.objects.update_or_create(
            code=demo.code,
            defaults={
                "title": demo.title,
                "programme": demo.programme,
                "funder": demo.funder,
                "lead_organisation": demo.lead_organisation,
                "start_date": demo.start_date,
                "end_date": demo.end_date,
                "status": demo.status,
                "target_recruited": demo.target_recruited,
                "target_completed": demo.target_completed,
                "social_effectiveness_threshold": demo.social_threshold,
                "employment_effectiveness_threshold": demo.employment_threshold,
                "esf_layout": demo.esf_layout,
                "retention_until": demo.retention_until,
                "legal_hold": demo.legal_hold,
            },
        )
        new_projects += created
        project.locations.set([locations[name] for name in demo.locations])
        for name, target, unit in demo.indicators:
            ProjectIndicator.objects.update_or_create(
                project=project, name=name, defaults={"target": target, "unit": unit}
            )
        for kind, value, description in demo.criteria:
            ProjectCriterion.objects.update_or_create(
                project=project, kind=kind, description=description, defaults={"value": value}
            )
        for link in demo.partners:
            ProjectPartner.objects.update_or_create(
                project=project,
                partner=partners[link.partner],
                defaults={
                    "role": link.role,
                    "agreement_number": link.agreement_number,
                    "agreement_start": link.agreement_start,
                    "agreement_end": link.agreement_end,
                    "agreement_scope": link.scope,
                },
            )
    return new_partners, new_projects
