"""An anonymised person is no longer found by the name they had: the search key goes with it."""

import datetime

import pytest

from participants.models import Participant
from participants.tests.factories import ParticipantFactory
from reports import retention

pytestmark = pytest.mark.django_db


def test_an_anonymised_person_is_found_by_the_token_and_no_longer_by_the_old_name():
    person = ParticipantFactory(first_name="Łucja", last_name="Żurawska")
    assert list(Participant.objects.search("zurawska")) == [person]

    retention.person_anonymise(person=person, on=datetime.date(2026, 12, 1))

    assert list(Participant.objects.search("zurawska")) == []
    assert list(Participant.objects.search("łucja")) == []
    assert Participant.objects.get(pk=person.pk).search_key == f"{person.last_name} {person.first_name}".lower()
    assert list(Participant.objects.search(person.last_name)) == [person]
