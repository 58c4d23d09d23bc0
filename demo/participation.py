"""Demo participation in the projects (used by ``manage.py seed_demo``): the closed Zawiercie
partnership project with its real outcome (``demo.zawiercie``) and a smaller mix of every state in
the running projects.

The paths are planned here (``demo.paths``, ``demo.zawiercie``) and recorded through the
participation services (``demo.recording``), each move on its own date. The closed project is
recorded while it ran, as its staff did: it is open while its paths are written and closed after,
and its people's contracts are concluded (and closed) through the contract services first.

Idempotent: a participation is keyed by (project, participant) and each project is only topped up
to its demo figures, so a second run creates nothing.

The programme these people followed (activities, sessions, attendance, individual support,
internships, volunteering) comes after, from ``demo.programme``; the twelve people whose path ended
with the ECDL qualification are chosen among those whose path spans that course.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from contracts.models import ContractStatus, SocialContract
from demo import programme as demo_programme
from demo.data import organisation
from demo.data.participation import DROPOUT_NOTES, ELIGIBILITY_NOTES, RUNNING_FIGURES
from demo.data.zawiercie import ZAWIERCIE_REJECTIONS, ZAWIERCIE_WORKER
from demo.paths import (
    DAY,
    Plan,
    Reason,
    Status,
    apply,
    categories_for,
    completed_exit,
    day_between,
    decide,
    dropout_exit,
    failed_criterion,
    finish,
    follow_up,
    meets_criteria,
    start,
    weighted,
)
from demo.recording import record
from demo.zawiercie import save_contracts, zawiercie_plans
from participants.models import Participant
from participation.models import ExitSituation, ProjectParticipation
from projects.models import Project


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

    historical = zawiercie_plans(rng, projects[organisation.ZAWIERCIE_PROJECT], people, taken, users, exits)
    running_taken = {
        participant_id
        for project_id, participant_id in taken
        if project_id != projects[organisation.ZAWIERCIE_PROJECT].pk
    }
    running = []
    for code, figures in RUNNING_FIGURES.items():
        running += running_plans(rng, projects[code], figures, people, taken, running_taken, users, exits, today)

    # The 2016–2017 project is recorded as its staff recorded it then: while it ran, with the
    # contracts signed on paper before each first support; it is closed again afterwards.
    zawiercie = projects[organisation.ZAWIERCIE_PROJECT]
    contracts = save_contracts(rng, [plan for plan in historical if plan.contract is not None])
    closed, zawiercie.status = zawiercie.status, Project.Status.RUNNING
    zawiercie.save(update_fields=["status"])
    recorded = record(historical)
    zawiercie.status = closed
    zawiercie.save(update_fields=["status"])
    recorded += record(running)

    plans = historical + running
    counts = Counter(plan.participation.status for plan in plans)
    by_status = f" ({', '.join(f'{n} {status}' for status, n in sorted(counts.items()))})" if counts else ""
    stdout.write(
        f"activities: {len(plans)} new participations{by_status}, {recorded} events, "
        f"{contracts} historical contracts signed"
    )
    demo_programme.seed(stdout=stdout, rng=rng, today=today)


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
