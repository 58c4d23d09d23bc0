"""The closed Zawiercie partnership project (2016–2017) in the demo (used by ``demo.participation``):
145 people recruited, every one under a social contract signed then, 96 completing their path,
3 who left before starting and 6 rejected applicants.

The people who took part get the contracts they signed then (kind A or B, completed or terminated
since, frozen with a drawn signature like any other). The demo registry only holds the people's
situation of today, so for the historical start a person's current unemployment spell is carried
back to that date (the same length of unemployment at the start).
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from contracts import services as contract_services
from contracts.models import ContractStatus, ContractTask, Kind, SocialContract
from demo.contracts import signature_png
from demo.data.contracts import PROBLEMS, STRENGTHS
from demo.data.participation import DROPOUT_NOTES, DROPOUT_WEIGHTS, ELIGIBILITY_NOTES
from demo.data.zawiercie import (
    ECDL_BODY,
    ECDL_CERTIFIED,
    ECDL_FIRST,
    ECDL_LAST,
    HISTORICAL_CENTRE_SUPPORT,
    HISTORICAL_GOALS,
    HISTORICAL_SPECIFIC_GOALS,
    HISTORICAL_TASKS,
    SITE_PREFERENCE,
    ZAWIERCIE_FIGURES,
    ZAWIERCIE_PATH_ENDS_BY,
    ZAWIERCIE_REJECTIONS,
    ZAWIERCIE_WAVES,
    ZAWIERCIE_WORKER,
)
from demo.paths import (
    DAY,
    UNEMPLOYED,
    Plan,
    Reason,
    Status,
    apply,
    as_of,
    categories_for,
    completed_exit,
    day_between,
    decide,
    dropout_exit,
    finish,
    follow_up,
    start,
    weighted,
)
from participants.models import LabourMarketStatus, Participant
from participation.models import ProjectParticipation
from projects.models import Project


def took_the_ecdl_course(p: ProjectParticipation) -> bool:
    return p.start_date <= ECDL_FIRST and p.end_date >= ECDL_LAST


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
    ecdl_left = ECDL_CERTIFIED - existing.filter(followup_qualification=True).count()
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
    # Those whose path spans the whole course (demo.programme enrols them in it) first.
    ecdl.sort(key=lambda plan: not took_the_ecdl_course(plan.participation))
    ecdl = ecdl[: max(0, ecdl_left)]
    for plan in ecdl:
        plan.participation.exit_situation = exits["qualification"]
        plan.participation.exit_qualification_certified = True  # the ECDL certificate
        plan.participation.exit_qualification_body = ECDL_BODY
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
    """Draft, sign and close the historical contracts through the contract services, in the order
    they were signed: each drafted and concluded on paper on the first day of its period (numbered
    in that year's series), its tasks' outcome recorded and the contract closed as the path ended."""
    plans = sorted(plans, key=lambda plan: (plan.contract.period_start, plan.person.pk))
    for plan in plans:
        c = plan.contract
        worker = c.social_worker
        contract_services.contract_create(contract=c, user=worker, today=c.period_start)
        tasks = []
        for order, (who, institution, text) in enumerate(rng.sample(HISTORICAL_TASKS, k=rng.randint(2, 4))):
            deadline = min(c.period_end, c.period_start + DAY * rng.randint(30, 150))
            tasks.append(
                ContractTask(
                    contract=c,
                    responsible=who,
                    institution=institution,
                    description=text,
                    deadline=deadline,
                    order=order,
                )
            )
        ContractTask.objects.bulk_create(tasks)  # the draft's task list, as its formset saves it
        signed_at = timezone.make_aware(
            datetime.datetime.combine(c.period_start, datetime.time(rng.randint(8, 14), rng.randint(0, 59)))
        )
        contract_services.contract_conclude(
            contract_id=c.pk, user=worker, signature=signature_png(rng), signed_at=signed_at
        )
        for task in tasks:
            done = task.deadline <= plan.task_outcome or plan.participation.status == Status.COMPLETED
            status = ContractTask.Status.DONE if done else ContractTask.Status.NOT_DONE
            contract_services.task_set_status(task=task, status=status, user=worker)
        status, ended_on, reason = plan.contract_end
        contract_services.contract_close(
            contract_id=c.pk, user=worker, status=status, ended_on=ended_on, reason=reason, today=ended_on
        )
    return len(plans)
