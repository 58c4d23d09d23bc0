"""Demo participation in the projects (used by ``manage.py seed_demo``): the closed Zawiercie
partnership project with its real outcome — 145 people recruited, every one under a signed social
contract, 96 completing their path — and a smaller mix of every state in the running projects.

Rows are written directly (the services refuse dates before today's rules allow, such as a start in
2016), but every rule the services keep is kept here: a start within the project and under a
signed contract in force on that day, age and labour-market status fixed at the start, a dated
event for every move, exit data and a certificate on leaving after the start.

The people who took part in 2016–2017 get the contracts they signed then (kind A or B, completed or
terminated since, frozen with a drawn signature like any other). The demo registry only holds the
people's situation of today, so for the historical start a person's current unemployment spell is
carried back to that date (the same length of unemployment at the start).

Idempotent: a participation is keyed by (project, participant) and each project is only topped up
to its demo figures, so a second run creates nothing.

The programme these people followed (activities, sessions, attendance, individual support,
internships, volunteering) comes after, from ``activities.demo_programme``; the twelve people whose
path ended with the ECDL qualification are chosen among those whose path spans that course.
"""

from __future__ import annotations

import copy
import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from contracts import services as contract_services
from contracts.models import ContractStatus, ContractTask, Kind, SocialContract
from demo import organisation
from demo import programme as demo_programme
from demo.contracts import PROBLEMS, STRENGTHS, signature_png
from participants.models import LabourMarketStatus, Participant
from participation.eligibility import check_criterion, suggested_categories
from participation.models import ExitSituation, ParticipationEvent, ProjectParticipation
from participation.services import long_term_unemployment, next_certificate_number
from projects.models import Project

Status = ProjectParticipation.Status
Reason = ProjectParticipation.DropoutReason
DAY = datetime.timedelta(days=1)
UNEMPLOYED = (LabourMarketStatus.REGISTERED_UNEMPLOYED, LabourMarketStatus.LONG_TERM_UNEMPLOYED)

# --- The closed partnership project in Zawiercie (2016–2017) ------------------------------------

ZAWIERCIE_WORKER = "pracownik4"
ZAWIERCIE_FIGURES = {"completed": 96, "dropped_after_start": 49, "dropped_before_start": 3, "rejected": 6}
ECDL_CERTIFICATES = demo_programme.ECDL_CERTIFIED
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


@dataclass
class Plan:
    """A participation to create, with its dated moves (and, for 2016–2017, the contract then)."""

    participation: ProjectParticipation
    events: list[ParticipationEvent] = field(default_factory=list)
    contract: SocialContract | None = None
    contract_end: tuple[str, datetime.date | None, str] | None = None  # (status, ended on, reason)
    task_outcome: datetime.date | None = None  # tasks due before this date are done

    @property
    def person(self) -> Participant:
        return self.participation.participant

    def move(self, to: str, on: datetime.date, by, note: str = "") -> None:
        p = self.participation
        if self.events and not p.can_move_to(to):
            raise RuntimeError(f"Demo participation cannot move from {p.status} to {to}")
        last = self.events[-1].date if self.events else p.applied_on
        if on < last:
            raise RuntimeError(f"Demo participation move to {to} dated {on}, before {last}")
        self.events.append(
            ParticipationEvent(
                from_status=p.status if self.events else "", to_status=to, date=on, by=by, note=note[:300]
            )
        )
        p.status = to


def apply(project: Project, person: Participant, on: datetime.date, by) -> Plan:
    plan = Plan(ProjectParticipation(project=project, participant=person, applied_on=on, status=Status.APPLIED))
    plan.move(Status.APPLIED, on, by)
    return plan


def decide(plan: Plan, decision: str, on: datetime.date, by, categories, note: str) -> None:
    p = plan.participation
    p.eligibility_categories = sorted(categories)
    p.eligibility_note = note
    p.decided_on = on
    p.decided_by = by
    plan.move(decision, on, by, note if decision == Status.REJECTED else "")


def start(plan: Plan, on: datetime.date, by) -> None:
    p = plan.participation
    if not (p.project.start_date <= on <= min(p.project.end_date, timezone.localdate())):
        raise RuntimeError(f"Demo start {on} outside {p.project}")
    person = plan.person
    p.start_date = on
    p.age_at_start = person.age_on(on)
    then = as_of(person, on)
    p.labour_status_at_start = then.labour_market_status
    p.long_term_unemployed_esf, p.long_term_unemployed_pup = long_term_unemployment(then, on)
    plan.move(Status.ACTIVE, on, by)


