"""Demo programme (used by ``manage.py seed_demo`` through ``activities.demo``): activities of the
three tracks with their weekly sessions, enrollments and attendance, individual support,
internships and volunteer agreements, for the closed Zawiercie partnership and the running projects.

The closed project (2016–2017) holds what it delivered: social-competence training groups,
self-help groups, the computer course „ECDL Base” (12 people certified), health days „Białe Soboty”,
the local activity programmes for osiedle Stary Rynek and ul. Nowa in Kromołów, a volunteer group
under signed agreements, psychological and legal counselling, family assistants and 13 completed
internships with employers. The running projects (Wejherowo, Knurów, Bielsko-Biała) have their
current activities: sessions around today and in the coming weeks, attendance marked for past
sessions only, a few people with three absences in a row, two under-filled activities.

The programme's rules hold although rows are written directly: only people recruited into an
activity's project are enrolled, on a day their participation ran (for an activity still running:
people active in the project today); attendance is marked only while they took part; no trainer
has two sessions at once; a session's dependants in care belong to people present at it. The
names of the trainers, specialists and animators are invented; the programmes are the real ones
(DESIGN §1).

Idempotent: activities are keyed by (name, project), sessions by (activity, date, start),
enrollments by (activity, participant) — people are chosen only for an activity that has none —
attendance by (session, enrollment), cared dependants by (session, person); individual support,
internships and volunteer agreements are topped up to their figures.
"""

from __future__ import annotations

import datetime
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from activities.models import (
    Activity,
    Attendance,
    Enrollment,
    IndividualSupport,
    Internship,
    ServiceType,
    Session,
    VolunteerAgreement,
)
from demo import organisation
from kis.models import Location
from participants.models import HouseholdMember, LabourMarketStatus, Participant, Sex
from participation.models import ProjectParticipation
from projects.models import Partner, Project

DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)
PathStatus = ProjectParticipation.Status
Support = IndividualSupport.Kind
FILLED = 0.75  # ActivityQuerySet.under_filled(): fewer enrolled than this share of the places

Z = organisation.ZAWIERCIE_PROJECT
FEPM = organisation.WEJHEROWO_PROJECT
KIS_SR = organisation.WEJHEROWO_KIS_PROGRAMME
FESL = organisation.KNUROW_PROJECT
BB = organisation.BIELSKO_PROJECT
# The running projects in which one person stopped coming (three absences in a row, recently).
STOPPED_COMING_IN = (FEPM, FESL, BB)

ECDL_NAME = "Kurs komputerowy ECDL Base"
ECDL_FIRST = datetime.date(2016, 10, 25)
ECDL_LAST = datetime.date(2016, 12, 15)
ECDL_CERTIFIED = 12
ECDL_BODY = "ECDL Polska / PTI"
LOCAL_ACTIVITY_PROGRAMME = "Program aktywności lokalnej"
VOLUNTEERING = "Wolontariat"
ZAWIERCIE_INTERNSHIPS = (  # (employer partner key, positions, completed internships)
    ("piekarnia", ("pomocnik piekarza", "sprzedawca"), 5),
    ("czysty-dom", ("pracownik gospodarczy", "konserwator terenów zielonych"), 8),
)
ZAWIERCIE_INTERNSHIPS_NOT_COMPLETED = 2
INTERNSHIPS_FROM = datetime.date(2016, 6, 1)  # the employers' agreements
INTERNSHIPS_UNTIL = datetime.date(2017, 10, 31)
INTERNSHIP_DAYS = 88  # three months, Monday to Friday of the 13th week


# --- Calendar -------------------------------------------------------------------------------------


def easter(year: int) -> datetime.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return datetime.date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


@cache
def days_off(year: int) -> frozenset[datetime.date]:
    """Public holidays in Poland, and the Christmas break (24–31 December) when the club has no classes."""
    fixed = [(1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11)] + [(12, day) for day in range(24, 32)]
    sunday = easter(year)
    return frozenset(
        [datetime.date(year, month, day) for month, day in fixed]
        + [sunday, sunday + DAY, sunday + 49 * DAY, sunday + 60 * DAY]
    )


def is_day_off(day: datetime.date) -> bool:
    return day in days_off(day.year)


def working_day(day: datetime.date) -> datetime.date:
    """The day itself, or the next working day."""
    while day.weekday() >= 5 or is_day_off(day):
        day += DAY
    return day


def working_days(first: datetime.date, last: datetime.date) -> int:
    return sum(1 for n in range((last - first).days + 1) if working_day(first + n * DAY) == first + n * DAY)


