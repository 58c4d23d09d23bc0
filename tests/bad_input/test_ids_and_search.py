"""Ids no database can hold and search texts no database takes: a 404 or a form error, not a 500."""

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.urls import reverse

from kis.bounds import parse_id, search_text
from participants.models import Participant
from participants.tests.factories import ParticipantFactory

HUGE = "9" * 20  # beyond 64 bits


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/participants/{HUGE}/",
        f"/participants/{HUGE}/edit/",
        f"/contracts/{HUGE}/",
        f"/projects/{HUGE}/",
        f"/activities/{HUGE}/",
        f"/activities/sessions/{HUGE}/attendance/",
        f"/useful-work/{HUGE}/",
        f"/reports/projects/{HUGE}/",
        f"/contracts/new/?participant={HUGE}",
        "/contracts/new/?participant=²",
        f"/activities/referrals/new/?participant={HUGE}",
        f"/activities/support/new/?participant={HUGE}",
        f"/useful-work/new/?participant={HUGE}",
    ],
)
def test_an_id_beyond_what_the_database_holds_is_not_found(client, coordinator, url):
    client.force_login(coordinator)

    assert client.get(url).status_code == 404


def test_the_id_converter_reverses_ids_and_takes_no_longer_ones():
    assert reverse("participants:detail", args=[123]) == "/participants/123/"
    assert reverse("participants:detail", args=[10**17]) == f"/participants/{10**17}/"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), ("007", 7), ("9" * 18, int("9" * 18)), ("9" * 19, None), ("²", None), ("-1", None), ("", None)],
)
def test_parse_id_takes_only_ids_a_database_can_hold(raw, expected):
    assert parse_id(raw) == expected


def test_search_text_drops_nul_and_is_cut_to_a_search_box_length():
    assert search_text(" Żurawska\x00 ") == "Żurawska"
    assert len(search_text("a" * 60_000)) == 100


@pytest.mark.django_db
@pytest.mark.parametrize("value", [HUGE, f"-{HUGE}", str(2**63)])
def test_a_model_choice_beyond_the_key_range_is_an_invalid_choice(value):
    field = forms.ModelChoiceField(Group.objects.all())
    multiple = forms.ModelMultipleChoiceField(Group.objects.all())

    with pytest.raises(forms.ValidationError) as single_error:
        field.clean(value)
    with pytest.raises(forms.ValidationError) as multiple_error:
        multiple.clean([value, str(Group.objects.first().pk)])

    assert single_error.value.code == "invalid_choice"
    assert multiple_error.value.code == "invalid_pk_value"


@pytest.mark.django_db
def test_a_model_choice_in_range_is_still_found():
    group = Group.objects.first()

    assert forms.ModelChoiceField(Group.objects.all()).clean(str(group.pk)) == group
    assert list(forms.ModelMultipleChoiceField(Group.objects.all()).clean([str(group.pk)])) == [group]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"social_worker": HUGE},
        {"location": HUGE},
        {"risk_factor": f"-{HUGE}"},
        {"q": "x" * 60_000},
        {"q": "Nowak\x00"},
        # Every kept filter long: the search's redirect would be too long an address.
        {"q": "Nowak", **{name: "x" * 60_000 for name in ("scope", "status", "social_worker", "location", "ordering")}},
    ],
)
def test_the_participant_list_answers_bad_filters_with_a_page(client, coordinator, query):
    client.force_login(coordinator)

    assert client.get("/participants/", query, follow=True).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/contracts/",
        "/projects/",
        "/partners/",
        "/activities/",
        "/useful-work/",
        "/programmes/",
        "/activities/referrals/?specialist=",
    ],
)
def test_a_60_kb_search_gives_a_page(client, coordinator, url):
    client.force_login(coordinator)
    path, _, parameter = url.partition("?")
    name = parameter.rstrip("=") or "q"

    assert client.get(path, {name: "ż" * 60_000}, follow=True).status_code == 200


@pytest.mark.django_db
def test_a_long_search_still_finds_by_its_beginning():
    person = ParticipantFactory(last_name="Żurawska")

    assert list(Participant.objects.search("Żurawska" + " " * 100 + "x" * 60_000)) == [person]
