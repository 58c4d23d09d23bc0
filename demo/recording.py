"""Record the planned participation paths through the participation services (used by
``demo.participation``), so they obey every rule the application keeps: an application within the
project, a decision with eligibility categories or a reason, a start under a social contract in
force on that day (signed by then, not yet closed), exit data on leaving, a KIS certificate numbered
in order of the end, a follow-up after it.

Each move is recorded on the day it is dated (the services' ``today``), as the club would have
entered it then: the applications, decisions and starts first, plan by plan; then every end in
order of its date, so the certificates of each year are numbered and dated in that order; then the
follow-ups. A start takes the labour-market situation of that day from ``demo.paths.as_of`` (the
demo registry knows only today's), as the recruitment documents would have shown it, and its first
support is the opening meeting with the social worker on that day (the ESF start).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from activities.forms import IndividualSupportForm
from activities.models import IndividualSupport
from demo.contracts import signature_png
from demo.forms import save_through_form
from demo.paths import Plan, Status, as_of
from participation import services
from participation.declarations import declaration_record
from participation.models import Declaration, ParticipationEvent, ProjectParticipation
from participation.results import Employment, FollowUp

OPENING_MEETING = "Rozmowa wstępna: diagnoza potrzeb i plan ścieżki uczestnictwa w projekcie."
OPENING_MEETING_HOURS = Decimal("1.5")
DECISIONS = (Status.QUALIFIED, Status.RESERVE, Status.REJECTED)


def record(plans: list[Plan]) -> int:
    """Write the plans through the services; returns how many dated moves were recorded."""
    saved: dict[int, ProjectParticipation] = {}
    ends = []
    for plan in plans:
        planned = plan.participation
        for event in plan.events:
            if event.to_status == Status.APPLIED and not event.from_status:
                saved[id(plan)] = services.participation_recruit(
                    project=planned.project,
                    participant=planned.participant,
                    user=event.by,
                    applied_on=event.date,
                    today=event.date,
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
                    today=event.date,
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
                follow_up=FollowUp(
                    on=planned.followup_on,
                    social_progress=planned.followup_social_progress_kinds,
                    looking_for_work=planned.followup_looking_for_work,
                    qualification=planned.followup_qualification,
                    employment=Employment(
                        type=planned.followup_employment_type,
                        start=planned.followup_employment_start,
                        end=planned.followup_employment_end,
                        hours_per_week=planned.followup_hours_per_week,
                        minimum_wage=planned.followup_minimum_wage,
                        evidence=planned.followup_evidence,
                    ),
                ),
                today=planned.followup_on,
            )
    return sum(len(plan.events) for plan in plans)


def activate(participation: ProjectParticipation, *, on: datetime.date, by) -> None:
    """Start the path on ``on`` and record its first support that day — the opening meeting with
    the social worker, through the individual-support form — which makes it the ESF start."""
    then = as_of(participation.participant, on)
    sign_declarations(participation, on=on, by=by)
    services.participation_activate(
        participation_id=participation.pk,
        user=by,
        start_date=on,
        labour_status=then.labour_market_status,
        unemployed_since=then.unemployed_since,
        today=on,
    )
    save_through_form(
        IndividualSupportForm,
        participant=participation.participant,
        user=by,
        recorded_by=by,
        project=participation.project,
        kind=IndividualSupport.Kind.SOCIAL_WORKER,
        date=on,
        specialist=by.get_full_name() or by.get_username(),
        hours=OPENING_MEETING_HOURS,
        confidential_note=OPENING_MEETING,
    )


def sign_declarations(participation: ProjectParticipation, *, on: datetime.date, by) -> None:
    """A project that requires them has the participation declaration and the data-protection
    statement signed on screen on the day of the start (once a person: a re-joiner signed them)."""
    project, person = participation.project, participation.participant
    if not project.requires_declarations:
        return
    signed = set(Declaration.objects.filter(project=project, participant=person).values_list("kind", flat=True))
    for kind in Declaration.Kind.values:
        if kind not in signed:
            declaration_record(
                project=project,
                participant=person,
                kind=kind,
                signed_on=on,
                signature=signature_png(random.Random(f"{person.full_name} {kind}")),
                user=by,
            )


def finish(participation_id: int, planned: ProjectParticipation, event: ParticipationEvent) -> None:
    if event.to_status == Status.COMPLETED:
        services.participation_complete(
            participation_id=participation_id,
            user=event.by,
            end_date=event.date,
            completed_as_planned=True,
            exit_situation=planned.exit_situation,
            qualification_certified=planned.exit_qualification_certified,
            qualification_body=planned.exit_qualification_body,
            today=event.date,
        )
    else:
        services.participation_drop_out(
            participation_id=participation_id,
            user=event.by,
            end_date=event.date,
            reason=planned.dropout_reason,
            note=planned.dropout_note,
            exit_situation=planned.exit_situation,
            qualification_certified=planned.exit_qualification_certified,
            qualification_body=planned.exit_qualification_body,
            today=event.date,
        )