# --- The activities -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """A demo activity: its meetings are ``slots`` (weekday 0 = Monday, from, until) every ``every``
    weeks from ``first``, for ``weeks`` repetitions or ``until`` a day; public holidays are skipped."""

    name: str
    service: str  # ServiceType.name in the catalogue
    project: str  # Project.code
    location: str
    trainer: str
    first: datetime.date
    slots: tuple[tuple[int, str, str], ...]
    weeks: int = 0
    until: datetime.date | None = None
    every: int = 1
    provider: str | None = None  # DemoPartner.key
    capacity: int = 12
    enrol: int = 12  # people to enrol; beyond the capacity they wait on the waiting list
    rolling: bool = False  # a group or club people join and leave with their participation
    who: str = ""  # who the activity is for: parents, seniors, seniors60, women, young, unemployed
    under_filled: bool = False  # keeps its capacity even when few enrol
    care: bool = False  # the club cares for participants' dependants during the sessions
    headcount: tuple[int, int] | None = None  # others present (family, neighbours) at a session
    presence: float = 0.9
    topics: tuple[str, ...] = ()
    cycle_topics: bool = False
    certificate_body: str = ""
    certificate_prefix: str = ""
    agreements: tuple[str | None, str, tuple[str, ...]] | None = None  # volunteering: (partner, number, scopes)
    description: str = ""


SOCIAL_COMPETENCE = (
    "Komunikacja interpersonalna",
    "Asertywność w codziennych sytuacjach",
    "Radzenie sobie ze stresem",
    "Rozwiązywanie konfliktów",
    "Praca w grupie",
    "Poczucie własnej wartości",
    "Zarządzanie czasem i planowanie",
    "Budżet domowy",
    "Autoprezentacja",
    "Rozmowa kwalifikacyjna – symulacje",
    "Prawa i obowiązki pracownika",
    "Podsumowanie i plan dalszych działań",
)
SCHOOL_FOR_PARENTS = (
    "Potrzeby dziecka na różnych etapach rozwoju",
    "Jak mówić, żeby dzieci słuchały",
    "Emocje dziecka i rodzica",
    "Granice i konsekwencje bez kar",
    "Wspieranie samodzielności",
    "Rodzeństwo bez rywalizacji",
    "Dziecko w szkole – współpraca z nauczycielem",
    "Bezpieczeństwo dziecka w internecie",
    "Czas wolny w rodzinie",
    "Podsumowanie, wręczenie zaświadczeń",
)
SELF_HELP = (
    "Spotkanie grupy – wymiana doświadczeń",
    "Moje mocne strony",
    "Radzenie sobie z trudnymi emocjami",
    "Gdzie szukać pomocy – instytucje i organizacje",
    "Spotkanie z gościem",
    "Planowanie wspólnych działań",
)
ECDL_MODULES = (
    "Moduł B1: Podstawy pracy z komputerem",
    "Moduł B2: Podstawy pracy w sieci",
    "Moduł B3: Przetwarzanie tekstów",
    "Moduł B4: Arkusze kalkulacyjne",
    "Powtórka i egzaminy ECDL Base (B1–B4)",
)
LOCAL_ACTIVITY = (
    "Spotkanie mieszkańców – potrzeby osiedla",
    "Kawiarenka sąsiedzka",
    "Warsztaty rękodzieła",
    "Porządkowanie podwórka i nasadzenia",
    "Wieczór gier planszowych dla rodzin",
    "Warsztaty kulinarne",
    "Przygotowanie festynu sąsiedzkiego",
    "Spotkanie z dzielnicowym i strażą miejską",
    "Zajęcia dla dzieci i młodzieży",
    "Spotkanie podsumowujące – plan na kolejne miesiące",
)
HEALTH_DAYS = (
    "Pomiar ciśnienia, cukru i cholesterolu",
    "Profilaktyka chorób serca – porady lekarza",
    "Badanie spirometryczne",
    "Zdrowe odżywianie – konsultacje dietetyka",
    "Profilaktyka nowotworowa – informacja i zapisy na badania",
    "Pierwsza pomoc – warsztaty dla rodzin",
)
VOLUNTEER_MEETINGS = (
    "Spotkanie wolontariuszy – plan działań",
    "Szkolenie: prawa i obowiązki wolontariusza",
    "Pomoc seniorom – zakupy i drobne sprawy",
    "Zbiórka żywności",
    "Zajęcia z dziećmi w świetlicy",
    "Podsumowanie działań",
)
COMPUTER_BASICS = (
    "Komputer i system – pierwsze kroki",
    "Pliki i foldery",
    "Poczta elektroniczna",
    "Wyszukiwanie informacji w internecie",
    "Bankowość elektroniczna i bezpieczeństwo",
    "Profil zaufany i e-usługi urzędów",
    "Oferty pracy w internecie",
    "CV w edytorze tekstu",
)
SOCIAL_ECONOMY = (
    "Czym jest ekonomia społeczna",
    "Spółdzielnia socjalna od środka",
    "Praca w zespole spółdzielni",
    "Usługi porządkowe – praktyka",
    "Catering – przygotowanie posiłków",
    "Opieka nad osobą starszą – podstawy",
    "Klient i jakość usług",
    "Zakładanie spółdzielni socjalnej – krok po kroku",
    "Zatrudnienie socjalne i wsparcie po KIS",
    "Podsumowanie",
)
FINANCE = (
    "Budżet domowy – plan i kontrola wydatków",
    "Zadłużenie: negocjacje z wierzycielem",
    "Chwilówki i pułapki kredytowe",
    "Postępowanie egzekucyjne – co warto wiedzieć",
    "Upadłość konsumencka",
    "Oszczędzanie małymi kwotami",
)
NUTRITION = (
    "Zdrowe śniadanie dla całej rodziny",
    "Tanie i zdrowe obiady",
    "Planowanie zakupów i posiłków",
    "Przetwory i mrożenie",
    "Słodycze inaczej",
    "Kuchnia sezonowa",
    "Posiłki do szkoły",
    "Wspólne gotowanie – podsumowanie",
)
FORKLIFT = (
    "Przepisy BHP w magazynie",
    "Budowa wózków jezdniowych",
    "Obsługa i eksploatacja wózków",
    "Gospodarka magazynowa",
    "Zajęcia praktyczne na placu manewrowym",
    "Przygotowanie do egzaminu UDT",
)
PUBLIC_WORK = (
    "Pielęgnacja zieleni – Stare Miasto",
    "Porządkowanie skwerów i placów zabaw",
    "Prace przy nasadzeniach",
    "Zimowe utrzymanie ciągów pieszych",
)


def zawiercie_specs() -> list[Spec]:
    def d(year, month, day):
        return datetime.date(year, month, day)

    site = organisation.MOPS_ZAWIERCIE
    training = [
        Spec(
            name=f"Trening kompetencji społecznych – grupa {number}",
            service="Trening kompetencji społecznych",
            project=Z,
            location=site,
            trainer="Anna Wróbel",
            provider="csd-klucze",
            first=first,
            slots=((2, "09:00", "13:00"),),
            weeks=12,
            capacity=15,
            enrol=15,
            topics=SOCIAL_COMPETENCE,
            description="Zajęcia grupowe z psychologiem-trenerem: komunikacja, asertywność, radzenie sobie ze stresem.",
        )
        for number, first in (
            ("I", d(2016, 4, 6)),
            ("II", d(2016, 8, 3)),
            ("III", d(2016, 12, 7)),
            ("IV", d(2017, 5, 10)),
            ("V", d(2017, 8, 23)),
        )
    ]
    health_days = [
        Spec(
            name=f"„Białe Soboty” – dni zdrowia {first.year}",
            service="Dzień zdrowia",
            project=Z,
            location=site,
            trainer="lek. Barbara Zając",
            provider="przychodnia",
            first=first,
            slots=((5, "09:00", "13:00"),),
            weeks=6,
            every=4,
            capacity=40,
            enrol=30,
            rolling=True,
            headcount=(5, 20),
            presence=0.72,
            topics=HEALTH_DAYS,
            description="Badania profilaktyczne i porady lekarzy dla uczestników projektu i ich rodzin.",
        )
        for first in (d(2016, 5, 14), d(2017, 4, 8))
    ]
    return [
        *training,
        Spec(
            name="Grupa samopomocowa osób długotrwale bezrobotnych",
            service="Grupa samopomocowa",
            project=Z,
            location=site,
            trainer="Elżbieta Koziarska",
            provider="csd-klucze",
            first=d(2016, 5, 9),
            until=d(2017, 12, 11),
            slots=((0, "15:00", "17:00"),),
            every=2,
            capacity=18,
            enrol=18,
            rolling=True,
            topics=SELF_HELP,
            cycle_topics=True,
        ),
        Spec(
            name="Grupa samopomocowa dla rodziców",
            service="Grupa samopomocowa",
            project=Z,
            location=site,
            trainer="Elżbieta Koziarska",
            provider="pcpr-zawiercie",
            first=d(2016, 9, 14),
            until=d(2017, 11, 29),
            slots=((2, "15:00", "17:00"),),
            every=2,
            capacity=14,
            enrol=14,
            rolling=True,
            who="parents",
            care=True,
            topics=SELF_HELP,
            cycle_topics=True,
            description="Dzieci uczestników mają w czasie spotkań zajęcia z opiekunką.",
        ),
        Spec(
            name=ECDL_NAME,
            service="Kurs zawodowy",
            project=Z,
            location=site,
            trainer="Michał Stępień",
            provider="szkolenia-zawiercie",
            first=ECDL_FIRST,
            until=ECDL_LAST,
            slots=((1, "09:00", "13:00"), (3, "09:00", "13:00")),
            capacity=14,
            enrol=14,
            topics=ECDL_MODULES,
            certificate_body=ECDL_BODY,
            certificate_prefix="PL-ECDL-B/2016/",
            description="Kurs komputerowy zakończony egzaminami i certyfikatem ECDL Base (moduły B1–B4).",
        ),
        Spec(
            name="Warsztaty komputerowe „Internet bez tajemnic”",
            service="Warsztaty komputerowe",
            project=Z,
            location=site,
            trainer="Michał Stępień",
            provider="szkolenia-zawiercie",
            first=d(2017, 4, 4),
            slots=((1, "13:30", "16:30"),),
            weeks=8,
            capacity=10,
            enrol=10,
            topics=COMPUTER_BASICS,
        ),
        *health_days,
        Spec(
            name="Program aktywności lokalnej – osiedle Stary Rynek",
            service=LOCAL_ACTIVITY_PROGRAMME,
            project=Z,
            location=site,
            trainer="Kamila Nowak",
            first=d(2016, 5, 5),
            until=d(2017, 11, 30),
            slots=((3, "16:00", "19:00"),),
            every=2,
            capacity=20,
            enrol=16,
            rolling=True,
            headcount=(6, 25),
            presence=0.8,
            topics=LOCAL_ACTIVITY,
            cycle_topics=True,
            description="Animator lokalny i mieszkańcy osiedla Stary Rynek: spotkania, kawiarenka sąsiedzka, festyn.",
        ),
        Spec(
            name="Program aktywności lokalnej – ul. Nowa w Kromołowie",
            service=LOCAL_ACTIVITY_PROGRAMME,
            project=Z,
            location=site,
            trainer="Robert Gajos",
            provider="csd-klucze",
            first=d(2016, 5, 10),
            until=d(2017, 11, 28),
            slots=((1, "16:00", "19:00"),),
            every=2,
            capacity=16,
            enrol=14,
            rolling=True,
            headcount=(4, 18),
            presence=0.8,
            topics=LOCAL_ACTIVITY,
            cycle_topics=True,
            description="Spotkania w świetlicy przy ul. Nowej w Kromołowie; działania z mieszkańcami ulicy.",
        ),
        Spec(
            name="Grupa wolontariuszy projektu",
            service=VOLUNTEERING,
            project=Z,
            location=site,
            trainer="Justyna Mika",
            provider="csd-klucze",
            first=d(2016, 6, 3),
            until=d(2017, 11, 24),
            slots=((4, "15:00", "17:00"),),
            every=4,
            capacity=12,
            enrol=10,
            rolling=True,
            topics=VOLUNTEER_MEETINGS,
            cycle_topics=True,
            agreements=(
                "csd-klucze",
                "CSD/PW",
                (
                    "pomoc w organizacji działań programów aktywności lokalnej",
                    "zajęcia z dziećmi w czasie spotkań grupy rodziców",
                    "pomoc seniorom w zakupach i drobnych sprawach",
                    "zbiórki żywności i odzieży",
                ),
            ),
            description="Stała grupa wolontariuszy z porozumieniami wolontariackimi; spotkania raz na cztery tygodnie.",
        ),
    ]


def running_specs(today: datetime.date) -> list[Spec]:
    """The running projects' activities, dated around the current week."""
    monday = today - today.weekday() * DAY

    def w(weeks: int, weekday: int) -> datetime.date:
        return monday + weeks * WEEK + weekday * DAY

    year = today.year
    wejherowo = organisation.KIS_WEJHEROWO
    caritas_trainer = "Dorota Żukowska"
    return [
        # Wejherowo, ESF project: three tracks, care for dependants during the activities.
        Spec(
            name="Trening kompetencji społecznych – grupa jesienna",
            service="Trening kompetencji społecznych",
            project=FEPM,
            location=wejherowo,
            trainer="Karolina Dettlaff",
            first=w(-8, 0),
            slots=((0, "10:00", "13:00"),),
            weeks=12,
            capacity=10,
            enrol=10,
            care=True,
            topics=SOCIAL_COMPETENCE,
        ),
        Spec(
            name="Warsztaty ekonomii społecznej w Spółdzielni Socjalnej „Dobrodziejki”",
            service="Warsztaty ekonomii społecznej",
            project=FEPM,
            location=wejherowo,
            trainer="Iwona Lademann",
            provider="dobrodziejki",
            first=w(-6, 3),
            slots=((3, "09:00", "13:00"),),
            weeks=10,
            capacity=6,
            enrol=7,
            topics=SOCIAL_ECONOMY,
        ),
        Spec(
            name="Warsztaty komputerowe – e-urząd i szukanie pracy w sieci",
            service="Warsztaty komputerowe",
            project=FEPM,
            location=wejherowo,
            trainer="Marcin Bigus",
            first=w(-3, 1),
            slots=((1, "10:00", "12:00"),),
            weeks=8,
            capacity=10,
            enrol=4,
            under_filled=True,
            topics=COMPUTER_BASICS,
        ),
        Spec(
            name="Program aktywności lokalnej „Wspólna sprawa”",
            service=LOCAL_ACTIVITY_PROGRAMME,
            project=FEPM,
            location=wejherowo,
            trainer="Małgorzata Kreft",
            first=w(-20, 2),
            slots=((2, "16:00", "18:30"),),
            weeks=16,
            every=2,
            capacity=12,
            enrol=10,
            rolling=True,
            headcount=(8, 30),
            presence=0.8,
            topics=LOCAL_ACTIVITY,
            cycle_topics=True,
        ),
        Spec(
            name="„Starszy Brat, Starsza Siostra” – wolontariat w świetlicy",
            service=VOLUNTEERING,
            project=FEPM,
            location=wejherowo,
            trainer="Marta Bianga",
            first=w(-10, 2),
            slots=((2, "13:30", "15:30"),),
            weeks=16,
            capacity=6,
            enrol=6,
            rolling=True,
            who="young",
            topics=("Zajęcia z dziećmi ze świetlicy – odrabianie lekcji i gry",),
            agreements=(
                None,
                "KIS/PW",
                ("wsparcie dzieci ze świetlicy w nauce i czasie wolnym („Starszy Brat, Starsza Siostra”)",),
            ),
            description="Młodzi uczestnicy jako starsze rodzeństwo dla dzieci ze świetlicy środowiskowej.",
        ),
        # Wejherowo, the club's annual programme.
        Spec(
            name="Szkoła dla rodziców – edycja wiosenna",
            service="Szkoła dla rodziców",
            project=KIS_SR,
            location=wejherowo,
            trainer="Anna Klein",
            first=datetime.date(year, 4, 14),
            slots=((1, "16:30", "18:30"),),
            weeks=10,
            capacity=12,
            enrol=12,
            who="parents",
            care=True,
            topics=SCHOOL_FOR_PARENTS,
        ),
        Spec(
            name="Szkoła dla rodziców – edycja jesienna",
            service="Szkoła dla rodziców",
            project=KIS_SR,
            location=wejherowo,
            trainer="Karolina Dettlaff",
            first=w(-7, 1),
            slots=((1, "16:30", "18:30"),),
            weeks=10,
            capacity=12,
            enrol=12,
            who="parents",
            care=True,
            topics=SCHOOL_FOR_PARENTS,
        ),
        Spec(
            name="Klub Seniora „Po 50-tce”",
            service="Grupa samopomocowa",
            project=KIS_SR,
            location=wejherowo,
            trainer="Halina Szulc",
            first=datetime.date(year, 1, 8),
            until=datetime.date(year, 12, 17),
            slots=((3, "10:00", "12:00"),),
            capacity=10,
            enrol=10,
            rolling=True,
            who="seniors",
            headcount=(6, 14),
            topics=("Spotkanie klubu", "Gimnastyka dla seniora", "Wyjście do muzeum", "Warsztaty rękodzieła"),
            cycle_topics=True,
        ),
        Spec(
            name="Klub Seniora „3/4”",
            service="Grupa samopomocowa",
            project=KIS_SR,
            location=wejherowo,
            trainer="Halina Szulc",
            first=datetime.date(year, 1, 12),
            until=datetime.date(year, 12, 14),
            slots=((0, "12:00", "14:00"),),
            capacity=10,
            enrol=10,
            rolling=True,
            who="seniors60",
            headcount=(8, 16),
            topics=("Spotkanie klubu", "Wspomnienia – kronika klubu", "Zdrowie seniora", "Śpiewanie i muzyka"),
            cycle_topics=True,
        ),
        Spec(
            name="„Kawa pedagogiczna” – spotkania dla rodziców",
            service="Grupowe wsparcie psychologiczne",
            project=KIS_SR,
            location=wejherowo,
            trainer="Anna Klein",
            first=datetime.date(year, 2, 4),
            until=datetime.date(year, 12, 16),
            slots=((2, "17:00", "18:30"),),
            every=4,
            capacity=10,
            enrol=10,
            rolling=True,
            who="parents",
            care=True,
            topics=("Rozmowa z pedagogiem przy kawie",),
        ),
        Spec(
            name="„Jedna Pani Drugiej Pani” – grupa wsparcia kobiet",
            service="Grupa samopomocowa",
            project=KIS_SR,
            location=wejherowo,
            trainer="Anna Klein",
            first=w(-10, 4),
            slots=((4, "10:00", "12:00"),),
            weeks=14,
            capacity=10,
            enrol=10,
            rolling=True,
            who="women",
            topics=SELF_HELP,
            cycle_topics=True,
        ),
        Spec(
            name="„Turniej rodzin”",
            service="Akcja środowiskowa",
            project=KIS_SR,
            location=wejherowo,
            trainer=caritas_trainer,
            provider="caritas",
            first=datetime.date(year, 6, 13),
            slots=((5, "10:00", "14:00"),),
            weeks=1,
            capacity=12,
            enrol=12,
            rolling=True,
            headcount=(40, 70),
            topics=("Rodzinne rozgrywki sportowe i konkursy",),
        ),
        Spec(
            name="„Pieczony Ziemniak” – piknik rodzinny",
            service="Akcja środowiskowa",
            project=KIS_SR,
            location=wejherowo,
            trainer=caritas_trainer,
            provider="caritas",
            first=datetime.date(year, 10, 10),
            slots=((5, "15:00", "19:00"),),
            weeks=1,
            capacity=12,
            enrol=12,
            rolling=True,
            headcount=(35, 60),
            topics=("Ognisko i pieczenie ziemniaków z mieszkańcami",),
        ),
        Spec(
            name="„Grosz do grosza” – zbiórka z Caritas",
            service="Akcja środowiskowa",
            project=KIS_SR,
            location=wejherowo,
            trainer=caritas_trainer,
            provider="caritas",
            first=w(0, 4),
            slots=((4, "15:00", "18:00"),),
            weeks=3,
            capacity=12,
            enrol=12,
            rolling=True,
            headcount=(10, 25),
            topics=("Zbiórka w sklepach – dyżury wolontariuszy",),
        ),
        # Knurów: Centrum Wsparcia i Inicjatyw Społecznych.
        Spec(
            name="Kurs „Magazynier z obsługą wózków jezdniowych”",
            service="Kurs zawodowy",
            project=FESL,
            location=organisation.CWIS_ACTIVATION_POINT,
            trainer="Zbigniew Kuczera",
            provider="szkolenia-zawiercie",
            first=w(-4, 0),
            slots=((0, "08:00", "14:00"), (2, "08:00", "14:00")),
            weeks=6,
            capacity=8,
            enrol=6,
            topics=FORKLIFT,
            certificate_body="Urząd Dozoru Technicznego",
            certificate_prefix="UDT/WJO/",
        ),
        Spec(
            name="Warsztaty kompetencji cyfrowych",
            service="Warsztaty komputerowe",
            project=FESL,
            location=organisation.CWIS_ACTIVATION_POINT,
            trainer="Paweł Wolny",
            first=w(-10, 1),
            slots=((1, "10:00", "13:00"),),
            weeks=10,
            capacity=10,
            enrol=10,
            topics=COMPUTER_BASICS,
        ),
        Spec(
            name="Warsztaty dla rodziców w Klubie Dziecka i Rodziny",
            service="Szkoła dla rodziców",
            project=FESL,
            location=organisation.CWIS_FAMILY_CLUB,
            trainer="Aleksandra Wons",
            first=w(-6, 3),
            slots=((3, "16:00", "18:00"),),
            weeks=10,
            capacity=10,
            enrol=10,
            who="parents",
            care=True,
            topics=SCHOOL_FOR_PARENTS,
        ),
        Spec(
            name="Warsztaty kulinarne „Zdrowa kuchnia rodzinna”",
            service="Edukacja żywieniowa",
            project=FESL,
            location=organisation.CWIS_FAMILY_CLUB,
            trainer="Aleksandra Wons",
            first=w(-5, 4),
            slots=((4, "10:00", "13:00"),),
            weeks=8,
            capacity=8,
            enrol=8,
            care=True,
            topics=NUTRITION,
        ),
        Spec(
            name="Klub Wolontariatu – spotkania wolontariuszy",
            service=VOLUNTEERING,
            project=FESL,
            location=organisation.CWIS_VOLUNTEER_CLUB,
            trainer="Agata Pyka",
            provider="razem-knurow",
            first=datetime.date(year, 3, 4),
            until=datetime.date(year, 12, 16),
            slots=((2, "17:00", "19:00"),),
            every=2,
            capacity=8,
            enrol=6,
            rolling=True,
            topics=VOLUNTEER_MEETINGS,
            cycle_topics=True,
            agreements=(
                "razem-knurow",
                "KW",
                ("pomoc w Klubie Dziecka i Rodziny", "pomoc sąsiedzka dla seniorów", "akcje i festyny CWiIS"),
            ),
        ),
        Spec(
            name="Festyn rodzinny „Pożegnanie lata”",
            service="Akcja środowiskowa",
            project=FESL,
            location=organisation.CWIS_FAMILY_CLUB,
            trainer="Agata Pyka",
            provider="razem-knurow",
            first=datetime.date(year, 9, 12),
            slots=((5, "14:00", "18:00"),),
            weeks=1,
            capacity=10,
            enrol=10,
            rolling=True,
            headcount=(30, 60),
            topics=("Festyn rodzinny przy ul. Dworcowej",),
        ),
        Spec(
            name="Mikołajki w Klubie Dziecka i Rodziny",
            service="Akcja środowiskowa",
            project=FESL,
            location=organisation.CWIS_FAMILY_CLUB,
            trainer="Aleksandra Wons",
            first=w(2, 5),
            slots=((5, "10:00", "13:00"),),
            weeks=1,
            capacity=10,
            enrol=10,
            rolling=True,
            headcount=(15, 30),
            topics=("Mikołajki dla dzieci i rodziców",),
        ),
        # Bielsko-Biała: Punkt Wsparcia, „Przeciw Bezradności” and „Aktywność popłaca”.
        Spec(
            name="„Przeciw Bezradności” – trening kompetencji społecznych",
            service="Trening kompetencji społecznych",
            project=BB,
            location=organisation.PUNKT_BIELSKO,
            trainer="Grzegorz Hałat",
            first=w(-7, 0),
            slots=((0, "09:00", "12:00"),),
            weeks=12,
            capacity=10,
            enrol=10,
            topics=SOCIAL_COMPETENCE,
        ),
        Spec(
            name="„Przeciw Bezradności” – grupa wsparcia osób wychodzących z uzależnienia",
            service="Grupa samopomocowa",
            project=BB,
            location=organisation.PUNKT_BIELSKO,
            trainer="Piotr Jaworek",
            first=datetime.date(year, 4, 1),
            until=datetime.date(year + 1, 2, 24),
            slots=((2, "17:00", "19:00"),),
            capacity=8,
            enrol=6,
            rolling=True,
            topics=SELF_HELP,
            cycle_topics=True,
        ),
        Spec(
            name="„Aktywność popłaca” – prace społecznie użyteczne",
            service="Prace społecznie użyteczne",
            project=BB,
            location=organisation.PUNKT_BIELSKO,
            trainer="Jan Kubica",
            provider="zielen-bielsko",
            first=w(-9, 1),
            slots=((1, "07:00", "12:00"), (3, "07:00", "12:00")),
            weeks=16,
            capacity=6,
            enrol=6,
            who="unemployed",
            topics=PUBLIC_WORK,
            cycle_topics=True,
        ),
        Spec(
            name="Edukacja finansowa – jak wyjść z długów",
            service="Edukacja finansowa",
            project=BB,
            location=organisation.PUNKT_BIELSKO,
            trainer="Beata Kłósko",
            first=w(-2, 4),
            slots=((4, "10:00", "12:00"),),
            weeks=6,
            capacity=10,
            enrol=3,
            under_filled=True,
            topics=FINANCE,
        ),
        Spec(
            name="Dzień zdrowia na Starówce",
            service="Dzień zdrowia",
            project=BB,
            location=organisation.PUNKT_BIELSKO,
            trainer="lek. Jerzy Sikora",
            first=w(-3, 5),
            slots=((5, "10:00", "14:00"),),
            weeks=1,
            capacity=10,
            enrol=10,
            rolling=True,
            headcount=(15, 40),
            topics=("Badania profilaktyczne i porady dla mieszkańców Starego Miasta",),
        ),
    ]


