"""The home page's to-do lists in full ("see all N"): the same people the home page counts, every
one of them, a page at a time, in as many queries for one person as for many."""

import re

import pytest

from contracts.tests.helpers import signed_contract
from kis.tests.factories import LocationFactory
from participants.models import ParticipantStatus
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

URL = "/reports/to-do/without-contract/"
ROW = re.compile(r'<th scope="row" class="fw-normal"><a href="/participants/\d+/">([^<]+)</a></th>')


def test_the_home_page_shows_five_and_links_to_all_of_a_workers_people_without_a_contract(
    client, social_worker, other_social_worker
):
    surnames = ["Adamska", "Bąk", "Baran", "Cieślak", "Ćwik", "Dudek", "Łysenko"]
    for surname in surnames:
        ParticipantFactory(
            social_worker=social_worker, last_name=surname, first_name="Ewa", status=ParticipantStatus.ACTIVE
        )
    signed_contract(participant=ParticipantFactory(social_worker=social_worker, last_name="Zawarta"))
    ParticipantFactory(social_worker=social_worker, last_name="Zamknięta", status=ParticipantStatus.CLOSED)
    ParticipantFactory(social_worker=other_social_worker, last_name="Obca", status=ParticipantStatus.ACTIVE)
    client.force_login(social_worker)

    home = client.get("/").content.decode()
    listed = client.get(URL).content.decode()

    section = home.split('id="h-nocontract"')[1].split("</section>")[0]
    assert section.count("<li>") == 5
    assert f'<a href="{URL}">See all 7</a>' in section
    # Every one of them, by surname in the Polish alphabet (Bąk after Baran), none of the others.
    assert ROW.findall(listed) == [
        f"{surname} Ewa" for surname in ["Adamska", "Baran", "Bąk", "Cieślak", "Ćwik", "Dudek", "Łysenko"]
    ]


def test_a_coordinator_sees_the_people_of_their_locations_with_their_worker(client, coordinator, social_worker):
    ParticipantFactory(social_worker=social_worker, last_name="Tutejsza", status=ParticipantStatus.CANDIDATE)
    ParticipantFactory(
        location=LocationFactory(name="KIS Knurów"), last_name="Zdaleka", status=ParticipantStatus.ACTIVE
    )
    client.force_login(coordinator)

    listed = client.get(URL).content.decode()

    assert [name.split()[0] for name in ROW.findall(listed)] == ["Tutejsza"]
    assert "Anna Nowak" in listed  # the worker's column


@pytest.mark.parametrize("people", [1, 7])
def test_the_full_list_makes_the_same_queries_for_1_and_7_people(
    client, coordinator, people, django_assert_num_queries
):
    for _index in range(people):
        ParticipantFactory(status=ParticipantStatus.ACTIVE)
    client.force_login(coordinator)

    # signed in (3) + the count for the pages + the page's rows
    with django_assert_num_queries(5):
        response = client.get(URL)

    assert len(ROW.findall(response.content.decode())) == people


def test_the_home_page_names_people_surname_first_in_every_list(client, social_worker):
    import datetime

    from django.utils import timezone

    overdue = timezone.localdate() - datetime.timedelta(days=3)
    person = ParticipantFactory(social_worker=social_worker, first_name="Łucja", last_name="Żółkiewska")
    signed_contract(participant=person, next_review_on=overdue)
    ParticipantFactory(social_worker=social_worker, first_name="Ewa", last_name="Bąk", status=ParticipantStatus.ACTIVE)
    client.force_login(social_worker)

    content = client.get("/").content.decode()

    assert ">Żółkiewska Łucja</a>" in content and ">Bąk Ewa</a>" in content
    assert "Łucja Żółkiewska" not in content and "Ewa Bąk" not in content


ABSENT_URL = "/reports/to-do/absent-in-a-row/"


def flagged(social_worker, surname: str, absences: int):
    """Someone on ``social_worker``'s caseload whose last ``absences`` sessions were unexcused absences."""
    from activities.tests.factories import ActivityFactory, EnrollmentFactory
    from activities.tests.test_participant_programme import A, P, mark, sessions_of

    person = ParticipantFactory(social_worker=social_worker, last_name=surname, first_name="Jan")
    activity = ActivityFactory()
    marks = [P] + [A] * absences
    mark(
        EnrollmentFactory(activity=activity, participant=person), sessions_of(activity, range(len(marks), 0, -1)), marks
    )
    return person


def test_the_absences_in_full_are_the_workers_own_people_longest_run_first(client, social_worker, other_social_worker):
    flagged(social_worker, "Krótki", 3)
    flagged(social_worker, "Długi", 5)
    flagged(other_social_worker, "Obcy", 6)  # another worker's: not theirs to be told about
    client.force_login(social_worker)

    listed = client.get(ABSENT_URL).content.decode()

    rows = re.findall(
        r'<a href="/participants/\d+/#programme">([^<]+)</a></th>.*?<td class="text-end">(\d+)</td>', listed, re.S
    )
    assert rows == [("Długi Jan", "5"), ("Krótki Jan", "3")]


@pytest.mark.parametrize("people", [1, 6])
def test_the_absences_in_full_make_the_same_queries_for_1_and_6_people(
    client, social_worker, people, django_assert_num_queries
):
    for index in range(people):
        flagged(social_worker, f"Nieobecny{index}", 3)
    client.force_login(social_worker)

    # signed in (3) + the count for the pages + the page's rows with their longest runs
    with django_assert_num_queries(5):
        response = client.get(ABSENT_URL)

    assert response.content.decode().count("#programme") == people
