"""The programme tests share the participation tests' fixtures (English messages, a person on a
worker's caseload, a running project): a programme needs people recruited into a project."""

import datetime

import pytest

from activities.models import Attendance, Enrollment, ServiceType
from activities.tests.factories import ActivityFactory, AttendanceFactory, EnrollmentFactory, SessionFactory
from kis.tests.factories import LocationFactory
from participants.tests.factories import ParticipantFactory
from participation.tests.conftest import english, participant, project  # noqa: F401
from participation.tests.factories import ParticipationProjectFactory, today

WEEK = datetime.timedelta(weeks=1)
WEDNESDAY = datetime.date(2026, 3, 4)
Status = Enrollment.Status
Mark = Attendance.Status


@pytest.fixture
def running_course():
    """A certified course with five sessions held and one to come, three people enrolled (one
    regular, one not), one on the waiting list."""
    activity = ActivityFactory(
        name="Kurs kasjera-sprzedawcy",
        capacity=2,
        completion_attendance=80,
        certificate_body="Cech Rzemiosł Różnych",
        trainer="Ewa Trenerska",
    )
    held = [SessionFactory(activity=activity, date=today() - n * WEEK, topic=f"Moduł {n}") for n in range(4, -1, -1)]
    SessionFactory(activity=activity, date=today() + WEEK, topic="Egzamin")
    regular = EnrollmentFactory(
        activity=activity, participant=ParticipantFactory(first_name="Łucja", last_name="Żółkiewska")
    )
    irregular = EnrollmentFactory(
        activity=activity, participant=ParticipantFactory(first_name="Grzegorz", last_name="Brzęczyszczykiewicz")
    )
    waiting = EnrollmentFactory(
        activity=activity,
        participant=ParticipantFactory(first_name="Jan", last_name="Oczekujący"),
        status=Status.WAITING,
    )
    for index, session in enumerate(held):
        AttendanceFactory(session=session, enrollment=regular, status=Mark.PRESENT if index else Mark.ABSENT)
        AttendanceFactory(session=session, enrollment=irregular, status=Mark.ABSENT if index else Mark.PRESENT)
    return {"activity": activity, "regular": regular, "irregular": irregular, "waiting": waiting, "held": held}


@pytest.fixture
def form_data():
    service_type = ServiceType.objects.get(name="Warsztaty komputerowe")
    return {
        "name": "ECDL Base — moduł B1",
        "service_type": service_type.pk,
        "project": ParticipationProjectFactory().pk,
        "trainer": "Jan Trener",
        "location": LocationFactory(name="KIS Śródmieście").pk,
        "start_date": f"{WEDNESDAY:%Y-%m-%d}",
        "end_date": f"{WEDNESDAY + 8 * WEEK:%Y-%m-%d}",
        "capacity": 10,
        "planned_hours": 16,
        "completion_attendance": 80,
        "certificate_body": "ECDL Polska",
        "schedule-weekday": 1,
        "schedule-start_time": "10:00",
        "schedule-end_time": "12:00",
        "schedule-weeks": 8,
    }
