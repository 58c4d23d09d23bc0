"""The moves of a participation through the services: every legal move of the state machine made
and recorded (dated, by whom, in the audit trail), every illegal one refused with nothing changed,
and the rules of each move — qualification, the contract required to start, the ESF rules fixed
on the start date, exit data, the certificate and the three-month follow-up."""

import datetime

import pytest
from django.utils import timezone

from kis.models import AuditEvent
from participation import services
from participation.models import ParticipationEvent, ProjectParticipation
from participation.services import ParticipationError
from participation.tests.factories import (
    ParticipationProjectFactory,
    applied_on,
    ended_on,
    exit_situation,
    participation_in,
    started_on,
)
from projects.models import Project

pytestmark = pytest.mark.django_db

Status = ProjectParticipation.Status
TRANSITIONS = ProjectParticipation.TRANSITIONS
DAY = datetime.timedelta(days=1)
TODAY = timezone.localdate

LEGAL = [
    (Status.APPLIED, Status.QUALIFIED),
    (Status.APPLIED, Status.RESERVE),
    (Status.APPLIED, Status.REJECTED),
    (Status.RESERVE, Status.QUALIFIED),
    (Status.RESERVE, Status.REJECTED),
    (Status.QUALIFIED, Status.ACTIVE),
    (Status.QUALIFIED, Status.DROPPED_OUT),
    (Status.ACTIVE, Status.COMPLETED),
    (Status.ACTIVE, Status.DROPPED_OUT),
]
# A person who dropped out may apply again: a new episode (see test_rejoining), not a move.
ILLEGAL = [
    (old, new)
    for old in Status
    for new in Status
    if new not in TRANSITIONS[old] and (old, new) != (Status.DROPPED_OUT, Status.APPLIED)
]


def move_date(to: str) -> datetime.date:
    """The date a move to ``to`` is made on in these tests (all valid for a path from participation_in)."""
    return TODAY() - DAY * 30 if to == Status.ACTIVE else TODAY()


def attempt(participation: ProjectParticipation, to: str, user):
    """Ask the service that makes a move to ``to`` to make it, with otherwise valid data. Only
    recruitment creates an application, so a move back to "applied" is a second recruitment."""
    if to == Status.APPLIED:
        return services.participation_recruit(
            project=participation.project, participant=participation.participant, user=user, applied_on=TODAY()
        )
    if to in (Status.QUALIFIED, Status.RESERVE, Status.REJECTED):
        return services.participation_decide(
            participation_id=participation.pk,
            user=user,
            decision=to,
            on=move_date(to),
            categories=["long_term_unemployed"],
            exclusions=[],
            note="Decyzja komisji rekrutacyjnej.",
        )
    if to == Status.ACTIVE:
        return services.participation_activate(participation_id=participation.pk, user=user, start_date=move_date(to))
    if to == Status.COMPLETED:
        return services.participation_complete(
            participation_id=participation.pk,
            user=user,
            end_date=move_date(to),
            completed_as_planned=True,
            exit_situation=exit_situation(),
        )
    return services.participation_drop_out(
        participation_id=participation.pk,
        user=user,
        end_date=move_date(to),
        reason="health",
        note="Leczenie szpitalne.",
    )


