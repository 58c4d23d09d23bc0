"""The specialists' weekly hours and the appointments booked in them for a referral: on the slot's
weekday, never for a day that has passed, within its places, never two at once for one person;
what became of an appointment; the hours' form keeping the bookings it holds."""

import datetime

import pytest
from django.utils.translation import gettext as _

from activities.models import Appointment, Referral, ServiceType, SpecialistSlot
from activities.referrals import services
from activities.tests.referral_factories import (
    AppointmentFactory,
    ReferralFactory,
    SpecialistSlotFactory,
    legal_advice,
    next_weekday,
    psychology,
    today,
)
from contracts.tests.helpers import messages_of
from kis.models import AuditEvent
from kis.tests.helpers import SIGNED_IN, submitted_data
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
TUESDAY = 1


def ddmmyyyy(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


@pytest.fixture
def referral(participant, social_worker):
    return services.referral_issue(
        participant=participant,
        service=psychology(),
        issued_on=today() - DAY * 20,
        specialist="mgr Joanna Wierzbicka",
        user=social_worker,
    )


@pytest.fixture
def slot():
    """Tuesdays 10:00–12:00, two people a day."""
    return SpecialistSlotFactory(weekday=TUESDAY, capacity=2)


def book(client, referral, slot, day, **extra):
    data = {"slot": slot.pk, "date": ddmmyyyy(day), **extra}
    return client.post(f"/activities/referrals/{referral.pk}/book/", data)


def test_the_booking_page_shows_the_places_left_on_the_next_days(client, social_worker, referral, slot):
    tuesday = next_weekday(TUESDAY, after=today() - DAY)
    AppointmentFactory(slot=slot, date=tuesday)
    AppointmentFactory(slot=slot, date=tuesday)
    client.force_login(social_worker)

    response = client.get(f"/activities/referrals/{referral.pk}/book/")

    (shown, days), *others = response.context["calendar"]
    assert shown == slot and not others
    assert days[0] == (tuesday, 0) and days[1] == (tuesday + 7 * DAY, 2)
    assert f"{tuesday:%d.%m}: full" in response.content.decode()


def test_an_appointment_is_booked_on_the_slot_s_weekday(client, social_worker, referral, slot):
    tuesday = next_weekday(TUESDAY)
    client.force_login(social_worker)

    response = book(client, referral, slot, tuesday)

    assert response.status_code == 302
    assert response["Location"] == f"/activities/referrals/{referral.pk}/#appointments"
    appointment = Appointment.objects.get()
    assert (appointment.referral, appointment.date, appointment.booked_on, appointment.booked_by) == (
        referral,
        tuesday,
        today(),
        social_worker,
    )
    assert AuditEvent.objects.filter(object_type="activities.appointment", action=AuditEvent.Action.CREATE).exists()


@pytest.mark.parametrize(
    "case", ["another weekday", "a day that has passed", "booked ahead", "no such day", "before the referral"]
)
def test_a_booking_on_a_wrong_day_is_refused_next_to_the_date(client, social_worker, referral, slot, case):
    day, extra = next_weekday(TUESDAY), {}
    if case == "another weekday":
        day += DAY
    elif case == "a day that has passed":
        day = next_weekday(TUESDAY, after=today() - DAY * 8)
    elif case == "booked ahead":
        extra = {"booked_on": ddmmyyyy(today() + DAY)}
    elif case == "before the referral":
        day = next_weekday(TUESDAY, after=referral.issued_on - DAY * 9)
        extra = {"booked_on": ddmmyyyy(day - DAY)}
    client.force_login(social_worker)

    if case == "no such day":
        response = client.post(f"/activities/referrals/{referral.pk}/book/", {"slot": slot.pk, "date": "30.02.2027"})
    else:
        response = book(client, referral, slot, day, **extra)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["booked_on" if case == "booked ahead" else "date"]
    assert not Appointment.objects.exists()


def test_the_wrong_weekday_is_named_in_the_message(social_worker, referral, slot):
    wednesday = next_weekday(TUESDAY) + DAY

    with pytest.raises(services.ReferralError) as refusal:
        services.appointment_book(referral=referral, slot=slot, on=wednesday, user=social_worker)

    assert str(refusal.value) == _("The specialist's hours are on %(weekday)s; %(date)s is a %(other)s.") % {
        "weekday": _("Tuesday"),
        "date": ddmmyyyy(wednesday),
        "other": _("Wednesday"),
    }


def test_a_booking_made_earlier_is_entered_after_the_fact(client, social_worker, referral, slot):
    last_tuesday = next_weekday(TUESDAY, after=today() - DAY * 8)
    client.force_login(social_worker)

    response = book(client, referral, slot, last_tuesday, booked_on=ddmmyyyy(last_tuesday - DAY * 3))

    assert response.status_code == 302
    event = AuditEvent.objects.get(object_type="activities.appointment")
    assert event.details["back_dated"] == (last_tuesday - DAY * 3).isoformat()


def test_a_full_slot_takes_no_more_appointments(client, social_worker, referral, slot):
    tuesday = next_weekday(TUESDAY)
    AppointmentFactory.create_batch(2, slot=slot, date=tuesday)
    AppointmentFactory(slot=slot, date=tuesday, status=Appointment.Status.CANCELLED)  # gave its place back
    client.force_login(social_worker)

    full = book(client, referral, slot, tuesday)
    next_week = book(client, referral, slot, tuesday + 7 * DAY)

    assert full.context["form"].errors["date"] == [
        _("All %(capacity)s places of %(slot)s on %(date)s are taken: choose another day.")
        % {"capacity": 2, "slot": slot, "date": ddmmyyyy(tuesday)}
    ]
    assert next_week.status_code == 302
    assert Appointment.objects.filter(referral=referral).count() == 1


def test_a_person_is_not_booked_twice_at_the_same_time_across_slots(client, social_worker, participant, referral, slot):
    tuesday = next_weekday(TUESDAY)
    lawyer = SpecialistSlotFactory(
        service=legal_advice(), specialist="r.pr. Adam Kos", weekday=TUESDAY, start_time=datetime.time(11, 30)
    )
    afternoon = SpecialistSlotFactory(
        service=legal_advice(),
        specialist="r.pr. Adam Kos",
        weekday=TUESDAY,
        start_time=datetime.time(12, 0),
        end_time=datetime.time(13, 0),
    )
    legal = ReferralFactory(participant=participant, service=legal_advice(), specialist="r.pr. Adam Kos")
    AppointmentFactory(referral=referral, slot=slot, date=tuesday)
    client.force_login(social_worker)

    clash = book(client, legal, lawyer, tuesday)
    right_after = book(client, legal, afternoon, tuesday)
    again = book(client, referral, slot, tuesday)

    assert clash.context["form"].errors["date"] == [
        _("%(name)s already has an appointment at that time: %(service)s with %(slot)s.")
        % {"name": participant.full_name, "service": psychology().name, "slot": slot}
    ]
    assert right_after.status_code == 302  # 12:00, when the psychologist's hours end
    assert list(again.context["form"].errors) == ["date"]
    assert Appointment.objects.filter(referral__participant=participant).count() == 2


def test_only_an_open_referral_is_booked_and_only_in_hours_of_its_service(client, social_worker, referral, slot):
    lawyer = SpecialistSlotFactory(service=legal_advice(), specialist="r.pr. Adam Kos", weekday=TUESDAY)
    client.force_login(social_worker)

    other_service = book(client, referral, lawyer, next_weekday(TUESDAY))
    services.referral_decline(referral=referral, on=today(), reason="Rezygnacja", user=social_worker)
    declined = book(client, referral, slot, next_weekday(TUESDAY))

    assert list(other_service.context["form"].errors) == ["slot"]  # not offered, and refused if sent
    assert declined.context["form"].non_field_errors() == [
        _("Appointments are booked only for an open referral; this one is %(status)s.")
        % {"status": Referral.Status.DECLINED.label}
    ]
    assert not Appointment.objects.exists()


def test_marking_an_appointment_attended_puts_the_referral_in_progress(client, social_worker, referral, slot):
    past = AppointmentFactory(
        referral=referral, slot=slot, date=next_weekday(TUESDAY, after=today() - DAY * 8), booked_on=today() - DAY * 9
    )
    client.force_login(social_worker)

    response = client.post(f"/activities/appointments/{past.pk}/mark/", {"status": "attended"})

    past.refresh_from_db()
    referral.refresh_from_db()
    assert response.status_code == 302 and messages_of(response) == [_("Appointment saved.")]
    assert past.status == Appointment.Status.ATTENDED
    assert (referral.status, referral.started_on) == (Referral.Status.IN_PROGRESS, past.date)


def test_whether_the_person_came_is_recorded_only_once_the_day_came(client, social_worker, referral, slot):
    ahead = AppointmentFactory(referral=referral, slot=slot)
    client.force_login(social_worker)

    attended = client.post(f"/activities/appointments/{ahead.pk}/mark/", {"status": "attended"})
    cancelled = client.post(f"/activities/appointments/{ahead.pk}/mark/", {"status": "cancelled"})
    again = client.post(f"/activities/appointments/{ahead.pk}/mark/", {"status": "missed"})

    # (each page shows the messages not yet shown: the last one is this answer's)
    assert messages_of(attended)[-1] == _("Whether the person came can be recorded once the day has come.")
    assert messages_of(cancelled)[-1] == _("Appointment saved.")
    assert messages_of(again)[-1] == _("Whether the person came can be recorded once the day has come.")
    ahead.refresh_from_db()
    assert ahead.status == Appointment.Status.CANCELLED
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.ISSUED


# --- The hours ------------------------------------------------------------------------------------


def hours_data(**changes) -> dict:
    data = {
        "service": psychology().pk,
        "specialist": "Paulina Hinz (psycholog)",
        "weekday": TUESDAY,
        "start_time": "10:00",
        "end_time": "14:00",
        "capacity": "4",
        "is_active": "on",
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_time": "09:00"}, "end_time"),
        ({"capacity": "0"}, "capacity"),
        ({"weekday": "7"}, "weekday"),
        ({"specialist": ""}, "specialist"),
        ({"service": "group"}, "service"),
    ],
    ids=["ends before it starts", "no places", "no such weekday", "nobody", "a group service"],
)
def test_bad_hours_are_refused_on_the_form(client, coordinator, changes, field):
    if changes.get("service") == "group":
        changes["service"] = ServiceType.objects.get(name="Grupa samopomocowa").pk
    client.force_login(coordinator)

    response = client.post("/activities/slots/new/", hours_data(**changes))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not SpecialistSlot.objects.exists()


