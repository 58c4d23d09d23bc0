"""The seed_demo command itself: which modules it runs, when it refuses, and that it is repeatable.

Each test here starts from an empty database (the shared demo of test_seed_demo is not used).
"""

import importlib
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from kis.management.commands import seed_demo
from kis.tests.test_seed_demo import seed, snapshot
from participants.models import Participant


def test_demo_modules_run_in_installed_apps_order():
    names = [module.__name__ for module in seed_demo.demo_modules()]
    assert names[:2] == ["kis.demo", "participants.demo"]
    assert all(name.endswith(".demo") for name in names)


def test_a_demo_module_that_fails_to_import_is_not_silently_skipped(monkeypatch):
    real_import = importlib.import_module

    def broken_import(name, *args):
        if name == "participants.demo":
            raise ModuleNotFoundError("No module named 'faker_pl'", name="faker_pl")
        return real_import(name, *args)

    monkeypatch.setattr(seed_demo.importlib, "import_module", broken_import)
    with pytest.raises(ModuleNotFoundError):
        seed_demo.demo_modules()


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
