"""Demo socially useful work (used by ``manage.py seed_demo``): people of the Bielsko-Biała support
point who were registered unemployed when their participation started, referred by the county
labour office to care for the green areas of the Old Town at „Zieleń Miejska”, with the hours they
worked over the last months.

Everything is written through the services (``usefulwork.services``), each day's hours as the
club records them on that day, so every limit of the installation's settings holds for the demo
too: a day the limits would refuse is simply not worked. It uses its own ``random.Random``, never
the shared one, so the demo figures of the modules before it do not move. Idempotent: a person
with a placement at the organisation is not placed again.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from demo.data import organisation
from participants.models import LabourMarketStatus
from participation.models import ProjectParticipation
from projects.models import Partner, Project
from usefulwork import services
from usefulwork.models import Placement

SEED = "usefulwork"
PLACEMENTS = 5
MONTHS_BACK = 4  # how far back the earliest placement starts
LENGTH = datetime.timedelta(days=150)
DAY = datetime.timedelta(days=1)
HOURS = (Decimal(4), Decimal(4), Decimal("3.5"), Decimal(3))
ABSENCE = 0.12  # a day now and then not worked (illness, a visit to the labour office)
SCHEDULES = (
    ((0, 2), "poniedziałek i środa, 8:00–12:00"),
    ((1, 3), "wtorek i czwartek, 8:00–12:00"),
    ((0, 3), "poniedziałek i czwartek, 7:30–11:30"),
)
# Who may still be placed: taking part, or whose path has ended (the placement ends with it).
STARTED = [
    ProjectParticipation.Status.ACTIVE,
    ProjectParticipation.Status.COMPLETED,
    ProjectParticipation.Status.DROPPED_OUT,
]
WORK = (
    "pielęgnacja zieleni i porządkowanie skwerów Starego Miasta",
    "grabienie liści i pielenie rabat przy ul. Cechowej",
    "porządkowanie terenów zielonych wokół Punktu Wsparcia",
)


def partner(key: str) -> Partner | None:
    nip = next(demo.nip for demo in organisation.PARTNERS if demo.key == key)
    return Partner.objects.filter(nip=nip).first()


def seed(*, stdout, rng: random.Random, **options) -> None:
    rng = random.Random(SEED)  # its own: the shared sequence of the other modules stays as it was
    today = timezone.localdate()
    project = Project.objects.filter(code=organisation.BIELSKO_PROJECT).first()
    labour_office, workplace = partner("pup-bielsko"), partner("zielen-bielsko")
    if project is None or labour_office is None or workplace is None:
        raise RuntimeError("The Bielsko-Biała project or its partners are missing: run the organisation demo first.")
    paths = (
        ProjectParticipation.objects.filter(
            project=project,
            planned_start__isnull=False,
            labour_status_at_start=LabourMarketStatus.REGISTERED_UNEMPLOYED,
            status__in=STARTED,
        )
        .exclude(participant__useful_work_placements__organisation=workplace)
        .select_related("participant__social_worker")
        .order_by("planned_start", "participant__pesel", "participant__last_name")
    )
    taken = Placement.objects.filter(organisation=workplace).count()
    placed = days = 0
    earliest = today - datetime.timedelta(days=30 * MONTHS_BACK)
    for path in paths[: max(0, PLACEMENTS - taken)]:
        placed_on = place(rng, path, project, labour_office, workplace, earliest, today, taken + placed + 1)
        if placed_on is None:
            continue
        placed += 1
        days += work(rng, *placed_on, today)
    stdout.write(f"socially useful work: {placed} new placements, {days} days of hours recorded")


def place(rng, path, project, labour_office, workplace, earliest, today, number) -> tuple[Placement, tuple] | None:
    """Place the person of ``path`` from a Monday after their start (not before ``earliest``); the
    placement and the weekdays of its schedule."""
    start = max(path.start_date or path.planned_start, earliest) + DAY * rng.randint(3, 20)
    start += DAY * ((7 - start.weekday()) % 7)
    end = min(start + LENGTH, project.end_date, path.end_date or project.end_date)
    if start >= min(end, today):
        return None
    weekdays, schedule = rng.choice(SCHEDULES)
    placement = Placement(
        participant=path.participant,
        project=project,
        referral_number=f"PSU/BB/{number:03d}/{start.year}",
        referral_date=start - DAY * rng.randint(4, 12),
        labour_office=labour_office,
        organisation=workplace,
        kind_of_work=rng.choice(WORK),
        schedule=schedule,
        start_date=start,
        end_date=end,
        no_unemployment_benefit=True,
    )
    try:
        services.placement_create(
            placement=placement, user=path.participant.social_worker, today=placement.referral_date
        )
    except services.UsefulWorkError:
        return None  # the person cannot be placed (e.g. a later participation started as employed)
    return placement, weekdays


def work(rng, placement: Placement, weekdays: tuple, today: datetime.date) -> int:
    """The hours of every scheduled day from the start until yesterday (or the end), each recorded on
    its day; a day the limits refuse is not worked."""
    recorded = 0
    day = placement.start_date
    last = min(placement.end_date, today - DAY)
    hours = rng.choice(HOURS)
    while day <= last:
        if day.weekday() in weekdays and rng.random() > ABSENCE:
            try:
                services.workday_record(
                    placement_id=placement.pk, user=placement.participant.social_worker, on=day, hours=hours, today=day
                )
            except services.UsefulWorkError:
                pass  # over a limit of the installation: that day is not worked
            else:
                recorded += 1
        day += DAY
    return recorded
