"""The report pages make the same number of queries whatever the number of people, activities,
marks and projects (django-zeal fails the test on an N+1 as well)."""

import datetime

import pytest

from activities import counters
from activities.models import Attendance, Enrollment, Internship, Session, Track
from activities.tests.factories import ActivityFactory, ServiceTypeFactory
from contracts.tests.helpers import signed_contract
from kis.tests.factories import LocationFactory
from kis.tests.helpers import SIGNED_IN
from participants.models import ParticipantStatus, RiskFactor
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import ParticipationProjectFactory
from projects.tests.factories import PartnerFactory, ProjectPartnerFactory
from reports.models import ReportSnapshot
from reports.tests.factories import ReportProjectFactory, d, participation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
EXITS = ["employed", "education", "social-progress", "other"]
REASONS = ["found_job", "health", "moved"]


def populate(project, size: int, author) -> None:
    """``size`` people in ``project`` in every state, with risk factors, two locations, exit
    situations, follow-ups, two activities with sessions, marks, certificates and internships."""
    locations = [LocationFactory(name="KIS Śródmieście"), LocationFactory(name="Punkt Wsparcia Kromołów")]
    risks = list(RiskFactor.objects.order_by("order")[:4])
    activities = [
        ActivityFactory(project=project, service_type=ServiceTypeFactory(name="Trening", track=Track.SOCIAL)),
        ActivityFactory(project=project, service_type=ServiceTypeFactory(name="Kurs", track=Track.VOCATIONAL)),
    ]
    sessions = [
        Session.objects.create(activity=activity, date=d(day), start_time=datetime.time(9), end_time=datetime.time(12))
        for activity in activities
        for day in ("10.03.2024", "10.04.2024")
    ]
    employer = PartnerFactory()
    for index in range(size):
        person = ParticipantFactory(location=locations[index % 2])
        person.risk_factors.set(risks[index % 3 : index % 3 + 2])
        kind = index % 4
        if kind == 0:
            participation(project, person, status="active", qualified=d("01.02.2024"), started=d("01.03.2024"), age=30)
        elif kind == 1:
            participation(
                project,
                person,
                status="completed",
                qualified=d("01.02.2024"),
                started=d("01.03.2024"),
                ended=d("01.09.2024"),
                age=19 + index,
                exit_code=EXITS[index % 4],
                followup_on=d("01.12.2024"),
                followup_employed=index % 2 == 0,
                followup_social_progress=True,
            )
        elif kind == 2:
            participation(
                project,
                person,
                status="dropped_out",
                qualified=d("01.02.2024"),
                started=d("01.03.2024"),
                ended=d("01.05.2024"),
                age=60,
                reason=REASONS[index % 3],
                exit_code=EXITS[index % 4],
            )
        else:
            participation(project, person, status="qualified", qualified=d("01.02.2024"))
        for activity in activities:
            enrollment = Enrollment.objects.create(
                activity=activity,
                participant=person,
                enrolled_on=d("01.03.2024"),
                status=Enrollment.Status.COMPLETED if kind == 1 else Enrollment.Status.ENROLLED,
                finished_on=d("01.09.2024") if kind == 1 else None,
                certificate_number=f"C-{activity.pk}-{index}" if kind == 1 else "",
            )
            for session in sessions:
                if session.activity_id == activity.pk:
                    Attendance.objects.create(session=session, enrollment=enrollment, status="present")
        Internship.objects.create(
            participant=person,
            project=project,
            employer=employer,
            start_date=d("01.04.2024"),
            end_date=d("01.06.2024"),
            completed=kind == 1,
        )
    counters.recount_all()  # the marks above were saved directly, not through the service
    for _index in range(2):
        ProjectPartnerFactory(project=project)
    for _index in range(min(size, 3)):
        ReportSnapshot.objects.create(
            project=project,
            period_start=project.start_date,
            period_end=project.end_date,
            created_by=author,
            figures={},
            pdf="report_snapshots/kept.pdf",
            sha256="0" * 64,
        )


# The report: the project + whether anyone took part twice (outcomes.has_rejoined: without, the
# figures need no subquery per episode) + its outcome figures in 12 aggregate queries (the counts
# over the participations in one: headline counts, by sex, by age, effectiveness and the indicators'
# counts; dropout reasons; by risk factor; by location; every activity's enrolment counts, as plain
# rows; hours and attendance marks per activity, from the sessions' counters; the activities shown
# (the report lists those with most people); certificates; hours of individual support;
# internships; the situations on leaving and their counts) + partners + the project's indicators
# + snapshots with their authors + the hours of socially useful work by month + the referrals
# issued and attended per service.
REPORT = 1 + 1 + 12 + 1 + 1 + 1 + 1 + 1
# The page alone (not the PDF): the recruitment month by month of its chart.
CHART = 1