def test_the_hours_keep_the_appointments_booked_in_them(client, coordinator, slot):
    tuesday = next_weekday(TUESDAY)
    AppointmentFactory.create_batch(2, slot=slot, date=tuesday)
    client.force_login(coordinator)
    url = f"/activities/slots/{slot.pk}/edit/"
    loaded = submitted_data(client.get(url).context["form"])

    moved = client.post(url, {**loaded, "weekday": "3"})
    fewer = client.post(url, {**loaded, "capacity": "1"})
    withdrawn = client.post(url, {name: value for name, value in loaded.items() if name != "is_active"})

    assert list(moved.context["form"].errors) == ["weekday"]
    assert list(fewer.context["form"].errors) == ["capacity"]
    assert withdrawn.status_code == 302  # withdrawn from new bookings; those made stay
    slot.refresh_from_db()
    assert (slot.weekday, slot.capacity, slot.is_active) == (TUESDAY, 2, False)
    assert Appointment.objects.filter(slot=slot, status=Appointment.Status.BOOKED).count() == 2


@pytest.mark.parametrize("rows", [1, 20])
def test_the_hours_list_makes_the_same_queries_for_1_and_20_slots(client, coordinator, rows, django_assert_num_queries):
    for index in range(rows):
        slot = SpecialistSlotFactory(specialist=f"Specjalista {index}", weekday=index % 5)
        AppointmentFactory(slot=slot, referral=ReferralFactory(participant=ParticipantFactory()))
    client.force_login(coordinator)

    # SIGNED_IN + the slots with their services, partners, locations and counts of appointments ahead.
    with django_assert_num_queries(SIGNED_IN + 1):
        response = client.get("/activities/slots/")

    assert len(response.context["slots"]) == rows
    assert all(slot.upcoming == 1 for slot in response.context["slots"])


@pytest.mark.parametrize("rows", [1, 6])
def test_the_booking_page_makes_the_same_queries_for_1_and_6_slots(
    client, social_worker, referral, rows, django_assert_num_queries
):
    for index in range(rows):
        slot = SpecialistSlotFactory(specialist=f"Specjalista {index}", weekday=index % 5)
        AppointmentFactory(slot=slot)
    client.force_login(social_worker)

    # SIGNED_IN + the referral with its person and service + the service's slots with their
    # locations and partners + the bookings of their next days, counted per slot and day + the
    # slots again, as the choices of the form's field.
    with django_assert_num_queries(SIGNED_IN + 4):
        response = client.get(f"/activities/referrals/{referral.pk}/book/")

    assert len(response.context["calendar"]) == rows
