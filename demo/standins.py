"""Stand-ins of the demo: while Tomasz Konkol is on leave, the demo social worker works two of his
cases, so that signing in as ``social_worker`` shows cases handed over for a while next to their own."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from participants.models import Participant, StandIn

ON_LEAVE = "pracownik2"
STANDING_IN = "social_worker"
CASES = 2
REASON = "urlop wypoczynkowy"


def seed(*, stdout, rng: random.Random, **options) -> None:
    User = get_user_model()
    today = timezone.localdate()
    absent = User.objects.filter(username=ON_LEAVE).first()
    worker = User.objects.filter(username=STANDING_IN).first()
    if absent is None or worker is None:
        return
    cases = list(Participant.objects.filter(social_worker=absent).order_by("pk")[:CASES])
    coordinator = User.objects.filter(username="coordinator").first()
    created = 0
    for participant in cases:
        if StandIn.objects.filter(participant=participant, worker=worker, reason=REASON).exists():
            continue
        stand_in = StandIn(
            participant=participant,
            worker=worker,
            reason=REASON,
            starts_on=today - datetime.timedelta(days=3),
            ends_on=today + datetime.timedelta(days=11),
            assigned_by=coordinator,
        )
        stand_in.full_clean()
        stand_in.save()
        created += 1
    stdout.write(f"participants: {len(cases)} stand-ins for {ON_LEAVE} ({created} new)")
