"""Individual support in the demo projects: who gives it, to how many people, how often, and the
notes of the meetings. The specialists' names are invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from activities.models import IndividualSupport
from demo.data import organisation

Support = IndividualSupport.Kind
Z = organisation.ZAWIERCIE_PROJECT
FEPM = organisation.WEJHEROWO_PROJECT
KIS_SR = organisation.WEJHEROWO_KIS_PROGRAMME
FESL = organisation.KNUROW_PROJECT
BB = organisation.BIELSKO_PROJECT
INTERNSHIP_DAYS = 88  # three months, Monday to Friday of the 13th week


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