# --- Individual support ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SupportSpec:
    project: str
    kind: str
    specialist: str
    people: int
    meetings: tuple[int, int]
    gap_days: tuple[int, int]
    hours: Decimal
    notes: tuple[str, ...]
    who: str = ""
    referral_days: tuple[int, int] = (7, 35)  # from the start of the path to the first meeting


PSYCHOLOGY_NOTES = (
    "Konsultacja wstępna, ustalenie celów pracy.",
    "Praca nad radzeniem sobie ze stresem.",
    "Wzmacnianie motywacji do udziału w zajęciach.",
    "Omówienie trudności w relacjach rodzinnych.",
    "Podsumowanie; zalecona kontynuacja w poradni.",
    "",
)
LAW_NOTES = (
    "Porada w sprawie zadłużenia czynszowego.",
    "Porada dotycząca alimentów.",
    "Pomoc w przygotowaniu pisma do sądu.",
    "Porada z zakresu prawa pracy.",
    "Informacja o upadłości konsumenckiej.",
)
FAMILY_NOTES = (
    "Wizyta w domu; plan pracy z rodziną.",
    "Pomoc w organizacji dnia i budżetu domowego.",
    "Wsparcie w kontaktach ze szkołą.",
    "Towarzyszenie w wizycie w poradni.",
    "",
)
CAREER_NOTES = (
    "Bilans kompetencji i plan działania.",
    "Przygotowanie CV i listu motywacyjnego.",
    "Przegląd ofert pracy i staży.",
    "Przygotowanie do rozmowy kwalifikacyjnej.",
)
THERAPY_NOTES = (
    "Sesja terapeutyczna; utrzymanie abstynencji.",
    "Plan zapobiegania nawrotom.",
    "Omówienie sytuacji kryzysowej; wsparcie.",
    "",
)
SOCIAL_NOTES = (
    "Pomoc w załatwieniu spraw urzędowych.",
    "Omówienie realizacji kontraktu socjalnego.",
    "Wniosek o dodatek mieszkaniowy – pomoc w wypełnieniu.",
)

