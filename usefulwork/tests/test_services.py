"""The rules of socially useful work, in the services: who may be placed (the status recorded at the
start of the person's current or most recent participation, the person's record without one; no
right to unemployment benefit), the referral's dates, and the hours (within the placement, not in
the future, at most the day's, week's and month's limits from the settings over all the person's
placements, once a day). Every refusal saves nothing; every write leaves its audit entry."""

import datetime
from decimal import Decimal

import pytest
from django.utils.translation import gettext as _

from kis.locking import EditedMeanwhile
from kis.models import AuditEvent
from participants.models import LabourMarketStatus
from participants.tests.factories import ParticipantFactory
from participation.models import ProjectParticipation
from participation.tests.factories import ParticipationFactory
from usefulwork import services
from usefulwork.models import Placement, WorkDay
from usefulwork.tests.factories import (
    DAY,
    LabourOfficeFactory,
    OrganisationFactory,
    PlacementFactory,
    WorkDayFactory,
    last_month,
    registered_unemployed,
    started,
    today,
)

pytestmark = pytest.mark.django_db
Status = LabourMarketStatus


def new_placement(participant, **fields) -> Placement:
    """A placement as the form builds it: not saved yet."""
    values = {
        "participant": participant,
        "referral_number": "PSU/0001/2026",
        "referral_date": last_month() - DAY,
        "labour_office": LabourOfficeFactory(),
        "organisation": OrganisationFactory(),
        "schedule": "pon.–pt. 8:00–10:00",
        "start_date": last_month(),
        "end_date": today() + DAY * 30,
        "no_unemployment_benefit": True,
    }
    return Placement(**{**values, **fields})


def place(participant, **fields) -> Placement:
    return services.placement_create(placement=new_placement(participant, **fields), user=participant.social_worker)


def record(placement, on: datetime.date, hours) -> WorkDay:
    return services.workday_record(
        placement_id=placement.pk, user=placement.participant.social_worker, on=on, hours=Decimal(str(hours))
    )


# --- Who may be placed -------------------------------------------------------------------------


def test_a_person_registered_unemployed_at_the_start_of_the_participation_is_placed():
    person = registered_unemployed().participant

    placement = place(person)

    assert Placement.objects.get() == placement
    entry = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_id=str(placement.pk))
    assert entry.details["participant"] == person.pk
    assert entry.details["back_dated"] == last_month().isoformat()  # a placement entered after it began


@pytest.mark.parametrize("status", [Status.INACTIVE, Status.EMPLOYED, Status.UNREGISTERED_UNEMPLOYED])
def test_the_status_at_the_start_of_the_participation_decides_not_today_s_record(status):
    person = ParticipantFactory(labour_market_status=Status.REGISTERED_UNEMPLOYED)
    started(person, status=status)

    with pytest.raises(services.UsefulWorkError) as refusal:
        place(person)

    assert str(Status(status).label) in str(refusal.value)
    assert Placement.objects.count() == 0


def test_the_most_recent_participation_decides():
    person = ParticipantFactory(labour_market_status=Status.EMPLOYED)
    started(person, status=Status.EMPLOYED, on=today() - DAY * 400)
    started(person, status=Status.REGISTERED_UNEMPLOYED, on=today() - DAY * 30)

    assert services.labour_status(person).status == Status.REGISTERED_UNEMPLOYED
    place(person)


def test_without_a_started_participation_the_person_s_record_decides():
    registered = ParticipantFactory(labour_market_status=Status.REGISTERED_UNEMPLOYED)
    inactive = ParticipantFactory(labour_market_status=Status.INACTIVE)
    # Applied, never started: no status was recorded at a start.
    ParticipationFactory(participant=inactive, status=ProjectParticipation.Status.APPLIED)

    place(registered)
    with pytest.raises(services.UsefulWorkError) as refusal:
        place(inactive)

    assert str(refusal.value) == _(
        "Socially useful work is only for people registered as unemployed at the labour office: "
        "%(name)s is recorded as “%(status)s”."
    ) % {"name": inactive.full_name, "status": Status.INACTIVE.label}


