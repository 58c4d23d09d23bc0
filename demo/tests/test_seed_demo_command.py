"""The seed_demo command itself: which modules it runs, when it refuses, and that it is repeatable.

Each test here starts from an empty database (the shared demo of the seeded tests is not used).
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from demo.management.commands import seed_demo
from demo.tests.helpers import seed, snapshot
from participants.models import Participant


def test_demo_modules_run_from_the_organisation_to_the_programme():
    names = [module.__name__ for module in seed_demo.DEMO_MODULES]
    assert names[:4] == ["demo.organisation", "demo.people", "demo.contracts", "demo.participation"]
    # The modules added since, each at the end with a generator of its own.
    assert "demo.programmes" in names[4:]
    assert "demo.usefulwork" in names[4:]


@pytest.mark.django_db
def test_demo_is_the_same_people_every_time():
    # Seed inside a savepoint, roll it back, and seed again into the emptied database.
    with transaction.atomic():
        seed(40)
        first = snapshot()
        transaction.set_rollback(True)
    assert not Participant.objects.exists()

    seed(40)

    again = snapshot()
    assert again["people"] == first["people"]
    assert again["paths"] == first["paths"]
    assert again["programme"] == first["programme"]


@pytest.mark.django_db
def test_negative_participant_count_is_refused():
    with pytest.raises(CommandError):
        seed(-1)


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_without_debug_or_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo", "--participants", "1", stdout=StringIO())
    assert not get_user_model().objects.filter(username="admin").exists()
