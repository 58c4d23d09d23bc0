"""The programme on a person's page (attendance, absences in a row, care of dependants), the
contract review's view of it, and the home page's list of absences."""

import re
from decimal import Decimal

import pytest

from activities.models import Attendance, Enrollment
from activities.tests.factories import ActivityFactory, AttendanceFactory, EnrollmentFactory, SessionFactory
from activities.tests.support_factories import (
    IndividualSupportFactory,
    InternshipFactory,
    VolunteerAgreementFactory,
)
from activities.tests.test_support import DAY, admitted, today
from contracts import services as contract_services
from contracts.models import ContractTask
from contracts.tests.factories import ContractReviewFactory, ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import PASSWORD, SIGNATURE
from kis.tests.helpers import SIGNED_IN
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

# --- Attendance, absences and care on the participant's page --------------------------------


def sessions_of(activity, days_ago):
    return [SessionFactory(activity=activity, date=today() - DAY * days) for days in days_ago]


def mark(enrollment, sessions, statuses):
    for session, status in zip(sessions, statuses, strict=True):
        AttendanceFactory(session=session, enrollment=enrollment, status=status)


P, A, E = Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.EXCUSED


def test_the_participant_page_shows_attendance_and_flags_absences_in_a_row(client, social_worker, participant):
    computers = ActivityFactory(name="Warsztaty komputerowe ECDL")
    enrollment = EnrollmentFactory(activity=computers, participant=participant)
    # Five sessions held (oldest first): present, present, absent, absent, absent; one to come.
    held = sessions_of(computers, [20, 15, 10, 5, 1])
    sessions_of(computers, [-6])
    mark(enrollment, held, [P, P, A, A, A])
    client.force_login(social_worker)

    content = client.get(f"/participants/{participant.pk}/").content.decode()

    section = re.search(r'id="h-enrollments".*?</section>', content, re.S).group(0)
    assert "Warsztaty komputerowe ECDL" in section
    assert "2/5 (40%)" in section
    assert "3 unexcused absences in a row" in section


def test_an_excused_absence_or_a_presence_ends_the_run(client, social_worker, participant):
    activity = ActivityFactory()
    enrollment = EnrollmentFactory(activity=activity, participant=participant)
    mark(enrollment, sessions_of(activity, [20, 15, 10, 5]), [A, A, E, A])
    client.force_login(social_worker)

    content = client.get(f"/participants/{participant.pk}/").content.decode()

    assert "absences in a row" not in content
    assert "1/4 (25%)" not in content and "0/4 (0%)" in content


def test_the_participant_page_shows_how_often_dependants_were_cared_for(client, social_worker, participant):
    son = HouseholdMemberFactory(participant=participant, first_name="Kacper", needs_care=True)
    HouseholdMemberFactory(participant=participant, first_name="Teresa", needs_care=False)
    daughter = HouseholdMemberFactory(participant=participant, first_name="Lena", needs_care=True)
    sessions = sessions_of(ActivityFactory(), [14, 7, 2])
    for session in sessions:
        session.cared_dependants.add(son)
    client.force_login(social_worker)

    content = client.get(f"/participants/{participant.pk}/").content.decode()

    section = re.search(r'id="h-care".*?</section>', content, re.S).group(0)
    rows = re.findall(r"<tr><th[^>]*>([^<]+)</th><td>[^<]*</td><td[^>]*>(\d+)</td><td>([^<]+)</td></tr>", section)
    assert rows == [
        (f"Kacper {son.last_name}", "3", f"{today() - DAY * 2:%d.%m.%Y}"),
        (f"Lena {daughter.last_name}", "0", "—"),
    ]
    assert "Teresa" not in section


