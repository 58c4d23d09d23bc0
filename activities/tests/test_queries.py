"""The programme pages load in a fixed number of queries, whatever the number of activities,
sessions, people and marks shown (django-zeal fails the test on an N+1 as well)."""

import datetime
import re

import pytest

from activities.models import Attendance, Enrollment
from activities.tests.factories import ActivityFactory, AttendanceFactory, EnrollmentFactory, SessionFactory
from kis.tests.helpers import SIGNED_IN
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory
from participation.tests.factories import today
from projects.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
Status = Enrollment.Status
Mark = Attendance.Status


@pytest.mark.parametrize("size", [1, 30])
def test_the_activity_list_makes_the_same_queries_for_1_and_30_activities(
    client, coordinator, size, django_assert_num_queries
):
    for index in range(size):
        activity = ActivityFactory(provider=PartnerFactory() if index % 2 else None)
        EnrollmentFactory(activity=activity)
        EnrollmentFactory(activity=activity, status=Status.WAITING)
    client.force_login(coordinator)

    # SIGNED_IN + the paginator's count + the page of activities with their service type,
    # project, location, provider and enrolment counts + the filter's choices of service types,
    # projects and locations.
    with django_assert_num_queries(SIGNED_IN + 5):
        response = client.get("/activities/", {"track": "vocational"})

    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(size, 25)
    assert response.context["paginator"].count == size


@pytest.mark.parametrize("size", [1, 25])
def test_the_activity_page_makes_the_same_queries_for_1_and_25_people_and_sessions(
    client, coordinator, size, django_assert_num_queries
):
    activity = ActivityFactory(capacity=size, provider=PartnerFactory(), certificate_body="ECDL Polska")
    sessions = [SessionFactory(activity=activity, date=activity.start_date + index * DAY) for index in range(size)]
    enrollments = EnrollmentFactory.create_batch(size, activity=activity)
    EnrollmentFactory.create_batch(size, activity=activity, status=Status.WAITING)
    for enrollment in enrollments:
        AttendanceFactory(session=sessions[0], enrollment=enrollment)
    ParticipantFactory.create_batch(size, last_name="Kandydacka")  # found by the enrollment search
    client.force_login(coordinator)
    # The search is posted and the page comes back with a token that recalls it.
    searched = client.post(f"/activities/{activity.pk}/", {"q": "Kandydacka"})["Location"]

    # SIGNED_IN + the activity with its service type, project, location and provider + its
    # sessions + the enrollments with their people, attendance counts and sessions held while
    # enrolled + the activity's attendance rate + the people found to enroll, with their location.
    with django_assert_num_queries(SIGNED_IN + 5):
        response = client.get(searched)

    assert response.status_code == 200
    assert len(response.context["enrolled"]) == len(response.context["waiting"]) == size
    assert len(response.context["candidates"]) == min(size, 15)
    assert response.content.decode().count("/attendance.pdf") == size


@pytest.mark.parametrize("size", [1, 25])
def test_the_attendance_grid_makes_the_same_queries_for_1_and_25_people(
    client, coordinator, size, django_assert_num_queries
):
    activity = ActivityFactory(capacity=size)
    session = SessionFactory(activity=activity, date=today())
    enrollments = EnrollmentFactory.create_batch(size, activity=activity)
    for enrollment in enrollments:
        AttendanceFactory(session=session, enrollment=enrollment, status=Mark.ABSENT)
        session.cared_dependants.add(HouseholdMemberFactory(participant=enrollment.participant))
    EnrollmentFactory.create_batch(size, activity=activity, status=Status.WAITING)
    # The coordinator of the people's location marks them all.
    client.force_login(coordinator)

    # SIGNED_IN + the session with its activity, project, location and service type + the people
    # enrolled + their household members + the session's marks + the dependants cared for.
    with django_assert_num_queries(SIGNED_IN + 5):
        response = client.get(f"/activities/sessions/{session.pk}/attendance/")

    assert response.status_code == 200
    assert len(response.context["rows"]) == len(response.context["dependants"]) == size
    checked_absent = re.findall(r'<input[^>]*\svalue="absent"[^>]*\schecked[^>]*>', response.content.decode())
    assert len(checked_absent) == size
