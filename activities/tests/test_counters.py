"""The attendance counters kept beside the marks (activities.counters): each session's marks
present and marked, each enrolment's run of unexcused absences at the end of its record and the day
of its latest marked session — written by the attendance service, repaired by
``manage.py recount_attendance``.

The expected figures are worked out by hand from the rule: the run is the unexcused absences after
the enrolment's last presence or excused absence, in the order of the sessions (date, then start
time), whatever the order the marks were saved in.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities import counters, services
from activities.models import Attendance, Enrollment, Session
from activities.tests.factories import ActivityFactory, EnrollmentFactory, SessionFactory
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import today

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
P, A, E = Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.EXCUSED


def held(activity, *days_ago, at=datetime.time(10)) -> list[Session]:
    return [
        SessionFactory(activity=activity, date=today() - DAY * n, start_time=at, end_time=datetime.time(at.hour + 1))
        for n in days_ago
    ]


def save(session, user, **marks_by_enrollment):
    """One save of the attendance grid: ``e<pk>=status``."""
    marks = {int(key[1:]): status for key, status in marks_by_enrollment.items()}
    services.mark_attendance(session=session, marks=marks, user=user)


def counted(session) -> tuple[int, int]:
    session.refresh_from_db()
    return session.present_count, session.marked_count


def run_of(enrollment) -> tuple[int, datetime.date | None]:
    enrollment.refresh_from_db()
    return enrollment.absence_streak, enrollment.last_marked_on


# --- Hand-built records ---------------------------------------------------------------------------


def test_a_session_counts_its_marks_present_and_all_its_marks(coordinator):
    (session,) = held(ActivityFactory(), 2)
    one, two, three = EnrollmentFactory.create_batch(3, activity=session.activity)

    save(session, coordinator, **{f"e{one.pk}": P, f"e{two.pk}": A, f"e{three.pk}": E})

    assert counted(session) == (1, 3)
    assert [run_of(e) for e in (one, two, three)] == [(0, session.date), (1, session.date), (0, session.date)]


def test_re_marking_a_session_counts_only_the_latest_mark(coordinator):
    (session,) = held(ActivityFactory(), 1)
    enrollment = EnrollmentFactory(activity=session.activity)

    save(session, coordinator, **{f"e{enrollment.pk}": P})
    assert counted(session) == (1, 1) and run_of(enrollment)[0] == 0
    save(session, coordinator, **{f"e{enrollment.pk}": A})
    assert counted(session) == (0, 1) and run_of(enrollment)[0] == 1
    save(session, coordinator, **{f"e{enrollment.pk}": E})
    assert counted(session) == (0, 1) and run_of(enrollment) == (0, session.date)


def test_the_run_follows_the_order_of_the_sessions_not_of_the_saves(coordinator):
    first, second, third = held(ActivityFactory(), 21, 14, 7)
    enrollment = EnrollmentFactory(activity=first.activity)
    key = f"e{enrollment.pk}"

    save(third, coordinator, **{key: A})  # the latest session, marked first
    save(first, coordinator, **{key: P})
    save(second, coordinator, **{key: A})
    # present, absent, absent: a run of two, the latest session marked a week ago
    assert run_of(enrollment) == (2, third.date)

    save(first, coordinator, **{key: A})  # absent, absent, absent
    assert run_of(enrollment) == (3, third.date)

    save(second, coordinator, **{key: E})  # absent, excused, absent: the excused absence ends the run
    assert run_of(enrollment) == (1, third.date)


def test_sessions_of_one_day_follow_their_start_time(coordinator):
    activity = ActivityFactory()
    (morning,) = held(activity, 3, at=datetime.time(9))
    (afternoon,) = held(activity, 3, at=datetime.time(14))
    enrollment = EnrollmentFactory(activity=activity)
    key = f"e{enrollment.pk}"

    save(afternoon, coordinator, **{key: A})
    save(morning, coordinator, **{key: P})
    assert run_of(enrollment)[0] == 1  # present at 9:00, absent at 14:00

    save(afternoon, coordinator, **{key: P})
    save(morning, coordinator, **{key: A})
    assert run_of(enrollment)[0] == 0  # absent at 9:00, present at 14:00


def test_a_mark_removed_is_counted_out(coordinator):
    activity = ActivityFactory()
    sessions = held(activity, 15, 10, 5)
    enrollment = EnrollmentFactory(activity=activity)
    for session, status in zip(sessions, [A, A, P], strict=True):
        save(session, coordinator, **{f"e{enrollment.pk}": status})
    assert run_of(enrollment) == (0, sessions[2].date) and counted(sessions[2]) == (1, 1)

    # No page removes a mark; whatever does (a repair, a deleted session) recounts its rows.
    Attendance.objects.filter(session=sessions[2]).delete()
    assert counters.recount_sessions([sessions[2].pk]) == 1
    assert counters.recount_enrollments([enrollment.pk]) == 1

    assert counted(sessions[2]) == (0, 0)
    assert run_of(enrollment) == (2, sessions[1].date)  # absent, absent: the presence has gone

    Attendance.objects.filter(enrollment=enrollment).delete()
    counters.recount_enrollments([enrollment.pk])
    assert run_of(enrollment) == (0, None)  # nothing marked any more


def test_two_activities_of_one_person_have_a_run_each(coordinator):
    person = ParticipantFactory()
    cooking, computers = ActivityFactory(name="Kulinaria"), ActivityFactory(name="Komputer")
    in_cooking = EnrollmentFactory(activity=cooking, participant=person)
    in_computers = EnrollmentFactory(activity=computers, participant=person)
    # By date: cooking absent (20 days ago), computers present (15), cooking absent (10),
    # computers present (6), cooking absent (5). The presences at computers do not end the run
    # at cooking: a run is counted per enrolment.
    for session, status in zip(held(cooking, 20, 10, 5), [A, A, A], strict=True):
        save(session, coordinator, **{f"e{in_cooking.pk}": status})
    for session in held(computers, 15, 6):
        save(session, coordinator, **{f"e{in_computers.pk}": P})

    assert run_of(in_cooking) == (3, today() - DAY * 5)
    assert run_of(in_computers) == (0, today() - DAY * 6)
    assert services.consecutive_absences([person.pk]) == {person.pk: 3}


def test_a_person_absent_in_a_row_in_two_activities_has_the_longer_run(coordinator):
    person = ParticipantFactory()
    for runs in ([A, A, A], [P, A, A, A, A]):
        activity = ActivityFactory()
        enrollment = EnrollmentFactory(activity=activity, participant=person)
        for session, status in zip(held(activity, *range(len(runs) * 3, 0, -3)), runs, strict=True):
            save(session, coordinator, **{f"e{enrollment.pk}": status})

    assert sorted(person.enrollments.values_list("absence_streak", flat=True)) == [3, 4]
    assert services.consecutive_absences([person.pk]) == {person.pk: 4}


def test_a_run_whose_latest_mark_is_older_than_the_window_is_not_flagged(coordinator):
    activity = ActivityFactory(start_date=today() - DAY * 200)
    enrollment = EnrollmentFactory(activity=activity)
    for session in held(activity, 120, 110, 100):
        save(session, coordinator, **{f"e{enrollment.pk}": A})

    assert run_of(enrollment) == (3, today() - DAY * 100)  # stored, but not a person to call now
    assert services.consecutive_absences([enrollment.participant_id]) == {}


def test_recounting_what_is_right_writes_nothing(coordinator):
    sessions = held(ActivityFactory(), 7, 1)
    enrollment = EnrollmentFactory(activity=sessions[0].activity)
    for session in sessions:
        save(session, coordinator, **{f"e{enrollment.pk}": A})

    assert counters.recount_sessions([s.pk for s in sessions]) == 0
    assert counters.recount_enrollments([enrollment.pk]) == 0
    assert counters.recount_all() == (0, 0)


@pytest.mark.parametrize("people", [1, 10])
def test_a_recount_makes_the_same_queries_for_1_and_10_enrolments(coordinator, people, django_assert_num_queries):
    sessions = held(ActivityFactory(capacity=20), 14, 7, 1)
    enrollments = EnrollmentFactory.create_batch(people, activity=sessions[0].activity)
    for session in sessions:
        save(session, coordinator, **{f"e{e.pk}": A for e in enrollments})
    Enrollment.objects.update(absence_streak=0)
    Session.objects.update(marked_count=0)

    # Each: the rows locked, then one UPDATE with the counts as correlated subqueries.
    with django_assert_num_queries(2):
        assert counters.recount_sessions([s.pk for s in sessions]) == 3
    with django_assert_num_queries(2):
        assert counters.recount_enrollments([e.pk for e in enrollments]) == people


# --- The counters always agree with the marks -----------------------------------------------------


def recomputed() -> tuple[dict, dict]:
    """The counters worked out in Python from the raw marks, the slow way."""
    sessions = {pk: (0, 0) for pk in Session.objects.values_list("pk", flat=True)}
    records: dict[int, list] = {pk: [] for pk in Enrollment.objects.values_list("pk", flat=True)}
    for mark in Attendance.objects.select_related("session"):
        present, marked = sessions[mark.session_id]
        sessions[mark.session_id] = (present + (mark.status == P), marked + 1)
        records[mark.enrollment_id].append((mark.session.date, mark.session.start_time, mark.session_id, mark.status))
    enrollments = {}
    for pk, record in records.items():
        record.sort()
        run = 0
        for *_order, status in record:
            run = run + 1 if status == A else 0
        enrollments[pk] = (run, record[-1][0] if record else None)
    return sessions, enrollments


def stored() -> tuple[dict, dict]:
    sessions = {
        pk: (present, marked)
        for pk, present, marked in Session.objects.values_list("pk", "present_count", "marked_count")
    }
    enrollments = {
        pk: (run, last) for pk, run, last in Enrollment.objects.values_list("pk", "absence_streak", "last_marked_on")
    }
    return sessions, enrollments


def test_after_any_saves_the_counters_agree_with_the_marks(coordinator):
    activity = ActivityFactory()
    # Two sessions on one day (9:00 and 14:00) and two other days, not in the order of their dates.
    sessions = held(activity, 9, at=datetime.time(14)) + held(activity, 4, 9) + held(activity, 1)
    sessions[2].start_time, sessions[2].end_time = datetime.time(9), datetime.time(10)
    sessions[2].save()
    enrollments = [e.pk for e in EnrollmentFactory.create_batch(2, activity=activity)]
    one_save = st.tuples(
        st.sampled_from(sessions),
        st.dictionaries(st.sampled_from(enrollments), st.sampled_from([P, A, E]), min_size=1),
    )

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(one_save, max_size=12))
    def agree(saves):
        with transaction.atomic():
            for session, marks in saves:
                services.mark_attendance(session=session, marks=marks, user=coordinator)
            assert stored() == recomputed()
            transaction.set_rollback(True)

    agree()


# --- The repair command ---------------------------------------------------------------------------


def test_recount_attendance_repairs_corrupted_counters_and_says_how_many(coordinator):
    sessions = held(ActivityFactory(), 14, 7)
    one, two = EnrollmentFactory.create_batch(2, activity=sessions[0].activity)
    for session in sessions:
        save(session, coordinator, **{f"e{one.pk}": A, f"e{two.pk}": P})
    Session.objects.filter(pk=sessions[0].pk).update(present_count=7, marked_count=0)
    Enrollment.objects.filter(pk=one.pk).update(absence_streak=0, last_marked_on=None)
    Enrollment.objects.filter(pk=two.pk).update(last_marked_on=today())

    out = io.StringIO()
    with translation.override("en"):
        call_command("recount_attendance", stdout=out)

    assert out.getvalue().splitlines() == ["1 session corrected", "2 enrolments corrected"]
    assert counted(sessions[0]) == (1, 2)
    assert run_of(one) == (2, sessions[1].date) and run_of(two) == (0, sessions[1].date)

    out = io.StringIO()
    with translation.override("en"):
        call_command("recount_attendance", stdout=out)
    assert out.getvalue().splitlines() == ["0 sessions corrected", "0 enrolments corrected"]
