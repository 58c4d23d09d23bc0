"""Record the planned paths of the running projects through the participation services (used by
``demo.participation``), so they obey every rule the application keeps: an application within the
project, a decision with eligibility categories or a reason, a start under a social contract in
force, exit data on leaving, a KIS certificate numbered in order of the end, a follow-up after it.

The moves are dated as planned (the services take the date of each move; none is after today). The
applications, decisions and starts go first, plan by plan; then every end in order of its date, so
the certificates of each year are numbered in that order; then the follow-ups.

One step is written here instead: the start of a path under a contract that has since been
completed or terminated. ``participation_activate`` asks for a contract in force on the day of the
start, and counts as in force only a contract signed and not yet closed today, so it refuses a past
start under a contract closed since. That start keeps the same rules: within the project, not
before the application, and under a contract of the person that covered the day until it ended.
"""

from __future__ import annotations

import datetime

from contracts.models import ContractStatus, SocialContract
from demo.paths import Plan, Status
from participation import services
from participation.models import ParticipationEvent, ProjectParticipation
from participation.services import contract_in_force

DECISIONS = (Status.QUALIFIED, Status.RESERVE, Status.REJECTED)
FOLLOW_UP = (
    "followup_employed",
    "followup_looking_for_work",
    "followup_in_education",
    "followup_qualification",
    "followup_social_progress",
)


def record(plans: list[Plan]) -> int:
    """Write the plans through the services; returns how many dated moves were recorded."""
    saved: dict[int, ProjectParticipation] = {}
    ends = []
    for plan in plans:
        planned = plan.participation
        for event in plan.events:
            if event.to_status == Status.APPLIED and not event.from_status:
                saved[id(plan)] = services.participation_recruit(
                    project=planned.project, participant=planned.participant, user=event.by, applied_on=event.date
                )
            elif event.to_status in DECISIONS:
                services.participation_decide(
                    participation_id=saved[id(plan)].pk,
                    user=event.by,
                    decision=event.to_status,
                    on=event.date,
                    categories=planned.eligibility_categories,
                    exclusions=[],
                    note=planned.eligibility_note,
                )
            elif event.to_status == Status.ACTIVE:
                activate(saved[id(plan)], on=event.date, by=event.by)
            else:
                ends.append((event.date, planned.participant_id, plan, event))
    for _day, _person, plan, event in sorted(ends, key=lambda end: end[:2]):
        finish(saved[id(plan)].pk, plan.participation, event)
    for plan in plans:
        planned = plan.participation
        if planned.followup_on:
            services.participation_follow_up(
                participation_id=saved[id(plan)].pk,
                user=plan.events[-1].by,
                on=planned.followup_on,
                results={name: getattr(planned, name) for name in FOLLOW_UP},
            )
    return sum(len(plan.events) for plan in plans)


def activate(participation: ProjectParticipation, *, on: datetime.date, by) -> None:
    # The row as the decision left it (the object returned on recruitment is older).
    participation = ProjectParticipation.objects.select_related("project", "participant").get(pk=participation.pk)
    person = participation.participant
    if contract_in_force(person, on) is not None:
        services.participation_activate(participation_id=participation.pk, user=by, start_date=on)
        return
    covered = SocialContract.objects.filter(
        participant=person,
        status__in=(ContractStatus.COMPLETED, ContractStatus.TERMINATED),
        period_start__lte=on,
        effective_period_end__gte=on,
        ended_on__gte=on,
    )
    project = participation.project
    if not (covered.exists() and project.start_date <= on <= project.end_date and participation.applied_on <= on):
        raise RuntimeError(f"Demo start of {person} on {on} is under no contract, or outside {project}")
    participation.start_date = on
    participation.age_at_start = person.age_on(on)
    participation.labour_status_at_start = person.labour_market_status
    participation.long_term_unemployed_esf, participation.long_term_unemployed_pup = person.long_term_unemployment_on(
        on
    )
    ParticipationEvent.objects.create(
        participation=participation, from_status=participation.status, to_status=Status.ACTIVE, date=on, by=by
    )
    participation.status = Status.ACTIVE
    participation.save()


def finish(participation_id: int, planned: ProjectParticipation, event: ParticipationEvent) -> None:
    if event.to_status == Status.COMPLETED:
        services.participation_complete(
            participation_id=participation_id,
            user=event.by,
            end_date=event.date,
            completed_as_planned=True,
            exit_situation=planned.exit_situation,
        )
    else:
        services.participation_drop_out(
            participation_id=participation_id,
            user=event.by,
            end_date=event.date,
            reason=planned.dropout_reason,
            note=planned.dropout_note,
            exit_situation=planned.exit_situation,
        )
