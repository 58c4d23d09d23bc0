"""A person who dropped out can re-join the same project: a new episode, the first kept in the
history. Anyone else still in the project (or who completed it) is refused."""

import pytest

from participation import services
from participation.services import ParticipationError
from participation.tests.factories import ended_on, participation_in
from participation.tests.test_services import DAY, TODAY, Status

pytestmark = pytest.mark.django_db


def recruit_again(participation, user, on=None):
    return services.participation_recruit(
        project=participation.project, participant=participation.participant, user=user, applied_on=on or TODAY()
    )


def test_a_person_who_dropped_out_rejoins_as_a_second_episode(contracted, project, coordinator):
    first = participation_in(Status.DROPPED_OUT, participant=contracted, project=project)

    second = recruit_again(first, coordinator)

    assert (second.episode, second.status, second.applied_on) == (2, Status.APPLIED, TODAY())
    assert list(
        contracted.participations.filter(project=project).order_by("episode").values_list("status", flat=True)
    ) == [
        Status.DROPPED_OUT,
        Status.APPLIED,
    ]
    assert second.events.get().note == "re-joined the project (episode 2)"


@pytest.mark.parametrize("status", [Status.APPLIED, Status.QUALIFIED, Status.ACTIVE, Status.COMPLETED])
def test_anyone_else_in_the_project_cannot_apply_again(contracted, project, coordinator, status):
    participation = participation_in(status, participant=contracted, project=project)

    with pytest.raises(ParticipationError, match=r"Łucja Żółkiewska is already in this project"):
        recruit_again(participation, coordinator)

    assert contracted.participations.count() == 1


def test_a_new_application_cannot_predate_the_end_of_the_previous_episode(contracted, project, coordinator):
    first = participation_in(Status.DROPPED_OUT, participant=contracted, project=project)

    with pytest.raises(ParticipationError, match="cannot be dated before the end of the previous participation"):
        recruit_again(first, coordinator, on=ended_on() - DAY)

    assert contracted.participations.count() == 1
