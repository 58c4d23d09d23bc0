"""The demo's staff accounts, sites and partner organisations, and the codes of its projects.

The sites and the partner organisations are the real programmes' public names (DESIGN §1); the
staff, the partners' contact people, phones, NIP and REGON numbers (valid checksums, invented
digits) and the street addresses not given in DESIGN are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from kis.roles import Role
from projects.models import Partner

PASSWORD = "kis-demo-2026"
# The data protection officer named in the demo projects' data-protection statements.
DATA_PROTECTION_CONTACT = "iod@mops.example.pl, ul. Przykładowa 1, 00-001 Miasto"


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


# --- Project codes -------------------------------------------------------------------------------

ZAWIERCIE_PROJECT = "UDA-RPSL.09.01.01-24-0183/15-00"
WEJHEROWO_PROJECT = "FEPM.05.11-IZ.00-0087/23"
WEJHEROWO_KIS_PROGRAMME = "KIS-SR/PR/2026"
KNUROW_PROJECT = "FESL.07.04-IZ.01-0215/24"
BIELSKO_PROJECT = "MOPS-BB/PW/2025/1"
