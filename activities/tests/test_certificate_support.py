"""The KIS certificate names the support the person received in that participation, with hours —
per activity the sessions marked present (by their length), individual support by kind and
internships, with a total — and cites the provision it is issued under (art. 18 ust. 5a of the
Act on social employment, consolidated text Dz.U. 2025 poz. 83). Checked against a hand-worked
oracle and read back from the PDF."""

import datetime
import subprocess
from decimal import Decimal

import pytest
from django.utils import translation

from activities.certificates import support_received
from activities.models import Attendance, IndividualSupport, Track
from activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    EnrollmentFactory,
    ServiceTypeFactory,
    SessionFactory,
)
from activities.tests.support_factories import IndividualSupportFactory, InternshipFactory
from participation.documents import SupportReceived
from participation.models import ProjectParticipation
from participation.tests.factories import ended_on, participation_in, started_on

pytestmark = pytest.mark.django_db

Status = ProjectParticipation.Status
Mark = Attendance.Status
DAY = datetime.timedelta(days=1)
CITATION = (
    "The end of participation is confirmed by this certificate under art. 18(5a) of the Act of 13 June 2003 "
    "on social employment (Journal of Laws of 2025, item 83)."
)


@pytest.fixture
def completed(participant, project):
    """Łucja's completed participation (from 40 to 5 days ago) in a project with a social-skills
    training: 3 sessions of 2 h within it, present at 2 (4 h); one more she attended after it ended
    and another person's marks do not count. She also saw a psychologist for 1.5 h within it (and
    once before it began)."""
    participation = participation_in(Status.COMPLETED, participant=participant, project=project)
    activity = ActivityFactory(
        name="Trening kompetencji społecznych",
        project=project,
        service_type=ServiceTypeFactory(name="Trening umiejętności społecznych", track=Track.SOCIAL),
        start_date=started_on(),
        end_date=ended_on() + 10 * DAY,
    )
    enrollment = EnrollmentFactory(activity=activity, participant=participant, enrolled_on=started_on())
    other = EnrollmentFactory(activity=activity, enrolled_on=started_on())
    for offset, mark in ((5, Mark.PRESENT), (15, Mark.ABSENT), (25, Mark.PRESENT), (37, Mark.PRESENT)):
        session = SessionFactory(activity=activity, date=started_on() + offset * DAY)  # the last after the end
        AttendanceFactory(session=session, enrollment=enrollment, status=mark)
        AttendanceFactory(session=session, enrollment=other, status=Mark.PRESENT)
    for on in (started_on() + 12 * DAY, started_on() - 3 * DAY):
        IndividualSupportFactory(participant=participant, project=project, date=on, hours=Decimal("1.5"))
    return participation


def pdf_text(response, tmp_path) -> str:
    """The PDF's text in reading order (a table row's cells one after the other), runs of
    whitespace as one space."""
    assert response.status_code == 200
    path = tmp_path / "certificate.pdf"
    path.write_bytes(response.content)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


def polish(msgid: str) -> str:
    """The certificate is in the club's language whatever the interface's."""
    with translation.override("pl"):
        return translation.gettext(msgid)


def test_the_support_received_is_counted_within_the_participation(completed, django_assert_num_queries):
    # The enrollments with their hours present + individual support by kind + internships.
    with django_assert_num_queries(3):
        lines = support_received(completed)

    assert lines == [
        SupportReceived(
            name="Trening kompetencji społecznych",
            form="social activation, Trening umiejętności społecznych",
            hours=Decimal("4.00"),
        ),
        SupportReceived(name="psychologist (1 meeting)", form="individual support", hours=Decimal("1.50")),
    ]


def test_sessions_are_counted_by_their_length_and_internships_begun_in_the_participation(completed):
    session = completed.participant.enrollments.get().attendances.filter(status=Mark.PRESENT).first().session
    session.start_time, session.end_time = datetime.time(9, 0), datetime.time(10, 45)  # 1.75 h instead of 2
    session.save()
    InternshipFactory(
        participant=completed.participant,
        project=completed.project,
        employer__name="Piekarnia Wejherowska",
        position="pomocnik piekarza",
        start_date=started_on() + 15 * DAY,
        hours=Decimal("80"),
    )
    IndividualSupportFactory(
        participant=completed.participant,
        project=completed.project,
        kind=IndividualSupport.Kind.PSYCHOLOGIST,
        date=started_on() + 20 * DAY,
        hours=Decimal("1"),
    )

    lines = {line.name: line.hours for line in support_received(completed)}

    assert lines == {
        "Trening kompetencji społecznych": Decimal("3.75"),
        "psychologist (2 meetings)": Decimal("2.50"),
        "Piekarnia Wejherowska, pomocnik piekarza": Decimal("80.00"),
    }


def test_the_certificate_lists_the_support_with_hours_and_a_total(client, social_worker, completed, tmp_path):
    client.force_login(social_worker)  # with an English interface

    text = pdf_text(client.get(f"/activities/participations/{completed.pk}/certificate.pdf"), tmp_path)

    with translation.override("pl"):
        track = str(Track.SOCIAL.label)
        psychologist = translation.ngettext("(%(count)s meeting)", "(%(count)s meetings)", 1) % {"count": 1}
        psychologist = f"{IndividualSupport.Kind.PSYCHOLOGIST.label} {psychologist}"
    # Each line: what, its form and the hours; then the total.
    assert (
        f"{polish('Hours')} "
        f"Trening kompetencji społecznych {track}, Trening umiejętności społecznych 4,00 "
        f"{psychologist} {polish('individual support')} 1,50 "
        f"{polish('Total')} 5,50"
    ) in text
    assert polish(CITATION) in text


def test_a_certificate_without_support_recorded_says_so(client, social_worker, participant, project, tmp_path):
    participation = participation_in(Status.DROPPED_OUT, participant=participant, project=project)
    client.force_login(social_worker)

    text = pdf_text(client.get(f"/activities/participations/{participation.pk}/certificate.pdf"), tmp_path)

    assert polish("No support was recorded in this participation.") in text
    assert polish(CITATION) in text


@pytest.mark.parametrize("size", [1, 10])
def test_the_support_is_counted_in_three_queries_for_1_and_10_activities_and_records(
    participant, project, size, django_assert_num_queries
):
    participation = participation_in(Status.COMPLETED, participant=participant, project=project)
    for index in range(size):
        activity = ActivityFactory(project=project, start_date=started_on(), end_date=ended_on())
        enrollment = EnrollmentFactory(activity=activity, participant=participant, enrolled_on=started_on())
        for offset in (1, 2):
            AttendanceFactory(
                session=SessionFactory(activity=activity, date=started_on() + offset * DAY), enrollment=enrollment
            )
        IndividualSupportFactory(
            participant=participant, project=project, kind=IndividualSupport.Kind.values[index % 6], date=started_on()
        )
        InternshipFactory(participant=participant, project=project, start_date=started_on() + index * DAY)

    # The enrollments with their hours present + individual support by kind + internships with employers.
    with django_assert_num_queries(3):
        lines = support_received(participation)

    assert sum(line.hours for line in lines) == size * (2 * 2 + Decimal("1.5") + 160)
