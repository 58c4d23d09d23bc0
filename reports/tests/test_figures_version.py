"""The figures version (kis.figures) moves on with every kind of write to the rows a report counts
in bulk — and only for the projects of those rows — so that a report's cache key, which reads
that one number instead of those tables, never keeps figures the data has left behind."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction

from activities import counters
from activities.models import Attendance, Enrollment, Session
from activities.services import mark_attendance
from activities.tests.factories import ActivityFactory, EnrollmentFactory, SessionFactory
from kis import figures
from kis.models import FiguresVersion
from participants.models import Participant
from participants.tests.factories import ParticipantFactory
from participation.models import ProjectParticipation
from participation.tests.factories import ParticipationFactory, ParticipationProjectFactory, active_in

pytestmark = pytest.mark.django_db

A, E = Attendance.Status.ABSENT, Attendance.Status.EXCUSED


@pytest.fixture
def two():
    """Two projects; the test writes to the first and the second must stay as it was."""
    return ParticipationProjectFactory(), ParticipationProjectFactory()


def versions(*projects) -> list[int]:
    return [figures.current(project.pk) for project in projects]


@pytest.fixture
def moves(django_capture_on_commit_callbacks):
    def moved(projects, write) -> list[int]:
        """How far each project's version moved by ``write()`` and its commit."""
        before = versions(*projects)
        with django_capture_on_commit_callbacks(execute=True):
            write()
        return [after - was for after, was in zip(versions(*projects), before, strict=True)]

    return moved


def test_a_project_counts_from_zero_and_gets_its_row_at_its_first_write(two, moves):
    mine, other = two

    assert versions(*two) == [0, 0] and not FiguresVersion.objects.filter(project=mine.pk).exists()
    assert moves(two, lambda: ParticipationFactory(project=mine)) == [1, 0]
    assert FiguresVersion.objects.filter(project=mine.pk).exists()


def test_the_version_moves_when_the_write_commits_and_not_when_it_is_rolled_back(
    two, django_capture_on_commit_callbacks
):
    mine, other = two
    row = ParticipationFactory(project=mine)
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        ProjectParticipation.objects.filter(pk=row.pk).update(dropout_note="Nie przyszła.")
        before_the_commit = versions(*two)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ProjectParticipation.objects.filter(pk=row.pk).update(dropout_note="Wyjechała.")
        raise RuntimeError

    assert before_the_commit == [0, 0] and len(waiting) == 1
    assert versions(*two) == [0, 0]
    waiting[0]()
    assert versions(*two) == [1, 0]


def test_migrate_moves_every_project_on(two, moves):
    mine, other = two
    moves(two, lambda: ParticipationFactory(project=mine))
    moves(two, lambda: ParticipationFactory(project=other))

    assert moves(two, lambda: call_command("migrate", verbosity=0)) == [1, 1]


def test_a_participation_saved_updated_in_bulk_created_in_bulk_or_deleted(two, moves):
    mine, other = two
    row = ParticipationFactory(project=mine)

    def save():
        row.dropout_note = "Wyprowadziła się."
        row.save()

    assert moves(two, lambda: ParticipationFactory(project=mine))[0] >= 1
    assert moves(two, save) == [1, 0]
    assert moves(two, lambda: ProjectParticipation.objects.filter(pk=row.pk).update(dropout_note="")) == [1, 0]
    assert moves(two, lambda: ProjectParticipation.objects.bulk_update([row], ["dropout_note"])) == [1, 0]
    assert moves(
        two,
        lambda: ProjectParticipation.objects.bulk_create(
            [ProjectParticipation(project=mine, participant=ParticipantFactory(), applied_on=datetime.date(2025, 1, 2))]
        ),
    ) == [1, 0]
    assert moves(two, row.delete) == [1, 0]


def test_a_person_moves_every_project_they_are_in_and_no_other(two, moves):
    mine, other = two
    third = ParticipationProjectFactory()
    person = ParticipantFactory()
    ParticipationFactory(project=mine, participant=person)
    ParticipationFactory(project=third, participant=person)
    all_three = (mine, other, third)

    def save():
        person.date_of_birth = datetime.date(1980, 1, 1)
        person.save()

    assert moves(all_three, save) == [1, 0, 1]
    by_key = Participant.objects.filter(pk=person.pk)
    assert moves(all_three, lambda: by_key.update(citizenship="ukraińskie")) == [1, 0, 1]
    # Chosen through one of their participations, they still move every project they are in.
    chosen = Participant.objects.filter(participations__project=third)
    assert moves(all_three, lambda: chosen.update(citizenship="polskie")) == [1, 0, 1]
    # Someone in no project moves nothing.
    assert moves(all_three, lambda: ParticipantFactory().save()) == [0, 0, 0]


def test_an_enrolment_saved_updated_or_deleted(two, moves):
    mine, other = two
    activity = ActivityFactory(project=mine)
    enrolment = EnrollmentFactory(activity=activity)

    def complete():
        enrolment.status = Enrollment.Status.COMPLETED
        enrolment.save()

    assert moves(two, lambda: EnrollmentFactory(activity=activity)) == [1, 0]
    assert moves(two, complete) == [1, 0]
    assert moves(two, lambda: Enrollment.objects.filter(pk=enrolment.pk).update(certificate_number="ECDL-0125")) == [
        1,
        0,
    ]
    assert moves(two, enrolment.delete) == [1, 0]


def test_a_session_saved_updated_or_deleted_and_an_activity_deleted_with_its_sessions(two, moves):
    mine, other = two
    activity = ActivityFactory(project=mine)
    session = SessionFactory(activity=activity)

    def move_a_day():
        session.date += datetime.timedelta(days=1)
        session.save()

    assert moves(two, lambda: SessionFactory(activity=activity)) == [1, 0]
    assert moves(two, move_a_day) == [1, 0]
    assert moves(two, lambda: Session.objects.filter(pk=session.pk).update(date=datetime.date(2025, 3, 3))) == [1, 0]
    assert moves(two, session.delete) == [1, 0]
    EnrollmentFactory(activity=activity)
    assert moves(two, activity.delete)[0] >= 1 and moves(two, lambda: None) == [0, 0]


def test_each_save_of_marks_even_one_that_leaves_the_counts_as_they_were(two, coordinator, moves):
    mine, other = two
    activity = ActivityFactory(project=mine)
    session = SessionFactory(activity=activity)
    enrolment = EnrollmentFactory(activity=activity, participant=active_in(mine).participant)

    def mark(status):
        return lambda: mark_attendance(session=session, marks={enrolment.pk: status}, user=coordinator)

    assert moves(two, mark(A)) == [1, 0]
    # Excused instead of absent: still one mark and no presence, but the figures of absences differ.
    assert moves(two, mark(E)) == [1, 0]
    # The same mark again writes nothing.
    assert moves(two, mark(E)) == [0, 0]


def test_the_counters_repaired_move_their_projects_and_a_plain_recount_does_not(two, coordinator, moves):
    mine, other = two
    activity = ActivityFactory(project=mine)
    session = SessionFactory(activity=activity)
    enrolment = EnrollmentFactory(activity=activity, participant=active_in(mine).participant)
    mark_attendance(session=session, marks={enrolment.pk: A}, user=coordinator)

    # The counters' own updates leave the version to the writer of the marks (mark_attendance).
    assert moves(two, lambda: counters.recount_sessions([session.pk])) == [0, 0]
    Session.objects.filter(pk=session.pk).update(marked_count=7)  # a counter gone wrong
    assert moves(two, counters.recount_all) == [1, 0]
