"""The demo's referrals: at the Wejherowo club two psychologists and a lawyer keep weekly hours,
their services are "by referral only", and people active in the club's projects are referred to
them in every state, with appointments and the meetings recorded under them — all written through
the services and forms, each on its own day, by the person's own worker."""

import pytest
from django.utils import timezone

from activities.models import Appointment, IndividualSupport, Referral, ServiceType, SpecialistSlot
from demo.data.organisation import KIS_WEJHEROWO, WEJHEROWO_KIS_PROGRAMME, WEJHEROWO_PROJECT
from demo.management.commands import seed_demo
from demo.tests.helpers import assert_programme_keeps_the_rules
from kis.models import AuditEvent
from kis.tests.emblems import pdf_text
from participation.models import ProjectParticipation

pytestmark = pytest.mark.django_db

Status = Referral.Status


def test_referrals_are_seeded_last_after_the_modules_whose_figures_they_must_not_move():
    names = [module.__name__ for module in seed_demo.DEMO_MODULES]

    assert names.index("demo.referrals") > names.index("demo.participation")


def test_two_psychologists_and_a_lawyer_keep_weekly_hours_at_the_wejherowo_club(demo):
    slots = SpecialistSlot.objects.filter(location__name=KIS_WEJHEROWO, is_active=True).select_related("service")
    by_kind = {}
    for slot in slots:
        by_kind.setdefault(slot.service.support_kind, set()).add(slot.specialist)

    assert len(by_kind["psychologist"]) == 2
    assert len(by_kind["lawyer"]) == 1
    assert set(ServiceType.objects.filter(by_referral_only=True).values_list("support_kind", flat=True)) == {
        "psychologist",
        "lawyer",
    }


def test_the_referrals_are_in_every_state_with_appointments_and_meetings(demo):
    referrals = Referral.objects.filter(project__code__in=[WEJHEROWO_PROJECT, WEJHEROWO_KIS_PROGRAMME])
    appointments = Appointment.objects.filter(referral__in=referrals)

    assert set(referrals.values_list("status", flat=True)) == set(Status.values)
    assert {Appointment.Status.ATTENDED, Appointment.Status.MISSED, Appointment.Status.BOOKED} <= set(
        appointments.values_list("status", flat=True)
    )
    assert not appointments.filter(status=Appointment.Status.BOOKED, date__lt=timezone.localdate()).exists()
    assert IndividualSupport.objects.filter(referral__in=referrals).count() >= 5
    assert referrals.waiting().exists()  # one for the coordinator's dashboard
    for referral in referrals.filter(status__in=[Status.CLOSED, Status.DECLINED]):
        assert referral.ended_on and (referral.outcome or referral.decline_reason)


def test_every_meeting_under_a_referral_is_covered_by_it_and_within_the_person_s_path(demo):
    paths = {(p.project_id, p.participant_id): p for p in ProjectParticipation.objects.filter(start_date__isnull=False)}

    meetings = IndividualSupport.objects.exclude(referral=None).select_related("referral")
    assert meetings.exists()
    for meeting in meetings:
        referral = meeting.referral
        assert referral.participant_id == meeting.participant_id
        assert referral.issued_on <= meeting.date and (referral.ended_on is None or meeting.date <= referral.ended_on)
        assert paths[referral.project_id, referral.participant_id].start_date < referral.issued_on
    assert_programme_keeps_the_rules()


def test_every_demo_referral_and_appointment_was_written_through_its_service_by_the_person_s_worker(demo):
    created = AuditEvent.objects.filter(action=AuditEvent.Action.CREATE)
    referral_authors = dict(created.filter(object_type="activities.referral").values_list("object_id", "user_id"))
    booked = set(created.filter(object_type="activities.appointment").values_list("object_id", flat=True))

    for referral in Referral.objects.select_related("participant"):
        assert referral_authors[str(referral.pk)] == referral.participant.social_worker_id == referral.issued_by_id
    assert {str(pk) for pk in Appointment.objects.values_list("pk", flat=True)} <= booked
    moved = AuditEvent.objects.filter(object_type="activities.referral", action=AuditEvent.Action.UPDATE)
    assert {"accepted", "in_progress", "closed", "declined"} <= set(moved.values_list("details__status", flat=True))


def test_a_demo_referral_letter_prints_without_its_reason(client, demo, tmp_path):
    referral = Referral.objects.filter(status=Status.ACCEPTED).select_related("participant__social_worker").first()
    client.force_login(referral.participant.social_worker)

    response = client.get(f"/activities/referrals/{referral.pk}/letter.pdf")

    text = pdf_text(response.content, tmp_path)
    assert referral.participant.full_name in text and referral.service.name in text
    assert referral.reason and referral.reason not in text
