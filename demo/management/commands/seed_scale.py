"""``manage.py seed_scale``: volume data for benchmarks — a large city centre.

Adds (on top of seed_demo's staff and sites) N synthetic participants with valid PESELs, one
running project in which they all started, activities with weekly sessions and an attendance mark
for every enrolled person at every past session. Everything is bulk-inserted; the data is
synthetic (Polish names drawn with their real frequency skew, the same for the same size) and
marked by its project code, so it is easy to recognise.
"""

from __future__ import annotations

import datetime
import random
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from activities import counters
from activities.models import Activity, Attendance, Enrollment, ServiceType, Session
from demo.data.scale_names import FEMALE_NAME_CHOICES, MALE_NAME_CHOICES, SURNAME_CHOICES
from demo.people import surname_for
from kis import figures
from kis.models import Location
from participants import pesel as pesel_rules
from participants.models import AreaType, Participant, ParticipantStatus, Sex, Voivodeship
from participation.models import ProjectParticipation
from projects.models import Project

SCALE_CODE = "SCALE/BENCHMARK/1"
BATCH = 5000


def synthetic_pesel(index: int) -> str:
    born = datetime.date(1950, 1, 1) + datetime.timedelta(days=index % 20000)
    serial = (index // 20000) % 1000
    month = born.month + (20 if born.year >= 2000 else 0)
    sex_digit = index % 10
    first_ten = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial:03d}{sex_digit}"
    return first_ten + str(pesel_rules.check_digit(first_ten))


class Command(BaseCommand):
    help = "Add volume data for benchmarks (synthetic participants, sessions and attendance)."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=20000)
        parser.add_argument("--group-size", type=int, default=12)
        parser.add_argument("--weeks", type=int, default=40)
        parser.add_argument("--force", action="store_true", help="Run even with DJANGO_DEBUG off.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("seed_scale adds synthetic data; it runs only with DJANGO_DEBUG=1 or --force.")
        if Project.objects.filter(code=SCALE_CODE).exists():
            self.stdout.write("Scale data already present.")
            return
        started = time.monotonic()
        rng = random.Random(7)
        # A generator of its own, so that the names do not shift the attendance marks.
        names = random.Random(11)
        User = get_user_model()
        workers = list(User.objects.filter(groups__name="social_worker"))
        location = Location.objects.order_by("id").first()
        if not workers or location is None:
            raise CommandError("Run seed_demo first: the scale data uses its staff and sites.")
        today = timezone.localdate()
        n = options["participants"]
        with transaction.atomic():
            project = Project.objects.create(
                title="Projekt testu wydajności",
                code=SCALE_CODE,
                start_date=today - datetime.timedelta(weeks=options["weeks"] + 2),
                end_date=today + datetime.timedelta(days=365),
                target_recruited=n,
                target_completed=n // 2,
            )
            people = []
            for i in range(n):
                p = synthetic_pesel(i + 1)
                sex = Sex.FEMALE if pesel_rules.is_female(p) else Sex.MALE
                first_names = FEMALE_NAME_CHOICES if sex == Sex.FEMALE else MALE_NAME_CHOICES
                surname = names.choices(*SURNAME_CHOICES)[0]
                people.append(
                    Participant(
                        first_name=names.choices(*first_names)[0],
                        last_name=surname_for(surname, sex),
                        pesel=p,
                        date_of_birth=pesel_rules.birth_date(p),
                        sex=sex,
                        house_number=str(i % 200 + 1),
                        postal_code="84-200",
                        town="Wejherowo",
                        commune="Wejherowo",
                        county="wejherowski",
                        voivodeship=Voivodeship.POMORSKIE,
                        area_type=AreaType.CITY,
                        status=ParticipantStatus.ACTIVE,
                        social_worker=workers[i % len(workers)],
                        location=location,
                    )
                )
            # PostgreSQL and SQLite (3.35+) give the new rows their ids back.
            people = Participant.objects.bulk_create(people, batch_size=BATCH)
            start = project.start_date + datetime.timedelta(days=1)
            ProjectParticipation.objects.bulk_create(
                [
                    ProjectParticipation(
                        project=project,
                        participant=p,
                        status=ProjectParticipation.Status.ACTIVE,
                        applied_on=start,
                        start_date=start,
                        age_at_start=p.age_on(start),
                    )
                    for p in people
                ],
                batch_size=BATCH,
            )
            service = ServiceType.objects.get(name="Trening kompetencji społecznych")
            size = options["group_size"]
            groups = [people[i : i + size] for i in range(0, len(people), size)]
            activities = Activity.objects.bulk_create(
                [
                    Activity(
                        name=f"Grupa testowa {g + 1}",
                        service_type=service,
                        project=project,
                        location=location,
                        trainer=f"Trener {g % 97}",
                        start_date=start,
                        end_date=project.end_date,
                        capacity=size,
                    )
                    for g in range(len(groups))
                ],
                batch_size=BATCH,
            )
            sessions, enrollments = [], []
            for g, activity in enumerate(activities):
                hour = 8 + (g // 97) % 10
                for week in range(options["weeks"]):
                    sessions.append(
                        Session(
                            activity=activity,
                            date=start + datetime.timedelta(weeks=week, days=g % 5),
                            start_time=datetime.time(hour, 0),
                            end_time=datetime.time(hour + 1, 30),
                        )
                    )
                enrollments += [Enrollment(activity=activity, participant=p, enrolled_on=start) for p in groups[g]]
            Session.objects.bulk_create(sessions, batch_size=BATCH)
            Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
            by_activity_sessions = {}
            for s in Session.objects.filter(activity__project=project, date__lte=today).values_list(
                "id", "activity_id"
            ):
                by_activity_sessions.setdefault(s[1], []).append(s[0])
            marks = []
            statuses = [Attendance.Status.PRESENT] * 8 + [Attendance.Status.ABSENT, Attendance.Status.EXCUSED]
            for enrollment_id, activity_id in Enrollment.objects.filter(activity__project=project).values_list(
                "id", "activity_id"
            ):
                for session_id in by_activity_sessions.get(activity_id, []):
                    marks.append(
                        Attendance(session_id=session_id, enrollment_id=enrollment_id, status=rng.choice(statuses))
                    )
                if len(marks) >= BATCH * 4:
                    Attendance.objects.bulk_create(marks, batch_size=BATCH)
                    marks = []
            Attendance.objects.bulk_create(marks, batch_size=BATCH)
            # The marks bypassed the attendance service: count them into the sessions and enrolments.
            # PostgreSQL has no statistics yet of the rows just inserted, and without them plans the
            # recount's subqueries as nested loops over every mark (minutes instead of seconds).
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE activities_attendance, activities_session, activities_enrollment")
            counters.recount_all()
            figures.touch([project.pk])  # the marks went in without the service that does it
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data: {n} participants, {len(activities)} activities, {len(sessions)} sessions, "
                f"{Attendance.objects.filter(session__activity__project=project).count()} attendance marks "
                f"in {time.monotonic() - started:.0f} s."
            )
        )