def finish(plan: Plan, to: str, on: datetime.date, by, *, exit_situation, reason: str = "", note: str = "") -> None:
    p = plan.participation
    if on > timezone.localdate() or (p.start_date and on < p.start_date):
        raise RuntimeError(f"Demo end {on} out of order")
    p.end_date = on
    p.exit_situation = exit_situation
    if to == Status.COMPLETED:
        p.completed_as_planned = True
    else:
        p.completed_as_planned = False
        p.dropout_reason = reason
        p.dropout_note = note[:300]
    plan.move(to, on, by, note)


def as_of(person: Participant, on: datetime.date) -> Participant:
    """The person as the records would have shown them on ``on``: an unemployment spell that began
    later is carried back with the same length (the demo registry knows only today's situation),
    though not before the person turned 18; a spell of a year or less on that day is not yet
    long-term unemployment."""
    since = person.unemployed_since
    if since and since > on:
        since = min(on, max(on - (person.registered_on - since), adult_on(person)))
    status = person.labour_market_status
    if status == LabourMarketStatus.LONG_TERM_UNEMPLOYED and since and (on - since).days <= 365:
        status = LabourMarketStatus.REGISTERED_UNEMPLOYED
    if since == person.unemployed_since and status == person.labour_market_status:
        return person
    earlier = copy.copy(person)
    earlier.unemployed_since, earlier.labour_market_status = since, status
    return earlier


def adult_on(person: Participant) -> datetime.date:
    born = person.date_of_birth
    return born.replace(year=born.year + 18, day=28 if (born.month, born.day) == (2, 29) else born.day)


def categories_for(person: Participant, on: datetime.date) -> list[str]:
    return sorted(suggested_categories(as_of(person, on), on)) or ["other"]


def meets_criteria(project: Project, person: Participant, on: datetime.date) -> bool:
    return all(check_criterion(c, person, on).met is not False for c in project.criteria.all())


def failed_criterion(project: Project, person: Participant, on: datetime.date) -> str:
    for criterion in project.criteria.all():
        if check_criterion(criterion, person, on).met is False:
            return criterion.description
    return ""


def day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + DAY * rng.randint(0, max((last - first).days, 0))


def weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


# --- Seeding -----------------------------------------------------------------------------------------


def seed(*, stdout, rng: random.Random, **options) -> None:
    today = timezone.localdate()
    codes = [organisation.ZAWIERCIE_PROJECT, *RUNNING_FIGURES]
    projects = {p.code: p for p in Project.objects.filter(code__in=codes).prefetch_related("criteria", "locations")}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[ZAWIERCIE_WORKER, "coordinator"])}
    missing = (set(codes) - projects.keys()) | ({ZAWIERCIE_WORKER, "coordinator"} - users.keys())
    if missing:
        raise RuntimeError(f"Demo projects or users missing ({', '.join(sorted(missing))}): run kis.demo first.")
    exits = {situation.code: situation for situation in ExitSituation.objects.all()}
    people = list(
        Participant.objects.select_related("location", "social_worker")
        .prefetch_related(
            "risk_factors", Prefetch("contracts", queryset=SocialContract.objects.order_by("period_start"))
        )
        .order_by("id")
    )
    taken = set(ProjectParticipation.objects.values_list("project_id", "participant_id"))

    plans = zawiercie_plans(rng, projects[organisation.ZAWIERCIE_PROJECT], people, taken, users, exits)
    running_taken = {
        participant_id
        for project_id, participant_id in taken
        if project_id != projects[organisation.ZAWIERCIE_PROJECT].pk
    }
    for code, figures in RUNNING_FIGURES.items():
        plans += running_plans(rng, projects[code], figures, people, taken, running_taken, users, exits, today)

    contracts = save_contracts(rng, [plan for plan in plans if plan.contract is not None])
    issue_certificates(plans)
    ProjectParticipation.objects.bulk_create([plan.participation for plan in plans], batch_size=500)
    events = []
    for plan in plans:
        for event in plan.events:
            event.participation = plan.participation
            events.append(event)
    ParticipationEvent.objects.bulk_create(events, batch_size=500)

    counts = Counter(plan.participation.status for plan in plans)
    by_status = f" ({', '.join(f'{n} {status}' for status, n in sorted(counts.items()))})" if counts else ""
    stdout.write(
        f"activities: {len(plans)} new participations{by_status}, {len(events)} events, "
        f"{contracts} historical contracts signed"
    )
    demo_programme.seed(stdout=stdout, rng=rng, today=today)


