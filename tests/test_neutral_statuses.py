"""A person's status in a project or an activity is said in words that fit anyone — a woman who
dropped out is not "przerwał udział" — on the pages that show it beside their name."""

import pytest
from django.conf import settings

from activities.models import Enrollment
from activities.tests.factories import ActivityFactory, EnrollmentFactory
from participants.tests.factories import ParticipantFactory
from participation.models import ProjectParticipation
from participation.tests.factories import ParticipationProjectFactory, active_in

pytestmark = pytest.mark.django_db

NEUTRAL = {
    ProjectParticipation.Status.APPLIED: "zgłoszenie złożone",
    ProjectParticipation.Status.QUALIFIED: "po kwalifikacji",
    ProjectParticipation.Status.REJECTED: "zgłoszenie odrzucone",
    ProjectParticipation.Status.ACTIVE: "w trakcie udziału",
    ProjectParticipation.Status.COMPLETED: "udział ukończony",
    ProjectParticipation.Status.DROPPED_OUT: "udział przerwany",
}


@pytest.fixture
def in_polish(client, coordinator):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    return client


@pytest.mark.parametrize("status", list(NEUTRAL))
def test_the_project_page_says_each_participations_status_in_neutral_words(in_polish, status):
    project = ParticipationProjectFactory()
    agnieszka = ParticipantFactory(first_name="Agnieszka", last_name="Nowak", female=True)
    participation = active_in(project, agnieszka)
    ProjectParticipation.objects.filter(pk=participation.pk).update(status=status)

    page = in_polish.get(project.get_absolute_url()).content.decode()

    assert NEUTRAL[status] in page
    assert "przerwał" not in page and "zakwalifikowany" not in page and "zgłoszony" not in page


def test_the_activity_page_says_an_enrolments_result_in_neutral_words(in_polish):
    activity = ActivityFactory()
    for first_name, status in [("Agnieszka", Enrollment.Status.DROPPED), ("Patryk", Enrollment.Status.COMPLETED)]:
        person = active_in(activity.project, ParticipantFactory(first_name=first_name)).participant
        EnrollmentFactory(activity=activity, participant=person, status=status)

    page = in_polish.get(activity.get_absolute_url()).content.decode()

    assert "udział przerwany" in page and "udział ukończony" in page
    assert "przerwał udział" not in page


REGISTRY = {
    "candidate": "przed przyjęciem do KIS",
    "active": "korzysta ze wsparcia",
    "inactive": "bez bieżącego wsparcia",
    "closed": "sprawa zamknięta",
}


@pytest.mark.parametrize("status", list(REGISTRY))
def test_a_persons_record_and_the_list_say_the_registry_status_in_neutral_words(in_polish, coordinator, status):
    from kis.models import Location

    patryk = ParticipantFactory(
        first_name="Patryk", last_name="Zieliński", status=status, location=Location.objects.get(name="KIS Śródmieście")
    )

    record = in_polish.get(patryk.get_absolute_url()).content.decode()
    listed = in_polish.get("/participants/").content.decode()

    assert REGISTRY[status] in record
    assert REGISTRY[status] in listed
    assert "aktywna" not in record and "aktywna" not in listed
