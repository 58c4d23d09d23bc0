"""The programme's services: an activity with its weekly schedule (all sessions or none), sessions
that stay within the activity's dates and do not clash with the trainer's other sessions,
enrollment with a waiting list, attendance marks, results, and the figures built on attendance."""

import datetime

import pytest

from activities import services
from activities.models import Activity, Attendance, Enrollment, Session
from activities.tests.factories import (
    ActivityFactory,
    EnrollmentFactory,
    ServiceTypeFactory,
    SessionFactory,
)
from kis.models import AuditEvent
from kis.tests.factories import LocationFactory
from participants.tests.factories import ParticipantFactory
from participation.models import ProjectParticipation
from participation.tests.factories import ParticipationProjectFactory, active_in, today

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)
TUESDAY = 1
# A Wednesday: the first Tuesday of a schedule starting then is six days later.
WEDNESDAY = datetime.date(2026, 3, 4)
TEN, NOON = datetime.time(10, 0), datetime.time(12, 0)
EVERY_TUESDAY_FOR_8_WEEKS = services.Schedule(weekday=TUESDAY, start_time=TEN, end_time=NOON, weeks=8)

Status = Enrollment.Status
Mark = Attendance.Status


def new_activity(**kwargs) -> Activity:
    """An unsaved activity from WEDNESDAY for ten weeks, as the form hands it over."""
    fields = {
        "name": "Kurs obsługi komputera",
        "service_type": ServiceTypeFactory(),
        "project": ParticipationProjectFactory(),
        "trainer": "Ewa Trenerska",
        "location": LocationFactory(name="KIS Śródmieście"),
        "start_date": WEDNESDAY,
        "end_date": WEDNESDAY + 10 * WEEK,
    }
    return Activity(**{**fields, **kwargs})


# --- Schedule: all sessions in one go, or none --------------------------------------------------


def test_a_weekly_schedule_starts_on_the_first_matching_day_and_repeats_weekly():
    dates = services.schedule_dates(WEDNESDAY, EVERY_TUESDAY_FOR_8_WEEKS)

    assert dates == [datetime.date(2026, 3, 10) + week * WEEK for week in range(8)]
    assert {day.weekday() for day in dates} == {TUESDAY}


def test_a_schedule_starting_on_its_own_weekday_includes_the_first_day():
    tuesday = WEDNESDAY - DAY
    assert services.schedule_dates(tuesday, EVERY_TUESDAY_FOR_8_WEEKS)[0] == tuesday


def test_creating_an_activity_with_a_schedule_makes_every_session(coordinator):
    activity = services.activity_create(activity=new_activity(), schedule=EVERY_TUESDAY_FOR_8_WEEKS, user=coordinator)

    sessions = list(activity.sessions.all())
    assert len(sessions) == 8
    assert [s.date for s in sessions] == services.schedule_dates(WEDNESDAY, EVERY_TUESDAY_FOR_8_WEEKS)
    assert {(s.start_time, s.end_time) for s in sessions} == {(TEN, NOON)}
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.CREATE, object_type="activities.activity", object_id=str(activity.pk)
    ).exists()


def test_an_activity_without_a_schedule_has_no_sessions(coordinator):
    activity = services.activity_create(activity=new_activity(), schedule=None, user=coordinator)

    assert Activity.objects.filter(pk=activity.pk).exists()
    assert not activity.sessions.exists()


def test_a_schedule_running_past_the_activitys_end_saves_nothing(coordinator):
    activity = new_activity()
    activity.end_date = WEDNESDAY + 6 * WEEK  # the 7th and 8th Tuesdays fall after it

    with pytest.raises(services.ProgrammeError, match="falls outside the activity's dates"):
        services.activity_create(activity=activity, schedule=EVERY_TUESDAY_FOR_8_WEEKS, user=coordinator)

    assert not Activity.objects.exists()
    assert not Session.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.CREATE).exists()


