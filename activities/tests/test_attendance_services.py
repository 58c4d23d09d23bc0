"""The programme's attendance services: marks (one tap, one saved mark), attendance rates and the
completion rule, and absences in a row."""

import pytest

from activities import services
from activities.models import Attendance, Session
from activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    EnrollmentFactory,
    SessionFactory,
)
from activities.tests.test_services import DAY, WEEK, Mark, Status
from kis.models import AuditEvent
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import today

pytestmark = pytest.mark.django_db


# --- Attendance marks ----------------------------------------------------------------------------


@pytest.fixture
def session():
    return SessionFactory(activity=ActivityFactory(), date=today())


def test_marks_are_saved_and_counted(session, coordinator):
    one, two = EnrollmentFactory.create_batch(2, activity=session.activity)

    saved = services.mark_attendance(
        session=session, marks={one.pk: Mark.PRESENT, two.pk: Mark.EXCUSED}, user=coordinator
    )

    assert saved == 2
    assert dict(session.attendances.values_list("enrollment_id", "status")) == {
        one.pk: Mark.PRESENT,
        two.pk: Mark.EXCUSED,
    }
    assert set(session.attendances.values_list("marked_by", flat=True)) == {coordinator.pk}
    entry = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_type="activities.activity")
    assert entry.details == {"session": session.pk, "marks": 2}


def test_marking_changes_only_the_marks_given(session, coordinator, social_worker):
    one, two = EnrollmentFactory.create_batch(2, activity=session.activity)
    AttendanceFactory(session=session, enrollment=two, status=Mark.ABSENT, marked_by=social_worker)

    saved = services.mark_attendance(session=session, marks={one.pk: Mark.PRESENT}, user=coordinator)

    assert saved == 1
    kept = session.attendances.get(enrollment=two)
    assert (kept.status, kept.marked_by) == (Mark.ABSENT, social_worker)


def test_an_unchanged_mark_is_not_counted_or_audited(session, coordinator):
    one = EnrollmentFactory(activity=session.activity)
    AttendanceFactory(session=session, enrollment=one, status=Mark.PRESENT)

    assert services.mark_attendance(session=session, marks={one.pk: Mark.PRESENT}, user=coordinator) == 0
    assert not AuditEvent.objects.exists()


def test_a_mark_can_be_corrected(session, coordinator):
    one = EnrollmentFactory(activity=session.activity)
    AttendanceFactory(session=session, enrollment=one, status=Mark.ABSENT)

    services.mark_attendance(session=session, marks={one.pk: Mark.EXCUSED}, user=coordinator)

    assert session.attendances.get().status == Mark.EXCUSED


@pytest.mark.parametrize(
    "stranger",
    ["enrolled elsewhere", "waiting list", "dropped out"],
)
def test_marking_someone_not_enrolled_is_refused_and_saves_nothing(session, coordinator, stranger):
    member = EnrollmentFactory(activity=session.activity)
    outsider = {
        "enrolled elsewhere": lambda: EnrollmentFactory(),
        "waiting list": lambda: EnrollmentFactory(activity=session.activity, status=Status.WAITING),
        "dropped out": lambda: EnrollmentFactory(activity=session.activity, status=Status.DROPPED),
    }[stranger]()

    with pytest.raises(services.ProgrammeError, match="only be marked for people enrolled in this activity"):
        services.mark_attendance(
            session=session, marks={member.pk: Mark.PRESENT, outsider.pk: Mark.PRESENT}, user=coordinator
        )

    assert not Attendance.objects.exists()


def test_an_unknown_mark_is_refused(session, coordinator):
    member = EnrollmentFactory(activity=session.activity)

    with pytest.raises(services.ProgrammeError, match="Unknown attendance mark"):
        services.mark_attendance(session=session, marks={member.pk: "late"}, user=coordinator)

    assert not Attendance.objects.exists()


def test_a_person_who_completed_can_still_be_marked(session, coordinator):
    finished = EnrollmentFactory(activity=session.activity, status=Status.COMPLETED)

    assert services.mark_attendance(session=session, marks={finished.pk: Mark.PRESENT}, user=coordinator) == 1


# --- Attendance rates and the completion rule -----------------------------------------------------


def sessions_of(activity, days_ago: list[int]) -> list[Session]:
    return [SessionFactory(activity=activity, date=today() - n * DAY) for n in days_ago]


