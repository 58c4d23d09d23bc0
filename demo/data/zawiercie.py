"""The closed Zawiercie partnership project (2016–2017), as it was delivered: its recruitment in
waves and outcome (145 recruited, 96 completed), the contracts signed then, its activities
(social-competence training, self-help groups, the ECDL Base course, health days „Białe Soboty”,
two local activity programmes, a volunteer group) and its internships with employers.
The names of the trainers, specialists and animators are invented.
"""

from __future__ import annotations

import datetime

from contracts.models import ContractTask
from demo.data import organisation
from demo.data.activities import (
    COMPUTER_BASICS,
    ECDL_MODULES,
    HEALTH_DAYS,
    LOCAL_ACTIVITY,
    LOCAL_ACTIVITY_PROGRAMME,
    SELF_HELP,
    SOCIAL_COMPETENCE,
    VOLUNTEER_MEETINGS,
    VOLUNTEERING,
    Spec,
)

Z = organisation.ZAWIERCIE_PROJECT

# --- Recruitment and the contracts of then -------------------------------------------------------

ZAWIERCIE_WORKER = "pracownik4"
ZAWIERCIE_FIGURES = {"completed": 96, "dropped_after_start": 49, "dropped_before_start": 3, "rejected": 6}
# Recruitment in waves: (first start, last start) of each wave.
ZAWIERCIE_WAVES = (
    (datetime.date(2016, 2, 15), datetime.date(2016, 4, 15)),
    (datetime.date(2016, 6, 1), datetime.date(2016, 7, 29)),
    (datetime.date(2016, 10, 3), datetime.date(2016, 11, 30)),
    (datetime.date(2017, 3, 1), datetime.date(2017, 4, 28)),
    (datetime.date(2017, 6, 1), datetime.date(2017, 7, 31)),
)
ZAWIERCIE_PATH_ENDS_BY = datetime.date(2017, 12, 15)
# Nearby sites first: people of MOPS Zawiercie, then the other Silesian sites, then the rest.
SITE_PREFERENCE = {
    organisation.MOPS_ZAWIERCIE: 0,
    organisation.CWIS_KNUROW: 1,
    organisation.CWIS_FAMILY_CLUB: 1,
    organisation.CWIS_ACTIVATION_POINT: 1,
    organisation.CWIS_VOLUNTEER_CLUB: 1,
    organisation.PUNKT_BIELSKO: 2,
}
HISTORICAL_CENTRE_SUPPORT = (
    "Udział w projekcie „Partnerstwo na rzecz aktywnej integracji w powiecie zawierciańskim”: poradnictwo "
    "psychologiczne i prawne, trening kompetencji społecznych, grupa samopomocowa, kurs zawodowy lub staż."
)
HISTORICAL_GOALS = (
    "Podjęcie zatrudnienia po ukończeniu kursu zawodowego lub stażu.",
    "Wzmocnienie kompetencji społecznych i wyjście z izolacji.",
    "Poprawa funkcjonowania rodziny i umiejętności wychowawczych.",
    "Uzyskanie kwalifikacji zawodowych i aktywne poszukiwanie pracy.",
)
HISTORICAL_SPECIFIC_GOALS = (
    "Ukończenie treningu kompetencji społecznych.\nUkończenie kursu ECDL Base.\nPrzygotowanie CV.",
    "Udział w grupie samopomocowej.\nUregulowanie zadłużenia czynszowego.\nUkończenie stażu zawodowego.",
    "Regularne spotkania z psychologiem.\nUdział w „Białych Sobotach”.\nUkończenie kursu zawodowego.",
)
HISTORICAL_TASKS = (
    (ContractTask.Responsible.PARTICIPANT, "", "Udział w treningu kompetencji społecznych w ramach projektu"),
    (ContractTask.Responsible.PARTICIPANT, "", "Udział w kursie zawodowym lub stażu"),
    (ContractTask.Responsible.PARTICIPANT, "", "Spotkania z psychologiem (raz w tygodniu)"),
    (ContractTask.Responsible.SOCIAL_WORKER, "", "Skierowanie na poradnictwo prawne i rodzinne"),
    (ContractTask.Responsible.INSTITUTION, "Powiatowy Urząd Pracy w Zawierciu", "Przedstawienie ofert pracy i staży"),
)
ZAWIERCIE_REJECTIONS = {
    "minor": "Kandydat nie ukończył 18 lat (kryterium projektu).",
    "pension": "Osoba pobiera emeryturę – wyłączenie z art. 1 ust. 3 ustawy o zatrudnieniu socjalnym.",
    "employed": "Osoba zatrudniona na pełen etat, bez przesłanek z art. 1 ust. 2 – nie kwalifikuje się do KIS.",
    "benefit": "Osoba uprawniona do zasiłku dla bezrobotnych – wyłączenie z art. 1 ust. 3 ustawy.",
}


# --- The programme -------------------------------------------------------------------------------

ECDL_NAME = "Kurs komputerowy ECDL Base"
ECDL_FIRST = datetime.date(2016, 10, 25)
ECDL_LAST = datetime.date(2016, 12, 15)
ECDL_CERTIFIED = 12
ECDL_BODY = "ECDL Polska / PTI"
ZAWIERCIE_INTERNSHIPS = (  # (employer partner key, positions, completed internships)
    ("piekarnia", ("pomocnik piekarza", "sprzedawca"), 5),
    ("czysty-dom", ("pracownik gospodarczy", "konserwator terenów zielonych"), 8),
)
ZAWIERCIE_INTERNSHIPS_NOT_COMPLETED = 2
INTERNSHIPS_FROM = datetime.date(2016, 6, 1)  # the employers' agreements
INTERNSHIPS_UNTIL = datetime.date(2017, 10, 31)


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