SUPPORT_SPECS = (
    SupportSpec(
        Z, Support.PSYCHOLOGIST, "Katarzyna Lis (psycholog)", 60, (4, 10), (7, 7), Decimal("1"), PSYCHOLOGY_NOTES
    ),
    SupportSpec(Z, Support.LAWYER, "Adam Szczygieł (radca prawny)", 40, (1, 3), (7, 21), Decimal("1"), LAW_NOTES),
    SupportSpec(
        Z,
        Support.FAMILY_ASSISTANT,
        "Joanna Kaczmarczyk (asystent rodziny)",
        14,
        (6, 14),
        (14, 14),
        Decimal("2"),
        FAMILY_NOTES,
        who="parents",
    ),
    SupportSpec(
        Z,
        Support.CAREER_ADVISER,
        "Sylwia Bąk (doradca zawodowy PUP)",
        45,
        (2, 4),
        (14, 28),
        Decimal("1.5"),
        CAREER_NOTES,
    ),
    SupportSpec(
        FEPM, Support.PSYCHOLOGIST, "Paulina Hinz (psycholog)", 3, (4, 10), (7, 7), Decimal("1"), PSYCHOLOGY_NOTES
    ),
    SupportSpec(FEPM, Support.LAWYER, "Jarosław Bork (adwokat)", 2, (1, 2), (7, 21), Decimal("1"), LAW_NOTES),
    SupportSpec(
        FEPM,
        Support.CAREER_ADVISER,
        "Natalia Cieszyńska (doradca zawodowy PUP)",
        4,
        (2, 4),
        (14, 28),
        Decimal("1.5"),
        CAREER_NOTES,
    ),
    SupportSpec(
        KIS_SR, Support.PSYCHOLOGIST, "Paulina Hinz (psycholog)", 2, (4, 8), (7, 7), Decimal("1"), PSYCHOLOGY_NOTES
    ),
    SupportSpec(KIS_SR, Support.LAWYER, "Jarosław Bork (adwokat)", 2, (1, 2), (7, 21), Decimal("1"), LAW_NOTES),
    SupportSpec(
        FESL,
        Support.CAREER_ADVISER,
        "Dawid Mrozek (doradca klienta PUP)",
        6,
        (2, 4),
        (14, 28),
        Decimal("1.5"),
        CAREER_NOTES,
    ),
    SupportSpec(
        FESL, Support.PSYCHOLOGIST, "Ewelina Skrzypczyk (psycholog)", 3, (3, 8), (7, 7), Decimal("1"), PSYCHOLOGY_NOTES
    ),
    SupportSpec(
        FESL,
        Support.FAMILY_ASSISTANT,
        "Renata Jędrysik (asystent rodziny)",
        2,
        (4, 10),
        (14, 14),
        Decimal("2"),
        FAMILY_NOTES,
        who="parents",
    ),
    SupportSpec(
        BB, Support.OTHER, "Piotr Jaworek (terapeuta uzależnień)", 3, (4, 10), (7, 7), Decimal("1"), THERAPY_NOTES
    ),
    SupportSpec(
        BB, Support.PSYCHOLOGIST, "Monika Szostak (psycholog)", 2, (3, 6), (7, 7), Decimal("1"), PSYCHOLOGY_NOTES
    ),
    SupportSpec(
        BB, Support.SOCIAL_WORKER, "Anna Kocur (pracownik socjalny)", 4, (2, 4), (14, 28), Decimal("1"), SOCIAL_NOTES
    ),
)