def took_the_ecdl_course(p: ProjectParticipation) -> bool:
    return p.start_date <= demo_programme.ECDL_FIRST and p.end_date >= demo_programme.ECDL_LAST


def zawiercie_plans(rng, project: Project, people, taken, users, exits) -> list[Plan]:
    """Top the closed project up to 145 recruited (96 completed, 49 dropped out), 3 who dropped out
    before starting and 6 rejected applicants."""
    existing = ProjectParticipation.objects.filter(project=project)
    have = {
        "completed": existing.filter(status=Status.COMPLETED).count(),
        "dropped_after_start": existing.filter(status=Status.DROPPED_OUT, start_date__isnull=False).count(),
        "dropped_before_start": existing.filter(status=Status.DROPPED_OUT, start_date__isnull=True).count(),
        "rejected": existing.filter(status=Status.REJECTED).count(),
    }
    ecdl_left = ECDL_CERTIFICATES - existing.filter(followup_qualification=True).count()
    worker, coordinator = users[ZAWIERCIE_WORKER], users["coordinator"]
    opened = project.start_date + DAY * 3

    candidates = [person for person in people if (project.pk, person.pk) not in taken]
    eligible, ineligible = [], []
    for person in candidates:
        age = person.age_on(opened)
        if person.citizenship != "polskie":
            continue  # the foreigners in the demo arrived after 2022
        if 18 <= age < 60 and person.labour_market_status != LabourMarketStatus.EMPLOYED:
            eligible.append(person)
        elif age >= 17:  # younger children do not apply
            ineligible.append(person)
    eligible = by_site_preference(rng, eligible)
    ineligible = by_site_preference(rng, ineligible)

    slots = [
        kind
        for kind in ("completed", "dropped_after_start", "dropped_before_start")
        for _ in range(max(0, ZAWIERCIE_FIGURES[kind] - have[kind]))
    ]
    rng.shuffle(slots)
    plans = []
    for kind, person in zip(slots, eligible, strict=False):
        if kind == "dropped_before_start":
            plans.append(zawiercie_before_start(rng, project, person, worker, coordinator))
        else:
            plans.append(zawiercie_path(rng, project, person, kind, worker, coordinator, exits))

    rejected_needed = max(0, ZAWIERCIE_FIGURES["rejected"] - have["rejected"])
    for person in ineligible[:rejected_needed]:
        applied = day_between(rng, opened, datetime.date(2017, 5, 31))
        plan = apply(project, person, applied, worker)
        age = person.age_on(applied)
        reason = (
            "minor"
            if age < 18
            else "pension"
            if age >= 60 and person.labour_market_status == LabourMarketStatus.INACTIVE
            else "employed"
            if person.labour_market_status == LabourMarketStatus.EMPLOYED
            else "benefit"
        )
        decide(plan, Status.REJECTED, applied + DAY * rng.randint(3, 10), coordinator, [], ZAWIERCIE_REJECTIONS[reason])
        plans.append(plan)

    completed = [plan for plan in plans if plan.participation.status == Status.COMPLETED]
    ecdl = [plan for plan in completed if plan.person.age_on(plan.participation.start_date) < 55]
    # Those whose path spans the whole course (demo_programme enrols them in it) first.
    ecdl.sort(key=lambda plan: not took_the_ecdl_course(plan.participation))
    ecdl = ecdl[: max(0, ecdl_left)]
    for plan in ecdl:
        plan.participation.exit_situation = exits["qualification"]
        plan.participation.followup_qualification = True
    follow_up(
        rng,
        [plan for plan in plans if plan.participation.start_date],
        completed_share=0.85,
        dropout_share=0.45,
        always=ecdl,
    )
    taken.update((project.pk, plan.person.pk) for plan in plans)
    return plans


