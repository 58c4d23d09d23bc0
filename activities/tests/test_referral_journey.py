"""A referral from start to end through the pages, as a browser posts their forms: the coordinator
makes psychological counselling "by referral only" and sets a psychologist's weekly hours; a
meeting without a referral is refused; the worker refers the person, the referral is accepted, the
psychologist's hours are booked, the consultation is recorded (which puts the referral in progress
and marks the appointment attended), the letter is printed, and the referral is closed."""

import pytest

from activities.models import Appointment, IndividualSupport, Referral, ServiceType, SpecialistSlot
from activities.tests.referral_factories import psychology, today
from kis.models import AuditEvent
from kis.tests.emblems import pdf_text
from kis.tests.factories import LocationFactory
from kis.tests.helpers import submitted_data

pytestmark = pytest.mark.django_db


def meeting(**changes) -> dict:
    return {
        "kind": IndividualSupport.Kind.PSYCHOLOGIST,
        "date": today().strftime("%d.%m.%Y"),
        "specialist": "mgr Joanna Wierzbicka",
        "hours": "1",
        "project": "",
        "confidential_note": "Pierwsza konsultacja.",
        **changes,
    }


def test_a_person_is_referred_booked_seen_and_the_referral_closed(
    client, coordinator, social_worker, participant, tmp_path
):
    service = psychology()
    # The coordinator marks the service "by referral only" on its catalogue page.
    client.force_login(coordinator)
    url = f"/activities/catalogue/{service.pk}/edit/"
    response = client.post(url, submitted_data(client.get(url).context["form"], by_referral_only="on"))
    assert response.status_code == 302
    assert ServiceType.objects.get(pk=service.pk).by_referral_only
    # …and sets the psychologist's weekly hours: today's weekday, so today's appointment can be seen to.
    response = client.post(
        "/activities/slots/new/",
        {
            "service": service.pk,
            "specialist": "mgr Joanna Wierzbicka",
            "location": LocationFactory(name="KIS Śródmieście").pk,
            "weekday": today().weekday(),
            "start_time": "08:00",
            "end_time": "20:00",
            "capacity": "3",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    slot = SpecialistSlot.objects.get()

    # Without a referral, the worker cannot record a meeting with the psychologist.
    client.force_login(social_worker)
    refused = client.post(f"/activities/support/new/?participant={participant.pk}", meeting())
    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["kind"]
    assert service.name in refused.context["form"].errors["kind"][0]
    assert not IndividualSupport.objects.exists()

    # The worker refers the person.
    response = client.post(
        f"/activities/referrals/new/?participant={participant.pk}",
        {
            "service": service.pk,
            "specialist": "mgr Joanna Wierzbicka",
            "issued_on": today().strftime("%d.%m.%Y"),
            "reason": "Kryzys po rozwodzie, zaburzenia snu.",
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/activities/referrals/{referral.pk}/"
    assert (referral.status, referral.issued_by, referral.participant) == (
        Referral.Status.ISSUED,
        social_worker,
        participant,
    )
    page = client.get(f"/participants/{participant.pk}/").content.decode()
    assert f'href="/activities/referrals/{referral.pk}/"' in page

    # The psychologist accepted the person; the worker books today's hours.
    response = client.post(f"/activities/referrals/{referral.pk}/accept/", {"accept-on": today().isoformat()})
    assert response.status_code == 302
    booking = client.get(f"/activities/referrals/{referral.pk}/book/")
    assert list(booking.context["form"].fields["slot"].queryset) == [slot]
    response = client.post(
        f"/activities/referrals/{referral.pk}/book/", {"slot": slot.pk, "date": today().strftime("%d.%m.%Y")}
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert (appointment.slot, appointment.date, appointment.status) == (slot, today(), Appointment.Status.BOOKED)

    # The letter names the person, the service, the specialist, the day and the worker; not the reason.
    letter = client.get(f"/activities/referrals/{referral.pk}/letter.pdf")
    assert letter["Content-Type"] == "application/pdf"
    text = pdf_text(letter.content, tmp_path)
    for expected in (participant.full_name, service.name, "mgr Joanna Wierzbicka", today().strftime("%d.%m.%Y")):
        assert expected in text
    assert social_worker.get_full_name() in text
    assert "rozwodzie" not in text

    # The consultation is recorded: the referral is in progress and the appointment attended.
    response = client.post(f"/activities/support/new/?participant={participant.pk}", meeting())
    assert response.status_code == 302
    support = IndividualSupport.objects.get()
    referral.refresh_from_db()
    appointment.refresh_from_db()
    assert support.referral == referral
    assert (referral.status, referral.started_on) == (Referral.Status.IN_PROGRESS, today())
    assert appointment.status == Appointment.Status.ATTENDED

    # The referral is closed with its outcome.
    response = client.post(
        f"/activities/referrals/{referral.pk}/close/",
        {"close-on": today().isoformat(), "close-outcome": "Cel osiągnięty; dalsza terapia w poradni."},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.ended_on, referral.outcome) == (
        Referral.Status.CLOSED,
        today(),
        "Cel osiągnięty; dalsza terapia w poradni.",
    )
    # Every move was audited, and none of the entries copies the confidential reason.
    events = AuditEvent.objects.filter(object_type="activities.referral", object_id=str(referral.pk))
    assert {e.action for e in events} >= {AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE, AuditEvent.Action.PRINT}
    assert [e.details.get("status") for e in events.filter(action=AuditEvent.Action.UPDATE).order_by("pk")] == [
        "accepted",
        "in_progress",
        "closed",
    ]
    assert not any("rozwodzie" in str(e.details) for e in events)