def test_the_rate_of_each_person_counts_the_sessions_held_so_far():
    activity = ActivityFactory(completion_attendance=80)
    held = sessions_of(activity, [28, 21, 14, 7, 0])
    SessionFactory(activity=activity, date=today() + 7 * DAY)  # not held yet: not counted
    regular, irregular, new = EnrollmentFactory.create_batch(3, activity=activity)
    for session in held[:4]:
        AttendanceFactory(session=session, enrollment=regular, status=Mark.PRESENT)
    AttendanceFactory(session=held[4], enrollment=regular, status=Mark.ABSENT)
    for session, mark in zip(held, [Mark.PRESENT, Mark.EXCUSED, Mark.ABSENT, Mark.PRESENT, Mark.PRESENT], strict=True):
        AttendanceFactory(session=session, enrollment=irregular, status=mark)

    rows = {row.pk: row for row in services.enrollments_with_rates(activity)}

    assert (rows[regular.pk].present, rows[regular.pk].sessions_held, rows[regular.pk].rate) == (4, 5, 80)
    assert (rows[irregular.pk].present, rows[irregular.pk].rate) == (3, 60)
    assert (rows[new.pk].present, rows[new.pk].rate) == (0, 0)
    # 80% of 5 sessions meets an 80% rule (at least, not more than).
    assert [rows[e.pk].meets_rule for e in (regular, irregular, new)] == [True, False, False]


def test_an_activity_that_has_not_started_has_no_rate():
    activity = ActivityFactory(start_date=today() + DAY, end_date=today() + 30 * DAY)
    SessionFactory(activity=activity, date=today() + 2 * DAY)
    enrollment = EnrollmentFactory(activity=activity)

    (row,) = services.enrollments_with_rates(activity)

    assert (row.pk, row.sessions_held, row.rate, row.meets_rule) == (enrollment.pk, 0, None, False)


def test_the_rate_of_an_activity_is_the_share_of_present_marks():
    activity = ActivityFactory()
    session = SessionFactory(activity=activity, date=today())
    for mark in [Mark.PRESENT, Mark.PRESENT, Mark.PRESENT, Mark.ABSENT, Mark.EXCUSED, Mark.ABSENT]:
        AttendanceFactory(session=session, status=mark)
    AttendanceFactory(status=Mark.ABSENT)  # another activity's

    assert services.activity_attendance_rate(activity) == 50
    assert services.activity_attendance_rate(ActivityFactory()) is None


# --- Consecutive absences ------------------------------------------------------------------------


def attendance_record(marks: list[str], participant=None):
    """``marks`` at weekly sessions of one activity, oldest first, the last one a week ago."""
    enrollment = EnrollmentFactory(participant=participant or ParticipantFactory())
    activity = enrollment.activity
    for weeks_ago, mark in zip(range(len(marks), 0, -1), marks, strict=True):
        session = SessionFactory(activity=activity, date=today() - weeks_ago * WEEK)
        AttendanceFactory(session=session, enrollment=enrollment, status=mark)
    return enrollment.participant


A, P, E = Mark.ABSENT, Mark.PRESENT, Mark.EXCUSED


@pytest.mark.parametrize(
    ("marks", "flagged"),
    [
        ([P, A, A, A], 3),
        ([A, A, A, A], 4),
        ([P, P, A, A], None),
        ([A, A, A, P], None),
        ([A, A, A, E], None),
        ([A, A, E, A, A], None),
        ([A, P, A, A, A], 3),
        ([E, A, A, A], 3),
        ([], None),
    ],
    ids=[
        "three absences at the end",
        "four absences",
        "two absences",
        "present at the last session",
        "excused at the last session",
        "an excused absence breaks the run",
        "a present mark breaks an earlier run",
        "an excused mark before the run",
        "no marks",
    ],
)
def test_three_unexcused_absences_in_a_row_at_the_end_are_flagged(marks, flagged):
    participant = attendance_record(marks) if marks else ParticipantFactory()

    result = services.consecutive_absences([participant.pk])

    assert result == ({participant.pk: flagged} if flagged else {})


def test_consecutive_absences_are_counted_per_person_in_one_query(django_assert_num_queries):
    absent = attendance_record([P, A, A, A])
    present = attendance_record([A, A, A, P])
    also_absent = attendance_record([A, A, A])

    with django_assert_num_queries(1):
        result = services.consecutive_absences([absent.pk, present.pk, also_absent.pk])

    assert result == {absent.pk: 3, also_absent.pk: 3}


def test_absences_from_an_activity_the_person_finished_are_not_flagged():
    participant = attendance_record([A, A, A])
    participant.enrollments.update(status=Status.DROPPED)

    assert services.consecutive_absences([participant.pk]) == {}