def by_site_preference(rng: random.Random, people: list[Participant]) -> list[Participant]:
    """People ordered by their site's distance from Zawiercie, shuffled within a site group."""
    groups: dict[int, list[Participant]] = {}
    for person in people:
        groups.setdefault(SITE_PREFERENCE.get(person.location.name if person.location else "", 3), []).append(person)
    ordered = []
    for rank in sorted(groups):
        rng.shuffle(groups[rank])
        ordered += groups[rank]
    return ordered


def zawiercie_path(rng, project, person, kind, worker, coordinator, exits) -> Plan:
    first, last = rng.choice(ZAWIERCIE_WAVES)
    started = day_between(rng, first, last)
    applied = max(project.start_date + DAY * 3, started - DAY * rng.randint(20, 50))
    plan = apply(project, person, applied, worker)
    decided = applied + DAY * rng.randint(3, 12)
    categories = categories_for(person, decided)
    note = rng.choice(ELIGIBILITY_NOTES)
    if rng.random() < 0.1:  # waited on the reserve list for a free place
        decide(plan, Status.RESERVE, decided, coordinator, categories, note)
        decided = min(decided + DAY * rng.randint(5, 15), started - DAY)
        decide(plan, Status.QUALIFIED, decided, coordinator, categories, note)
    else:
        decide(plan, Status.QUALIFIED, decided, coordinator, categories, note)
    # The contract is signed between the decision and the first support, and covers the whole path.
    signed = day_between(rng, decided, started)
    planned_end = min(started + DAY * rng.randint(120, 270), ZAWIERCIE_PATH_ENDS_BY)
    start(plan, started, worker)
    contract_end = planned_end + DAY * rng.randint(0, 30)
    if kind == "completed":
        finish(plan, Status.COMPLETED, planned_end, worker, exit_situation=exits[completed_exit(rng)])
        plan.contract_end = (
            ContractStatus.COMPLETED,
            contract_end,
            "Cele kontraktu osiągnięte; ukończona ścieżka w projekcie.",
        )
    else:
        ended = started + DAY * rng.randint(14, max(14, (planned_end - started).days - 14))
        reason = weighted(rng, DROPOUT_WEIGHTS)
        note = rng.choice(DROPOUT_NOTES[reason])
        finish(
            plan,
            Status.DROPPED_OUT,
            ended,
            worker,
            exit_situation=dropout_exit(rng, reason, exits),
            reason=reason,
            note=note,
        )
        if reason == Reason.FOUND_JOB:
            plan.contract_end = (ContractStatus.COMPLETED, ended, "Uczestnik podjął zatrudnienie.")
        else:
            plan.contract_end = (ContractStatus.TERMINATED, ended, f"Przerwanie udziału w projekcie: {note}")
    plan.contract = historical_contract(rng, person, worker, signed, contract_end, started)
    plan.task_outcome = plan.participation.end_date
    return plan


def zawiercie_before_start(rng, project, person, worker, coordinator) -> Plan:
    """Qualified, then left before the first support: never recruited, no contract, no certificate."""
    applied = day_between(rng, project.start_date + DAY * 3, datetime.date(2017, 5, 31))
    plan = apply(project, person, applied, worker)
    decided = applied + DAY * rng.randint(3, 12)
    decide(plan, Status.QUALIFIED, decided, coordinator, categories_for(person, decided), rng.choice(ELIGIBILITY_NOTES))
    reason = rng.choice((Reason.FOUND_JOB, Reason.MOVED, Reason.RESIGNED))
    note = f"Przed rozpoczęciem wsparcia: {rng.choice(DROPOUT_NOTES[reason]).lower()}"
    finish(
        plan,
        Status.DROPPED_OUT,
        decided + DAY * rng.randint(7, 30),
        worker,
        exit_situation=None,
        reason=reason,
        note=note,
    )
    return plan


def completed_exit(rng) -> str:
    return weighted(
        rng,
        (
            ("social-progress", 34),
            ("employed", 18),
            ("social-cooperative", 4),
            ("looking-for-work", 22),
            ("education", 8),
            ("inactive", 8),
            ("other", 2),
        ),
    )