def test_a_schedule_clashing_with_the_trainers_other_session_saves_nothing(coordinator):
    busy = ActivityFactory(trainer="Ewa Trenerska", location=LocationFactory(name="KIS Zachód"))
    # The trainer's other group, on the 5th Tuesday of the new schedule, 11:00–13:00.
    SessionFactory(
        activity=busy, date=datetime.date(2026, 4, 7), start_time=datetime.time(11), end_time=datetime.time(13)
    )
    activity = new_activity(trainer="ewa trenerska")  # the same person, typed differently

    with pytest.raises(services.ProgrammeError, match="ewa trenerska already has a session at that time"):
        services.activity_create(activity=activity, schedule=EVERY_TUESDAY_FOR_8_WEEKS, user=coordinator)

    assert list(Activity.objects.all()) == [busy]
    assert Session.objects.count() == 1


def test_a_session_with_its_own_trainer_clashes_with_that_trainers_activities():
    busy = ActivityFactory(trainer="Jan Psycholog")
    SessionFactory(activity=busy, date=busy.start_date)
    other = ActivityFactory(trainer="Ewa Trenerska")

    with pytest.raises(services.ProgrammeError, match="Jan Psycholog already has a session"):
        services.check_session(
            Session(activity=other, date=busy.start_date, start_time=TEN, end_time=NOON, trainer="Jan Psycholog")
        )


@pytest.mark.parametrize(
    ("start", "end"),
    [(datetime.time(8), TEN), (NOON, datetime.time(14))],
    ids=["ends when the other starts", "starts when the other ends"],
)
def test_back_to_back_sessions_of_one_trainer_do_not_clash(coordinator, start, end):
    activity = ActivityFactory()
    SessionFactory(activity=activity, date=activity.start_date)

    session = services.session_add(
        session=Session(activity=activity, date=activity.start_date, start_time=start, end_time=end), user=coordinator
    )

    assert session.pk is not None


def test_sessions_of_different_trainers_at_the_same_time_do_not_clash(coordinator):
    one = ActivityFactory(trainer="Ewa Trenerska")
    SessionFactory(activity=one, date=one.start_date)
    two = ActivityFactory(trainer="Jan Psycholog")

    services.session_add(
        session=Session(activity=two, date=one.start_date, start_time=TEN, end_time=NOON), user=coordinator
    )

    assert Session.objects.count() == 2


def test_a_session_without_a_trainer_never_clashes(coordinator):
    one = ActivityFactory(trainer="")
    SessionFactory(activity=one, date=one.start_date)
    two = ActivityFactory(trainer="")

    services.session_add(
        session=Session(activity=two, date=one.start_date, start_time=TEN, end_time=NOON), user=coordinator
    )

    assert Session.objects.count() == 2


@pytest.mark.parametrize("offset", [-1, 91], ids=["the day before the start", "the day after the end"])
def test_a_session_outside_the_activitys_dates_is_refused(coordinator, offset):
    activity = ActivityFactory(start_date=today() - 30 * DAY, end_date=today() + 60 * DAY)
    day = activity.start_date + offset * DAY

    with pytest.raises(services.ProgrammeError, match="falls outside the activity's dates"):
        services.session_add(
            session=Session(activity=activity, date=day, start_time=TEN, end_time=NOON), user=coordinator
        )

    assert not Session.objects.exists()


def test_a_session_ending_before_it_starts_is_refused(coordinator):
    activity = ActivityFactory()

    with pytest.raises(services.ProgrammeError, match="must end after it starts"):
        services.session_add(
            session=Session(activity=activity, date=activity.start_date, start_time=NOON, end_time=TEN),
            user=coordinator,
        )


# --- Enrollment and the waiting list -------------------------------------------------------------


@pytest.fixture
def course(coordinator):
    """A course of two places in a running project."""
    return ActivityFactory(capacity=2, name="Kurs obsługi kasy fiskalnej")


def enrolled(course, user, count) -> list[Enrollment]:
    return [
        services.enroll(activity=course, participant=active_in(course.project).participant, user=user)
        for _ in range(count)
    ]


def test_enrolling_within_capacity_gives_a_place(course, coordinator):
    first, second = enrolled(course, coordinator, 2)

    assert (first.status, second.status) == (Status.ENROLLED, Status.ENROLLED)
    assert first.enrolled_on == today()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_type="activities.enrollment").count() == 2


