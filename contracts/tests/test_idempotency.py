"""A new draft contract sent twice is drafted once."""

import pytest

from contracts.models import SocialContract
from contracts.tests.helpers import new_contract_data
from kis.idempotency import TOKEN_FIELD

pytestmark = pytest.mark.django_db


def test_a_new_draft_sent_twice_is_drafted_once(client, social_worker, participant):
    client.force_login(social_worker)
    token = client.get(f"/contracts/new/?participant={participant.pk}").context["form"][TOKEN_FIELD].value()
    data = new_contract_data(participant, **{TOKEN_FIELD: token})

    first = client.post("/contracts/new/", data)
    again = client.post("/contracts/new/", data)

    contract = SocialContract.objects.get()
    assert first["Location"] == again["Location"] == contract.get_absolute_url()
    assert contract.tasks.count() == len([k for k in data if k.startswith("tasks-") and k.endswith("-description")])
