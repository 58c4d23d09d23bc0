"""Closing a contract cannot be undone: the form starts empty, nothing is chosen for the user, and
closing is confirmed; a blank or unconfirmed sending closes nothing and says what is missing."""

import datetime
import html
import re

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from contracts.models import ContractStatus, SocialContract

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
REQUIRED = "This field is required."
CONFIRM = "Tick the box to confirm that you understand closing cannot be undone."
OUTCOME = "Choose whether the contract was completed or terminated."


def close(client, contract, data):
    return client.post(f"/contracts/{contract.pk}/close/", data)


def still_in_force(contract):
    contract = SocialContract.objects.get(pk=contract.pk)
    assert (contract.status, contract.ended_on, contract.end_reason) == (ContractStatus.SIGNED, None, "")


def test_the_close_form_starts_empty(client, social_worker, signed):
    client.force_login(social_worker)

    response = client.get(f"/contracts/{signed.pk}/close/")

    form = response.context["form"]
    assert form["status"].value() is None
    assert form["ended_on"].value() is None
    assert form["confirm"].value() is None
    content = html.unescape(response.content.decode())
    radios = re.findall(r'<input type="radio"[^>]*name="status"[^>]*>', content)
    assert len(radios) == 2
    assert not any("checked" in radio for radio in radios)
    [date] = re.findall(r'<input[^>]*name="ended_on"[^>]*>', content)
    assert "value=" not in date
    [confirm] = re.findall(r'<input type="checkbox" name="confirm"[^>]*>', content)
    assert "checked" not in confirm and "required" in confirm
    assert gettext("I understand this cannot be undone") in content


def test_a_blank_sending_closes_nothing_and_says_what_is_missing(client, social_worker, signed):
    client.force_login(social_worker)

    response = close(client, signed, {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "status": [gettext(OUTCOME)],
        "ended_on": [gettext(REQUIRED)],
        "confirm": [gettext(CONFIRM)],
    }
    summary = html.unescape(response.content.decode()).split('id="error-summary"')[1].split("</div>")[0]
    assert gettext("The contract has not been closed:") in summary
    for message in (OUTCOME, REQUIRED, CONFIRM):
        assert gettext(message) in summary
    still_in_force(signed)


def test_closing_without_the_confirmation_closes_nothing(client, social_worker, signed):
    client.force_login(social_worker)

    response = close(
        client, signed, {"status": "completed", "ended_on": TODAY().isoformat(), "reason": "Cel osiągnięty"}
    )

    assert response.context["form"].errors == {"confirm": [gettext(CONFIRM)]}
    # What was entered is kept for the second try.
    assert response.context["form"]["reason"].value() == "Cel osiągnięty"
    still_in_force(signed)


def test_a_confirmed_close_closes_the_contract(client, social_worker, signed):
    client.force_login(social_worker)
    ended = TODAY() - datetime.timedelta(days=1)

    response = close(client, signed, {"status": "completed", "ended_on": ended.isoformat(), "confirm": "on"})

    assert response.status_code == 302
    contract = SocialContract.objects.get(pk=signed.pk)
    assert (contract.status, contract.ended_on) == (ContractStatus.COMPLETED, ended)


def test_an_unknown_outcome_is_refused(client, social_worker, signed):
    client.force_login(social_worker)

    response = close(client, signed, {"status": "draft", "ended_on": TODAY().isoformat(), "confirm": "on"})

    assert list(response.context["form"].errors) == ["status"]
    still_in_force(signed)