def test_enrolling_past_capacity_puts_the_person_on_the_waiting_list(course, coordinator):
    *_, third = enrolled(course, coordinator, 3)

    assert third.status == Status.WAITING
    assert course.enrollments.filter(status=Status.ENROLLED).count() == 2


def test_dropping_out_gives_the_place_to_the_first_person_waiting(course, coordinator):
    first, _second, waiting_first, waiting_second = enrolled(course, coordinator, 4)
    # The one who came later is listed earlier by id only: the date decides.
    Enrollment.objects.filter(pk=waiting_second.pk).update(enrolled_on=today() - DAY)
    Enrollment.objects.filter(pk=waiting_first.pk).update(enrolled_on=today())

    services.enrollment_finish(enrollment=first, user=coordinator, status=Status.DROPPED, on=today())

    assert Enrollment.objects.get(pk=waiting_second.pk).status == Status.ENROLLED
    assert Enrollment.objects.get(pk=waiting_first.pk).status == Status.WAITING


def test_a_place_freed_by_dropping_out_is_taken_by_the_next_person_enrolled(course, coordinator):
    first, _second = enrolled(course, coordinator, 2)
    services.enrollment_finish(enrollment=first, user=coordinator, status=Status.DROPPED, on=today())

    (late,) = enrolled(course, coordinator, 1)

    assert late.status == Status.ENROLLED


def test_completing_keeps_the_place_taken(course, coordinator):
    first, _second, waiting = enrolled(course, coordinator, 3)

    services.enrollment_finish(enrollment=first, user=coordinator, status=Status.COMPLETED, on=today())

    assert Enrollment.objects.get(pk=waiting.pk).status == Status.WAITING


def test_a_person_can_be_enrolled_once(course, coordinator):
    (first,) = enrolled(course, coordinator, 1)

    with pytest.raises(services.ProgrammeError, match="already enrolled in this activity"):
        services.enroll(activity=course, participant=first.participant, user=coordinator)

    assert course.enrollments.count() == 1


@pytest.mark.parametrize(
    "status",
    [ProjectParticipation.Status.QUALIFIED, ProjectParticipation.Status.COMPLETED, None],
    ids=["qualified, not started", "completed the project", "not in the project"],
)
def test_only_a_person_active_in_the_activitys_project_can_be_enrolled(course, coordinator, status):
    participant = ParticipantFactory(first_name="Łucja", last_name="Żółkiewska")
    if status is not None:
        active_in(course.project, participant=participant)
        participant.participations.update(status=status)

    with pytest.raises(services.ProgrammeError) as refused:
        services.enroll(activity=course, participant=participant, user=coordinator)

    assert str(refused.value) == (
        f"Łucja Żółkiewska is not an active participant of the project {course.project.code}, which runs this activity."
    )
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize(
    ("days_before_today", "taken"),
    [(41, False), (40, True), (10, True), (4, False)],
    ids=["before the start", "on the start", "during the path", "after the end"],
)
def test_an_earlier_enrolment_is_taken_while_the_person_took_part_in_the_project(
    course, coordinator, days_before_today, taken
):
    # Took part in the project from 40 days ago to 5 days ago (completed since).
    participation = active_in(course.project)
    participation.status, participation.end_date = ProjectParticipation.Status.COMPLETED, today() - DAY * 5
    participation.save()
    on = today() - DAY * days_before_today

    if taken:
        enrollment = services.enroll(activity=course, participant=participation.participant, user=coordinator, on=on)
        assert (enrollment.status, enrollment.enrolled_on) == (Status.ENROLLED, on)
    else:
        with pytest.raises(services.ProgrammeError, match="is not an active participant of the project"):
            services.enroll(activity=course, participant=participation.participant, user=coordinator, on=on)
        assert not Enrollment.objects.exists()


def test_an_activity_outside_any_project_takes_anyone(coordinator):
    activity = ActivityFactory(project=None)

    enrollment = services.enroll(activity=activity, participant=ParticipantFactory(), user=coordinator)

    assert enrollment.status == Status.ENROLLED


