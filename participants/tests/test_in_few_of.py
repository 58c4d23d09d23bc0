"""kis.expressions.InFewOf: the same rows as ``__in``, written so that PostgreSQL can use indexes."""

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from kis.expressions import InFewOf
from kis.tests.factories import UserFactory
from participants.models import Participant
from participants.standins import StandIn
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_it_selects_what_in_selects_alone_and_in_an_or():
    worker, colleague = UserFactory(), UserFactory()
    own = ParticipantFactory(social_worker=worker)
    covered = ParticipantFactory(social_worker=colleague)
    ParticipantFactory(social_worker=colleague)  # neither
    today = datetime.date.today()
    StandIn.objects.create(
        participant=covered, worker=worker, starts_on=today - datetime.timedelta(days=1), ends_on=today, reason="urlop"
    )
    standing_in = StandIn.objects.filter(worker=worker).values("participant")

    alone = set(Participant.objects.filter(InFewOf("pk", standing_in)))
    either = Participant.objects.filter(Q(social_worker=worker) | Q(InFewOf("pk", standing_in)))
    with CaptureQueriesContext(connection) as queries:
        found = set(either)

    assert alone == {covered}
    assert found == {own, covered}
    written = "= ANY(ARRAY(" if connection.vendor == "postgresql" else " IN (SELECT"
    assert written in queries.captured_queries[0]["sql"]
