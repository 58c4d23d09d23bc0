"""The benchmark's own data, on top of ``seed_demo`` and ``seed_scale``, and what the measurements need
to know about the database.

    python -m bench.seed staff      # the load test's staff, their caseloads, a 300-person project
    python -m bench.seed targets    # JSON: sizes, accounts, and the ids of the pages to measure

Run with DJANGO_SETTINGS_MODULE=bench.settings (``bench/run`` does). ``staff`` adds 14 social workers,
4 coordinators and 2 managers (password ``PASSWORD``), spreads the volume data's people over the
social workers, each of whom works at one location, gives each coordinator some of the locations,
and adds a project of 300 people with its own activities, sessions and attendance. It is
deterministic and idempotent.
"""

from __future__ import annotations

import datetime
import json
import random
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from activities.models import Activity, Attendance, Enrollment, ServiceType, Session  # noqa: E402
from demo.data.scale_names import FEMALE_NAME_CHOICES, MALE_NAME_CHOICES, SURNAME_CHOICES  # noqa: E402
from demo.management.commands.seed_scale import SCALE_CODE, synthetic_pesel  # noqa: E402
from demo.people import surname_for  # noqa: E402
from kis.models import Location  # noqa: E402
from kis.roles import Role  # noqa: E402
from participants import pesel as pesel_rules  # noqa: E402
from participants.models import (  # noqa: E402
    AreaType,
    Participant,
    ParticipantQuerySet,
    ParticipantStatus,
    Sex,
    Voivodeship,
)
from participation.models import ProjectParticipation  # noqa: E402
from projects.models import Project  # noqa: E402

PASSWORD = "kis-bench-2026"
SMALL_CODE = "SCALE/BENCHMARK/300"
SMALL_SIZE = 300
# PESEL serials far from those of seed_scale (which uses 0, 1, … for every 20,000 people).
SMALL_PESEL_FROM = 900_000
STAFF = {
    Role.SOCIAL_WORKER: [f"bench_worker{i:02d}" for i in range(1, 15)],
    Role.COORDINATOR: [f"bench_coordinator{i}" for i in range(1, 5)],
    Role.MANAGER: [f"bench_manager{i}" for i in range(1, 3)],
}
SEARCH_TEXT = "Kowal"  # Kowalski, Kowalska, Kowalczyk, Kowalewski…: a common surname prefix
SAMPLE = 20  # participants, activities and sessions named per account for the load test


def seed_staff(rng: random.Random) -> dict[str, list]:
    User = get_user_model()
    password = make_password(PASSWORD)  # one hash: hashing is slow on purpose
    users: dict[str, list] = {}
    for role, usernames in STAFF.items():
        group = Group.objects.get(name=role.value)
        users[role] = []
        for username in usernames:
            sex = Sex.FEMALE if rng.random() < 0.7 else Sex.MALE
            first = rng.choices(*(FEMALE_NAME_CHOICES if sex == Sex.FEMALE else MALE_NAME_CHOICES))[0]
            user, _created = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": surname_for(rng.choices(*SURNAME_CHOICES)[0], sex),
                    "email": f"{username}@example.pl",
                    "is_active": True,
                    "is_staff": False,
                    "is_superuser": False,
                    "password": password,
                },
            )
            user.groups.set([group])
            users[role].append(user)
    return users


def spread_caseloads(users: dict[str, list], project: Project) -> None:
    """Social worker k works at location k mod L and has every 14th person of the project."""
    locations = list(Location.objects.order_by("id"))
    workers = users[Role.SOCIAL_WORKER]
    ids = list(project.participations.order_by("participant_id").values_list("participant_id", flat=True))
    for k, worker in enumerate(workers):
        Participant.objects.filter(pk__in=ids[k :: len(workers)]).update(
            social_worker=worker, location=locations[k % len(locations)]
        )
    for k, location in enumerate(locations):
        location.coordinators.add(users[Role.COORDINATOR][k % len(users[Role.COORDINATOR])])