def test_a_person_whose_status_is_not_recorded_is_refused():
    person = ParticipantFactory(labour_market_status="")

    with pytest.raises(services.UsefulWorkError, match=_("not recorded")):
        place(person)


def test_the_labour_office_must_confirm_there_is_no_right_to_unemployment_benefit():
    person = registered_unemployed().participant

    with pytest.raises(services.UsefulWorkError) as refusal:
        place(person, no_unemployment_benefit=False)

    assert refusal.value.field == "no_unemployment_benefit"
    assert Placement.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (lambda: {"referral_date": today() + DAY}, "referral_date"),  # a referral from the future
        (lambda: {"referral_date": last_month() + DAY * 2}, "start_date"),  # work before the referral
        (lambda: {"end_date": last_month() - DAY}, "end_date"),
        (lambda: {"labour_office": OrganisationFactory()}, "labour_office"),  # not a labour office
    ],
)
def test_the_referral_and_the_dates_must_hold_together(fields, field):
    person = registered_unemployed().participant

    with pytest.raises(services.UsefulWorkError) as refusal:
        place(person, **fields())

    assert refusal.value.field == field
    assert Placement.objects.count() == 0


def test_a_placement_counted_in_a_project_is_of_a_person_who_started_it():
    participation = registered_unemployed()
    person = participation.participant
    other_project = ParticipationFactory().project

    placed = place(person, project=participation.project)
    with pytest.raises(services.UsefulWorkError) as refusal:
        place(person, project=other_project)

    assert placed.project == participation.project
    assert refusal.value.field == "project"


def test_an_edit_keeps_the_recorded_hours_within_the_dates_and_is_refused_when_edited_meanwhile():
    placement = place(registered_unemployed().participant)
    record(placement, last_month() + DAY * 3, 4)
    user = placement.participant.social_worker

    placement.start_date = last_month() + DAY * 5
    with pytest.raises(services.UsefulWorkError) as refusal:
        services.placement_update(placement=placement, user=user, version=placement.version, changed=["start_date"])
    assert refusal.value.field is None
    assert Placement.objects.get().start_date == last_month()

    placement.start_date, placement.schedule = last_month(), "pon.–śr. 9:00–13:00"
    services.placement_update(placement=placement, user=user, version=1, changed=["schedule"])
    assert Placement.objects.get().schedule == "pon.–śr. 9:00–13:00"
    with pytest.raises(EditedMeanwhile):
        services.placement_update(placement=placement, user=user, version=1, changed=["schedule"])
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE, object_id=str(placement.pk)).count() == 1


# --- Hours -------------------------------------------------------------------------------------


def test_hours_are_recorded_with_their_audit_entry():
    placement = PlacementFactory()

    day = record(placement, last_month() + DAY, "4.5")

    assert WorkDay.objects.get() == day and day.hours == Decimal("4.5")
    entry = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_id=str(day.pk))
    assert entry.details["hours"] == "4.5" and entry.details["back_dated"] == (last_month() + DAY).isoformat()


@pytest.mark.parametrize(
    ("on", "hours", "field"),
    [
        (lambda p: p.start_date - DAY, 4, "date"),  # before the placement
        (lambda p: p.end_date + DAY, 4, "date"),  # after it (and in the future)
        (lambda p: today() + DAY, 4, "date"),  # in the future, within the placement
        (lambda p: p.start_date, 0, "hours"),
        (lambda p: p.start_date, "-2", "hours"),
        (lambda p: p.start_date, "2.25", "hours"),  # full or half hours only
        (lambda p: p.start_date, "8.5", "hours"),  # over the day's 8
    ],
)
def test_hours_outside_the_rules_are_refused(on, hours, field):
    placement = PlacementFactory()

    with pytest.raises(services.UsefulWorkError) as refusal:
        record(placement, on(placement), hours)

    assert refusal.value.field == field
    assert WorkDay.objects.count() == 0