def dropout_exit(rng, reason: str, exits) -> ExitSituation | None:
    code = {
        Reason.FOUND_JOB: weighted(rng, (("employed", 9), ("social-cooperative", 1))),
        Reason.HEALTH: weighted(rng, (("inactive", 7), (None, 3))),
        Reason.MOVED: weighted(rng, (("other", 1), (None, 1))),
        Reason.RESIGNED: weighted(rng, (("looking-for-work", 4), ("inactive", 3), (None, 3))),
    }.get(reason, "inactive")
    return exits[code] if code else None


def follow_up(rng, plans: list[Plan], *, completed_share: float, dropout_share: float, always=()) -> None:
    """The three-month follow-up for most who left (and for ``always``): about a quarter employed,
    two in five with social progress (those whose exit already pointed that way first)."""
    today = timezone.localdate()
    always_ids = {id(plan) for plan in always}
    followed = []
    for plan in plans:
        p = plan.participation
        share = completed_share if p.status == Status.COMPLETED else dropout_share
        if p.end_date and p.end_date + DAY * 90 <= today and (rng.random() < share or id(plan) in always_ids):
            p.followup_on = min(p.end_date + DAY * rng.randint(90, 110), today)
            followed.append(plan)
    if not followed:
        return

    def ranked(flag: str) -> list[Plan]:
        keyed = [
            (not getattr(plan.participation.exit_situation, flag, False), rng.random(), i)
            for i, plan in enumerate(followed)
        ]
        return [followed[i] for _first, _second, i in sorted(keyed)]

    for plan in ranked("counts_as_employment")[: round(0.25 * len(followed))]:
        plan.participation.followup_employed = True
    for plan in ranked("counts_as_social_progress")[: round(0.40 * len(followed))]:
        plan.participation.followup_social_progress = True
    for plan in followed:
        p = plan.participation
        p.followup_in_education = bool(p.exit_situation and p.exit_situation.code == "education")
        p.followup_looking_for_work = not p.followup_employed and rng.random() < 0.35


def running_plans(rng, project, figures, people, taken, running_taken, users, exits, today) -> list[Plan]:
    """Top a running project up to its demo figures. Who starts needs a signed contract in force on
    the day of the first support (those still active: one in force today); a person takes part in
    one running project at a time."""
    existing = Counter(ProjectParticipation.objects.filter(project=project).values_list("status", flat=True))
    needed = {status: max(0, count - existing[status]) for status, count in figures.items()}
    if not any(needed.values()):
        return []
    coordinator = users["coordinator"]
    sites = {location.pk for location in project.locations.all()}
    local = [
        person
        for person in people
        if person.location_id in sites and (project.pk, person.pk) not in taken and person.pk not in running_taken
    ]
    plans: list[Plan] = []

    def use(plan: Plan) -> None:
        plans.append(plan)
        taken.add((project.pk, plan.person.pk))
        running_taken.add(plan.person.pk)

    # Who can start, by the contract that would be in force: (kind of contract, first day, last day).
    windows = {}
    for person in local:
        window = contract_window(person, project, today)
        if window and meets_criteria(project, person, window[1]):
            windows[person.pk] = window
    # Ended contracts first (they fit paths that ended), then contracts in force today.
    for kind, status in (
        (ContractStatus.TERMINATED, Status.DROPPED_OUT),
        (ContractStatus.COMPLETED, Status.COMPLETED),
        ("expired", Status.COMPLETED),
        ("in_force", Status.ACTIVE),
        ("in_force", Status.COMPLETED),
        ("in_force", Status.DROPPED_OUT),
    ):
        for person in local:
            window = windows.get(person.pk)
            if not needed.get(status) or window is None or window[0] != kind or person.pk in running_taken:
                continue
            plan = started_path(rng, project, person, status, window, coordinator, exits)
            if plan is not None:
                use(plan)
                needed[status] -= 1

    # The rest of the recruitment: applications, decisions, the reserve list.
    waiting = [
        person for person in local if person.pk not in running_taken and windows.get(person.pk, ("",))[0] != "in_force"
    ]
    rng.shuffle(waiting)
    unfit = [person for person in waiting if not meets_criteria(project, person, today)]
    fit = [person for person in waiting if meets_criteria(project, person, today)]
    for status in (Status.APPLIED, Status.QUALIFIED, Status.RESERVE):
        while needed.get(status) and fit:
            use(waiting_path(rng, project, fit.pop(), status, coordinator, today))
            needed[status] -= 1
    pool = unfit + fit
    while needed.get(Status.REJECTED) and pool:
        use(waiting_path(rng, project, pool.pop(0), Status.REJECTED, coordinator, today))
        needed[Status.REJECTED] -= 1

    follow_up(rng, [plan for plan in plans if plan.participation.start_date], completed_share=0.8, dropout_share=0.4)
    return plans


