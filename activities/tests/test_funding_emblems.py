"""The attendance lists carry the project's funding emblems and co-financing statement (art. 50
of reg. 2021/1060): the session's list at its top, the monthly list on every sheet; without an
emblem, or without a project, the lists still print."""

import datetime

import pytest

from activities.tests.factories import ActivityFactory, EnrollmentFactory, SessionFactory
from kis.tests.emblems import STATEMENT, STRIP_SIZE, give_emblem, pdf_images, pdf_text
from participation.tests.factories import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def activity(private_media):
    """A running activity with a session today and one next month, and one person enrolled."""
    activity = ActivityFactory(name="Trening kompetencji społecznych")
    SessionFactory(activity=activity, date=today())
    SessionFactory(activity=activity, date=today() + datetime.timedelta(days=35))
    EnrollmentFactory(activity=activity)
    return activity


def months(activity) -> dict:
    first, last = (session.date for session in (activity.sessions.first(), activity.sessions.last()))
    return {"from": f"{first:%Y-%m}", "to": f"{last:%Y-%m}"}


def test_the_sessions_list_carries_the_emblems_and_the_statement(client, coordinator, activity, tmp_path):
    give_emblem(activity.project)
    client.force_login(coordinator)

    response = client.get(f"/activities/sessions/{activity.sessions.first().pk}/attendance.pdf")

    assert response.status_code == 200
    assert pdf_images(response.content, tmp_path) == [(1, *STRIP_SIZE)]
    text = pdf_text(response.content, tmp_path)
    assert STATEMENT in text
    assert text.index(STATEMENT) < text.index("Trening kompetencji społecznych")  # at the top


def test_every_sheet_of_the_monthly_list_carries_the_emblems_and_the_statement(client, coordinator, activity, tmp_path):
    give_emblem(activity.project)
    client.force_login(coordinator)

    response = client.get(f"/activities/{activity.pk}/monthly-attendance.pdf", months(activity))

    assert response.status_code == 200
    assert pdf_images(response.content, tmp_path) == [(1, *STRIP_SIZE), (2, *STRIP_SIZE)]
    assert pdf_text(response.content, tmp_path).count(STATEMENT) == 2


@pytest.mark.parametrize("project", ["without an emblem", "without a project"])
def test_the_lists_print_without_an_emblem(client, coordinator, activity, tmp_path, project):
    if project == "without a project":
        activity.project = None
        activity.save()
    client.force_login(coordinator)

    for response in (
        client.get(f"/activities/sessions/{activity.sessions.first().pk}/attendance.pdf"),
        client.get(f"/activities/{activity.pk}/monthly-attendance.pdf", months(activity)),
    ):
        assert response.status_code == 200
        assert pdf_images(response.content, tmp_path) == []
        assert "Trening kompetencji społecznych" in pdf_text(response.content, tmp_path)
