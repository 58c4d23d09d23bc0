"""Demo data of the club's core: the staff accounts and the sites (used by ``manage.py seed_demo``).

The sites are the real programmes' public names and addresses (DESIGN §1); the staff are invented.
Idempotent: users are keyed by username, locations by name.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from kis.models import Location
from kis.roles import Role

PASSWORD = "kis-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    first_name: str
    last_name: str


USERS = [
    DemoUser("social_worker", Role.SOCIAL_WORKER, "Magdalena", "Szczepańska"),
    DemoUser("coordinator", Role.COORDINATOR, "Ewa", "Borkowska"),
    DemoUser("manager", Role.MANAGER, "Jacek", "Malinowski"),
    DemoUser("admin", Role.ADMIN, "Marek", "Zalewski"),
    DemoUser("pracownik2", Role.SOCIAL_WORKER, "Tomasz", "Konkol"),
    DemoUser("pracownik3", Role.SOCIAL_WORKER, "Agnieszka", "Wieczorek"),
    DemoUser("pracownik4", Role.SOCIAL_WORKER, "Beata", "Kandzia"),
    DemoUser("pracownik5", Role.SOCIAL_WORKER, "Łukasz", "Pawlus"),
]
SOCIAL_WORKERS = [user.username for user in USERS if user.role == Role.SOCIAL_WORKER]


@dataclass(frozen=True)
class DemoLocation:
    name: str
    street: str
    postal_code: str
    town: str


KIS_WEJHEROWO = "KIS „Śródmieście”"
CWIS_KNUROW = "Centrum Wsparcia i Inicjatyw Społecznych"
CWIS_FAMILY_CLUB = "CWiIS – Klub Dziecka i Rodziny"
CWIS_ACTIVATION_POINT = "CWiIS – Punkt Aktywizacji Zawodowej i Obywatelskiej"
CWIS_VOLUNTEER_CLUB = "CWiIS – Klub Wolontariatu"
MOPS_ZAWIERCIE = "MOPS Zawiercie"
PUNKT_BIELSKO = "Punkt Wsparcia MOPS Bielsko-Biała"

LOCATIONS = [
    DemoLocation(KIS_WEJHEROWO, "ul. Kopernika 22", "84-200", "Wejherowo"),
    DemoLocation(CWIS_KNUROW, "ul. Dworcowa 33", "44-190", "Knurów"),
    DemoLocation(CWIS_FAMILY_CLUB, "ul. Dworcowa 33", "44-190", "Knurów"),
    DemoLocation(CWIS_ACTIVATION_POINT, "ul. Dworcowa 33", "44-190", "Knurów"),
    DemoLocation(CWIS_VOLUNTEER_CLUB, "ul. Dworcowa 33", "44-190", "Knurów"),
    # The street address of MOPS Zawiercie is a plausible one, not taken from the programme.
    DemoLocation(MOPS_ZAWIERCIE, "ul. Piłsudskiego 47", "42-400", "Zawiercie"),
    DemoLocation(PUNKT_BIELSKO, "ul. Karola Miarki 11", "43-300", "Bielsko-Biała"),
]


def seed(*, stdout, rng: random.Random, **options) -> None:
    User = get_user_model()
    # One hash for every demo account: hashing is deliberately slow, and these are demo accounts.
    password_hash = make_password(PASSWORD)
    groups = {group.name: group for group in Group.objects.filter(name__in=[role.value for role in Role])}
    missing = {user.role.value for user in USERS} - groups.keys()
    if missing:
        raise RuntimeError(f"Role groups missing ({', '.join(sorted(missing))}): run `manage.py migrate` first.")

    new_users = 0
    for demo_user in USERS:
        is_admin = demo_user.role == Role.ADMIN
        user, created = User.objects.update_or_create(
            username=demo_user.username,
            defaults={
                "first_name": demo_user.first_name,
                "last_name": demo_user.last_name,
                "email": f"{demo_user.username}@example.pl",
                "is_active": True,
                "is_staff": is_admin,
                "is_superuser": is_admin,
                "password": password_hash,
            },
        )
        user.groups.add(groups[demo_user.role.value])
        new_users += created

    new_locations = 0
    for demo_location in LOCATIONS:
        _location, created = Location.objects.update_or_create(
            name=demo_location.name,
            defaults={
                "street": demo_location.street,
                "postal_code": demo_location.postal_code,
                "town": demo_location.town,
                "is_active": True,
            },
        )
        new_locations += created

    stdout.write(f"kis: {len(USERS)} users ({new_users} new), {len(LOCATIONS)} locations ({new_locations} new)")