@pytest.mark.parametrize("rows", [1, 10])
def test_the_participant_page_makes_the_same_queries_for_1_and_10_records_of_each_kind(
    client, social_worker, participant, rows, django_assert_num_queries
):
    project = admitted(participant)
    for index in range(rows):
        IndividualSupportFactory(participant=participant, project=project, specialist=f"Specjalista {index}")
        InternshipFactory(participant=participant, project=project)
        VolunteerAgreementFactory(participant=participant)
        activity = ActivityFactory(project=project)
        enrollment = EnrollmentFactory(activity=activity, participant=participant)
        mark(enrollment, sessions_of(activity, [3, 2, 1]), [P, A, A])
        member = HouseholdMemberFactory(participant=participant, needs_care=True)
        activity.sessions.first().cared_dependants.add(member)
    client.force_login(social_worker)

    # SIGNED_IN + 1 the participant with worker and location + 2 risk factors + 3 household members
    # + 4 stand-ins with their workers + 5 consents + 6 contracts + 7 participations with their
    # projects + 8 individual support with its projects + 9 internships with their employers + 10
    # volunteering agreements with their organisations (whether the user may edit the person is
    # known from the scope the person was reached through: no query) + 11 INSERT of the "view"
    # audit entry + 12 who has seen the record; the programme's template tag: 13 the enrollments
    # with their activities, service types, attendance counts and runs of absences + 14 the care of
    # the dependants; the referral tag: 15 the person's referrals (their appointments one more,
    # skipped when there are none); programmes' template tag: 16 the person's links to municipal
    # programmes.
    with django_assert_num_queries(SIGNED_IN + 16):
        response = client.get(f"/participants/{participant.pk}/")

    content = response.content.decode()
    assert content.count("Specjalista ") == rows
    assert content.count("1/3 (33%)") == rows
    assert content.count("pomocnik magazyniera") == rows
    assert content.count("<td>Pomoc w jadłodajni") == rows
    assert len(re.findall(r'<td class="text-end">1</td>', re.search(r'id="h-care".*?</section>', content, re.S)[0]))
    assert "2 unexcused absences in a row" not in content  # below the flag of 3


# --- The contract review ----------------------------------------------------------------------


@pytest.fixture
def reviewed_contract(participant):
    """A contract of ``participant`` in force for 40 days, reviewed 10 days ago, with tasks due
    before that review, since it (open, not done, done) and after today."""
    contract = SocialContractFactory(participant=participant, period_start=today() - DAY * 40)
    tasks = {
        "before": ContractTaskFactory(
            contract=contract, description="Zadanie sprzed oceny", deadline=today() - DAY * 20
        ),
        "open": ContractTaskFactory(contract=contract, description="Złożyć CV w PUP", deadline=today() - DAY * 5),
        "not done": ContractTaskFactory(
            contract=contract, description="Spotkanie z doradcą", deadline=today() - DAY * 4
        ),
        "done": ContractTaskFactory(contract=contract, description="Wizyta u lekarza", deadline=today() - DAY * 2),
        "to come": ContractTaskFactory(contract=contract, description="Rozpocząć staż", deadline=today() + DAY * 10),
    }
    contract = contract_services.contract_sign(
        contract_id=contract.pk, user=contract.social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )
    ContractTask.objects.filter(pk=tasks["not done"].pk).update(status=ContractTask.Status.NOT_DONE)
    ContractTask.objects.filter(pk=tasks["done"].pk).update(status=ContractTask.Status.DONE)
    ContractReviewFactory(contract=contract, reviewed_on=today() - DAY * 10)
    return contract


def test_the_review_shows_attendance_support_and_unmet_tasks_since_the_last_review(
    client, social_worker, participant, reviewed_contract
):
    activity = ActivityFactory(name="Trening kompetencji społecznych")
    enrollment = EnrollmentFactory(activity=activity, participant=participant)
    # Before the review (not counted): present, present; since: present, absent, excused, absent.
    mark(enrollment, sessions_of(activity, [15, 12, 9, 6, 4, 2]), [P, P, P, A, E, A])
    IndividualSupportFactory(participant=participant, date=today() - DAY * 12, hours=Decimal("5"))  # before
    IndividualSupportFactory(participant=participant, date=today() - DAY * 3, hours=Decimal("1.5"))
    IndividualSupportFactory(participant=participant, date=today() - DAY, hours=Decimal("2"))
    client.force_login(social_worker)

    response = client.get(f"/contracts/{reviewed_contract.pk}/reviews/new/")

    section = re.search(r'id="h-progress".*?</section>', response.content.decode(), re.S).group(0)
    assert f"Since the last review ({today() - DAY * 10:%d.%m.%Y})" in section
    row = re.search(r"<td>Trening kompetencji społecznych</td>(.*?)</tr>", section, re.S).group(1)
    assert re.findall(r">([^<]+)</td>", row) == ["1", "2", "1", "25%"]
    assert "2 meetings, 3.5 h in all." in section
    unmet = re.search(r"Tasks not met in this time</h3>(.*?)</ul>", section, re.S).group(1)
    assert "Złożyć CV w PUP" in unmet and "overdue" in unmet
    assert "Spotkanie z doradcą" in unmet and "not done" in unmet
    for met_or_other_time in ("Zadanie sprzed oceny", "Wizyta u lekarza", "Rozpocząć staż"):
        assert met_or_other_time not in unmet


