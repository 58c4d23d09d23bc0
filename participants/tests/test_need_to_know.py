"""Need-to-know on the participant pages: whom a user sees in full, and what the others' minimal
card, the filters and the duplicate-PESEL message still tell about the people outside their reach."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from kis.tests.factories import LocationFactory
from participants.models import ParticipantStatus, RiskFactor
from participants.standins import StandIn
from participants.tests.factories import ParticipantFactory
from participants.tests.helpers import new_participant_data

pytestmark = pytest.mark.django_db


def rows(client, query: str = "") -> dict[str, bool]:
    """The people listed, each with whether the user sees the whole record."""
    response = client.get(f"/participants/{query}", follow=True)
    assert response.status_code == 200
    return {p.last_name: p.in_reach for p in response.context["object_list"]}


@pytest.fixture
def elsewhere():
    """A location the coordinator fixture does not coordinate."""
    return LocationFactory(name="KIS Knurów")


def test_social_worker_default_is_the_own_caseload_with_stand_in_cases(client, social_worker, other_social_worker):
    ParticipantFactory(last_name="Moja", social_worker=social_worker)
    covered = ParticipantFactory(last_name="Zastępowana", social_worker=other_social_worker)
    ParticipantFactory(last_name="Cudza", social_worker=other_social_worker)
    until = timezone.localdate() + datetime.timedelta(days=10)
    StandIn.objects.create(participant=covered, worker=social_worker, ends_on=until)
    client.force_login(social_worker)

    response = client.get("/participants/")

    assert {p.last_name for p in response.context["object_list"]} == {"Moja", "Zastępowana"}
    page = response.content.decode()
    assert _("stand-in until %(until)s") % {"until": f"{until:%d.%m.%Y}"} in page
    assert page.count(_("stand-in until %(until)s") % {"until": ""}) == 1


def test_another_workers_person_is_only_a_minimal_card(client, social_worker, other_social_worker):
    addiction = RiskFactor.objects.get(code="addiction")
    other = ParticipantFactory(
        last_name="Cudza",
        social_worker=other_social_worker,
        pesel="44051401359",
        street="ul. Tajna",
        date_of_birth=datetime.date(1944, 5, 14),
        risk_factors=[addiction],
    )
    client.force_login(social_worker)

    response = client.get(f"/participants/?scope=all&social_worker={other_social_worker.pk}")

    page = response.content.decode()
    assert rows(client, "?scope=all") == {"Cudza": False}
    assert "Cudza" in page and "KIS Śródmieście" in page and "Wójcik" in page
    assert _("born %(year)s") % {"year": 1944} in page
    assert "44051401359" not in page
    assert "14.05.1944" not in page
    assert "Tajna" not in page
    assert f">{addiction.name}</span>" not in page
    assert other.get_absolute_url() not in page


def test_own_people_keep_their_link_and_details(client, social_worker):
    own = ParticipantFactory(last_name="Moja", social_worker=social_worker, pesel="44051401359")
    client.force_login(social_worker)

    page = client.get("/participants/?scope=all").content.decode()

    assert f'href="{own.get_absolute_url()}"' in page
    assert "44051401359" in page


def test_coordinator_sees_their_locations_in_full_and_others_as_cards(client, coordinator, elsewhere):
    ParticipantFactory(last_name="Tutejsza")
    ParticipantFactory(last_name="Knurowska", location=elsewhere)
    client.force_login(coordinator)

    assert rows(client) == {"Knurowska": False, "Tutejsza": True}


def test_manager_sees_everyone_in_full(client, manager, elsewhere):
    ParticipantFactory(last_name="Tutejsza")
    ParticipantFactory(last_name="Knurowska", location=elsewhere)
    client.force_login(manager)

    assert rows(client) == {"Knurowska": True, "Tutejsza": True}


@pytest.mark.parametrize("sensitive", ["risk_factor", "status", "sex"])
def test_sensitive_filters_do_not_tell_anything_about_people_outside_reach(
    client, social_worker, other_social_worker, sensitive
):
    addiction = RiskFactor.objects.get(code="addiction")
    kwargs = {"female": True, "status": ParticipantStatus.ACTIVE, "risk_factors": [addiction]}
    ParticipantFactory(last_name="Moja", social_worker=social_worker, **kwargs)
    ParticipantFactory(last_name="Cudza", social_worker=other_social_worker, **kwargs)
    value = {"risk_factor": addiction.pk, "status": ParticipantStatus.ACTIVE, "sex": "K"}[sensitive]
    client.force_login(social_worker)

    response = client.get(f"/participants/?scope=all&social_worker={other_social_worker.pk}&{sensitive}={value}")

    assert list(response.context["object_list"]) == []
    assert _("The status, sex and risk-factor filters show only the people whose records you work with.") in (
        response.content.decode()
    )
    assert rows(client, f"?scope=all&{sensitive}={value}") == {"Moja": True}


def test_part_of_a_pesel_finds_only_people_within_reach_and_a_whole_one_anyone(
    client, social_worker, other_social_worker
):
    ParticipantFactory(last_name="Cudza", social_worker=other_social_worker, pesel="44051401359")
    ParticipantFactory(last_name="Moja", social_worker=social_worker, pesel="44051401458")
    client.force_login(social_worker)

    assert rows(client, "?scope=all&q=4405140") == {"Moja": True}
    # The whole PESEL is what the registration check needs: it finds the card, and no more.
    assert rows(client, "?scope=all&q=44051401359") == {"Cudza": False}


def test_sorting_by_a_fact_not_on_the_card_leaves_the_cards_in_name_order(client, social_worker, other_social_worker):
    for name, town in [("Bdudza", "Alfa"), ("Adudza", "Zeta")]:
        ParticipantFactory(last_name=name, town=town, social_worker=other_social_worker)
    for name, town in [("Moja", "Zeta"), ("Nasza", "Alfa")]:
        ParticipantFactory(last_name=name, town=town, social_worker=social_worker)
    client.force_login(social_worker)

    assert list(rows(client, "?scope=all&ordering=town")) == ["Nasza", "Moja", "Adudza", "Bdudza"]
    assert list(rows(client, "?scope=all&ordering=-town")) == ["Moja", "Nasza", "Adudza", "Bdudza"]


def test_detail_and_edit_of_a_person_outside_reach_are_not_found(client, coordinator, elsewhere):
    person = ParticipantFactory(location=elsewhere)
    client.force_login(coordinator)

    assert client.get(f"/participants/{person.pk}/").status_code == 404
    assert client.get(f"/participants/{person.pk}/edit/").status_code == 404


def test_duplicate_pesel_names_the_worker_and_location_but_links_only_a_visible_record(
    client, social_worker, other_social_worker
):
    theirs = ParticipantFactory(last_name="Istniejąca", pesel="44051401359", social_worker=other_social_worker)
    client.force_login(social_worker)

    response = client.post("/participants/new/", new_participant_data(social_worker=social_worker.pk))

    errors = response.context["form"].errors["pesel"]
    expected = _(
        "A person with this PESEL is already registered (worker: %(worker)s, location: %(location)s). "
        "Ask them or a coordinator before registering anyone again."
    ) % {"worker": "Piotr Wójcik", "location": "KIS Śródmieście"}
    assert errors == [expected]
    assert theirs.get_absolute_url() not in response.content.decode()
    assert "Istniejąca" not in response.content.decode()


def test_duplicate_pesel_links_the_record_for_whoever_may_see_it(client, coordinator, social_worker):
    existing = ParticipantFactory(last_name="Istniejąca", pesel="44051401359", social_worker=social_worker)
    client.force_login(coordinator)

    response = client.post("/participants/new/", new_participant_data(social_worker=social_worker.pk))

    page = response.content.decode()
    assert f'href="{existing.get_absolute_url()}"' in page
    assert _("Open the record of %(name)s") % {"name": existing.full_name} in page
