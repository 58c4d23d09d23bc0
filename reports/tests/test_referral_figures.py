"""Referrals in the reports: issued and attended per service in a project's outcome report for a
period (hand-worked below), and the dashboard's count of referrals waiting more than 14 days."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import ngettext

from activities.models import Appointment, Referral
from activities.tests.referral_factories import (
    AppointmentFactory,
    ReferralFactory,
    SpecialistSlotFactory,
    legal_advice,
    psychology,
)
from activities.tests.support_factories import IndividualSupportFactory
from participation.tests.factories import ParticipationProjectFactory
from reports import referrals
from reports.outcomes import Period

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def on(day: int, month: int = 3) -> datetime.date:
    return datetime.date(2026, month, day)


@pytest.fixture
def project():
    return ParticipationProjectFactory()


@pytest.fixture
def march(project):
    """Referrals of the project, hand-worked for March 2026:

    psychologist — issued in March: A (a meeting on 10.03), B (an appointment attended on 20.03),
    C (an appointment booked, never attended), D (its meeting on 02.04, after the period): 4 issued,
    2 attended. E was issued in February (not counted), F belongs to another project.
    lawyer — G issued 31.03 with a meeting that day: 1 issued, 1 attended.
    """
    slot = SpecialistSlotFactory(weekday=4, capacity=5)

    def referral(issued_on, service=None, other_project=False):
        return ReferralFactory(
            project=ParticipationProjectFactory() if other_project else project,
            service=service or psychology(),
            issued_on=issued_on,
        )

    a, b, c, d = referral(on(2)), referral(on(5)), referral(on(6)), referral(on(9))
    IndividualSupportFactory(participant=a.participant, referral=a, date=on(10))
    AppointmentFactory(referral=b, slot=slot, date=on(20), booked_on=on(6), status=Appointment.Status.ATTENDED)
    AppointmentFactory(referral=c, slot=slot, date=on(27), booked_on=on(6))
    IndividualSupportFactory(participant=d.participant, referral=d, date=on(2, 4))
    e = referral(on(20, 2))
    IndividualSupportFactory(participant=e.participant, referral=e, date=on(3))
    f = referral(on(3), other_project=True)
    IndividualSupportFactory(participant=f.participant, referral=f, date=on(4))
    g = referral(on(31), service=legal_advice())
    IndividualSupportFactory(participant=g.participant, referral=g, date=on(31))


def test_the_outcome_report_counts_referrals_issued_and_attended_per_service(project, march):
    rows = referrals.by_service(project, MARCH)

    assert [(row.service, row.issued, row.attended, row.rate) for row in rows] == [
        (legal_advice().name, 1, 1, 100),
        (psychology().name, 4, 2, 50),
    ]


def test_a_later_period_counts_the_meeting_after_the_end_of_march(project, march):
    rows = referrals.by_service(project, Period(on(1), on(30, 4)))

    assert [(row.service, row.issued, row.attended) for row in rows][1] == (psychology().name, 4, 3)


def test_the_report_page_shows_the_referrals_section_only_with_referrals(client, manager, project, march):
    client.force_login(manager)

    shown = client.get(f"/reports/projects/{project.pk}/", {"start": "2026-03-01", "end": "2026-03-31"})
    empty = client.get(f"/reports/projects/{project.pk}/", {"start": "2026-05-01", "end": "2026-05-31"})

    section = shown.content.decode().split('id="h-referrals"')[1].split("</section>")[0]
    assert psychology().name in section and "<td>4</td><td>2</td><td>50%</td>" in section
    assert 'id="h-referrals"' not in empty.content.decode()


def test_the_dashboard_counts_referrals_waiting_more_than_14_days(client, coordinator):
    today = timezone.localdate()
    ReferralFactory(issued_on=today - 15 * DAY)
    ReferralFactory(issued_on=today - 40 * DAY)
    ReferralFactory(issued_on=today - 14 * DAY)  # not yet more than 14 days
    ReferralFactory(issued_on=today - 30 * DAY, status=Referral.Status.ACCEPTED, accepted_on=today - 20 * DAY)
    ReferralFactory(issued_on=today - 30 * DAY, status=Referral.Status.DECLINED, ended_on=today - 2 * DAY)
    client.force_login(coordinator)

    response = client.get("/")

    assert response.context["referrals_waiting"] == 2
    content = response.content.decode()
    assert ngettext(
        "%(n)s referral issued more than 14 days ago is neither accepted nor in progress.",
        "%(n)s referrals issued more than 14 days ago are neither accepted nor in progress.",
        2,
    ) % {"n": 2} in " ".join(content.split())
    assert 'href="/activities/referrals/?state=waiting"' in content
