"""The programme pages make the same number of queries whatever the number of rows (django-zeal
fails the test on an N+1 as well)."""

import datetime

import pytest

from conftest import make_user
from kis.roles import Role
from kis.tests.helpers import SIGNED_IN
from participants.tests.factories import ParticipantFactory
from programmes.models import ProgrammeKind
from programmes.tests.factories import ProgrammeFactory, ProgrammeLinkFactory, niebieska_karta, programme_of

pytestmark = pytest.mark.django_db


def many_links(person, worker, rows: int) -> None:
    """``rows`` links of ``person``, half of them to the Niebieska Karta (``worker`` responsible)."""
    for index in range(rows):
        programme = niebieska_karta() if index % 2 else ProgrammeFactory(kind=ProgrammeKind.ALCOHOL)
        ProgrammeLinkFactory(
            participant=person,
            programme=programme,
            worker=worker,
            started_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=10 * index),
            ended_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=10 * index + 5),
        )


@pytest.mark.parametrize("rows", [2, 30])
def test_a_person_s_links_page_makes_the_same_queries_for_2_and_30_links(
    client, social_worker, person, django_assert_num_queries, rows
):
    many_links(person, social_worker, rows)
    client.force_login(social_worker)

    # SIGNED_IN + 5 the person with their worker and location, 6 whether the user may edit the
    # person (EXISTS over editable_by), 7 the links the user sees with their programme and worker,
    # 8 the ids of those the user may change, 9 INSERT of the view of the person, 10 INSERT of the
    # views of the Niebieska Karta links (one for all).
    with django_assert_num_queries(SIGNED_IN + 6):
        response = client.get(f"/programmes/participants/{person.pk}/")

    assert len(response.context["links"]) == rows
    assert response.content.decode().count("/end/") == 0  # all ended: only corrections offered
    assert response.content.decode().count("/correct/") == rows


@pytest.mark.parametrize("rows", [2, 60])
def test_a_programme_s_page_makes_the_same_queries_for_2_and_60_people(
    client, social_worker, django_assert_num_queries, rows
):
    programme = niebieska_karta()
    for _index in range(rows):
        ProgrammeLinkFactory(programme=programme, participant=ParticipantFactory(social_worker=social_worker))
    client.force_login(make_user(Role.COORDINATOR))

    # SIGNED_IN + 5 the programme with its site, 6 COUNT for the paginator, 7 the page of links with
    # their people and workers, 8 INSERT of the views of the page's Niebieska Karta links.
    with django_assert_num_queries(SIGNED_IN + 4):
        response = client.get(f"/programmes/{programme.pk}/")

    assert len(response.context["links"]) == min(rows, 50)


def test_a_link_s_page_makes_a_fixed_number_of_queries(client, social_worker, person, django_assert_num_queries):
    link = ProgrammeLinkFactory(participant=person, programme=programme_of(ProgrammeKind.HOMELESSNESS))
    client.force_login(social_worker)

    # SIGNED_IN + 5 the link with its programme, person and worker, 6 whether the user may change
    # it, 7 INSERT of the view.
    with django_assert_num_queries(SIGNED_IN + 3):
        response = client.get(f"/programmes/links/{link.pk}/")

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_the_list_of_programmes_makes_the_same_queries_for_1_and_20_more(client, django_assert_num_queries, rows):
    for _index in range(rows):
        ProgrammeFactory(location=ParticipantFactory().location)
    client.force_login(make_user(Role.COORDINATOR))

    # SIGNED_IN + 5 the programmes with their sites.
    with django_assert_num_queries(SIGNED_IN + 1):
        response = client.get("/programmes/")

    assert len(response.context["programmes"]) == rows + 4  # and the four of the data migration


@pytest.mark.parametrize("rows", [1, 20])
def test_the_counts_make_the_same_queries_for_1_and_20_links(client, django_assert_num_queries, rows):
    for _index in range(rows):
        ProgrammeLinkFactory(programme=niebieska_karta())
    client.force_login(make_user(Role.MANAGER))

    # SIGNED_IN + 5 the programmes with their counts.
    with django_assert_num_queries(SIGNED_IN + 1):
        response = client.get("/programmes/counts/?start=2025-01-01&end=2025-12-31")

    assert {row.name: row.people for row in response.context["rows"]}[niebieska_karta().name] == rows
