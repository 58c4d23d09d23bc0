"""How the demo describes an activity (``Spec``), and the topics of the sessions of each kind of
activity, shared by the programmes of every club.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

LOCAL_ACTIVITY_PROGRAMME = "Program aktywności lokalnej"
VOLUNTEERING = "Wolontariat"


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