# Internships in the running projects: (project, employer, position, still running?)
RUNNING_INTERNSHIPS = (
    (FEPM, "kaszubski-dwor", "pomoc kuchenna", False),
    (FEPM, "kaszubski-dwor", "pokojowa", True),
    (BB, "zielen-bielsko", "pracownik utrzymania zieleni", True),
)


# --- Seeding --------------------------------------------------------------------------------------


@dataclass
class Context:
    today: datetime.date
    rng: random.Random
    projects: dict[str, Project]
    partners: dict[str, Partner]
    locations: dict[str, Location]
    services: dict[str, ServiceType]
    paths: dict[int, list[ProjectParticipation]]  # recruited, by project id
    marker: dict[str, object]  # who marks attendance, by project code
    # (project id, service type id, participant id) of everyone enrolled: nobody takes the same
    # kind of course or training twice in a project.
    taken: set[tuple[int, int, int]] = field(default_factory=set)


@dataclass
class NewEnrollment:
    enrollment: Enrollment
    spec: Spec
    path: ProjectParticipation
    stop: datetime.date | None  # the last day they could take part (their path ended, or they drop out)
    dropout: bool = False
    must_complete: bool = False
    marks: list = field(default_factory=list)  # [session, owner, status], shared with the list of new marks


def seed(*, stdout, rng: random.Random, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["coordinator", "pracownik4"])}
    codes = [Z, FEPM, KIS_SR, FESL, BB]
    projects = {p.code: p for p in Project.objects.filter(code__in=codes).prefetch_related("locations")}
    partner_keys = {partner.nip: partner.key for partner in organisation.PARTNERS}
    ctx = Context(
        today=today,
        rng=rng,
        projects=projects,
        partners={partner_keys[p.nip]: p for p in Partner.objects.filter(nip__in=partner_keys)},
        locations={location.name: location for location in Location.objects.all()},
        services={service.name: service for service in ServiceType.objects.all()},
        paths=defaultdict(list),
        marker={code: users.get("pracownik4" if code == Z else "coordinator") for code in codes},
    )
    for path in (
        ProjectParticipation.objects.filter(project__in=projects.values(), start_date__isnull=False)
        .select_related("participant", "participant__social_worker")
        .prefetch_related("participant__household_members")
        .order_by("id")
    ):
        ctx.paths[path.project_id].append(path)

    specs = zawiercie_specs() + running_specs(today)
    activities, new_activities = ensure_activities(ctx, specs)
    new_sessions = ensure_sessions(ctx, activities)
    sessions = {activity.pk: [] for _spec, activity in activities}
    for session in Session.objects.filter(activity_id__in=sessions).order_by("date", "start_time", "id"):
        sessions[session.activity_id].append(session)
    check_trainers(activities, sessions)
    new_enrollments, new_marks = enroll_and_mark(ctx, activities, sessions)
    new_care = care_for_dependants(ctx, activities)
    new_agreements = volunteer_agreements(ctx, activities)
    new_support = individual_support(ctx)
    new_internships = internships(ctx)

    stdout.write(
        f"activities: programme of {len(activities)} activities ({new_activities} new), "
        f"{sum(map(len, sessions.values()))} sessions ({new_sessions} new), {new_enrollments} new enrollments, "
        f"{new_marks} new attendance marks, {new_care} dependants in care at sessions, "
        f"{new_support} new individual meetings, {new_internships} new internships, "
        f"{new_agreements} new volunteer agreements"
    )


def schedule(spec: Spec, first: datetime.date) -> list[tuple[datetime.date, datetime.time, datetime.time]]:
    """The meetings of ``spec`` when it starts on ``first`` (the stored start of an existing activity)."""
    until = spec.until + (first - spec.first) if spec.until else None
    monday = first - first.weekday() * DAY
    meetings = []
    for repetition in range(10_000):
        week = monday + repetition * spec.every * WEEK
        if (until is None and repetition >= spec.weeks) or (until is not None and week > until):
            break
        for weekday, start, end in spec.slots:
            day = week + weekday * DAY
            if day >= first and (until is None or day <= until) and not is_day_off(day):
                meetings.append((day, datetime.time.fromisoformat(start), datetime.time.fromisoformat(end)))
    return meetings


