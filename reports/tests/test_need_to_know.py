"""Need-to-know in the reports: a figure counts everyone, but the people behind it are listed only
when the user may read their record; a coordinator's dashboard counts the people of their locations."""

import pytest

from kis.tests.factories import LocationFactory
from participants.models import ParticipantStatus
from participants.tests.factories import ParticipantFactory
from reports.tests.factories import ReportProjectFactory, participation

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruited(social_worker):
    """A project with one person recruited at the coordinator's location and one at Knurów."""
    project = ReportProjectFactory()
    here = ParticipantFactory(social_worker=social_worker, last_name="Tutejsza", status=ParticipantStatus.ACTIVE)
    there = ParticipantFactory(
        social_worker=social_worker,
        last_name="Knurowska",
        location=LocationFactory(name="KIS Knurów"),
        status=ParticipantStatus.ACTIVE,
    )
    for person in (here, there):
        participation(project, person, status="active", started=project.start_date, age=40)
    return project


def test_a_coordinator_sees_only_the_people_of_their_locations_behind_a_figure(client, coordinator, recruited):
    client.force_login(coordinator)

    response = client.get(f"/reports/projects/{recruited.pk}/people/?figure=recruited")

    assert [pp.participant.last_name for pp in response.context["participations"]] == ["Tutejsza"]
    assert response.context["not_listed"] == 1
    assert "Knurowska" not in response.content.decode()


def test_a_manager_sees_everyone_behind_a_figure(client, manager, recruited):
    client.force_login(manager)

    response = client.get(f"/reports/projects/{recruited.pk}/people/?figure=recruited")

    assert {pp.participant.last_name for pp in response.context["participations"]} == {"Tutejsza", "Knurowska"}
    assert response.context["not_listed"] == 0


def test_a_coordinators_dashboard_counts_the_caseloads_of_their_locations(client, coordinator, manager, recruited):
    client.force_login(coordinator)
    coordinators = client.get("/").context["caseload_per_worker"]
    client.force_login(manager)
    managers = client.get("/").context["caseload_per_worker"]

    assert [row["n"] for row in coordinators] == [1]
    assert [row["n"] for row in managers] == [2]
