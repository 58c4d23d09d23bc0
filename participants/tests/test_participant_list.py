"""The participant list: search, filters, ordering, pagination and the caseload scope."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from zeal import zeal_ignore

from conftest import make_user
from kis.roles import Role
from kis.tests.factories import LocationFactory
from participants.models import ParticipantStatus, RiskFactor, Sex
from participants.tests.factories import ParticipantFactory
from participants.tests.helpers import with_check_digit

pytestmark = pytest.mark.django_db


def listed(client, query: str = "") -> list[str]:
    # A search in the address (an old bookmark) is swapped for a token first: follow that redirect.
    response = client.get(f"/participants/{query}", follow=True)
    assert response.status_code == 200
    return [p.last_name for p in response.context["object_list"]]


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def people(social_worker):
    """Three people with distinct names and PESELs (44051401359 is the textbook example)."""
    return [
        ParticipantFactory(first_name="Jan", last_name="Kowalski", pesel="44051401359", social_worker=social_worker),
        ParticipantFactory(first_name="Maria", last_name="Kowalska", pesel="02270803624", social_worker=social_worker),
        ParticipantFactory(first_name="Janina", last_name="Nowak", pesel=with_check_digit("8503141234"), female=True),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=kowal", ["Kowalska", "Kowalski"]),  # part of the surname, any case
        ("?q=NOWAK", ["Nowak"]),
        ("?q=maria", ["Kowalska"]),  # first name
        ("?q=jan", ["Kowalski", "Nowak"]),  # "Jan" and "Janina"
        ("?q=4405", ["Kowalski"]),  # beginning of the PESEL
        ("?q=0227080", ["Kowalska"]),
        ("?q=1401359", []),  # the middle of a PESEL is not a match
        ("?q=jan+kowal", ["Kowalski"]),  # several words must all match
        ("?q=", ["Kowalska", "Kowalski", "Nowak"]),
    ],
)
def test_search_matches_surname_first_name_and_pesel_prefix(coordinator_client, people, query, expected):
    assert listed(coordinator_client, query) == expected


def test_filters_by_status_worker_location_sex_and_risk_factor(
    coordinator_client, coordinator, social_worker, other_social_worker
):
    poverty = RiskFactor.objects.get(code="poverty")
    branch = LocationFactory(name="KIS Filia Reda")
    # The status, sex and risk-factor filters apply within reach: the coordinator runs both locations.
    branch.coordinators.add(coordinator)
    ParticipantFactory(last_name="Aktywna", female=True, status=ParticipantStatus.ACTIVE, social_worker=social_worker)
    ParticipantFactory(last_name="Kandydat", female=False, social_worker=other_social_worker, location=branch)
    ParticipantFactory(last_name="Zagrożona", female=True, social_worker=other_social_worker, risk_factors=[poverty])

    assert listed(coordinator_client, "?status=active") == ["Aktywna"]
    assert listed(coordinator_client, "?status=candidate") == ["Kandydat", "Zagrożona"]
    assert listed(coordinator_client, f"?location={branch.pk}") == ["Kandydat"]
    assert listed(coordinator_client, f"?sex={Sex.FEMALE}") == ["Aktywna", "Zagrożona"]
    assert listed(coordinator_client, f"?sex={Sex.MALE}") == ["Kandydat"]
    assert listed(coordinator_client, f"?risk_factor={poverty.pk}") == ["Zagrożona"]
    # zeal false positive: the sign-in middleware and the filter's worker field each load one User
    # with .get(); with no project code between them on the stack, zeal counts them as an N+1.
    with zeal_ignore([{"model": "auth.User", "field": "get()"}]):
        assert listed(coordinator_client, f"?social_worker={social_worker.pk}") == ["Aktywna"]
        assert listed(coordinator_client, f"?sex={Sex.FEMALE}&social_worker={other_social_worker.pk}") == ["Zagrożona"]


def test_ordering_by_date_of_birth_both_ways_and_by_surname_by_default(coordinator_client):
    for last_name, born in [("Beta", 1990), ("Alfa", 1970), ("Gamma", 1980)]:
        ParticipantFactory(last_name=last_name, date_of_birth=datetime.date(born, 6, 1))

    assert listed(coordinator_client) == ["Alfa", "Beta", "Gamma"]
    assert listed(coordinator_client, "?ordering=date_of_birth") == ["Alfa", "Gamma", "Beta"]
    assert listed(coordinator_client, "?ordering=-date_of_birth") == ["Beta", "Gamma", "Alfa"]
    assert listed(coordinator_client, "?ordering=-last_name") == ["Gamma", "Beta", "Alfa"]


def test_list_shows_25_per_page_and_page_2_keeps_the_filters(coordinator_client):
    for number in range(30):
        ParticipantFactory(last_name=f"Osoba{number:02d}", status=ParticipantStatus.ACTIVE)
    ParticipantFactory(last_name="Zamknięta", status=ParticipantStatus.CLOSED)

    first = coordinator_client.get("/participants/?status=active")
    second = coordinator_client.get("/participants/?status=active&page=2")

    assert first.context["paginator"].count == 30
    assert [p.last_name for p in first.context["object_list"]] == [f"Osoba{n:02d}" for n in range(25)]
    assert [p.last_name for p in second.context["object_list"]] == [f"Osoba{n:02d}" for n in range(25, 30)]
    assert 'href="?status=active&amp;page=2"' in first.content.decode()
    assert 'href="?status=active&amp;page=1"' in second.content.decode()


def test_page_past_the_end_is_not_found(coordinator_client):
    ParticipantFactory()

    assert coordinator_client.get("/participants/?page=2").status_code == 404


def test_social_worker_sees_own_caseload_by_default_and_everyone_on_request(client, social_worker, other_social_worker):
    ParticipantFactory(last_name="Moja", social_worker=social_worker)
    ParticipantFactory(last_name="Cudza", social_worker=other_social_worker)
    client.force_login(social_worker)

    assert listed(client) == ["Moja"]
    assert listed(client, "?scope=mine") == ["Moja"]
    assert listed(client, "?scope=all") == ["Cudza", "Moja"]
    assert listed(client, "?scope=all&q=cudz") == ["Cudza"]


def test_coordinator_sees_everyone_by_default(coordinator_client, social_worker, other_social_worker):
    ParticipantFactory(last_name="Pierwsza", social_worker=social_worker)
    ParticipantFactory(last_name="Druga", social_worker=other_social_worker)

    assert listed(coordinator_client) == ["Druga", "Pierwsza"]


@pytest.fixture
def filter_forms_kept(empty_cache, settings):
    """The lists' filter forms kept for a minute, as in production, in an empty cache."""
    settings.KIS_FILTER_FORM_CACHE_SECONDS = 60