def state_of(participation: ProjectParticipation) -> dict:
    """Everything stored about a participation: its row, its events and its audit entries."""
    return {
        "row": ProjectParticipation.objects.filter(pk=participation.pk).values().get(),
        "events": list(ParticipationEvent.objects.filter(participation=participation).values()),
        "participations": ProjectParticipation.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def audit_entries(participation, action=AuditEvent.Action.UPDATE):
    return AuditEvent.objects.filter(
        object_type="participation.projectparticipation", object_id=str(participation.pk), action=action
    )


# --- The state machine ---------------------------------------------------------------------------


def test_the_legal_moves_are_exactly_those_of_the_design():
    assert sorted(LEGAL) == sorted((old, new) for old, targets in TRANSITIONS.items() for new in targets)
    assert len(ILLEGAL) == len(Status) ** 2 - len(LEGAL) - 1  # less the re-joining after dropping out


@pytest.mark.parametrize(("old", "new"), LEGAL, ids=[f"{old}→{new}" for old, new in LEGAL])
def test_every_legal_move_is_made_dated_by_whom_and_audited(contracted, project, coordinator, old, new):
    participation = participation_in(old, participant=contracted, project=project)
    events_before = participation.events.count()

    attempt(participation, new, coordinator)

    participation.refresh_from_db()
    assert participation.status == new
    assert participation.events.count() == events_before + 1
    event = participation.events.last()
    assert (event.from_status, event.to_status, event.date, event.by) == (old, new, move_date(new), coordinator)
    entry = audit_entries(participation).first()
    # A move dated before today is marked as entered after the fact.
    back_dated = {"back_dated": move_date(new).isoformat()} if move_date(new) < TODAY() else {}
    assert (entry.user, entry.details) == (coordinator, {"status": new, **back_dated})


@pytest.mark.parametrize(("old", "new"), ILLEGAL, ids=[f"{old}→{new}" for old, new in ILLEGAL])
def test_every_illegal_move_is_refused_and_changes_nothing(contracted, project, coordinator, old, new):
    participation = participation_in(old, participant=contracted, project=project)
    before = state_of(participation)

    with pytest.raises(ParticipationError) as refused:
        attempt(participation, new, coordinator)

    if new == Status.APPLIED:
        assert str(refused.value) == f"Łucja Żółkiewska is already in this project ({Status(old).label})."
    else:
        assert str(refused.value) == (
            f"A participation that is “{Status(old).label}” cannot become “{Status(new).label}”."
        )
    assert state_of(participation) == before


def test_a_whole_path_leaves_a_dated_history(contracted, project):
    participation = participation_in(Status.COMPLETED, participant=contracted, project=project)

    worker = contracted.social_worker
    assert [(e.from_status, e.to_status, e.date, e.by) for e in participation.events.all()] == [
        ("", Status.APPLIED, applied_on(), worker),
        (Status.APPLIED, Status.QUALIFIED, TODAY() - DAY * 50, worker),
        (Status.QUALIFIED, Status.ACTIVE, started_on(), worker),
        (Status.ACTIVE, Status.COMPLETED, ended_on(), worker),
    ]
    assert audit_entries(participation, AuditEvent.Action.CREATE).count() == 1
    assert audit_entries(participation).count() == 3


# --- Recruitment ---------------------------------------------------------------------------------


def test_recruiting_registers_the_application_dated_and_by_whom(participant, project, coordinator):
    participation = services.participation_recruit(
        project=project, participant=participant, user=coordinator, applied_on=TODAY() - DAY * 3
    )

    assert (participation.status, participation.applied_on) == (Status.APPLIED, TODAY() - DAY * 3)
    assert [(e.from_status, e.to_status, e.date, e.by) for e in participation.events.all()] == [
        ("", Status.APPLIED, TODAY() - DAY * 3, coordinator)
    ]
    assert audit_entries(participation, AuditEvent.Action.CREATE).get().user == coordinator


def test_recruiting_the_same_person_twice_into_a_project_is_refused(participant, project, social_worker):
    services.participation_recruit(project=project, participant=participant, user=social_worker, applied_on=TODAY())

    with pytest.raises(ParticipationError, match="Łucja Żółkiewska is already in this project \\(applied\\)"):
        services.participation_recruit(project=project, participant=participant, user=social_worker, applied_on=TODAY())

    assert ProjectParticipation.objects.filter(participant=participant, project=project).count() == 1
    assert ParticipationEvent.objects.count() == 1


def test_the_same_person_may_be_recruited_into_another_project(participant, project, social_worker):
    services.participation_recruit(project=project, participant=participant, user=social_worker, applied_on=TODAY())

    services.participation_recruit(
        project=ParticipationProjectFactory(), participant=participant, user=social_worker, applied_on=TODAY()
    )

    assert participant.participations.count() == 2


@pytest.mark.parametrize(
    ("project_fields", "applied", "message"),
    [
        (
            {"end_date": TODAY() - DAY * 10},
            TODAY(),
            f"The project ended on {(TODAY() - DAY * 10):%d.%m.%Y}: nobody can be recruited after its end.",
        ),
        ({}, TODAY() + DAY, "The date of application cannot be in the future."),
        ({"status": Project.Status.CLOSED}, TODAY(), "The project is closed to recruitment."),
    ],
    ids=["after the project's end", "dated in the future", "closed project"],
)
def test_recruitment_outside_the_project_is_refused(participant, social_worker, project_fields, applied, message):
    project = ParticipationProjectFactory(**project_fields)

    with pytest.raises(ParticipationError) as refused:
        services.participation_recruit(project=project, participant=participant, user=social_worker, applied_on=applied)

    assert str(refused.value) == message
    assert not ProjectParticipation.objects.exists()
    assert not ParticipationEvent.objects.exists()
    assert not AuditEvent.objects.filter(object_type="participation.projectparticipation").exists()


# --- Qualification -------------------------------------------------------------------------------


def decide(participation, user, **changes):
    arguments = {
        "decision": Status.QUALIFIED,
        "on": TODAY() - DAY,
        "categories": ["long_term_unemployed", "disability"],
        "exclusions": [],
        "note": "  Bezrobotna od 3 lat, orzeczenie o stopniu lekkim.  ",
    }
    arguments.update(changes)
    return services.participation_decide(participation_id=participation.pk, user=user, **arguments)


def test_qualifying_records_the_decision(participant, project, social_worker, coordinator):
    participation = participation_in(Status.APPLIED, participant=participant, project=project)

    decide(participation, coordinator)

    participation.refresh_from_db()
    assert participation.status == Status.QUALIFIED
    assert participation.eligibility_categories == ["disability", "long_term_unemployed"]
    assert participation.eligibility_note == "Bezrobotna od 3 lat, orzeczenie o stopniu lekkim."
    assert (participation.decided_on, participation.decided_by) == (TODAY() - DAY, coordinator)
    assert participation.events.last().note.startswith("  Bezrobotna od 3 lat")


def test_a_later_decision_from_the_reserve_list_replaces_the_first(participant, project, social_worker, coordinator):
    participation = participation_in(Status.RESERVE, participant=participant, project=project)

    decide(participation, coordinator, categories=["homeless"], note="Zwolniło się miejsce.")

    participation.refresh_from_db()
    assert (participation.status, participation.eligibility_categories) == (Status.QUALIFIED, ["homeless"])
    assert (participation.decided_on, participation.decided_by) == (TODAY() - DAY, coordinator)
    assert participation.eligibility_note == "Zwolniło się miejsce."


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"categories": []},
            "Tick at least one eligibility category that applies to the person.",
        ),
        (
            {"decision": Status.RESERVE, "categories": []},
            "Tick at least one eligibility category that applies to the person.",
        ),
        (
            {"exclusions": ["old_age_pension"]},
            "A person entitled to old-age pension cannot take part in a KIS (art. 1 ust. 3): reject the application.",
        ),
        (
            {"decision": Status.RESERVE, "exclusions": ["unemployment_benefit", "structural_pension"]},
            "A person entitled to unemployment benefit, structural pension cannot take part in a KIS (art. 1 ust. 3): "
            "reject the application.",
        ),
        ({"decision": Status.REJECTED, "note": "   "}, "Give the reason for rejecting the application."),
        ({"categories": ["poverty"]}, "Unknown eligibility category."),
        ({"decision": Status.REJECTED, "exclusions": ["disability_pension"]}, "Unknown eligibility category."),
        ({"decision": Status.ACTIVE}, "Choose a decision."),
        ({"on": applied_on() - DAY}, "The decision cannot be dated before the application."),
    ],
    ids=[
        "qualified without a category",
        "reserve without a category",
        "qualified with an exclusion",
        "reserve with exclusions",
        "rejected without a reason",
        "unknown category",
        "unknown exclusion",
        "not a decision",
        "dated before the application",
    ],
)
def test_a_decision_without_grounds_is_refused(participant, project, social_worker, changes, message):
    participation = participation_in(Status.APPLIED, participant=participant, project=project)
    before = state_of(participation)

    with pytest.raises(ParticipationError) as refused:
        decide(participation, social_worker, **changes)

    assert str(refused.value) == message
    assert state_of(participation) == before


@pytest.mark.parametrize(
    ("changes", "note"),
    [
        ({"note": "Nie mieszka na terenie gminy."}, "Nie mieszka na terenie gminy."),
        ({"note": "", "exclusions": ["old_age_pension"]}, ""),  # the exclusion is the reason
    ],
    ids=["with a reason", "for an exclusion"],
)
def test_rejecting_records_the_reason(participant, project, social_worker, changes, note):
    participation = participation_in(Status.APPLIED, participant=participant, project=project)

    decide(participation, social_worker, decision=Status.REJECTED, categories=[], **changes)

    participation.refresh_from_db()
    assert (participation.status, participation.eligibility_note) == (Status.REJECTED, note)
    assert participation.decided_by == social_worker