def contract_window(person: Participant, project: Project, today: datetime.date):
    """(kind, first, last): the days a start (and the path) could fall on under the person's latest
    signed contract — "in_force" today, "expired", or ended as completed or terminated."""
    signed = [c for c in person.contracts.all() if c.status != ContractStatus.DRAFT]
    if not signed:
        return None
    c = signed[-1]
    first = max(c.period_start, project.start_date)
    if c.status == ContractStatus.SIGNED and c.effective_period_end >= today:
        return ("in_force", first, today - DAY)
    if c.status == ContractStatus.SIGNED:
        return ("expired", first, min(c.effective_period_end, today - DAY))
    return (c.status, first, min(c.ended_on or c.effective_period_end, c.effective_period_end, today - DAY))


def started_path(rng, project, person, status, window, coordinator, exits) -> Plan | None:
    kind, first, last = window
    shortest = {Status.ACTIVE: 0, Status.COMPLETED: 30, Status.DROPPED_OUT: 7}[status]
    if (last - first).days < shortest + 1:
        return None
    worker = person.social_worker or coordinator
    if status == Status.ACTIVE:
        started = day_between(rng, first, min(first + DAY * 90, last))
    else:
        started = day_between(rng, first, last - DAY * shortest)
    applied = max(project.start_date, started - DAY * rng.randint(7, 40))
    plan = apply(project, person, applied, worker)
    decided = applied + DAY * min(rng.randint(2, 10), (started - applied).days)
    categories = categories_for(person, decided)
    note = rng.choice(ELIGIBILITY_NOTES)
    if rng.random() < 0.15:
        decide(plan, Status.RESERVE, decided, coordinator, categories, note)
        decided = day_between(rng, decided, started)
    decide(plan, Status.QUALIFIED, decided, coordinator, categories, note)
    start(plan, started, worker)
    if status == Status.COMPLETED:
        ended = day_between(rng, started + DAY * 30, min(started + DAY * 200, last))
        finish(plan, Status.COMPLETED, ended, worker, exit_situation=exits[completed_exit(rng)])
    elif status == Status.DROPPED_OUT:
        if kind == ContractStatus.TERMINATED:  # the demo contract ended with a move to another commune
            reason, ended = Reason.MOVED, last
            note = DROPOUT_NOTES[Reason.MOVED][0]
        else:
            reason = weighted(rng, ((Reason.RESIGNED, 3), (Reason.HEALTH, 2), (Reason.FOUND_JOB, 2)))
            ended = day_between(rng, started + DAY * 7, last)
            note = rng.choice(DROPOUT_NOTES[reason])
        finish(
            plan,
            Status.DROPPED_OUT,
            ended,
            worker,
            exit_situation=dropout_exit(rng, reason, exits),
            reason=reason,
            note=note,
        )
    return plan


def waiting_path(rng, project, person, status, coordinator, today) -> Plan:
    """An application still waiting, or decided (qualified, reserve list, rejected) but not started."""
    worker = person.social_worker or coordinator
    if status == Status.APPLIED:
        return apply(project, person, day_between(rng, max(project.start_date, today - DAY * 25), today), worker)
    applied = day_between(rng, max(project.start_date, today - DAY * 70), today - DAY * 10)
    plan = apply(project, person, applied, worker)
    decided = min(applied + DAY * rng.randint(2, 10), today)
    if status == Status.REJECTED:
        failed = failed_criterion(project, person, decided)
        note = f"Nie spełnia kryterium projektu: „{failed}”." if failed else ZAWIERCIE_REJECTIONS["benefit"]
        decide(plan, Status.REJECTED, decided, coordinator, [], note)
    else:
        decide(plan, status, decided, coordinator, categories_for(person, decided), rng.choice(ELIGIBILITY_NOTES))
    return plan


