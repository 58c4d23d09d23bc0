"""The demo's recruitment in the running projects — how many people in each state — and the texts
of eligibility decisions and dropouts used in every project.
"""

from __future__ import annotations

from demo.data import organisation
from participation.models import ProjectParticipation

Status = ProjectParticipation.Status
Reason = ProjectParticipation.DropoutReason

# --- The running projects: how many people in each state -------------------------------------------

RUNNING_FIGURES = {
    organisation.WEJHEROWO_PROJECT: {
        Status.ACTIVE: 8,
        Status.COMPLETED: 3,
        Status.DROPPED_OUT: 2,
        Status.QUALIFIED: 4,
        Status.RESERVE: 3,
        Status.APPLIED: 4,
        Status.REJECTED: 3,
    },
    organisation.WEJHEROWO_KIS_PROGRAMME: {
        Status.ACTIVE: 5,
        Status.COMPLETED: 2,
        Status.DROPPED_OUT: 1,
        Status.QUALIFIED: 2,
        Status.APPLIED: 3,
        Status.REJECTED: 1,
    },
    organisation.KNUROW_PROJECT: {
        Status.ACTIVE: 10,
        Status.COMPLETED: 4,
        Status.DROPPED_OUT: 2,
        Status.QUALIFIED: 3,
        Status.RESERVE: 2,
        Status.APPLIED: 4,
        Status.REJECTED: 2,
    },
    organisation.BIELSKO_PROJECT: {
        Status.ACTIVE: 9,
        Status.COMPLETED: 3,
        Status.DROPPED_OUT: 2,
        Status.QUALIFIED: 3,
        Status.RESERVE: 2,
        Status.APPLIED: 3,
        Status.REJECTED: 2,
    },
}

DROPOUT_NOTES = {
    Reason.FOUND_JOB: (
        "Podjęcie zatrudnienia na umowę o pracę (pełny etat) – rezygnacja z dalszego udziału.",
        "Podjęcie pracy sezonowej poza miejscem zamieszkania.",
    ),
    Reason.HEALTH: (
        "Długotrwałe zwolnienie lekarskie, leczenie szpitalne.",
        "Pogorszenie stanu zdrowia – skierowanie na leczenie odwykowe.",
    ),
    Reason.MOVED: ("Przeprowadzka do innej gminy.", "Wyjazd za granicę do rodziny."),
    Reason.RESIGNED: (
        "Rezygnacja z udziału – brak motywacji, powtarzające się nieobecności.",
        "Rezygnacja z przyczyn rodzinnych (opieka nad dzieckiem).",
    ),
    Reason.OTHER: ("Opieka nad chorym członkiem rodziny.",),
}
DROPOUT_WEIGHTS = (
    (Reason.FOUND_JOB, 28),
    (Reason.HEALTH, 22),
    (Reason.MOVED, 16),
    (Reason.RESIGNED, 28),
    (Reason.OTHER, 6),
)
ELIGIBILITY_NOTES = (
    "Kwalifikacja na podstawie wywiadu środowiskowego i dokumentów potwierdzających sytuację.",
    "Spełnia kryteria art. 1 ust. 2 ustawy o zatrudnieniu socjalnym; brak wyłączeń z art. 1 ust. 3.",
    "Skierowanie przez pracownika socjalnego; zaświadczenie z PUP o statusie osoby bezrobotnej.",
)