def test_the_first_review_counts_from_the_start_of_the_contract(client, social_worker, participant):
    contract = SocialContractFactory(participant=participant, period_start=today() - DAY * 30)
    ContractTaskFactory(contract=contract, deadline=today() + DAY * 30)
    contract = contract_services.contract_sign(
        contract_id=contract.pk, user=social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )
    activity = ActivityFactory()
    enrollment = EnrollmentFactory(activity=activity, participant=participant)
    mark(enrollment, sessions_of(activity, [40, 20, 6, 4, 2]), [P, P, A, A, A])
    client.force_login(social_worker)

    section = re.search(
        r'id="h-progress".*?</section>',
        client.get(f"/contracts/{contract.pk}/reviews/new/").content.decode(),
        re.S,
    ).group(0)

    assert f"Since the contract started ({today() - DAY * 30:%d.%m.%Y})" in section
    assert re.findall(r'<td class="text-end">([^<]+)</td>', section)[:4] == ["1", "3", "0", "25%"]
    assert "3 unexcused absences in a row" in section
    assert "None: every task due in this time was met." in section
    assert "None in this time." in section  # no individual support


@pytest.mark.parametrize("rows", [1, 10])
def test_the_review_page_makes_the_same_queries_for_1_and_10_activities(
    client, social_worker, participant, reviewed_contract, rows, django_assert_num_queries
):
    for _index in range(rows):
        activity = ActivityFactory()
        enrollment = EnrollmentFactory(activity=activity, participant=participant)
        mark(enrollment, sessions_of(activity, [3, 1]), [P, A])
        IndividualSupportFactory(participant=participant, date=today() - DAY)
    client.force_login(social_worker)

    # SIGNED_IN + 1 the contract with participant and worker + 2 its tasks + 3 the last review +
    # the review form's include: 4 attendance per activity + 5 the run of absences + 6 individual
    # support + 7 unmet tasks.
    with django_assert_num_queries(SIGNED_IN + 7):
        response = client.get(f"/contracts/{reviewed_contract.pk}/reviews/new/")

    # One row per activity: 1 present, 1 absent.
    shown = re.findall(
        r'<tr><td>[^<]+</td><td class="text-end">1</td><td class="text-end">1</td>', response.content.decode()
    )
    assert len(shown) == rows


# --- The home page --------------------------------------------------------------------------


@pytest.fixture
def absentees(social_worker, other_social_worker):
    """Three people absent at their last sessions: two on ``social_worker``'s caseload (3 and 4
    times in a row), one on another worker's (5 times); and one who came back after absences."""
    activity = ActivityFactory()
    sessions = sessions_of(activity, [30, 25, 20, 15, 10, 5])
    people = {
        "Żaneta Absencka": (social_worker, [P, P, P, A, A, A]),
        "Wojciech Nieobecny": (social_worker, [P, P, A, A, A, A]),
        "Kamil Daleki": (other_social_worker, [P, A, A, A, A, A]),
        "Ola Wróciła": (social_worker, [A, A, A, A, A, P]),
    }
    for name, (worker, statuses) in people.items():
        first, last = name.split()
        person = ParticipantFactory(first_name=first, last_name=last, social_worker=worker)
        mark(EnrollmentFactory(activity=activity, participant=person), sessions, statuses)
    return people


def absences_section(response) -> str:
    return re.search(r'id="h-absences".*?</section>', response.content.decode(), re.S).group(0)


def test_the_home_page_flags_absences_in_a_row_on_the_workers_caseload(client, social_worker, absentees):
    client.force_login(social_worker)

    section = absences_section(client.get("/"))

    assert re.findall(r">([^<]+)</a> — (\d) unexcused", section) == [
        ("Nieobecny Wojciech", "4"),
        ("Absencka Żaneta", "3"),
    ]


def test_the_home_page_flags_absences_of_everyone_to_the_coordinator(client, coordinator, absentees):
    client.force_login(coordinator)

    section = absences_section(client.get("/"))

    assert re.findall(r">([^<]+)</a> — (\d) unexcused", section) == [
        ("Daleki Kamil", "5"),
        ("Nieobecny Wojciech", "4"),
        ("Absencka Żaneta", "3"),
    ]