def choice_queries(queries) -> list[str]:
    """The statements that read the filter form's choices (the locations, the risk factors)."""
    starts = ('SELECT "kis_location"."id"', 'SELECT "participants_riskfactor"."id"')
    # On PostgreSQL a choice list is read through a cursor: "DECLARE … CURSOR WITH[OUT] HOLD FOR SELECT …".
    statements = [q["sql"].split(" HOLD FOR ", 1)[-1] for q in queries.captured_queries]
    return [sql for sql in statements if sql.startswith(starts)]


def test_the_filter_form_is_rendered_once_a_minute_per_language_and_filter_values(
    coordinator_client, coordinator, social_worker, people, filter_forms_kept
):
    """Kept for everyone with the same filter values (the form shows nothing of its user: the
    defaults of a role, "my caseload" for a social worker, are among the values)."""
    with CaptureQueriesContext(connection) as queries:
        coordinator_client.get("/participants/")
    first = choice_queries(queries)  # read at once: the next request starts a new log
    LocationFactory(name="KIS Nowa Filia")
    with CaptureQueriesContext(connection) as queries:
        kept = coordinator_client.get("/participants/").content.decode()
    again = choice_queries(queries)
    filtered = coordinator_client.get(f"/participants/?location={people[0].location_id}").content.decode()
    coordinator_client.force_login(make_user(Role.COORDINATOR, username="second_coordinator"))
    second_coordinator = coordinator_client.get("/participants/").content.decode()
    coordinator_client.force_login(social_worker)
    worker = coordinator_client.get("/participants/").content.decode()

    assert len(first) == 2 and again == []
    assert "KIS Nowa Filia" not in kept  # a new choice appears within the minute
    assert f'<option value="{people[0].location_id}" selected>' in filtered  # another address, its own form
    assert "KIS Nowa Filia" not in second_coordinator  # the same values: the same form
    assert "KIS Nowa Filia" in worker  # other values (scope=mine): a form of their own
    assert sorted(listed(coordinator_client)) == ["Kowalska", "Kowalski"]  # the rows are read at every request