def hours_of(meetings) -> Decimal:
    minutes = sum(
        (datetime.datetime.combine(day, end) - datetime.datetime.combine(day, start)).seconds // 60
        for day, start, end in meetings
    )
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


def ensure_activities(ctx: Context, specs: list[Spec]) -> tuple[list[tuple[Spec, Activity]], int]:
    """The demo activities, created when missing (capacity set later, when the people are chosen)."""
    project_ids = [project.pk for project in ctx.projects.values()]
    existing = {(a.name, a.project_id): a for a in Activity.objects.filter(project_id__in=project_ids)}
    result, created = [], 0
    for spec in specs:
        project = ctx.projects[spec.project]
        activity = existing.get((spec.name, project.pk))
        if activity is None:
            meetings = schedule(spec, spec.first)
            if not meetings:
                continue  # a one-day action dated from today that falls on a public holiday
            location = ctx.locations[spec.location]
            if location not in project.locations.all():
                raise RuntimeError(f"Demo activity {spec.name}: {location} is not a site of {project.code}")
            end = meetings[-1][0]
            if not (project.start_date <= spec.first <= end <= project.end_date):
                continue  # the running projects' activities are dated from today: none after a project ends
            activity = Activity(
                name=spec.name,
                service_type=ctx.services[spec.service],
                project=project,
                provider=ctx.partners[spec.provider] if spec.provider else None,
                trainer=spec.trainer,
                location=location,
                start_date=spec.first,
                end_date=end,
                capacity=spec.capacity,
                planned_hours=hours_of(meetings),
                certificate_body=spec.certificate_body,
                description=spec.description,
            )
            activity.save()
            created += 1
        result.append((spec, activity))
    return result, created


