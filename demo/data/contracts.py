"""Texts of the demo's social contracts of today: problems, strengths, goals and tasks."""

from __future__ import annotations

from contracts.models import ContractTask

PROBLEMS = [
    "Długotrwałe bezrobocie (ponad 2 lata), zadłużenie czynszowe, brak aktualnych kwalifikacji zawodowych.",
    "Bezradność w sprawach opiekuńczo-wychowawczych, samotne wychowywanie trojga dzieci, niskie dochody.",
    "Uzależnienie od alkoholu w okresie abstynencji, utrata mieszkania, słabe więzi rodzinne.",
    "Niepełnosprawność w stopniu umiarkowanym, izolacja społeczna, brak doświadczenia zawodowego.",
    "Powrót po odbyciu kary pozbawienia wolności, brak stałego miejsca zamieszkania i zatrudnienia.",
]
STRENGTHS = [
    "Motywacja do zmiany sytuacji, wsparcie siostry, prawo jazdy kat. B.",
    "Dobry kontakt z dziećmi, gotowość do udziału w zajęciach grupowych.",
    "Doświadczenie w pracy fizycznej, systematyczność, udział w grupie wsparcia AA.",
    "Umiejętności manualne, zainteresowanie pracą w spółdzielni socjalnej.",
]
GOALS = [
    "Podjęcie zatrudnienia co najmniej na pół etatu.",
    "Poprawa funkcjonowania rodziny i umiejętności wychowawczych.",
    "Utrzymanie abstynencji i uzyskanie mieszkania socjalnego.",
    "Wyjście z izolacji i przygotowanie do pracy w spółdzielni socjalnej.",
]
TASKS = [
    (ContractTask.Responsible.PARTICIPANT, "", "Udział w warsztatach aktywizacji zawodowej w KIS"),
    (ContractTask.Responsible.PARTICIPANT, "", "Przygotowanie CV i listu motywacyjnego"),
    (ContractTask.Responsible.PARTICIPANT, "", "Regularne spotkania z psychologiem (raz w tygodniu)"),
    (ContractTask.Responsible.PARTICIPANT, "", "Złożenie wniosku o rozłożenie zadłużenia na raty"),
    (ContractTask.Responsible.SOCIAL_WORKER, "", "Skierowanie na poradnictwo prawne i zawodowe"),
    (ContractTask.Responsible.SOCIAL_WORKER, "", "Pomoc w skompletowaniu dokumentów do wniosku o mieszkanie"),
    (ContractTask.Responsible.INSTITUTION, "Powiatowy Urząd Pracy w Wejherowie", "Przedstawienie ofert pracy i staży"),
    (ContractTask.Responsible.FAMILY, "", "Opieka nad dziećmi w czasie zajęć uczestnika"),
]
