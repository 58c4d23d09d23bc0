"""The person's own status follows their participations: a candidate becomes active on starting,
and inactive once no participation of theirs is active; a closed case stays closed."""

import pytest

from contracts.tests.helpers import signed_contract
from participants.models import ParticipantStatus
from participants.tests.factories import ParticipantFactory
from participation import services
from participation.tests.factories import (
    ParticipationProjectFactory,
    contract_from,
    ended_on,
    participation_in,
    started_on,
)
from participation.tests.test_services import TODAY, Status

pytestmark = pytest.mark.django_db


def status_of(participant) -> str:
    participant.refresh_from_db()
    return participant.status


def test_a_candidate_becomes_active_on_starting_and_inactive_on_leaving(social_worker):
    person = ParticipantFactory(status=ParticipantStatus.CANDIDATE, social_worker=social_worker)
    version = person.version

    participation = participation_in(Status.ACTIVE, participant=person)
    assert status_of(person) == ParticipantStatus.ACTIVE
    assert person.version > version  # a form of the record opened before is refused, not obeyed

    services.participation_drop_out(
        participation_id=participation.pk, user=social_worker, end_date=ended_on(), reason="resigned"
    )
    assert status_of(person) == ParticipantStatus.INACTIVE


@pytest.mark.parametrize("leaving", [Status.COMPLETED, Status.DROPPED_OUT])
def test_a_person_still_active_in_another_project_stays_active(leaving):
    person = ParticipantFactory(status=ParticipantStatus.CANDIDATE)
    participation_in(Status.ACTIVE, participant=person, project=ParticipationProjectFactory())

    participation_in(leaving, participant=person, project=ParticipationProjectFactory())

    assert status_of(person) == ParticipantStatus.ACTIVE


def test_applying_and_leaving_before_the_start_leave_a_candidate_a_candidate():
    person = ParticipantFactory(status=ParticipantStatus.CANDIDATE)

    participation_in(Status.QUALIFIED, participant=person)

    assert status_of(person) == ParticipantStatus.CANDIDATE


def test_a_closed_case_stays_closed():
    person = ParticipantFactory(status=ParticipantStatus.CLOSED)

    participation_in(Status.COMPLETED, participant=person)

    assert status_of(person) == ParticipantStatus.CLOSED


def test_leaving_before_the_first_support_makes_the_person_inactive(social_worker):
    person = ParticipantFactory(status=ParticipantStatus.CANDIDATE, social_worker=social_worker)
    signed_contract(participant=person, period_start=contract_from())
    participation = participation_in(Status.QUALIFIED, participant=person)
    services.participation_activate(participation_id=participation.pk, user=social_worker, start_date=started_on())
    assert status_of(person) == ParticipantStatus.ACTIVE

    services.participation_drop_out(
        participation_id=participation.pk, user=social_worker, end_date=TODAY(), reason="resigned"
    )

    assert status_of(person) == ParticipantStatus.INACTIVE