def test_a_day_is_recorded_once_even_at_two_placements():
    first = PlacementFactory()
    second = PlacementFactory(participant=first.participant)
    record(first, last_month(), 3)

    with pytest.raises(services.UsefulWorkError) as refusal:
        record(second, last_month(), 2)

    assert refusal.value.field == "date"
    assert WorkDay.objects.count() == 1


def test_the_monthly_limit_counts_every_placement_of_the_person(limits):
    limits.KIS_USEFUL_WORK_MAX_HOURS_PER_MONTH = Decimal(20)
    first = PlacementFactory()
    second = PlacementFactory(participant=first.participant)
    for n in range(3):
        record(first, last_month() + DAY * n, 6)  # 18 hours

    with pytest.raises(services.UsefulWorkError) as refusal:
        record(second, last_month() + DAY * 5, 3)
    record(second, last_month() + DAY * 5, 2)  # exactly 20
    record(PlacementFactory(), last_month() + DAY * 5, 8)  # someone else's hours are their own

    assert str(refusal.value) == _(
        "This would exceed the monthly limit of %(limit)s hours: %(worked)s hours are already "
        "recorded in %(month)s, so at most %(left)s more can be."
    ) % {"limit": "20", "worked": "18", "month": f"{last_month():%m.%Y}", "left": "2"}
    assert services.hours_of(first.participant_id, last_month(), today()) == Decimal(20)


def test_the_monthly_limit_is_of_the_calendar_month(limits):
    limits.KIS_USEFUL_WORK_MAX_HOURS_PER_MONTH = Decimal(8)
    placement = PlacementFactory(start_date=last_month() - DAY * 10)
    record(placement, last_month() - DAY, 8)  # the last day of the month before

    record(placement, last_month(), 8)

    assert WorkDay.objects.count() == 2


def test_the_weekly_limit_applies_only_when_set(limits):
    placement = PlacementFactory(start_date=last_month() - DAY * 10)
    monday = last_month() - DAY * last_month().weekday()
    for n in range(3):
        record(placement, monday + DAY * n, 4)

    limits.KIS_USEFUL_WORK_MAX_HOURS_PER_WEEK = Decimal(14)
    with pytest.raises(services.UsefulWorkError) as refusal:
        record(placement, monday + DAY * 3, 4)
    record(placement, monday + DAY * 7, 4)  # the next week

    assert refusal.value.field == "hours"
    assert "14" in str(refusal.value) and monday.strftime("%d.%m.%Y") in str(refusal.value)
    assert WorkDay.objects.count() == 4


def test_no_hours_are_recorded_without_a_monthly_limit_set(limits):
    limits.KIS_USEFUL_WORK_MAX_HOURS_PER_MONTH = None

    with pytest.raises(services.UsefulWorkError, match="KIS_USEFUL_WORK_MAX_HOURS_PER_MONTH"):
        record(PlacementFactory(), last_month(), 2)

    assert WorkDay.objects.count() == 0


def test_an_entry_removed_is_kept_in_the_audit_trail_and_can_be_entered_again():
    placement = PlacementFactory()
    day = WorkDayFactory(placement=placement, date=last_month(), hours=5)

    services.workday_remove(workday_id=day.pk, user=placement.participant.social_worker)
    record(placement, last_month(), 4)

    entry = AuditEvent.objects.get(action=AuditEvent.Action.DELETE, object_id=str(day.pk))
    assert entry.details == {"placement": placement.pk, "date": last_month().isoformat(), "hours": "5.0"}
    assert list(WorkDay.objects.values_list("hours", flat=True)) == [Decimal(4)]
    with pytest.raises(services.UsefulWorkError):
        services.workday_remove(workday_id=day.pk, user=placement.participant.social_worker)