def ensure_sessions(ctx: Context, activities) -> int:
    keys = set(
        Session.objects.filter(activity_id__in=[a.pk for _s, a in activities]).values_list(
            "activity_id", "date", "start_time"
        )
    )
    rng, to_create = ctx.rng, []
    for spec, activity in activities:
        meetings = schedule(spec, activity.start_date)
        for number, (day, start, end) in enumerate(meetings):
            if (activity.pk, day, start) in keys:
                continue
            topics = spec.topics or ("",)
            topic = topics[number % len(topics)] if spec.cycle_topics else topics[number * len(topics) // len(meetings)]
            headcount = rng.randint(*spec.headcount) if spec.headcount and day < ctx.today else 0
            to_create.append(
                Session(
                    activity=activity, date=day, start_time=start, end_time=end, topic=topic, headcount_others=headcount
                )
            )
    Session.objects.bulk_create(to_create, batch_size=500)
    return len(to_create)


def check_trainers(activities, sessions: dict[int, list[Session]]) -> None:
    """No trainer has two demo sessions at once (the rule the programme services keep)."""
    by_day = defaultdict(list)
    for _spec, activity in activities:
        for session in sessions[activity.pk]:
            trainer = (session.trainer or activity.trainer).strip().lower()
            by_day[trainer, session.date].append((session.start_time, session.end_time, activity.name))
    for (trainer, day), meetings in by_day.items():
        meetings.sort()
        for (_s1, end, first), (start, _e2, second) in zip(meetings, meetings[1:], strict=False):
            if start < end:
                raise RuntimeError(f"Demo trainer {trainer} has {first} and {second} at once on {day}")


# --- Who takes part -------------------------------------------------------------------------------


def fits(who: str, person: Participant, on: datetime.date) -> bool:
    if not who:
        return True
    if who == "parents":
        return any(
            m.relationship == HouseholdMember.Relationship.CHILD
            and m.date_of_birth
            and on - datetime.timedelta(days=365 * 16) < m.date_of_birth <= on
            for m in person.household_members.all()
        )
    if who == "seniors":
        return person.age_on(on) >= 50
    if who == "seniors60":
        return person.age_on(on) >= 60
    if who == "women":
        return person.sex == Sex.FEMALE
    if who == "young":
        return person.age_on(on) < 35
    if who == "unemployed":
        return person.labour_market_status in (
            LabourMarketStatus.REGISTERED_UNEMPLOYED,
            LabourMarketStatus.LONG_TERM_UNEMPLOYED,
            LabourMarketStatus.UNREGISTERED_UNEMPLOYED,
        )
    raise ValueError(who)


def choose(ctx: Context, spec: Spec, activity: Activity, meetings: list[Session]) -> list[NewEnrollment]:
    """People for a new activity: recruited into its project and taking part while it runs (for an
    activity still running, active in the project today), those there from the start first."""
    rng, today = ctx.rng, ctx.today
    running = activity.end_date >= today
    days = [session.date for session in meetings]
    full, partial = [], []
    for path in ctx.paths.get(activity.project_id, []):
        first, last = path.start_date, path.end_date or today
        if running and path.status != PathStatus.ACTIVE and not spec.rolling:
            continue  # a running course takes people active in the project; a club also had those who left
        if not fits(spec.who, path.participant, activity.start_date):
            continue
        if not spec.rolling and (activity.project_id, activity.service_type_id, path.participant_id) in ctx.taken:
            continue
        inside = [day for day in days if first <= day <= last]
        if not inside and not (running and activity.start_date > today and path.status == PathStatus.ACTIVE):
            continue
        if not spec.rolling and not running and first > activity.start_date + WEEK:
            continue  # a course or a closed group is joined in its first week
        if spec.rolling and path.status != PathStatus.ACTIVE and len(inside) < min(3, len(days)):
            continue
        stays = path.end_date is None or path.end_date >= activity.end_date
        (full if first <= activity.start_date and stays else partial).append(path)
    rng.shuffle(full)
    rng.shuffle(partial)
    chosen = (full + partial)[: spec.enrol]
    must = []
    if spec.name == ECDL_NAME:
        # The people certified are those whose path ended with the qualification (activities.demo).
        # (a smaller demo may have fewer of them whose path spans the course).
        must = [
            path
            for path in ctx.paths.get(activity.project_id, [])
            if path.followup_qualification
            and path.status == PathStatus.COMPLETED
            and path.start_date <= activity.start_date
            and path.end_date >= activity.end_date
        ][:ECDL_CERTIFIED]
        others = [path for path in full + partial if path not in must]
        chosen = must + others[: max(0, spec.enrol - len(must))]
    plans = []
    for number, path in enumerate(chosen):
        waiting = number >= spec.capacity
        if waiting:
            on = min(max(activity.start_date + DAY * rng.randint(1, 10), path.start_date), today)
        else:
            on = min(max(activity.start_date - DAY * rng.randint(2, 10), path.start_date), today)
        if path.start_date > activity.start_date:  # joined later, with their start in the project
            on = min(path.start_date + DAY * rng.randint(0, 3), today)
        if path.end_date:
            on = min(on, path.end_date)
        plan = NewEnrollment(
            enrollment=Enrollment(
                activity=activity,
                participant=path.participant,
                status=Enrollment.Status.WAITING if waiting else Enrollment.Status.ENROLLED,
                enrolled_on=on,
            ),
            spec=spec,
            path=path,
            stop=path.end_date,
            must_complete=path in must,
        )
        held = [day for day in days if on <= day < today and (plan.stop is None or day <= plan.stop)]
        leaves = (spec.name == ECDL_NAME and not plan.must_complete) or (
            not spec.rolling and not plan.must_complete and spec.enrol <= spec.capacity and rng.random() < 0.07
        )
        if not waiting and leaves and len(held) >= 5:
            plan.dropout, plan.stop = True, held[rng.randint(2, len(held) - 3)]
        plans.append(plan)
        ctx.taken.add((activity.project_id, activity.service_type_id, path.participant_id))
    return plans


def fit_capacity(spec: Spec, activity: Activity, plans: list[NewEnrollment]) -> bool:
    """The places offered match the people there are, so only the activities meant to be
    under-filled show so (and those ended with people who dropped out). Returns whether it changed."""
    statuses = [plan.enrollment.status for plan in plans]
    if spec.under_filled or Enrollment.Status.WAITING in statuses:
        return False
    taking_part = sum(1 for status in statuses if status != Enrollment.Status.WAITING)
    holding = sum(1 for status in statuses if status in (Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED))
    capacity = max(1, min(spec.capacity, max(taking_part, math.floor(holding / FILLED))))
    changed, activity.capacity = capacity != activity.capacity, capacity
    return changed


# --- Enrollments and attendance -------------------------------------------------------------------


def enroll_and_mark(ctx: Context, activities, sessions) -> tuple[int, int]:
    today = ctx.today
    existing = defaultdict(list)
    for enrollment in Enrollment.objects.filter(activity_id__in=sessions).exclude(status=Enrollment.Status.WAITING):
        existing[enrollment.activity_id].append(enrollment)
    marked = set(
        Attendance.objects.filter(session__activity_id__in=sessions).values_list("session_id", "enrollment_id")
    )
    with_people = set(Enrollment.objects.filter(activity_id__in=sessions).values_list("activity_id", flat=True))
    ctx.taken.update(
        Enrollment.objects.values_list("activity__project_id", "activity__service_type_id", "participant_id")
    )

    plans: list[NewEnrollment] = []
    for spec, activity in activities:
        if activity.pk not in with_people:
            plans += choose(ctx, spec, activity, sessions[activity.pk])

    # Every mark to make, person by person in the order of the sessions: (session, owner).
    todo = defaultdict(list)
    for plan in plans:
        e = plan.enrollment
        if e.status == Enrollment.Status.WAITING:
            continue
        for session in sessions[e.activity.pk]:
            if e.enrolled_on <= session.date < today and (plan.stop is None or session.date <= plan.stop):
                todo[e.participant.pk].append((session, plan))
    for _spec, activity in activities:
        for e in existing[activity.pk]:
            last = e.finished_on or today - DAY
            for session in sessions[activity.pk]:
                if e.enrolled_on <= session.date <= last and session.date < today and (session.pk, e.pk) not in marked:
                    todo[e.participant_id].append((session, e))
    specs = {activity.pk: spec for spec, activity in activities}
    rng = ctx.rng
    new_marks = []  # [session, owner, status]
    for participant_id in sorted(todo):
        run = 0
        for session, owner in sorted(todo[participant_id], key=lambda item: (item[0].date, item[0].start_time)):
            presence = specs[session.activity_id].presence
            draw = rng.random()
            if draw < presence or run >= 2:
                status = Attendance.Status.PRESENT
            elif draw < presence + (1 - presence) / 2:
                status = Attendance.Status.EXCUSED
            else:
                status = Attendance.Status.ABSENT
            run = run + 1 if status == Attendance.Status.ABSENT else 0
            mark = [session, owner, status]
            new_marks.append(mark)
            if isinstance(owner, NewEnrollment):
                owner.marks.append(mark)

    for plan in plans:
        settle(ctx, plan, sessions[plan.enrollment.activity.pk])
    stop_coming(ctx, plans)
    number_certificates(plans)
    by_activity = defaultdict(list)
    for plan in plans:
        by_activity[plan.enrollment.activity.pk].append(plan)
    resized = [
        activity
        for spec, activity in activities
        if activity.pk in by_activity and fit_capacity(spec, activity, by_activity[activity.pk])
    ]
    Activity.objects.bulk_update(resized, ["capacity"])

    Enrollment.objects.bulk_create([plan.enrollment for plan in plans], batch_size=500)
    Attendance.objects.bulk_create(
        [
            Attendance(
                session=session,
                enrollment=owner.enrollment if isinstance(owner, NewEnrollment) else owner,
                status=status,
                marked_by=ctx.marker[specs[session.activity_id].project],
            )
            for session, owner, status in new_marks
        ],
        batch_size=1000,
    )
    return len(plans), len(new_marks)


def settle(ctx: Context, plan: NewEnrollment, meetings: list[Session]) -> None:
    """The result of a new enrollment: still enrolled, completed (with the attendance the activity
    asks for; the people certified always reach it) or dropped out."""
    e, spec, activity = plan.enrollment, plan.spec, plan.enrollment.activity
    if e.status == Enrollment.Status.WAITING:
        return
    if plan.dropout:
        for mark in plan.marks[-2:]:
            mark[2] = Attendance.Status.ABSENT
    if plan.must_complete:
        needed = math.ceil(activity.completion_attendance / 100 * len(meetings))
        for mark in plan.marks:
            if sum(1 for m in plan.marks if m[2] == Attendance.Status.PRESENT) >= needed:
                break
            mark[2] = Attendance.Status.PRESENT
    ended_early = plan.stop is not None and plan.stop < activity.end_date
    if plan.must_complete:
        e.status = Enrollment.Status.COMPLETED
        e.finished_on = min(activity.end_date, max(plan.stop or activity.end_date, e.enrolled_on))
    elif ended_early and plan.stop < ctx.today:
        path_completed = plan.path.status == PathStatus.COMPLETED and plan.path.end_date == plan.stop
        e.status = Enrollment.Status.COMPLETED if spec.rolling and path_completed else Enrollment.Status.DROPPED
        e.finished_on = max(plan.stop, e.enrolled_on)
    elif activity.end_date >= ctx.today:
        e.status = Enrollment.Status.ENROLLED
    else:
        present = sum(1 for m in plan.marks if m[2] == Attendance.Status.PRESENT)
        rate = 100 * present / len(meetings) if meetings else 0
        completed = spec.rolling or rate >= activity.completion_attendance
        if spec.name == ECDL_NAME:
            completed = False  # the certified are the people whose path ended with the qualification
        e.status = Enrollment.Status.COMPLETED if completed else Enrollment.Status.DROPPED
        e.finished_on = activity.end_date


def stop_coming(ctx: Context, plans: list[NewEnrollment]) -> None:
    """In each of some running projects one person stopped coming: their last three marks in the
    activities they are enrolled in are absences (the dashboard flags them)."""
    recent = ctx.today - 60 * DAY
    by_person = defaultdict(list)
    for plan in plans:
        if plan.enrollment.status == Enrollment.Status.ENROLLED and plan.spec.project in STOPPED_COMING_IN:
            by_person[plan.spec.project, plan.path.participant_id] += [m for m in plan.marks if m[0].date >= recent]
    for code in STOPPED_COMING_IN:
        candidates = sorted(
            person for (project, person), marks in by_person.items() if project == code and len(marks) >= 4
        )
        if not candidates:
            continue
        marks = sorted(by_person[code, ctx.rng.choice(candidates)], key=lambda m: (m[0].date, m[0].start_time))
        marks[-4][2] = Attendance.Status.PRESENT
        for mark in marks[-3:]:
            mark[2] = Attendance.Status.ABSENT


def number_certificates(plans: list[NewEnrollment]) -> None:
    """Certificate numbers for those who completed a certified course, in order of the names."""
    certified = [
        plan for plan in plans if plan.spec.certificate_body and plan.enrollment.status == Enrollment.Status.COMPLETED
    ]
    certified.sort(key=lambda plan: (plan.spec.name, plan.path.participant.last_name, plan.path.participant_id))
    taken = set(Enrollment.objects.exclude(certificate_number="").values_list("certificate_number", flat=True))
    sequence = defaultdict(lambda: 412)
    for plan in certified:
        while True:
            sequence[plan.spec.name] += 1
            number = f"{plan.spec.certificate_prefix}{sequence[plan.spec.name]:05d}"
            if number not in taken:
                break
        taken.add(number)
        plan.enrollment.certificate_number = number
        plan.enrollment.certificate_body = plan.spec.certificate_body


def care_for_dependants(ctx: Context, activities) -> int:
    """At sessions of activities with care, the dependants who need care of the people present
    (those born by then) are recorded as cared for."""
    care = [activity.pk for spec, activity in activities if spec.care]
    Cared = Session.cared_dependants.through
    existing = set(Cared.objects.filter(session__activity_id__in=care).values_list("session_id", "householdmember_id"))
    dependants = defaultdict(list)
    for member in HouseholdMember.objects.filter(
        needs_care=True, participant__enrollments__activity_id__in=care
    ).distinct():
        dependants[member.participant_id].append(member)
    present = Attendance.objects.filter(
        session__activity_id__in=care, status=Attendance.Status.PRESENT, session__date__lt=ctx.today
    ).values_list("session_id", "session__date", "enrollment__participant_id")
    to_create = []
    for session_id, day, participant_id in present.order_by("session_id", "enrollment__participant_id"):
        for member in dependants.get(participant_id, ()):
            born_by_then = member.date_of_birth is None or member.date_of_birth <= day - 365 * DAY
            if born_by_then and (session_id, member.pk) not in existing:
                existing.add((session_id, member.pk))
                to_create.append(Cared(session_id=session_id, householdmember_id=member.pk))
    Cared.objects.bulk_create(to_create, batch_size=1000)
    return len(to_create)


def volunteer_agreements(ctx: Context, activities) -> int:
    """A signed agreement for everyone in a volunteer group, for the time they took part, with the
    hours of the meetings they came to and of their actions between them."""
    rng, to_create = ctx.rng, []
    for spec, activity in activities:
        if not spec.agreements:
            continue
        partner_key, prefix, scopes = spec.agreements
        host = ctx.partners[partner_key] if partner_key else None
        enrollments = (
            activity.enrollments.exclude(status=Enrollment.Status.WAITING)
            .annotate(present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)))
            .select_related("participant")
            .order_by("enrolled_on", "id")
        )
        signed = set(VolunteerAgreement.objects.filter(organisation=host).values_list("participant_id", flat=True))
        session_hours = float(activity.planned_hours) / max(1, activity.sessions.count())
        for enrollment in enrollments:
            if enrollment.participant_id in signed:
                continue
            year = enrollment.enrolled_on.year
            numbered = VolunteerAgreement.objects.filter(number__startswith=f"{prefix}/{year}/").count()
            numbered += sum(1 for a in to_create if a.number.startswith(f"{prefix}/{year}/"))
            end = enrollment.finished_on or min(enrollment.enrolled_on + 364 * DAY, activity.end_date)
            hours = enrollment.present * session_hours + rng.randint(2, 30) * 2
            to_create.append(
                VolunteerAgreement(
                    participant=enrollment.participant,
                    organisation=host,
                    number=f"{prefix}/{year}/{numbered + 1:02d}",
                    start_date=enrollment.enrolled_on,
                    end_date=max(end, enrollment.enrolled_on),
                    scope=rng.choice(scopes),
                    hours=Decimal(str(round(hours))),
                )
            )
    VolunteerAgreement.objects.bulk_create(to_create)
    return len(to_create)