def historical_contract(rng, person, worker, signed: datetime.date, end: datetime.date, started: datetime.date):
    """An unsaved 2016–2017 contract of a kind the person has no overlapping contract of."""
    unemployed = as_of(person, started).labour_market_status in UNEMPLOYED
    kinds = [Kind.B, Kind.A] if unemployed and rng.random() < 0.6 else [Kind.A, Kind.B]
    for kind in kinds:
        overlapping = any(
            c.kind == kind
            and c.status != ContractStatus.DRAFT
            and c.period_start <= end
            and c.effective_period_end >= signed
            for c in person.contracts.all()
        )
        if not overlapping:
            break
    else:
        raise RuntimeError(f"{person} already has contracts of both kinds in {signed.year}")
    b = kind == Kind.B
    return SocialContract(
        participant=person,
        social_worker=worker,
        kind=kind,
        place="Zawiercie",
        period_start=signed,
        period_end=end,
        effective_period_end=end,
        social_worker_phone=f"32 672 18 {rng.randint(10, 99)}",
        problems=rng.choice(PROBLEMS),
        strengths=rng.choice(STRENGTHS),
        main_goal=rng.choice(HISTORICAL_GOALS),
        specific_goals=rng.choice(HISTORICAL_SPECIFIC_GOALS),
        centre_support=HISTORICAL_CENTRE_SUPPORT,
        assessment_method="Comiesięczne spotkania z pracownikiem socjalnym; listy obecności i zaświadczenia z zajęć.",
        unemployment_causes="Niskie kwalifikacje, długa przerwa w zatrudnieniu." if b else "",
        work_barriers="Brak doświadczenia zawodowego, trudności z dojazdem do pracy." if b else "",
        earlier_activation="Szkolenie z PUP w 2014 r. przerwane z powodu choroby." if b else "",
        created_by=worker,
    )


def save_contracts(rng, plans: list[Plan]) -> int:
    """Number, save, sign (freeze with a drawn signature) and close the historical contracts."""
    plans = sorted(plans, key=lambda plan: (plan.contract.period_start, plan.person.pk))
    sequence: dict[int, int] = {}
    for plan in plans:
        year = plan.contract.period_start.year
        if year not in sequence:
            sequence[year] = int(contract_services.next_contract_number(year).rsplit("/", 1)[1]) - 1
        sequence[year] += 1
        plan.contract.number = f"KS/{year}/{sequence[year]:04d}"
    SocialContract.objects.bulk_create([plan.contract for plan in plans], batch_size=500)
    tasks = []
    for plan in plans:
        c = plan.contract
        for order, (who, institution, text) in enumerate(rng.sample(HISTORICAL_TASKS, k=rng.randint(2, 4))):
            deadline = min(c.period_end, c.period_start + DAY * rng.randint(30, 150))
            done = deadline <= plan.task_outcome or plan.participation.status == Status.COMPLETED
            tasks.append(
                ContractTask(
                    contract=c,
                    responsible=who,
                    institution=institution,
                    description=text,
                    deadline=deadline,
                    order=order,
                    status=ContractTask.Status.DONE if done else ContractTask.Status.NOT_DONE,
                )
            )
    ContractTask.objects.bulk_create(tasks, batch_size=500)
    for plan in plans:
        c = plan.contract
        signed_at = timezone.make_aware(
            datetime.datetime.combine(c.period_start, datetime.time(rng.randint(8, 14), rng.randint(0, 59)))
        )
        contract_services.freeze_contract(c, signature=signature_png(rng), signed_at=signed_at)
        status, ended_on, reason = plan.contract_end
        SocialContract.objects.filter(pk=c.pk).update(status=status, ended_on=ended_on, end_reason=reason)
    return len(plans)


def issue_certificates(plans: list[Plan]) -> None:
    """KIS certificates (one per year's series, in order of the end date) for everyone who leaves
    after starting, as the services issue them."""
    leaving = sorted(
        (plan for plan in plans if plan.participation.start_date and plan.participation.end_date),
        key=lambda plan: (plan.participation.end_date, plan.person.pk),
    )
    sequence: dict[int, int] = {}
    for plan in leaving:
        p = plan.participation
        year = p.end_date.year
        if year not in sequence:
            sequence[year] = int(next_certificate_number(year).rsplit("/", 1)[1]) - 1
        sequence[year] += 1
        p.certificate_number = f"KIS/{year}/{sequence[year]:04d}"
        p.certificate_issued_on = min(p.end_date + DAY * (plan.person.pk % 5), timezone.localdate())
