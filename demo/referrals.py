"""Demo referrals to specialists (used by ``manage.py seed_demo``, after everything else): in the
Wejherowo club, psychological counselling and legal advice become "by referral only", two
psychologists and a lawyer keep weekly hours there, and people active in the Wejherowo project are
referred to them — referrals in every state, with their appointments (attended, missed, booked
ahead) and the meetings recorded under them.

Everything is written as the pages write it: the catalogue entries and the hours through their forms
and ``programme_record_save``, the referrals through their form and ``referral_issue``, their moves
and bookings through the referral services (bookings made earlier entered with the day they were
made), the meetings through the individual support form. It uses its own ``random.Random``, never
the shared one, so the figures of the modules before it stay as they were. Each referral is dated
after the person's first support in the project, so no participation's start moves.

Idempotent: the hours are keyed by (service, specialist, weekday, start), a planned referral by
(person, service): a person already referred to the service is left as they are.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from activities import services as programme_services
from activities.forms import IndividualSupportForm, ServiceTypeForm
from activities.models import IndividualSupport, Referral, ServiceType, SpecialistSlot
from activities.referrals import services
from activities.referrals.forms import ReferralForm, SpecialistSlotForm
from demo.data import organisation
from demo.forms import save_through_form, submitted
from kis.models import Location
from participation.models import ProjectParticipation
from projects.models import Project

SEED = "referrals"
DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)
PSYCHOLOGY = "Poradnictwo psychologiczne indywidualne"
LAW = "Poradnictwo prawne"
HINZ, DREWA, BORK = "Paulina Hinz (psycholog)", "Marta Drewa (psycholog)", "Jarosław Bork (adwokat)"
MON, TUE, WED, THU = 0, 1, 2, 3


@dataclass(frozen=True)
class Hours:
    service: str
    specialist: str
    weekday: int
    start: datetime.time
    end: datetime.time
    capacity: int


HOURS = (
    Hours(PSYCHOLOGY, HINZ, TUE, datetime.time(10), datetime.time(14), 4),
    Hours(PSYCHOLOGY, DREWA, THU, datetime.time(15), datetime.time(18), 3),
    Hours(LAW, BORK, WED, datetime.time(12), datetime.time(15), 3),
)


@dataclass(frozen=True)
class Plan:
    """A referral ``issued`` days ago, accepted ``accepted`` days ago (or never), with meetings in
    the specialist's hours ``weeks`` before today (past days, one meeting each), the outcome of
    its last appointment, whether one is booked ahead, and how it ended (days ago)."""

    service: str
    specialist: str
    issued: int
    reason: str
    accepted: int | None = None
    meetings: tuple[int, ...] = ()
    missed: int | None = None  # weeks ago: an appointment the person did not come to
    booked_ahead: bool = False
    closed: tuple[int, str] | None = None
    declined: tuple[int, str] | None = None


# The states shown first come first: a smaller demo (fewer people at the club) still has each.
PLANS = (
    Plan(
        PSYCHOLOGY,
        HINZ,
        80,
        "Stany lękowe po utracie pracy; trudności ze snem.",
        accepted=76,
        meetings=(10, 9, 8, 7),
        closed=(35, "Zmniejszenie objawów lęku; osoba kontynuuje udział w treningu kompetencji."),
    ),
    Plan(
        PSYCHOLOGY,
        HINZ,
        35,
        "Kryzys w rodzinie, konflikt z dorosłym synem.",
        accepted=33,
        meetings=(4, 3, 2),
        booked_ahead=True,
    ),
    Plan(LAW, BORK, 21, "Alimenty na dzieci; pomoc w przygotowaniu pozwu."),  # waiting more than 14 days
    Plan(
        PSYCHOLOGY,
        HINZ,
        12,
        "Wsparcie w radzeniu sobie ze stresem przed podjęciem pracy.",
        accepted=9,
        booked_ahead=True,
    ),
    Plan(
        LAW,
        BORK,
        42,
        "Porada w sprawie rozwodu.",
        declined=(33, "Osoba zrezygnowała; sprawę prowadzi adwokat z urzędu."),
    ),
    Plan(
        PSYCHOLOGY, DREWA, 24, "Obniżony nastrój, wycofanie z kontaktów.", accepted=22, meetings=(2,), booked_ahead=True
    ),
    Plan(PSYCHOLOGY, DREWA, 30, "Trudności wychowawcze; prośba o konsultację.", accepted=28, missed=2),
    Plan(
        LAW,
        BORK,
        55,
        "Zadłużenie czynszowe, groźba eksmisji.",
        accepted=53,
        meetings=(7, 6),
        closed=(30, "Zawarto ugodę ze spółdzielnią mieszkaniową; rozłożenie zadłużenia na raty."),
    ),
    Plan(LAW, BORK, 4, "Sprawa spadkowa."),
)


def day_in_hours(weekday: int, *, weeks_ago: int, today: datetime.date) -> datetime.date:
    """The specialist's day ``weeks_ago`` weeks before today (0: the next one from today on)."""
    next_one = today + DAY * ((weekday - today.weekday()) % 7)
    return next_one - WEEK * weeks_ago if weeks_ago else next_one


def mark_by_referral_only(name: str, user) -> None:
    """Make a service "by referral only" as a coordinator does on the catalogue's page."""
    service = ServiceType.objects.get(name=name)
    if service.by_referral_only:
        return
    values = {
        "name": service.name,
        "track": service.track,
        "mode": service.mode,
        "counts_hours": service.counts_hours,
        "is_active": service.is_active,
        "support_kind": service.support_kind,
        "by_referral_only": True,
        "version": service.version,
    }
    form = ServiceTypeForm(
        data={key: "on" if value is True else submitted(value) for key, value in values.items() if value is not False},
        instance=service,
    )
    if not form.is_valid() or not programme_services.programme_record_save(form, user=user, created=False):
        raise RuntimeError(f"Demo catalogue entry {name}: {form.errors.get_json_data()}")