def individual_support(ctx: Context) -> int:
    """One-to-one meetings after referral, within each person's path, topped up to the figures."""
    rng, today = ctx.rng, ctx.today
    existing = defaultdict(set)
    for project_id, kind, specialist, participant_id in IndividualSupport.objects.values_list(
        "project_id", "kind", "specialist", "participant_id"
    ):
        existing[project_id, kind, specialist].add(participant_id)
    to_create = []
    for spec in SUPPORT_SPECS:
        project = ctx.projects[spec.project]
        have = existing[project.pk, spec.kind, spec.specialist]
        needed = spec.people - len(have)
        candidates = [
            path
            for path in ctx.paths.get(project.pk, [])
            if path.participant_id not in have and fits(spec.who, path.participant, path.start_date)
        ]
        rng.shuffle(candidates)
        for path in candidates:
            if needed <= 0:
                break
            # Whether a person's meetings fit their path does not depend on who was tried before,
            # so a top-up that falls short tries the same people the same way again.
            own = person_rng(spec.specialist, path)
            last = min(path.end_date or today - DAY, today - DAY, project.end_date)
            day = working_day(path.start_date + DAY * own.randint(*spec.referral_days))
            meetings = []
            for _ in range(own.randint(*spec.meetings)):
                if day > last:
                    break
                meetings.append(day)
                day = working_day(day + DAY * own.randint(*spec.gap_days))
            if not meetings:
                continue
            needed -= 1
            worker = path.participant.social_worker or ctx.marker[spec.project]
            for number, day in enumerate(meetings):
                note = spec.notes[0] if number == 0 else rng.choice(spec.notes)
                to_create.append(
                    IndividualSupport(
                        participant=path.participant,
                        project=project,
                        kind=spec.kind,
                        date=day,
                        specialist=spec.specialist,
                        hours=spec.hours,
                        confidential_note=note,
                        recorded_by=worker,
                    )
                )
    IndividualSupport.objects.bulk_create(to_create, batch_size=1000)
    return len(to_create)


def internships(ctx: Context) -> int:
    """The Zawiercie internships (13 completed, two broken off when the person left the project) and
    a few in the running projects, within each person's path; topped up to these figures."""
    rng, today = ctx.rng, ctx.today
    taken = set(Internship.objects.values_list("project_id", "participant_id"))
    to_create = []

    def hours(first, last) -> Decimal:
        return Decimal(working_days(first, last) * 8)

    def add(path, employer, position, first, last, completed) -> None:
        taken.add((path.project_id, path.participant_id))
        to_create.append(
            Internship(
                participant=path.participant,
                project_id=path.project_id,
                employer=ctx.partners[employer],
                position=position,
                start_date=first,
                end_date=last,
                hours=hours(first, min(last, today - DAY)),
                completed=completed,
            )
        )

    zawiercie = ctx.projects[Z]
    done = Internship.objects.filter(project=zawiercie)
    paths = [path for path in ctx.paths.get(zawiercie.pk, []) if (zawiercie.pk, path.participant_id) not in taken]
    rng.shuffle(paths)
    places = []
    for employer, positions, count in ZAWIERCIE_INTERNSHIPS:
        have = done.filter(employer=ctx.partners[employer], completed=True).count()
        places += [(employer, positions)] * max(0, count - have)
    for path in [p for p in paths if p.status == PathStatus.COMPLETED]:
        if not places:
            break
        first = monday_on_or_after(
            max(path.start_date + DAY * person_rng("staż", path).randint(14, 45), INTERNSHIPS_FROM)
        )
        last = first + INTERNSHIP_DAYS * DAY
        if last <= min(path.end_date, INTERNSHIPS_UNTIL):
            employer, positions = places.pop(0)
            add(path, employer, rng.choice(positions), first, last, True)
    broken_off = ZAWIERCIE_INTERNSHIPS_NOT_COMPLETED - done.filter(completed=False).count()
    for path in [p for p in paths if p.status == PathStatus.DROPPED_OUT]:
        if broken_off <= 0:
            break
        first = monday_on_or_after(max(path.start_date + DAY * 14, INTERNSHIPS_FROM))
        if first + 20 * DAY <= path.end_date < first + INTERNSHIP_DAYS * DAY and path.end_date <= INTERNSHIPS_UNTIL:
            employer, positions, _count = ZAWIERCIE_INTERNSHIPS[broken_off % 2]
            add(path, employer, rng.choice(positions), first, path.end_date, False)
            broken_off -= 1

    for code, employer, position, running in RUNNING_INTERNSHIPS:
        project = ctx.projects[code]
        if Internship.objects.filter(project=project, position=position).exists():
            continue
        status = PathStatus.ACTIVE if running else PathStatus.COMPLETED
        for path in ctx.paths.get(project.pk, []):
            if path.status != status or (project.pk, path.participant_id) in taken:
                continue
            if running:
                first = monday_on_or_after(max(path.start_date + 14 * DAY, today - 6 * WEEK))
                if first < today:
                    add(path, employer, position, first, first + INTERNSHIP_DAYS * DAY, False)
                    break
            else:
                first = monday_on_or_after(path.start_date + 14 * DAY)
                last = first + (INTERNSHIP_DAYS - 28) * DAY  # two months
                if last <= path.end_date:
                    add(path, employer, position, first, last, True)
                    break
    Internship.objects.bulk_create(to_create)
    return len(to_create)


def person_rng(purpose: str, path: ProjectParticipation) -> random.Random:
    return random.Random(f"{purpose}/{path.project_id}/{path.participant_id}")


def monday_on_or_after(day: datetime.date) -> datetime.date:
    return working_day(day + DAY * ((7 - day.weekday()) % 7))