def test_a_dropped_out_enrollment_is_not_flagged(client, social_worker, absentees):
    Enrollment.objects.filter(participant__last_name="Nieobecny").update(status=Enrollment.Status.DROPPED)
    client.force_login(social_worker)

    section = absences_section(client.get("/"))

    assert "Nieobecny" not in section and "Absencka" in section


def test_absences_in_two_activities_do_not_add_up_to_a_run(client, coordinator):
    """A run is counted per enrolment: by date the person's last three marks are absences, but
    two are in one activity (after a presence there) and one in the other."""
    person = ParticipantFactory(first_name="Dorota", last_name="Dwutorowa")
    cooking, computers = ActivityFactory(), ActivityFactory()
    mark(EnrollmentFactory(activity=cooking, participant=person), sessions_of(cooking, [30, 20, 8]), [P, A, A])
    mark(EnrollmentFactory(activity=computers, participant=person), sessions_of(computers, [25, 4]), [P, A])
    client.force_login(coordinator)

    assert "Dwutorowa" not in absences_section(client.get("/"))


def test_a_person_flagged_in_two_activities_is_listed_once_with_the_longer_run(client, coordinator):
    person = ParticipantFactory(first_name="Dorota", last_name="Dwutorowa")
    cooking, computers = ActivityFactory(), ActivityFactory()
    mark(EnrollmentFactory(activity=cooking, participant=person), sessions_of(cooking, [30, 20, 10]), [A, A, A])
    mark(
        EnrollmentFactory(activity=computers, participant=person),
        sessions_of(computers, [25, 19, 14, 9, 4]),
        [P, A, A, A, A],
    )
    client.force_login(coordinator)

    section = absences_section(client.get("/"))

    assert re.findall(r">([^<]+)</a> — (\d) unexcused", section) == [("Dwutorowa Dorota", "4")]


@pytest.mark.parametrize("flagged", [5, 6, 12])
def test_the_home_page_lists_five_people_absent_in_a_row_and_links_to_all_of_them(client, coordinator, flagged):
    activity = ActivityFactory(capacity=20)
    sessions = sessions_of(activity, [9, 6, 3])
    for _index in range(flagged):
        mark(EnrollmentFactory(activity=activity), sessions, [A, A, A])
    client.force_login(coordinator)

    section = absences_section(client.get("/"))

    assert len(re.findall(r"unexcused absences in a row</li>", section)) == 5
    # A way to all of them when there are more than the five shown.
    assert (f'<a href="/reports/to-do/absent-in-a-row/">See all {flagged}</a>' in section) is (flagged > 5)


def test_the_home_page_says_when_nobody_is_absent_in_a_row(client, social_worker):
    client.force_login(social_worker)

    assert "Nobody with 3 or more unexcused absences in a row." in absences_section(client.get("/"))


def test_managers_are_not_shown_the_absences(client, manager, absentees):
    client.force_login(manager)

    assert 'id="h-absences"' not in client.get("/").content.decode()


@pytest.mark.parametrize("flagged", [1, 5])
def test_the_home_page_makes_the_same_queries_for_1_and_5_people_absent_in_a_row(
    client, coordinator, flagged, django_assert_num_queries
):
    activity = ActivityFactory()
    sessions = sessions_of(activity, [9, 6, 3])
    for _index in range(flagged):
        mark(EnrollmentFactory(activity=activity), sessions, [A, A, A])
    for _index in range(5):  # present at the end: never flagged
        mark(EnrollmentFactory(activity=activity), sessions, [A, A, P])
    client.force_login(coordinator)

    # SIGNED_IN + 1 recent caseload (its size is counted for a social worker only) + 2 all
    # participants + 3-5 contract reminders (overdue, due, overdue tasks) + 6 people without a
    # contract in force (its first rows and how many in all, a window count) + the dashboard: 7 the
    # charted project, 8 the project choices, 9 recruitment by month, 10 caseload per worker, 11
    # attendance in 30 days, 12 upcoming sessions, 13 under-filled activities, 14 referrals waiting
    # more than 14 days, 15 the hours of socially useful work + the absences: 16 the first five
    # people flagged, each with their longest stored run (Enrollment.absence_streak; no mark is
    # read), and how many are flagged in all (a window count in the same query), whether five or more.
    with django_assert_num_queries(SIGNED_IN + 16):
        response = client.get("/")

    assert len(re.findall(r"unexcused absences in a row</li>", absences_section(response))) == flagged