# --- Results -------------------------------------------------------------------------------------


def test_completing_a_certified_course_needs_the_certificate_number(coordinator):
    enrollment = EnrollmentFactory(activity=ActivityFactory(certificate_body="ECDL Polska"))

    with pytest.raises(services.ProgrammeError, match="certificate issued by ECDL Polska: enter its number"):
        services.enrollment_finish(
            enrollment=enrollment, user=coordinator, status=Status.COMPLETED, on=today(), certificate_number="  "
        )

    assert Enrollment.objects.get(pk=enrollment.pk).status == Status.ENROLLED


def test_completing_a_certified_course_records_the_certificate(coordinator):
    enrollment = EnrollmentFactory(activity=ActivityFactory(certificate_body="ECDL Polska"))

    services.enrollment_finish(
        enrollment=enrollment, user=coordinator, status=Status.COMPLETED, on=today(), certificate_number=" PL-123/26 "
    )

    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.finished_on) == (Status.COMPLETED, today())
    assert (enrollment.certificate_number, enrollment.certificate_body) == ("PL-123/26", "ECDL Polska")
    entry = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_type="activities.enrollment")
    assert entry.details == {"status": "completed"}


def test_completing_an_uncertified_activity_needs_no_number(coordinator):
    enrollment = EnrollmentFactory(activity=ActivityFactory(certificate_body=""))

    services.enrollment_finish(enrollment=enrollment, user=coordinator, status=Status.COMPLETED, on=today())

    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.certificate_number, enrollment.certificate_body) == (Status.COMPLETED, "", "")


def test_dropping_out_of_a_certified_course_keeps_no_certificate(coordinator):
    enrollment = EnrollmentFactory(activity=ActivityFactory(certificate_body="ECDL Polska"))

    services.enrollment_finish(
        enrollment=enrollment, user=coordinator, status=Status.DROPPED, on=today(), certificate_number="PL-1"
    )

    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.certificate_number, enrollment.certificate_body) == (Status.DROPPED, "", "")


def test_a_person_on_the_waiting_list_has_no_result(coordinator):
    enrollment = EnrollmentFactory(status=Status.WAITING)

    with pytest.raises(services.ProgrammeError, match="waiting list has no result"):
        services.enrollment_finish(enrollment=enrollment, user=coordinator, status=Status.DROPPED, on=today())


def test_a_result_is_completed_or_dropped_out(coordinator):
    enrollment = EnrollmentFactory()

    with pytest.raises(services.ProgrammeError, match="Choose completed or dropped out"):
        services.enrollment_finish(enrollment=enrollment, user=coordinator, status=Status.WAITING, on=today())


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (1, "The date of the result cannot be in the future."),
        (-30, "The date of the result cannot be before the enrolment"),
    ],
    ids=["tomorrow", "before the enrolment"],
)
def test_a_result_dated_tomorrow_or_before_the_enrolment_is_refused(coordinator, days, message):
    enrollment = EnrollmentFactory(enrolled_on=today() - DAY * 10)

    with pytest.raises(services.ProgrammeError, match=message):
        services.enrollment_finish(
            enrollment=enrollment, user=coordinator, status=Status.DROPPED, on=today() + DAY * days
        )

    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.finished_on) == (Status.ENROLLED, None)


def test_support_planned_for_later_is_not_yet_the_first_support(coordinator):
    project = ParticipationProjectFactory()
    participation = active_in(project)
    participation.start_date = None  # started, awaiting its first support
    participation.save()
    activity = ActivityFactory(project=project)
    ahead = SessionFactory(activity=activity, date=today() + DAY * 7)
    enrollment = EnrollmentFactory(activity=activity, participant=participation.participant)

    services.mark_attendance(session=ahead, marks={enrollment.pk: Mark.PRESENT}, user=coordinator)
    participation.refresh_from_db()
    assert participation.start_date is None

    held = SessionFactory(activity=activity, date=today() - DAY)
    services.mark_attendance(session=held, marks={enrollment.pk: Mark.PRESENT}, user=coordinator)
    participation.refresh_from_db()
    assert participation.start_date == today() - DAY
