"""The dashboard at / for coordinators and managers (recruitment against target, caseloads, people
without a contract in force, contract reviews, attendance in 30 days, upcoming sessions,
under-filled activities), and a social worker's own to-dos there instead."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Attendance, Enrollment
from activities.tests.factories import ActivityFactory, AttendanceFactory, EnrollmentFactory, SessionFactory
from contracts.models import SocialContract
from contracts.tests.factories import SocialContractFactory
from contracts.tests.helpers import signed_contract
from kis.tests.factories import LocationFactory, UserFactory
from participants.models import ParticipantStatus
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import ParticipationProjectFactory, today
from projects.models import Project
from reports import dashboard
from reports.tests.factories import ReportProjectFactory, d, participation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
Mark = Attendance.Status


def test_recruitment_is_counted_cumulatively_by_month_against_the_target():
    """A closed project, 15.01.2024 – 10.06.2024, target 6: starts on 20.01, 31.01, 05.03 (two)
    and 10.06; someone qualified who never started and someone in another project do not count."""
    project = ReportProjectFactory(start_date=d("15.01.2024"), end_date=d("10.06.2024"), target_recruited=6)
    other = ReportProjectFactory(start_date=d("01.01.2024"), end_date=d("31.12.2024"))
    for started in ("20.01.2024", "31.01.2024", "05.03.2024", "05.03.2024", "10.06.2024"):
        participation(project, ParticipantFactory(), status="active", started=d(started), age=40)
    participation(project, ParticipantFactory(), status="qualified", qualified=d("01.02.2024"))
    participation(other, ParticipantFactory(), status="active", started=d("15.02.2024"), age=40)

    series = dashboard.recruitment_series(project)

    assert series == {
        "labels": ["01.2024", "02.2024", "03.2024", "04.2024", "05.2024", "06.2024"],
        "recruited": [2, 2, 4, 4, 4, 5],
        "target": [6, 6, 6, 6, 6, 6],
    }


def test_a_running_project_is_charted_up_to_the_current_month():
    project = ParticipationProjectFactory(target_recruited=40)  # from 200 days ago to 300 days ahead
    participation(project, ParticipantFactory(), status="active", started=project.start_date, age=30)
    participation(project, ParticipantFactory(), status="active", started=today() - DAY * 3, age=30)

    series = dashboard.recruitment_series(project)

    assert series["labels"][0] == f"{project.start_date:%m.%Y}"
    assert series["labels"][-1] == f"{today():%m.%Y}"
    assert len(series["labels"]) in (7, 8)  # 200 days span 7 or 8 calendar months
    assert series["recruited"][0] == 1 and series["recruited"][-1] == 2
    assert series["recruited"] == sorted(series["recruited"])
    assert set(series["target"]) == {40}


def test_a_project_yet_to_start_is_charted_as_its_first_month():
    project = ReportProjectFactory(start_date=today() + DAY * 40, end_date=today() + DAY * 400)

    series = dashboard.recruitment_series(project)

    assert series["labels"] == [f"{project.start_date:%m.%Y}"] and series["recruited"] == [0]


@pytest.fixture
def club(social_worker, other_social_worker):
    """Two running projects; Anna Nowak (``social_worker``) has three active people and a
    candidate, Piotr Wójcik one active person; reviews, sessions and marks around today."""
    busy = ParticipationProjectFactory(code="BUSY/1", target_recruited=20)
    quiet = ParticipationProjectFactory(code="QUIET/1", target_recruited=5)
    anna = [ParticipantFactory(social_worker=social_worker, status=ParticipantStatus.ACTIVE) for _index in range(3)]
    anna_candidate = ParticipantFactory(
        social_worker=social_worker, status=ParticipantStatus.CANDIDATE, last_name="Bezumowna"
    )
    piotr = ParticipantFactory(
        social_worker=other_social_worker, status=ParticipantStatus.ACTIVE, last_name="Bezkontraktowy"
    )
    ParticipantFactory(status=ParticipantStatus.ACTIVE)  # looked after by a user outside the social_worker role
    ParticipantFactory(social_worker=social_worker, status=ParticipantStatus.CLOSED)  # a closed case: not a to-do
    for person in anna:
        participation(busy, person, status="active", started=today() - DAY * 20, age=30)
    participation(quiet, piotr, status="active", started=today() - DAY * 20, age=30)

    contracts = {
        "overdue": signed_contract(participant=anna[0], next_review_on=today() - DAY * 3),
        "due": signed_contract(participant=anna[1], next_review_on=today() + DAY * 5),
        "later": signed_contract(participant=anna[2], next_review_on=today() + DAY * 30),
    }
    SocialContractFactory(participant=piotr)  # a draft is not a contract in force

    activity = ActivityFactory(project=busy, name="Klub pracy", capacity=12)
    full = ActivityFactory(project=busy, name="Warsztaty pełne", capacity=2)
    ActivityFactory(project=busy, name="Zakończone", capacity=12, start_date=today() - DAY * 60, end_date=today() - DAY)
    recent = SessionFactory(activity=activity, date=today() - DAY * 10)
    old = SessionFactory(activity=activity, date=today() - DAY * 40)
    enrollments = [EnrollmentFactory(activity=activity, participant=person) for person in anna]
    for enrollment, status in zip(enrollments, [Mark.PRESENT, Mark.PRESENT, Mark.ABSENT], strict=True):
        AttendanceFactory(session=recent, enrollment=enrollment, status=status)
        AttendanceFactory(session=old, enrollment=enrollment, status=Mark.ABSENT)
    # People of other caseloads whose to-dos are not at stake here.
    EnrollmentFactory.create_batch(2, activity=full, participant__status=ParticipantStatus.INACTIVE)
    EnrollmentFactory(
        activity=activity, status=Enrollment.Status.WAITING, participant__status=ParticipantStatus.INACTIVE
    )
    sessions = {
        "yesterday": SessionFactory(activity=activity, date=today() - DAY),
        "in 2 days": SessionFactory(activity=activity, date=today() + DAY * 2),
        "in 6 days": SessionFactory(activity=full, date=today() + DAY * 6),
        "in 8 days": SessionFactory(activity=activity, date=today() + DAY * 8),
    }
    return {
        "busy": busy,
        "quiet": quiet,
        "anna": anna,
        "anna_candidate": anna_candidate,
        "piotr": piotr,
        "contracts": contracts,
        "sessions": sessions,
        "activity": activity,
    }


@pytest.mark.parametrize("role", ["coordinator", "manager"])
def test_coordinators_and_managers_see_the_dashboard(client, request, club, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get("/")

    assert response.status_code == 200
    context = response.context
    assert context["dashboard"] is True
    assert context["chart_project"] == club["busy"]  # the running project with most people
    assert context["chart"]["target"][-1] == 20 and context["chart"]["recruited"][-1] == 3
    assert [(row["social_worker__last_name"], row["n"]) for row in context["caseload_per_worker"]] == [
        ("Nowak", 3),
        ("Wójcik", 1),
    ]
    assert context["attendance_30"] == 67  # 2 of 3 marks ten days ago; the absences 40 days ago are out
    assert [s.pk for s in context["upcoming_sessions"]] == [
        club["sessions"]["in 2 days"].pk,
        club["sessions"]["in 6 days"].pk,
    ]
    assert [a.name for a in context["under_filled"]] == ["Klub pracy"]  # 3 of 12; full and ended ones are not
    content = response.content.decode()
    assert 'id="h-dashboard"' in content and 'id="recruitment-chart"' in content
    assert "Klub pracy</a> — 3 / 12" in content
    assert re.search(r"Nowak</td><td>3</td>", content)
    assert "67%" in content


def test_a_coordinator_s_attendance_counts_the_sessions_held_at_their_locations(client, coordinator, manager):
    """The rate of the last 30 days is counted by session: a coordinator's are the sessions of the
    activities at the locations they coordinate, whoever was marked there (not the marks of their
    locations' people wherever they were); a manager's are all the sessions."""
    elsewhere = LocationFactory(name="KIS Knurów")
    at_home = SessionFactory(activity=ActivityFactory(), date=today() - DAY * 5)  # the coordinator's location
    away = SessionFactory(activity=ActivityFactory(location=elsewhere), date=today() - DAY * 5)
    for _index in range(2):  # people of the other location, present at the coordinator's
        person = ParticipantFactory(location=elsewhere)
        AttendanceFactory(session=at_home, enrollment__activity=at_home.activity, enrollment__participant=person)
    own = ParticipantFactory()  # of the coordinator's location, absent elsewhere
    AttendanceFactory(session=away, enrollment__activity=away.activity, enrollment__participant=own, status=Mark.ABSENT)

    client.force_login(coordinator)
    assert client.get("/").context["attendance_30"] == 100  # 2 of the 2 marks at their location
    client.force_login(manager)
    assert client.get("/").context["attendance_30"] == 67  # 2 of the 3 marks anywhere


def test_the_coordinator_is_reminded_of_everyone_s_contracts(client, coordinator, club):
    client.force_login(coordinator)

    context = client.get("/").context

    assert list(context["reviews_overdue"]) == [club["contracts"]["overdue"]]
    assert list(context["reviews_due"]) == [club["contracts"]["due"]]
    # Candidates and active people with no signed contract in force (a draft does not count).
    without = {p.last_name for p in context["without_contract"]}
    assert {"Bezumowna", "Bezkontraktowy"} <= without
    assert not without & {p.last_name for p in club["anna"]}
    assert context["without_contract_count"] == len(without) == 3  # and the person outside the role


def test_the_chart_follows_the_project_chosen(client, manager, club):
    client.force_login(manager)

    response = client.get("/", {"project": club["quiet"].pk})

    assert response.context["chart_project"] == club["quiet"]
    assert response.context["chart"]["target"][-1] == 5
    assert f'<option value="{club["quiet"].pk}" selected>' in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "999999", "-1", "1.5", "", "²", "9" * 25])
def test_a_project_that_cannot_be_read_or_found_charts_the_default(client, coordinator, club, value):
    client.force_login(coordinator)

    response = client.get("/", {"project": value})

    assert response.status_code == 200
    assert response.context["chart_project"] == club["busy"]


def test_a_social_worker_sees_their_own_to_dos_and_not_the_dashboard(client, social_worker, club):
    client.force_login(social_worker)

    response = client.get("/")

    assert response.status_code == 200
    context = response.context
    assert "dashboard" not in context and "chart" not in context and "caseload_per_worker" not in context
    assert list(context["reviews_overdue"]) == [club["contracts"]["overdue"]]
    assert list(context["reviews_due"]) == [club["contracts"]["due"]]
    assert [p.last_name for p in context["without_contract"]] == ["Bezumowna"]  # not Piotr's person
    assert context["caseload_count"] == 5  # three active, a candidate and a closed case
    content = response.content.decode()
    assert 'id="h-dashboard"' not in content and "recruitment-chart" not in content
    assert "On my caseload: no signed contract in force" in content


def test_another_social_worker_sees_only_their_own(client, other_social_worker, club):
    client.force_login(other_social_worker)

    context = client.get("/").context

    assert list(context["reviews_overdue"]) == list(context["reviews_due"]) == []
    assert [p.last_name for p in context["without_contract"]] == ["Bezkontraktowy"]
    assert "dashboard" not in context


@pytest.fixture
def figures_kept(empty_cache, settings):
    """The dashboard's figures kept for a minute, as in production, in an empty cache."""
    settings.KIS_DASHBOARD_CACHE_SECONDS = 60


def figure_queries(queries) -> list[str]:
    """The statements of the dashboard's own figures (attendance, under-filled activities, the
    chart's recruitment, caseloads per worker) among ``queries``."""
    marks = ('"present_count"', '"capacity"', "DATE_TRUNC", '"social_worker__first_name"')
    return [q["sql"] for q in queries.captured_queries if any(mark in q["sql"] for mark in marks)]


def test_the_dashboard_s_figures_are_counted_once_a_minute_and_say_when(client, coordinator, club, figures_kept):
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as queries:
        before = client.get("/").content.decode()
    first = figure_queries(queries)  # read at once: the next request starts a new log
    EnrollmentFactory.create_batch(6, activity=club["activity"])  # "Klub pracy" is under-filled no more

    with CaptureQueriesContext(connection) as queries:
        kept = client.get("/").content.decode()

    assert len(first) >= 4 and figure_queries(queries) == []
    assert "Klub pracy</a> — 3 / 12" in before and "Klub pracy</a> — 3 / 12" in kept
    assert re.search(r"Figures as of \d\d:\d\d\.", kept)
    cache.clear()  # a minute later
    assert "Klub pracy</a> — 3 / 12" not in client.get("/").content.decode()


def test_each_user_and_charted_project_has_figures_of_its_own(client, coordinator, manager, club, figures_kept):
    client.force_login(coordinator)
    client.get("/")
    client.force_login(manager)
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    managers = figure_queries(queries)  # read at once: the next request starts a new log
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", {"project": club["quiet"].pk})

    assert len(managers) >= 4  # not the coordinator's figures
    assert len(figure_queries(queries)) >= 4
    assert response.context["chart_project"] == club["quiet"]
    assert f'<option value="{club["quiet"].pk}" selected>' in response.content.decode()


def test_the_dashboard_with_no_project_and_no_data_renders(client, manager):
    client.force_login(manager)

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["chart_project"] is None and response.context["chart"] is None
    assert response.context["attendance_30"] is None
    assert "No project yet." in response.content.decode()


def test_the_chart_prefers_a_running_project_to_a_closed_one(db):
    closed = ReportProjectFactory(status=Project.Status.CLOSED)
    for _index in range(3):
        participation(closed, ParticipantFactory(), status="active", started=closed.start_date, age=30)
    running = ParticipationProjectFactory()

    assert dashboard.chart_project(None) == running
    assert dashboard.chart_project(str(closed.pk)) == closed


def test_people_with_a_contract_that_has_ended_need_a_new_one(db):
    person = ParticipantFactory(status=ParticipantStatus.ACTIVE, social_worker=UserFactory())
    contract = signed_contract(participant=person, period_start=today() - DAY * 200)
    SocialContract.objects.filter(pk=contract.pk).update(effective_period_end=today() - DAY)

    assert list(dashboard.without_contract()) == [person]