@pytest.mark.parametrize("size", [2, 30])
def test_the_report_page_makes_the_same_queries_for_2_and_30_people(client, manager, size, django_assert_num_queries):
    project = ReportProjectFactory()
    populate(project, size, manager)
    client.force_login(manager)

    # SIGNED_IN + REPORT (the project, its figures, partners and the snapshots listed) + its chart.
    with django_assert_num_queries(SIGNED_IN + REPORT + CHART):
        response = client.get(f"/reports/projects/{project.pk}/")

    assert response.status_code == 200
    assert response.context["report"].headline["recruited"].value == size - size // 4


@pytest.mark.parametrize("size", [2, 30])
def test_the_pdf_makes_the_same_queries_for_2_and_30_people(client, manager, size, django_assert_num_queries):
    project = ReportProjectFactory()
    populate(project, size, manager)
    client.force_login(manager)

    # SIGNED_IN + REPORT without the snapshots + the number of participations (a large report is
    # made in the background, kis.background) + the audit entry.
    with django_assert_num_queries(SIGNED_IN + REPORT - 1 + 1 + 1):
        response = client.get(f"/reports/projects/{project.pk}/pdf/")

    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 30])
def test_the_people_list_makes_the_same_queries_for_2_and_30_people(client, manager, size, django_assert_num_queries):
    project = ReportProjectFactory()
    populate(project, size, manager)
    client.force_login(manager)

    # SIGNED_IN + the project + whether anyone took part twice (outcomes.has_rejoined) + the
    # paginator's count + the page of participations with their people, locations and situations
    # on leaving + the audit entry.
    with django_assert_num_queries(SIGNED_IN + 5):
        response = client.get(f"/reports/projects/{project.pk}/people/", {"figure": "recruited"})

    assert response.context["page_obj"].paginator.count == size - size // 4


@pytest.mark.parametrize("size", [2, 30])
def test_the_participant_sheet_makes_the_same_queries_for_2_and_30_people(
    client, manager, size, django_assert_num_queries
):
    project = ReportProjectFactory()
    populate(project, size, manager)
    client.force_login(manager)

    # SIGNED_IN + the project + the number of its participations (a large sheet is made in the
    # background) + the participations with their people and situations + their risk factors
    # (prefetched) + the audit entry.
    with django_assert_num_queries(SIGNED_IN + 5):
        response = client.get(f"/reports/projects/{project.pk}/participants.xlsx")

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_the_report_list_makes_the_same_queries_for_1_and_10_projects(client, manager, size, django_assert_num_queries):
    for _index in range(size):
        populate(ReportProjectFactory(), 2, manager)
    client.force_login(manager)

    # SIGNED_IN + the projects with their recruited and completed counts.
    with django_assert_num_queries(SIGNED_IN + 1):
        response = client.get("/reports/")

    assert len(response.context["projects"]) == size


@pytest.mark.parametrize("size", [1, 12])
def test_the_dashboard_makes_the_same_queries_whatever_the_size_of_the_club(
    client, coordinator, social_worker, size, django_assert_num_queries
):
    project = ParticipationProjectFactory()
    today = project.start_date + DAY * 200
    for index in range(size):
        person = ParticipantFactory(social_worker=social_worker, status=ParticipantStatus.ACTIVE)
        participation(project, person, status="active", started=project.start_date + DAY * index, age=40)
        if index % 2:
            signed_contract(participant=person, next_review_on=today + DAY * (index - 6))
        activity = ActivityFactory(project=project, capacity=20)
        session = Session.objects.create(
            activity=activity, date=today + DAY * (index % 5), start_time=datetime.time(9), end_time=datetime.time(10)
        )
        past = Session.objects.create(
            activity=activity, date=today - DAY * 3, start_time=datetime.time(9), end_time=datetime.time(10)
        )
        enrollment = Enrollment.objects.create(activity=activity, participant=person, enrolled_on=today - DAY * 10)
        Attendance.objects.create(session=past, enrollment=enrollment, status="present" if index % 3 else "absent")
        assert session.date >= today
    counters.recount_all()
    client.force_login(coordinator)

    # SIGNED_IN + recent caseload (its size is counted for a social worker only, in the same query)
    # + all participants + contract reminders (overdue, due, overdue tasks) + people without a
    # contract in force (each list its first rows and how many in all: a window count in the same
    # query) + the dashboard: the charted project, the project
    # choices, recruitment by month, caseload per worker, attendance in 30 days (the sessions'
    # counters at the coordinator's locations), upcoming sessions, under-filled activities
    # + socially useful work: the hours of the last months + referrals waiting more than 14 days
    # + the absences in a row (one query: the first people flagged, from the enrolments' stored
    # runs, and how many there are in all — a window count).
    with django_assert_num_queries(SIGNED_IN + 16):
        response = client.get("/")

    assert response.status_code == 200
    assert response.context["caseload_per_worker"][0]["n"] == size
    assert len(response.context["upcoming_sessions"]) == min(size, 10)
