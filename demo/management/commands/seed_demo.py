"""``manage.py seed_demo``: fill the database with a realistic Polish demo.

The modules of ``demo/`` each have a function ``seed(*, stdout, rng, **options)``; they run in the
order of ``DEMO_MODULES`` (staff and organisations, people, contracts, then participation with the
programme, each building on the ones before) inside one transaction, sharing one
``random.Random(2026)`` so the data is the same on every run.
``options`` carries the command's options (``participants``); a module ignores those it does
not use. Every module is idempotent: running the command again creates nothing new.
"""

from __future__ import annotations

import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import contracts, organisation, participation, people, programmes, referrals, standins, usefulwork
from demo.data.organisation import PASSWORD, USERS

SEED = 2026


# The programme (demo.programme) is seeded by demo.participation, once people are in projects.
DEMO_MODULES = [organisation, people, standins, contracts, participation, programmes, usefulwork, referrals]


class Command(BaseCommand):
    help = "Fill the database with a realistic Polish demo: staff, locations, participants (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--participants",
            type=int,
            default=300,
            help="How many demo participants to create (default 300).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DJANGO_DEBUG off (it resets the demo users' passwords: never on live data).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo resets the passwords of the users social_worker, coordinator, manager and admin. "
                "It runs only with DJANGO_DEBUG=1, or with --force on a database that holds no real data."
            )
        if options["participants"] < 0:
            raise CommandError("--participants cannot be negative.")
        started = time.monotonic()
        rng = random.Random(SEED)
        with transaction.atomic():
            for module in DEMO_MODULES:
                module.seed(stdout=self.stdout, rng=rng, participants=options["participants"])
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
        self.stdout.write(f"Demo users (password for all: {PASSWORD}):")
        for user in USERS:
            self.stdout.write(f"  {user.username:<14} {str(user.role.label):<20} {user.first_name} {user.last_name}")
        if settings.KIS_TWO_FACTOR_ROLES:
            self.stdout.write(
                f"Users of the roles {', '.join(settings.KIS_TWO_FACTOR_ROLES)} set up two-factor sign-in "
                "(an authenticator app, with recovery codes) at their first sign-in."
            )
