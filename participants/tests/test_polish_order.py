"""Names in the order of the Polish alphabet — a < ą < b … l < ł … s < ś … z < ź < ż — on SQLite
and on PostgreSQL alike (kis.collation), in the database's ORDER BY and so on the pages."""

import random

import pytest

from conftest import make_user
from kis.collation import compare, sort_key
from kis.roles import Role
from participants.models import Participant
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

# Written out by hand in the order of the Polish alphabet.
SURNAMES = [
    "Baran",
    "Bąk",
    "Brzeziński",
    "Cebula",
    "Ćwik",
    "Lis",
    "Łysenko",
    "Nowak",
    "Nowakowska",
    "Ozga",
    "Ósemka",
    "Sowa",
    "Śliwa",
    "Wolny",
    "Zieliński",
    "Źrebiec",
    "Żurawska",
]


@pytest.fixture
def people():
    shuffled = SURNAMES[:]
    random.Random(7).shuffle(shuffled)
    return [ParticipantFactory(last_name=surname) for surname in shuffled]


def test_the_database_sorts_surnames_by_the_polish_alphabet(people):
    assert list(Participant.objects.order_by("last_name").values_list("last_name", flat=True)) == SURNAMES
    assert list(Participant.objects.order_by("-last_name").values_list("last_name", flat=True)) == SURNAMES[::-1]


def test_first_names_too_and_a_lower_case_name_among_capitals(people):
    ParticipantFactory.reset_sequence()
    for first_name in ["Łucja", "lena", "Lucyna", "Ćma", "Celina"]:
        ParticipantFactory(last_name="Kowalska", first_name=first_name)

    rows = Participant.objects.filter(last_name="Kowalska").order_by("first_name")

    assert [p.first_name for p in rows] == ["Celina", "Ćma", "lena", "Lucyna", "Łucja"]


def test_the_participant_list_shows_them_in_that_order(client, coordinator, people):
    client.force_login(coordinator)

    shown = [p.last_name for p in client.get("/participants/").context["object_list"]]
    reversed_ = [p.last_name for p in client.get("/participants/?ordering=-last_name").context["object_list"]]

    assert shown == SURNAMES
    assert reversed_ == SURNAMES[::-1]


def test_the_comparison_sqlite_is_given_orders_as_the_alphabet_and_tells_case_apart():
    assert sorted(SURNAMES[::-1], key=sort_key) == SURNAMES
    assert compare("Bąk", "Baran") > 0 and compare("Baran", "Bąk") < 0
    assert compare("nowak", "Nowak") < 0 and compare("Nowak", "Nowak") == 0
    # Spaces and hyphens come before letters: a shorter name first, as in a register.
    assert compare("Nowak", "Nowak-Kot") < 0 and compare("Nowak Kot", "Nowakowska") < 0
    # Accents of other languages do not make another letter.
    assert compare("Müller", "Muzyk") < 0


def test_the_social_workers_to_choose_from_are_in_that_order_too(client, coordinator):
    for username, surname in [("w1", "Żak"), ("w2", "Łoś"), ("w3", "Lis"), ("w4", "Bąk"), ("w5", "Baran")]:
        make_user(Role.SOCIAL_WORKER, username=username, last_name=surname, first_name="Ewa")
    client.force_login(coordinator)

    choices = client.get("/participants/").context["filter"].form.fields["social_worker"].queryset

    assert [worker.last_name for worker in choices] == ["Baran", "Bąk", "Lis", "Łoś", "Żak"]
