"""The contract list's search finds the person by name however it is typed, and still by the
contract's number."""

import pytest

from contracts.tests.factories import SocialContractFactory
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contracts(social_worker):
    person = ParticipantFactory(social_worker=social_worker, first_name="Łukasz", last_name="Świątek")
    return {
        "świątek": SocialContractFactory(participant=person),
        "other": SocialContractFactory(participant=ParticipantFactory(social_worker=social_worker)),
    }


def listed(client, text: str) -> set:
    response = client.get("/contracts/", {"scope": "all", "q": text})
    assert response.status_code == 200
    return set(response.context["object_list"])


@pytest.mark.parametrize("text", ["Świątek", "swiatek", "ŚWIĄTEK", "lukasz swiat", "świą łukasz"])
def test_a_contract_is_found_by_the_name_in_any_case_with_or_without_polish_letters(
    client, coordinator, contracts, text
):
    client.force_login(coordinator)

    assert listed(client, text) == {contracts["świątek"]}


def test_a_contract_is_still_found_by_its_number(client, coordinator, contracts):
    client.force_login(coordinator)

    assert listed(client, contracts["other"].number) == {contracts["other"]}