def keep_hours(hours: Hours, location: Location, user) -> SpecialistSlot:
    service = ServiceType.objects.get(name=hours.service)
    existing = SpecialistSlot.objects.filter(
        service=service, specialist=hours.specialist, weekday=hours.weekday, start_time=hours.start
    ).first()
    if existing is not None:
        return existing
    values = {
        "service": service,
        "specialist": hours.specialist,
        "location": location,
        "weekday": hours.weekday,
        "start_time": hours.start.strftime("%H:%M"),
        "end_time": hours.end.strftime("%H:%M"),
        "capacity": hours.capacity,
        "is_active": "on",
    }
    form = SpecialistSlotForm(data={key: submitted(value) for key, value in values.items()})
    if not form.is_valid() or not programme_services.programme_record_save(form, user=user, created=True):
        raise RuntimeError(f"Demo specialist's hours {hours}: {form.errors.get_json_data()}")
    return form.instance


def carry_out(plan: Plan, path: ProjectParticipation, slot: SpecialistSlot, today: datetime.date) -> Referral | None:
    """Issue the referral of ``plan`` for ``path``'s person and make its moves, each on its day."""
    person, project = path.participant, path.project
    worker = person.social_worker
    issued_on = today - DAY * plan.issued
    service = slot.service
    if Referral.objects.filter(participant=person, service=service).exists():
        return None
    form = ReferralForm(
        data={
            "service": submitted(service),
            "specialist": slot.specialist,
            "issued_on": submitted(issued_on),
            "project": submitted(project),
            "reason": plan.reason,
        },
        participant=person,
    )
    if not form.is_valid():
        raise RuntimeError(f"Demo referral for {person}: {form.errors.get_json_data()}")
    referral = services.referral_issue(participant=person, user=worker, **form.cleaned_data)
    if plan.accepted is not None:
        accepted_on = today - DAY * plan.accepted
        services.referral_accept(referral=referral, on=accepted_on, user=worker)
        booked_on = accepted_on
        for weeks_ago in plan.meetings:
            day = day_in_hours(slot.weekday, weeks_ago=weeks_ago, today=today)
            services.appointment_book(referral=referral, slot=slot, on=day, booked_on=booked_on, user=worker)
            # The meeting recorded on the day marks the appointment attended.
            save_through_form(
                IndividualSupportForm,
                participant=person,
                user=worker,
                recorded_by=worker,
                project=project,
                kind=service.support_kind,
                date=day,
                specialist=slot.specialist,
                hours=Decimal("1"),
                confidential_note="",
            )
            booked_on = day
        if plan.missed is not None:
            day = day_in_hours(slot.weekday, weeks_ago=plan.missed, today=today)
            appointment = services.appointment_book(
                referral=referral, slot=slot, on=day, booked_on=booked_on, user=worker
            )
            services.appointment_mark(appointment=appointment, status="missed", user=worker)
        if plan.booked_ahead:
            services.appointment_book(
                referral=referral, slot=slot, on=day_in_hours(slot.weekday, weeks_ago=0, today=today + DAY), user=worker
            )
    if plan.closed is not None:
        days_ago, outcome = plan.closed
        services.referral_close(referral=referral, on=today - DAY * days_ago, outcome=outcome, user=worker)
    if plan.declined is not None:
        days_ago, reason = plan.declined
        services.referral_decline(referral=referral, on=today - DAY * days_ago, reason=reason, user=worker)
    return referral


def seed(*, stdout, rng: random.Random, **options) -> None:
    rng = random.Random(SEED)  # its own: the shared sequence of the other modules stays as it was
    today = timezone.localdate()
    codes = [organisation.WEJHEROWO_PROJECT, organisation.WEJHEROWO_KIS_PROGRAMME]
    projects = list(Project.objects.filter(code__in=codes))
    location = Location.objects.filter(name=organisation.KIS_WEJHEROWO).first()
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    if len(projects) != len(codes) or location is None or coordinator is None:
        raise RuntimeError(
            "The Wejherowo projects, their club or the coordinator are missing: run the organisation demo first."
        )
    for name in (PSYCHOLOGY, LAW):
        mark_by_referral_only(name, coordinator)
    slots = {(hours.service, hours.specialist): keep_hours(hours, location, coordinator) for hours in HOURS}

    # People active in the club's projects, at the Wejherowo club, with a worker, each person once
    # (in the project of the lower code); in the order of their records, so a second run finds the
    # same people for the same plans.
    active = (
        ProjectParticipation.objects.filter(
            project__in=projects,
            status=ProjectParticipation.Status.ACTIVE,
            start_date__isnull=False,
            participant__location=location,
            participant__social_worker__isnull=False,
        )
        .select_related("participant__social_worker", "project")
        .order_by("participant_id", "project__code")
    )
    paths = list({path.participant_id: path for path in reversed(active)}.values())
    paths.sort(key=lambda path: path.participant_id)
    rng.shuffle(paths)
    made = 0
    for plan in PLANS:
        earliest = today - DAY * plan.issued
        # Someone whose first support in the project came before the referral; one plan each.
        path = next((p for p in paths if p.start_date < earliest), None)
        if path is None:
            continue
        paths.remove(path)
        made += carry_out(plan, path, slots[plan.service, plan.specialist], today) is not None
    total = Referral.objects.filter(project__in=projects).count()
    meetings = IndividualSupport.objects.filter(referral__project__in=projects).count()
    stdout.write(f"Referrals to specialists: {total} ({made} new), {meetings} meetings under them.")