def seed_small_project(users: dict[str, list], rng: random.Random) -> Project:
    """A project of 300 new people in 25 groups of 12 with 40 weekly sessions each, as seed_scale does."""
    today = timezone.localdate()
    weeks, size = 40, 12
    project = Project.objects.create(
        title="Projekt testu wydajności (300 osób)",
        code=SMALL_CODE,
        start_date=today - datetime.timedelta(weeks=weeks + 2),
        end_date=today + datetime.timedelta(days=365),
        target_recruited=SMALL_SIZE,
        target_completed=SMALL_SIZE // 2,
    )
    locations = list(Location.objects.order_by("id"))
    workers = users[Role.SOCIAL_WORKER]
    people = []
    for i in range(SMALL_SIZE):
        p = synthetic_pesel(SMALL_PESEL_FROM + i)
        sex = Sex.FEMALE if pesel_rules.is_female(p) else Sex.MALE
        first_names = FEMALE_NAME_CHOICES if sex == Sex.FEMALE else MALE_NAME_CHOICES
        k = i % len(workers)
        people.append(
            Participant(
                first_name=rng.choices(*first_names)[0],
                last_name=surname_for(rng.choices(*SURNAME_CHOICES)[0], sex),
                pesel=p,
                date_of_birth=pesel_rules.birth_date(p),
                sex=sex,
                house_number=str(i % 50 + 1),
                postal_code="84-200",
                town="Wejherowo",
                commune="Wejherowo",
                county="wejherowski",
                voivodeship=Voivodeship.POMORSKIE,
                area_type=AreaType.CITY,
                status=ParticipantStatus.ACTIVE,
                social_worker=workers[k],
                location=locations[k % len(locations)],
            )
        )
    people = Participant.objects.bulk_create(people)
    start = project.start_date + datetime.timedelta(days=1)
    ProjectParticipation.objects.bulk_create(
        ProjectParticipation(
            project=project,
            participant=p,
            status=ProjectParticipation.Status.ACTIVE,
            applied_on=start,
            start_date=start,
            age_at_start=p.age_on(start),
        )
        for p in people
    )
    service = ServiceType.objects.get(name="Trening kompetencji społecznych")
    groups = [people[i : i + size] for i in range(0, len(people), size)]
    activities = Activity.objects.bulk_create(
        Activity(
            name=f"Grupa 300/{g + 1}",
            service_type=service,
            project=project,
            location=locations[g % len(locations)],
            trainer=f"Trener {g}",
            start_date=start,
            end_date=project.end_date,
            capacity=size,
        )
        for g in range(len(groups))
    )
    sessions = Session.objects.bulk_create(
        Session(
            activity=activity,
            date=start + datetime.timedelta(weeks=week, days=g % 5),
            start_time=datetime.time(9 + g % 8, 0),
            end_time=datetime.time(10 + g % 8, 30),
        )
        for g, activity in enumerate(activities)
        for week in range(weeks)
    )
    enrollments = Enrollment.objects.bulk_create(
        Enrollment(activity=activity, participant=p, enrolled_on=start)
        for activity, group in zip(activities, groups, strict=True)
        for p in group
    )
    past = {}
    for session in sessions:
        if session.date <= today:
            past.setdefault(session.activity_id, []).append(session.pk)
    statuses = [Attendance.Status.PRESENT] * 8 + [Attendance.Status.ABSENT, Attendance.Status.EXCUSED]
    Attendance.objects.bulk_create(
        (
            Attendance(session_id=session_id, enrollment=enrollment, status=rng.choice(statuses))
            for enrollment in enrollments
            for session_id in past.get(enrollment.activity_id, [])
        ),
        batch_size=5000,
    )
    return project


def staff() -> None:
    project = Project.objects.filter(code=SCALE_CODE).first()
    if project is None:
        sys.exit("bench.seed: run seed_scale first")
    rng = random.Random(2026)
    with transaction.atomic():
        users = seed_staff(rng)
        spread_caseloads(users, project)
        if not Project.objects.filter(code=SMALL_CODE).exists():
            seed_small_project(users, rng)
    print(f"bench.seed: {sum(len(u) for u in STAFF.values())} staff accounts, caseloads and the 300-person project")


def account(user, today: datetime.date) -> dict:
    """What one account's walk through the site uses: people it works with, their activities and
    the past sessions of those."""
    people = Participant.objects.filter(ParticipantQuerySet.reach_of(user)).order_by("id")
    person_ids = list(people.values_list("id", flat=True)[:SAMPLE])
    activity_ids = list(
        Activity.objects.filter(enrollments__participant__in=people.values("id")[:200])
        .order_by("id")
        .values_list("id", flat=True)
        .distinct()[:SAMPLE]
    )
    session_ids = list(
        Session.objects.filter(activity_id__in=activity_ids, date__lte=today)
        .order_by("-date", "id")
        .values_list("id", flat=True)[:SAMPLE]
    )
    return {
        "username": user.username,
        "participants": person_ids,
        "activities": activity_ids,
        "sessions": session_ids,
    }


def targets() -> None:
    User = get_user_model()
    today = timezone.localdate()
    scale = Project.objects.filter(code=SCALE_CODE).first()
    small = Project.objects.filter(code=SMALL_CODE).first()
    staff_ready = User.objects.filter(username__in=[u for names in STAFF.values() for u in names]).count() == sum(
        len(names) for names in STAFF.values()
    )
    data = {
        "scale_participants": scale.participations.count() if scale else 0,
        "ready": bool(scale and small and staff_ready),
        "counts": {
            "participants": Participant.objects.count(),
            "activities": Activity.objects.count(),
            "sessions": Session.objects.count(),
            "attendance marks": Attendance.objects.count(),
        },
    }
    if data["ready"]:
        accounts = {
            role.value: [account(User.objects.get(username=username), today) for username in usernames]
            for role, usernames in STAFF.items()
        }
        coordinator = accounts[Role.COORDINATOR][0]
        data.update(
            password=PASSWORD,
            search=SEARCH_TEXT,
            scale_project=scale.pk,
            small_project=small.pk,
            accounts=accounts,
            participant=coordinator["participants"][0],
            activity=coordinator["activities"][0],
            session=coordinator["sessions"][0],
            search_matches=Participant.objects.filter(
                Q(last_name__icontains=SEARCH_TEXT) | Q(first_name__icontains=SEARCH_TEXT)
            ).count(),
        )
    json.dump(data, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    commands = {"staff": staff, "targets": targets}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(f"usage: python -m bench.seed {{{'|'.join(commands)}}}")
    commands[sys.argv[1]]()
