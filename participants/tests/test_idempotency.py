"""A registration form sent twice (a double click, a page sent again) registers one person."""

from unittest import mock

import pytest
from django.contrib.messages import get_messages

from kis import idempotency
from kis.idempotency import ALREADY_SENT, TOKEN_FIELD
from kis.models import AuditEvent
from participants.models import Participant, Sex
from participants.tests.helpers import new_participant_data

pytestmark = pytest.mark.django_db

NEW_URL = "/participants/new/"
WITHOUT_PESEL = {"pesel": "", "no_pesel_reason": "cudzoziemiec", "date_of_birth": "1979-11-30", "sex": Sex.FEMALE}


def loaded_token(client) -> str:
    return client.get(NEW_URL).context["form"][TOKEN_FIELD].value()


def test_the_registration_form_carries_a_new_token_each_time(client, social_worker):
    client.force_login(social_worker)

    page = client.get(NEW_URL).content.decode()

    token = loaded_token(client)
    assert f'name="{TOKEN_FIELD}"' in page and token not in page


def test_a_person_without_pesel_sent_twice_is_registered_once(client, social_worker):
    client.force_login(social_worker)
    data = new_participant_data(**WITHOUT_PESEL, **{TOKEN_FIELD: loaded_token(client)})

    first = client.post(NEW_URL, data)
    again = client.post(NEW_URL, data)

    participant = Participant.objects.get()
    assert first.status_code == again.status_code == 302
    assert again["Location"] == participant.get_absolute_url()
    assert str(ALREADY_SENT) in [str(m) for m in get_messages(again.wsgi_request)]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE).count() == 1


def test_two_sendings_at_once_register_one_person(client, social_worker):
    client.force_login(social_worker)
    data = new_participant_data(**WITHOUT_PESEL, **{TOKEN_FIELD: loaded_token(client)})
    client.post(NEW_URL, data)
    real, looks = idempotency.earlier_submission, []

    def before_the_first_committed(request):
        # The second sending looks before the first has committed (and finds nothing); it records
        # after: the unique constraint refuses it, and the person it registered is rolled back.
        looks.append(request)
        return None if len(looks) == 1 else real(request)

    with mock.patch.object(idempotency, "earlier_submission", side_effect=before_the_first_committed):
        again = client.post(NEW_URL, data)

    participant = Participant.objects.get()
    assert len(looks) == 2
    assert again["Location"] == participant.get_absolute_url()
    assert str(ALREADY_SENT) in [str(m) for m in get_messages(again.wsgi_request)]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE).count() == 1


def test_a_token_sent_by_another_user_does_not_lead_to_the_first_users_record(
    client, social_worker, other_social_worker
):
    client.force_login(social_worker)
    data = new_participant_data(**WITHOUT_PESEL, **{TOKEN_FIELD: loaded_token(client)})
    client.post(NEW_URL, data)
    first = Participant.objects.get()

    client.force_login(other_social_worker)
    response = client.post(NEW_URL, {**data, "social_worker": str(other_social_worker.pk)})

    assert response.status_code == 302
    assert response["Location"] != first.get_absolute_url()
    assert str(ALREADY_SENT) not in [str(m) for m in get_messages(response.wsgi_request)]
    assert Participant.objects.count() == 2


def test_a_form_with_errors_records_nothing_and_can_be_sent_again(client, social_worker):
    client.force_login(social_worker)
    data = new_participant_data(**WITHOUT_PESEL, **{TOKEN_FIELD: loaded_token(client)})

    refused = client.post(NEW_URL, {**data, "postal_code": "84200x"})
    corrected = client.post(NEW_URL, data)

    assert (refused.status_code, corrected.status_code) == (200, 302)
    assert Participant.objects.count() == 1
