"""The demo's people tables: the areas around the sites with their towns and streets, the social
workers serving each site, common Polish first names and surnames, and the texts and ranges the
invented people are drawn from.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from demo.data import organisation
from participants.models import AreaType, Sex, Voivodeship

# --- Places -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    town: str
    postal_codes: tuple[str, ...]
    commune: str
    county: str
    voivodeship: str
    area_type: int
    streets: tuple[str, ...]  # "" stands for a village without street names ("Włodowice 45")
    weight: int


VILLAGE_STREETS = ("ul. Szkolna", "ul. Leśna", "ul. Polna", "ul. Kościelna", "ul. Ogrodowa", "ul. Słoneczna", "", "")

WEJHEROWO_AREA = (
    Place(
        "Wejherowo",
        ("84-200",),
        "Wejherowo",
        "wejherowski",
        Voivodeship.POMORSKIE,
        AreaType.INTERMEDIATE,
        (
            "ul. Sobieskiego",
            "ul. Kopernika",
            "ul. 12 Marca",
            "ul. Ofiar Piaśnicy",
            "ul. Wałowa",
            "ul. Harcerska",
            "ul. Strzelecka",
            "ul. Sienkiewicza",
            "ul. Kościuszki",
            "ul. Klasztorna",
            "ul. Reformatów",
            "ul. Gryfa Pomorskiego",
            "ul. Kusocińskiego",
            "os. Kaszubskie",
        ),
        8,
    ),
    Place(
        "Bolszewo", ("84-239",), "Wejherowo", "wejherowski", Voivodeship.POMORSKIE, AreaType.RURAL, VILLAGE_STREETS, 1
    ),
    Place(
        "Gościcino", ("84-241",), "Wejherowo", "wejherowski", Voivodeship.POMORSKIE, AreaType.RURAL, VILLAGE_STREETS, 1
    ),
)
KNUROW_AREA = (
    Place(
        "Knurów",
        ("44-190", "44-193", "44-194", "44-196"),
        "Knurów",
        "gliwicki",
        Voivodeship.SLASKIE,
        AreaType.INTERMEDIATE,
        (
            "ul. Dworcowa",
            "ul. Niepodległości",
            "ul. 1 Maja",
            "ul. Szpitalna",
            "ul. Kosmonautów",
            "ul. Ogana",
            "ul. Mickiewicza",
            "ul. Wilsona",
            "ul. Jedności Narodowej",
            "ul. Słowackiego",
            "ul. Koziełka",
            "ul. Żwirki i Wigury",
        ),
        8,
    ),
    Place(
        "Gierałtowice", ("44-186",), "Gierałtowice", "gliwicki", Voivodeship.SLASKIE, AreaType.RURAL, VILLAGE_STREETS, 1
    ),
    Place("Pilchowice", ("44-145",), "Pilchowice", "gliwicki", Voivodeship.SLASKIE, AreaType.RURAL, VILLAGE_STREETS, 1),
)
ZAWIERCIE_AREA = (
    Place(
        "Zawiercie",
        ("42-400",),
        "Zawiercie",
        "zawierciański",
        Voivodeship.SLASKIE,
        AreaType.INTERMEDIATE,
        (
            "ul. Piłsudskiego",
            "ul. Leśna",
            "ul. Paderewskiego",
            "ul. Daszyńskiego",
            "ul. Blanowska",
            "ul. Hutnicza",
            "ul. Kasprowicza",
            "ul. Obrońców Poczty Gdańskiej",
            "ul. Stary Rynek",
            "ul. Nowa",
            "ul. Towarowa",
            "ul. Żabia",
        ),
        7,
    ),
    Place(
        "Włodowice", ("42-421",), "Włodowice", "zawierciański", Voivodeship.SLASKIE, AreaType.RURAL, VILLAGE_STREETS, 1
    ),
    Place(
        "Kroczyce", ("42-425",), "Kroczyce", "zawierciański", Voivodeship.SLASKIE, AreaType.RURAL, VILLAGE_STREETS, 1
    ),
    Place(
        "Ogrodzieniec",
        ("42-440",),
        "Ogrodzieniec",
        "zawierciański",
        Voivodeship.SLASKIE,
        AreaType.RURAL,
        ("ul. Kościuszki", "ul. Paderewskiego", "ul. Mickiewicza", "pl. Wolności"),
        1,
    ),
)
BIELSKO_AREA = (
    Place(
        "Bielsko-Biała",
        ("43-300", "43-302", "43-303", "43-309", "43-316"),
        "Bielsko-Biała",
        "Bielsko-Biała",
        Voivodeship.SLASKIE,
        AreaType.CITY,
        (
            "ul. Karola Miarki",
            "ul. Wzgórze",
            "ul. Podcienie",
            "ul. Cechowa",
            "ul. Stojałowskiego",
            "ul. Wałowa",
            "ul. Józefa Lompy",
            "ul. Orkana",
            "ul. Piastowska",
            "ul. Cieszyńska",
            "ul. Grunwaldzka",
            "ul. 11 Listopada",
        ),
        9,
    ),
    Place("Jaworze", ("43-384",), "Jaworze", "bielski", Voivodeship.SLASKIE, AreaType.RURAL, VILLAGE_STREETS, 1),
    Place("Wilkowice", ("43-365",), "Wilkowice", "bielski", Voivodeship.SLASKIE, AreaType.RURAL, VILLAGE_STREETS, 1),
)


@dataclass(frozen=True)
class Site:
    """Where a demo location recruits: its area, the social workers serving it, its share of people."""

    places: tuple[Place, ...]
    workers: tuple[tuple[str, int], ...]  # (username, weight)
    weight: int


SITES = {
    organisation.KIS_WEJHEROWO: Site(WEJHEROWO_AREA, (("social_worker", 3), ("pracownik2", 2)), 90),
    organisation.CWIS_KNUROW: Site(KNUROW_AREA, (("pracownik3", 1),), 20),
    organisation.CWIS_FAMILY_CLUB: Site(KNUROW_AREA, (("pracownik3", 1),), 15),
    organisation.CWIS_ACTIVATION_POINT: Site(KNUROW_AREA, (("pracownik3", 1),), 30),
    organisation.CWIS_VOLUNTEER_CLUB: Site(KNUROW_AREA, (("pracownik3", 1),), 10),
    organisation.MOPS_ZAWIERCIE: Site(ZAWIERCIE_AREA, (("pracownik4", 1),), 70),
    organisation.PUNKT_BIELSKO: Site(BIELSKO_AREA, (("pracownik5", 1),), 65),
}
LOCAL_SURNAMES = {
    WEJHEROWO_AREA: ("Formela", "Konkol", "Kreft", "Labuda", "Miotk", "Kąkol", "Bigus", "Trzebiatowski", "Kotłowski"),
    KNUROW_AREA: ("Pyka", "Kocur", "Ochman", "Widera", "Kandzia", "Wałach", "Szymura", "Gawlik", "Jurczyk"),
    ZAWIERCIE_AREA: ("Gajda", "Kmiecik", "Łebek", "Nowakowski", "Bednarczyk", "Kasprzyk", "Ryszka", "Pająk"),
    BIELSKO_AREA: ("Kubala", "Pawlus", "Sikora", "Mrozek", "Pietrzyk", "Hulbój", "Bieniek", "Kasperek", "Szczotka"),
}

# --- Names --------------------------------------------------------------------------------------

# First names by generation: born before 1975, 1975–1989, from 1990.
FEMALE_NAMES = (
    ("Krystyna", "Barbara", "Halina", "Danuta", "Teresa", "Elżbieta", "Jadwiga", "Grażyna", "Bożena", "Irena"),
    ("Agnieszka", "Monika", "Katarzyna", "Magdalena", "Joanna", "Anna", "Beata", "Ewa", "Justyna", "Sylwia"),
    ("Julia", "Natalia", "Aleksandra", "Weronika", "Karolina", "Paulina", "Patrycja", "Wiktoria", "Klaudia"),
)
MALE_NAMES = (
    ("Stanisław", "Zbigniew", "Jerzy", "Tadeusz", "Ryszard", "Kazimierz", "Andrzej", "Henryk", "Zdzisław", "Janusz"),
    ("Marcin", "Tomasz", "Paweł", "Piotr", "Krzysztof", "Michał", "Dariusz", "Robert", "Łukasz", "Grzegorz"),
    ("Jakub", "Kacper", "Mateusz", "Dawid", "Bartosz", "Szymon", "Kamil", "Adrian", "Damian", "Patryk"),
)
CHILD_NAMES = {
    Sex.FEMALE: ("Zuzanna", "Julia", "Maja", "Zofia", "Hanna", "Lena", "Alicja", "Oliwia", "Amelia", "Laura"),
    Sex.MALE: ("Antoni", "Jan", "Aleksander", "Franciszek", "Szymon", "Filip", "Nikodem", "Leon", "Mikołaj", "Igor"),
}
# Masculine forms; adjectival surnames (-ski, -cki, -dzki, -ny) take -a for women.
SURNAMES = (
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Jankowski",
    "Mazur",
    "Kwiatkowski",
    "Krawczyk",
    "Piotrowski",
    "Grabowski",
    "Pawłowski",
    "Michalski",
    "Nowicki",
    "Adamczyk",
    "Dudek",
    "Zając",
    "Wieczorek",
    "Jabłoński",
    "Król",
    "Majewski",
    "Olszewski",
    "Jaworski",
    "Wróbel",
    "Pawlak",
    "Witkowski",
    "Walczak",
    "Stępień",
    "Górski",
    "Rutkowski",
    "Michalak",
    "Ostrowski",
    "Baran",
    "Duda",
    "Szewczyk",
    "Tomaszewski",
    "Pietrzak",
    "Marciniak",
    "Wróblewski",
    "Jakubowski",
    "Zawadzki",
    "Sadowski",
    "Bąk",
    "Chmielewski",
    "Czarnecki",
    "Sawicki",
    "Sokołowski",
    "Kubiak",
    "Kucharski",
    "Wilk",
    "Lis",
    "Mazurek",
    "Wysocki",
    "Kaźmierczak",
    "Cieślak",
    "Głowacki",
    "Kołodziej",
    "Szulc",
    "Brzeziński",
    "Ziółkowski",
    "Czarny",
    "Wolny",
)
# Ukrainian names in Polish spelling; these surnames do not change with sex.
FOREIGN_NAMES = {
    Sex.FEMALE: ("Ołena", "Iryna", "Oksana", "Tetiana", "Switłana", "Natalia"),
    Sex.MALE: ("Ołeksandr", "Andrij", "Serhij", "Wołodymyr", "Dmytro", "Mykoła"),
}
FOREIGN_SURNAMES = (
    "Kowalenko",
    "Bondarenko",
    "Tkaczenko",
    "Szewczenko",
    "Melnyk",
    "Kowalczuk",
    "Poliszczuk",
    "Sawczuk",
    "Bojko",
    "Marczenko",
    "Łysenko",
    "Hnatiuk",
)


# --- Situation ------------------------------------------------------------------------------------

EXTRA_RISK_FACTORS = (  # (code, weight)
    ("poverty", 30),
    ("jobless-household", 12),
    ("parenting", 10),
    ("single-adult-household", 8),
    ("long-term-illness", 8),
    ("alcohol-addiction", 5),
    ("drug-addiction", 2),
    ("addiction", 1),
    ("domestic-violence", 6),
    ("homelessness", 5),
    ("leaving-prison", 3),
    ("other", 2),
)
OTHER_RISK_FACTORS = (
    "zadłużenie i egzekucja komornicza",
    "opieka nad niepełnosprawnym członkiem rodziny",
    "niski poziom kompetencji cyfrowych",
)
IMAGE_CONSENT_SCOPE = "publikacja wizerunku w materiałach informacyjnych projektu i na stronie internetowej placówki"
NO_PESEL_REASONS = {
    "foreign": "cudzoziemiec bez nadanego numeru PESEL",
    "applied_f": "obywatelka Ukrainy – wniosek o nadanie numeru PESEL w toku",
    "applied_m": "obywatel Ukrainy – wniosek o nadanie numeru PESEL w toku",
    "homeless": "brak dokumentów tożsamości – numer PESEL do ustalenia w urzędzie gminy",
}
CARE_NOTES_CHILD = (
    "opieka w świetlicy podczas zajęć grupowych",
    "przedszkole do 15:00 – potrzebna opieka na zajęciach popołudniowych",
    "zajęcia dla dzieci w czasie warsztatów rodzica",
    "",
)
CARE_NOTES_ADULT = (
    "choroba Alzheimera – wymaga stałej opieki",
    "osoba leżąca po udarze – opieka wytchnieniowa w czasie zajęć",
    "znaczny stopień niepełnosprawności – wymaga opieki",
)
GENERIC_NOTES = (
    "Prosi o kontakt telefoniczny wyłącznie po 16:00.",
    "Zadłużenie czynszowe – złożono w spółdzielni wniosek o rozłożenie na raty.",
    "Korzysta z pomocy żywnościowej; termin wizyty w poradni zdrowia psychicznego wyznaczony.",
)

# Fixed ranges, so the data does not depend on the day it is generated (only clamped to today).
REGISTERED_FROM = datetime.date(2024, 1, 8)
REGISTERED_DAYS = 1000  # up to early October 2026
BIRTH_YEARS = (
    (1950, 1959, 10),
    (1960, 1969, 17),
    (1970, 1979, 20),
    (1980, 1989, 23),
    (1990, 1999, 20),
    (2000, 2006, 10),
)
NO_PESEL_EVERY = 33  # about 3% of people have no PESEL
LAST_CHILD_BORN = datetime.date(2024, 6, 30)
MOBILE_PREFIXES = ("50", "51", "53", "57", "60", "66", "69", "72", "78", "79", "88")
