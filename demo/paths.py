"""A participation path of the demo (``Plan``) and its dated moves — apply, decide, start, finish —
checked as they are planned against the rules the participation services keep; exits and the
three-month follow-up (used by ``demo.participation`` and ``demo.zawiercie``, recorded by
``demo.recording``).
"""

from __future__ import annotations

import copy
import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from contracts.models import SocialContract
from participants.models import LabourMarketStatus, Participant
from participation.eligibility import check_criterion, suggested_categories
from participation.models import (
    FOLLOW_UP_MONTHS,
    SOCIAL_PROGRESS,
    EmploymentType,
    ExitSituation,
    ParticipationEvent,
    ProjectParticipation,
)
from participation.results import months_after
from projects.models import Project

Status = ProjectParticipation.Status
Reason = ProjectParticipation.DropoutReason
DAY = datetime.timedelta(days=1)
UNEMPLOYED = (LabourMarketStatus.REGISTERED_UNEMPLOYED,)


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
    p.long_term_unemployed_esf, p.long_term_unemployed_pup = then.long_term_unemployment_on(on)
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
    if since == person.unemployed_since:
        return person
    earlier = copy.copy(person)
    earlier.unemployed_since = since
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
    """The follow-up within three months for most who left once those months have passed (and for
    ``always``): about a quarter employed — mostly on an employment contract, some on a civil-law
    contract or self-employed, each with its dates and evidence — and two in five with social
    progress (those whose exit already pointed that way first)."""
    today = timezone.localdate()
    always_ids = {id(plan) for plan in always}
    followed = []
    for plan in plans:
        p = plan.participation
        share = completed_share if p.status == Status.COMPLETED else dropout_share
        by = months_after(p.end_date, FOLLOW_UP_MONTHS) if p.end_date else None
        if by and by <= today and (rng.random() < share or id(plan) in always_ids):
            p.followup_on = day_between(rng, p.end_date + DAY * 60, by)
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
        employ(rng, plan.participation)
    for plan in ranked("counts_as_social_progress")[: round(0.40 * len(followed))]:
        plan.participation.followup_social_progress_kinds = sorted(rng.sample(PROGRESS, k=rng.randint(1, 3)))
    for plan in followed:
        p = plan.participation
        if p.exit_situation and p.exit_situation.code == "education":
            p.followup_social_progress_kinds = sorted({*p.followup_social_progress_kinds, "education"})
        p.followup_looking_for_work = not p.followup_employment_type and rng.random() < 0.35


PROGRESS = [code for code in SOCIAL_PROGRESS if code != "education"]
EMPLOYMENT_EVIDENCE = {
    EmploymentType.EMPLOYMENT_CONTRACT: "kopia umowy o pracę",
    EmploymentType.CIVIL_LAW: "kopia umowy zlecenia i rachunku",
    EmploymentType.SELF_EMPLOYMENT: "wydruk wpisu do CEIDG",
}


def employ(rng, p: ProjectParticipation) -> None:
    """A job found after leaving (for who left for a job: on leaving), of a type the guidelines count."""
    kind = weighted(
        rng,
        (
            (EmploymentType.EMPLOYMENT_CONTRACT, 14),
            (EmploymentType.CIVIL_LAW, 3),
            (EmploymentType.SELF_EMPLOYMENT, 3),
        ),
    )
    found_job = p.dropout_reason == Reason.FOUND_JOB
    p.followup_employment_type = kind
    p.followup_employment_start = p.end_date + DAY if found_job else day_between(rng, p.end_date, p.followup_on)
    if kind != EmploymentType.SELF_EMPLOYMENT and rng.random() < 0.6:
        p.followup_employment_end = months_after(p.followup_employment_start, rng.choice([3, 6, 12])) - DAY
    if kind == EmploymentType.EMPLOYMENT_CONTRACT:
        p.followup_hours_per_week = Decimal(rng.choice([20, 30, 40, 40]))
    if kind == EmploymentType.CIVIL_LAW:
        p.followup_minimum_wage = True
    p.followup_evidence = EMPLOYMENT_EVIDENCE[kind]
