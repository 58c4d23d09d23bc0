"""The attendance counters stored beside the marks, so that the pages reading attendance over many
sessions or people sum or filter a few columns instead of counting every mark:

- ``Session.present_count`` and ``Session.marked_count``: the session's marks "present", and all
  its marks;
- ``Enrollment.absence_streak``: the run of unexcused absences at the end of the enrolment's record,
  in the order of the sessions (date, start, then the session's id); a presence or an excused
  absence ends it;
- ``Enrollment.last_marked_on``: the day of the latest session at which the person was marked.

Each is worked out again from the marks, in one UPDATE over the rows given (correlated subqueries,
no row read into Python), and written only where it differs. Whatever writes or removes marks
calls ``recount_sessions`` and ``recount_enrollments`` for the rows it touched, in its transaction,
and moves the project's figures version on itself (kis.figures: these updates alone do not; a
session or enrolment deleted takes its marks with it, and moves the version on as it goes);
``recount_all`` serves the migration that added the counters, bulk seeding and the repair command
``recount_attendance``.
"""

from __future__ import annotations

import datetime

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from kis import figures
from kis.expressions import count_of

ABSENT = "absent"  # Attendance.Status.ABSENT; the value is spelled out for the migration's models
PRESENT = "present"  # Attendance.Status.PRESENT


def recount_sessions(session_ids) -> int:
    """Recount the marks of these sessions (ids, or a queryset of ids); returns how many changed.

    The rows are locked first, in the order of their ids: a save of the same session's marks in
    another transaction waits for this one to commit and then counts its marks too."""
    Session, _Enrollment, Attendance = _models(global_apps)
    with transaction.atomic(savepoint=False):
        _lock(Session.objects.filter(pk__in=session_ids))
        return _recount_sessions(Session.objects.filter(pk__in=session_ids), Attendance)


def recount_enrollments(enrollment_ids) -> int:
    """Work out again the run of absences and the latest marked day of these enrolments (ids, or a
    queryset of ids); returns how many changed. Locked first, as ``recount_sessions``."""
    _Session, Enrollment, Attendance = _models(global_apps)
    with transaction.atomic(savepoint=False):
        _lock(Enrollment.objects.filter(pk__in=enrollment_ids))
        return _recount_enrollments(Enrollment.objects.filter(pk__in=enrollment_ids), Attendance)


def recount_all(apps=global_apps) -> tuple[int, int]:
    """Recount every session and enrolment (``apps``: a migration's historical models); returns
    how many sessions and how many enrolments changed. Two UPDATE statements whatever the number
    of marks (and, when anything changed, the projects' figures versions moved on)."""
    Session, Enrollment, Attendance = _models(apps)
    with transaction.atomic():
        sessions = _recount_sessions(Session.objects.all(), Attendance)
        enrollments = _recount_enrollments(Enrollment.objects.all(), Attendance)
        if apps is global_apps and (sessions or enrollments):
            # Counts a report reads: every project with activities moves on.
            activities = apps.get_model("activities", "Activity").objects.exclude(project=None)
            figures.touch(activities.values_list("project", flat=True).distinct())
        return sessions, enrollments


def _models(apps):
    return (
        apps.get_model("activities", "Session"),
        apps.get_model("activities", "Enrollment"),
        apps.get_model("activities", "Attendance"),
    )


def _lock(queryset) -> None:
    list(queryset.select_for_update().order_by("pk").values_list("pk", flat=True))


def _recount_sessions(sessions, Attendance) -> int:
    marks = Attendance.objects.filter(session=OuterRef("pk"))
    present = count_of(marks.filter(status=PRESENT), "session")
    marked = count_of(marks, "session")
    return sessions.filter(~Q(present_count=present) | ~Q(marked_count=marked)).update(
        present_count=present, marked_count=marked
    )


def _recount_enrollments(enrollments, Attendance) -> int:
    marks = Attendance.objects.filter(enrollment=OuterRef("pk"))
    # In ``ended``, OuterRef is the absence whose place in the final run is in question.
    day, start = OuterRef("session__date"), OuterRef("session__start_time")
    later = (
        Q(session__date__gt=day)
        | Q(session__date=day, session__start_time__gt=start)
        | Q(session__date=day, session__start_time=start, session_id__gt=OuterRef("session_id"))
    )
    # An absence is part of the final run unless a presence or an excused absence came after it.
    ended = Attendance.objects.filter(later, enrollment=OuterRef("enrollment")).exclude(status=ABSENT)
    streak = count_of(marks.filter(status=ABSENT).exclude(Exists(ended)), "enrollment")
    last = Subquery(marks.order_by().values("enrollment").annotate(last=Max("session__date")).values("last"))
    # No session is on this day: it stands for "never marked" where the two days are compared.
    never = Value(datetime.date.min)
    return (
        enrollments.alias(stored=Coalesce("last_marked_on", never), counted=Coalesce(last, never))
        .filter(~Q(absence_streak=streak) | ~Q(stored=F("counted")))
        .update(absence_streak=streak, last_marked_on=last)
    )
