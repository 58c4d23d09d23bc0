"""Services of the programme: activities with their schedule, enrollment with a waiting list,
attendance, results, and the figures built on attendance (rates, consecutive absences).

Writes run in one transaction and raise ProgrammeError with a message for the user.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import counters
from activities.models import (
    ABSENCE_WINDOW,
    CONSECUTIVE_ABSENCES_FLAG,
    Activity,
    Attendance,
    Enrollment,
    IndividualSupport,
    Internship,
    Session,
)
from activities.referrals.services import support_recorded
from kis import figures
from kis.audit import back_dated, log_event
from kis.locking import EditedMeanwhile, add_edited_meanwhile_error, claim_version
from kis.models import AuditEvent
from kis.numbers import percent
from participants.models import HouseholdMember, Participant
from participation import services as participation_services
from participation.models import ProjectParticipation
from participation.signals import participation_started

# Who holds a place: a person who dropped out gives theirs back, one who completed keeps it.
HOLDING_A_PLACE = (Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED)


class ProgrammeError(Exception):
    """A refused action; ``str(error)`` is a translated message for the user."""


@dataclass(frozen=True)
class Schedule:
    """A weekly schedule: ``weekday`` 0 = Monday, for ``weeks`` weeks from the activity's start."""

    weekday: int
    start_time: datetime.time
    end_time: datetime.time
    weeks: int


def schedule_dates(start: datetime.date, schedule: Schedule) -> list[datetime.date]:
    first = start + datetime.timedelta(days=(schedule.weekday - start.weekday()) % 7)
    return [first + datetime.timedelta(weeks=week) for week in range(schedule.weeks)]


def trainer_clash(*, trainer: str, date, start_time, end_time, exclude_session_id=None) -> Session | None:
    """Another session of the same trainer overlapping this one, if any."""
    if not trainer.strip():
        return None
    return (
        Session.objects.filter(date=date, start_time__lt=end_time, end_time__gt=start_time)
        .filter(Q(trainer__iexact=trainer.strip()) | Q(trainer="", activity__trainer__iexact=trainer.strip()))
        .exclude(pk=exclude_session_id)
        .select_related("activity")
        .first()
    )


def check_session(session: Session) -> None:
    activity = session.activity
    if not (activity.start_date <= session.date <= activity.end_date):
        raise ProgrammeError(
            _("The session on %(date)s falls outside the activity's dates (%(start)s – %(end)s).")
            % {
                "date": session.date.strftime("%d.%m.%Y"),
                "start": activity.start_date.strftime("%d.%m.%Y"),
                "end": activity.end_date.strftime("%d.%m.%Y"),
            }
        )
    if session.end_time <= session.start_time:
        raise ProgrammeError(_("A session must end after it starts."))
    clash = trainer_clash(
        trainer=session.trainer or activity.trainer,
        date=session.date,
        start_time=session.start_time,
        end_time=session.end_time,
        exclude_session_id=session.pk,
    )
    if clash is not None:
        raise ProgrammeError(
            _("%(trainer)s already has a session at that time: %(other)s.")
            % {"trainer": session.trainer or activity.trainer, "other": str(clash)}
        )


def activity_create(*, activity: Activity, schedule: Schedule | None, user, request=None) -> Activity:
    """Save an activity and, with a schedule, all its sessions in one go (all or nothing)."""
    with transaction.atomic():
        activity.save()
        if schedule is not None:
            for day in schedule_dates(activity.start_date, schedule):
                session = Session(
                    activity=activity, date=day, start_time=schedule.start_time, end_time=schedule.end_time
                )
                check_session(session)
                session.save()
        log_event(request=request, user=user, action=AuditEvent.Action.CREATE, obj=activity)
    return activity


def session_add(*, session: Session, user, request=None) -> Session:
    with transaction.atomic():
        check_session(session)
        session.save()
        log_event(request=request, user=user, action=AuditEvent.Action.CREATE, obj=session.activity)
    return session


def enroll(*, activity: Activity, participant: Participant, user, on: datetime.date | None = None, request=None):
    """Enroll a person taking part in the activity's project on the day of enrolment (``on``, today
    unless an earlier enrolment is entered after the fact); past capacity they join the waiting list."""
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ProgrammeError(_("The date of enrolment cannot be in the future."))
    if (
        activity.project_id
        and not ProjectParticipation.objects.filter(
            Q(status=ProjectParticipation.Status.ACTIVE)
            | Q(
                status__in=[ProjectParticipation.Status.COMPLETED, ProjectParticipation.Status.DROPPED_OUT],
                end_date__gte=on,
            ),
            project_id=activity.project_id,
            participant=participant,
            planned_start__lte=on,
        ).exists()
    ):
        raise ProgrammeError(
            _("%(name)s is not an active participant of the project %(project)s, which runs this activity.")
            % {"name": participant.full_name, "project": activity.project.code}
        )
    with transaction.atomic():
        # Lock the activity row so two enrollments cannot both take the last place.
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        taken = locked.enrollments.filter(status__in=HOLDING_A_PLACE).count()
        status = Enrollment.Status.ENROLLED if taken < locked.capacity else Enrollment.Status.WAITING
        try:
            with transaction.atomic():
                enrollment = Enrollment.objects.create(
                    activity=locked, participant=participant, status=status, enrolled_on=on
                )
        except IntegrityError:
            raise ProgrammeError(
                _("%(name)s is already enrolled in this activity.") % {"name": participant.full_name}
            ) from None
        log_event(request=request, user=user, action=AuditEvent.Action.CREATE, obj=enrollment, details=back_dated(on))
    return enrollment


def promote_from_waiting_list(activity: Activity) -> Enrollment | None:
    """Give a free place to the first person waiting (call inside a transaction)."""
    taken = activity.enrollments.filter(status__in=HOLDING_A_PLACE).count()
    if taken >= activity.capacity:
        return None
    first = activity.enrollments.filter(status=Enrollment.Status.WAITING).order_by("enrolled_on", "id").first()
    if first is not None:
        first.status = Enrollment.Status.ENROLLED
        first.save(update_fields=["status"])
    return first


def mark_attendance(*, session: Session, marks: dict[int, str], user, request=None) -> int:
    """Save the marks given (enrollment id -> status) and leave every other mark as it is, so
    two people marking the same session do not overwrite each other. Returns how many were saved."""
    valid = set(Attendance.Status.values)
    if any(status not in valid for status in marks.values()):
        raise ProgrammeError(_("Unknown attendance mark."))
    enrolled = set(
        session.activity.enrollments.filter(
            pk__in=marks.keys(), status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED]
        ).values_list("pk", flat=True)
    )
    strangers = set(marks) - enrolled
    if strangers:
        raise ProgrammeError(_("Attendance can only be marked for people enrolled in this activity."))
    with transaction.atomic():
        # Locked, so that the versions of the marks move on one save at a time.
        existing = {
            a.enrollment_id: a for a in session.attendances.select_for_update().filter(enrollment_id__in=marks.keys())
        }
        to_create, to_update = [], []
        for enrollment_id, status in marks.items():
            record = existing.get(enrollment_id)
            if record is None:
                to_create.append(
                    Attendance(session=session, enrollment_id=enrollment_id, status=status, marked_by=user)
                )
            elif record.status != status:
                record.status, record.marked_by, record.version = status, user, record.version + 1
                to_update.append(record)
        Attendance.objects.bulk_create(to_create)
        Attendance.objects.bulk_update(to_update, ["status", "marked_by", "marked_at", "version"])
        if to_create or to_update:
            # The marks are no rows a report's version follows (kis.figures): their project moves on here.
            figures.touch([session.activity.project_id])
            counters.recount_sessions([session.pk])
            counters.recount_enrollments([record.enrollment_id for record in to_create + to_update])
            marked = Enrollment.objects.filter(pk__in=marks.keys()).values_list("participant_id", flat=True)
            refresh_first_support(session.activity.project_id, marked, on=session.date)
            log_event(
                request=request,
                user=user,
                action=AuditEvent.Action.UPDATE,
                obj=session.activity,
                details={"session": session.pk, "marks": len(to_create) + len(to_update)},
            )
    return len(to_create) + len(to_update)


def mark_attendance_as_seen(
    *, session: Session, marks: dict[int, str], seen: dict[int, int | None], user, request=None
) -> tuple[int, list[Enrollment]]:
    """Save the marks as ``mark_attendance`` does, except where the stored mark is no longer the one
    the page showed: ``seen`` maps an enrollment id to the version of the mark shown (None: no mark
    yet; an id not in it is not checked). Those marks stay as someone else set them meanwhile.
    Returns how many marks were saved and the enrollments (with their people) left as they were."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                stored = {
                    enrollment_id: (version, status)
                    for enrollment_id, version, status in session.attendances.select_for_update()
                    .filter(enrollment_id__in=marks.keys() & seen.keys())
                    .values_list("enrollment_id", "version", "status")
                }
                # A mark set meanwhile to what this page asks for loses nothing: it is not reported.
                moved = {
                    enrollment_id
                    for enrollment_id, status in marks.items()
                    if enrollment_id in seen
                    and stored.get(enrollment_id, (None, None))[0] != seen[enrollment_id]
                    and stored.get(enrollment_id, (None, None))[1] != status
                }
                saved = mark_attendance(
                    session=session,
                    marks={key: value for key, value in marks.items() if key not in moved},
                    user=user,
                    request=request,
                )
            break
        except IntegrityError:
            # Someone else's first mark of one of these people arrived between the reading and the
            # writing (a row lock cannot cover a row not yet there): read again, once.
            if attempt:
                raise
    changed = list(
        Enrollment.objects.filter(pk__in=moved)
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name")
    )
    return saved, changed


def enrollments_with_rates(activity: Activity, *, user=None):
    """The activity's enrollments with ``sessions_held`` (sessions held since the person enrolled,
    up to today or their result), ``present`` and ``marked`` counts — one query whatever the number
    of people, so a late joiner is not counted absent for sessions before they joined. With ``user``,
    each also says whether that user may read the person's record (``visible``) and change it
    (``editable``), in the same query: the page names only the people the user may know of."""
    today = timezone.localdate()
    reach = {}
    if user is not None:
        person = OuterRef("participant_id")
        reach = {
            "visible": Exists(Participant.objects.visible_to(user).filter(pk=person)),
            "editable": Exists(Participant.objects.editable_by(user).filter(pk=person)),
        }
    held = (
        Session.objects.filter(activity=OuterRef("activity"), date__gte=OuterRef("enrolled_on"), date__lte=today)
        .exclude(date__gt=Coalesce(OuterRef("finished_on"), Value(today)))
        .values("activity")
        .annotate(n=Count("id"))
        .values("n")
    )
    rows = list(
        activity.enrollments.select_related("participant")
        .annotate(
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
            marked=Count("attendances"),
            sessions_held=Coalesce(Subquery(held, output_field=IntegerField()), Value(0)),
            **reach,
        )
        .order_by("status", "participant__last_name", "participant__first_name")
    )
    for row in rows:
        row.rate = percent(row.present, row.sessions_held)
        row.meets_rule = row.rate is not None and row.rate >= activity.completion_attendance
    return rows


def activity_attendance_rate(activity: Activity) -> int | None:
    """The share of the activity's marks that are "present", from its sessions' counters."""
    marks = activity.sessions.aggregate(present=Sum("present_count"), total=Sum("marked_count"))
    return percent(marks["present"] or 0, marks["total"] or 0)


def enrollment_finish(
    *, enrollment: Enrollment, user, status: str, on: datetime.date, certificate_number: str = "", request=None
) -> Enrollment:
    """Record the result: completed (with a certificate for certified courses) or dropped out."""
    if status not in (Enrollment.Status.COMPLETED, Enrollment.Status.DROPPED):
        raise ProgrammeError(_("Choose completed or dropped out."))
    if enrollment.status == Enrollment.Status.WAITING:
        raise ProgrammeError(_("A person on the waiting list has no result."))
    if on > timezone.localdate():
        raise ProgrammeError(_("The date of the result cannot be in the future."))
    if on < enrollment.enrolled_on:
        raise ProgrammeError(
            _("The date of the result cannot be before the enrolment (%(date)s).")
            % {"date": enrollment.enrolled_on.strftime("%d.%m.%Y")}
        )
    activity = enrollment.activity
    if status == Enrollment.Status.COMPLETED and activity.certificate_body and not certificate_number.strip():
        raise ProgrammeError(
            _("This course ends with a certificate issued by %(body)s: enter its number.")
            % {"body": activity.certificate_body}
        )
    with transaction.atomic():
        enrollment.status = status
        enrollment.finished_on = on
        enrollment.certificate_number = certificate_number.strip() if status == Enrollment.Status.COMPLETED else ""
        enrollment.certificate_body = activity.certificate_body if enrollment.certificate_number else ""
        enrollment.save()
        if status == Enrollment.Status.DROPPED:
            promote_from_waiting_list(activity)
        log_event(
            request=request, user=user, action=AuditEvent.Action.UPDATE, obj=enrollment, details={"status": status}
        )
    return enrollment


def consecutive_absences(participant_ids, *, limit: int = CONSECUTIVE_ABSENCES_FLAG) -> dict[int, int]:
    """For each of these people with a running enrolment whose record ends with at least ``limit``
    unexcused absences in a row (``Enrollment.absent_in_a_row``), the longest such run. One query
    over the enrolments' stored runs, no mark read."""
    return dict(
        Enrollment.objects.absent_in_a_row(at_least=limit)
        .filter(participant_id__in=participant_ids)
        .order_by()
        .values("participant_id")
        .annotate(run=Max("absence_streak"))
        .values_list("participant_id", "run")
    )


def is_absent_in_a_row(enrollment, at_least: int = CONSECUTIVE_ABSENCES_FLAG) -> bool:
    """``EnrollmentQuerySet.absent_in_a_row``'s rule for an enrolment already loaded."""
    return (
        enrollment.status == Enrollment.Status.ENROLLED
        and enrollment.absence_streak >= at_least
        and enrollment.last_marked_on is not None
        and enrollment.last_marked_on >= timezone.localdate() - ABSENCE_WINDOW
    )


def session_care_set(*, session: Session, member_ids) -> list[int]:
    """Record the dependants in care during a session. Only dependants who need care, of people
    enrolled in the activity (not waiting), count; any other id is ignored. Returns those kept.
    Called within the save of the session's attendance, whose audit entry covers it."""
    allowed = set(
        HouseholdMember.objects.filter(
            needs_care=True,
            participant__enrollments__activity_id=session.activity_id,
            participant__enrollments__status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED],
        ).values_list("pk", flat=True)
    )
    kept = sorted(set(member_ids) & allowed)
    session.cared_dependants.set(kept)
    return kept


def programme_record_save(form, *, user, created: bool, request=None) -> bool:
    """Save a person's programme record (individual support, internship, volunteering agreement)
    from its validated form and write the audit entry, in one transaction. An edit is refused
    (False, with the form's error set) when the stored record changed since the form was loaded."""
    with transaction.atomic():
        if not created:
            try:
                claim_version(form.instance, form.cleaned_data.get("version"))
            except EditedMeanwhile:
                add_edited_meanwhile_error(form)  # and what the other person changed
                return False
        before = {} if created else form.initial
        saved = form.save()
        if created and isinstance(saved, IndividualSupport):
            support_recorded(support=saved, user=user, request=request)  # under the person's referral, if any
        # A record entered (or re-dated) with a day before today is marked as entered after the fact.
        day = getattr(saved, "date", None) or getattr(saved, "start_date", None)
        dated = created or bool({"date", "start_date"} & set(form.changed_data))
        # Individual support and internships are support in their project: the first may start it.
        # From the earlier of its day and its day before the edit (a record moved later may move the start).
        old_day = before.get("date") or before.get("start_date")
        on = min((d for d in (day, old_day) if d), default=None)
        for project_id in {getattr(saved, "project_id", None), before.get("project")} - {None}:
            refresh_first_support(project_id, [saved.participant_id], on=on)
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            obj=saved,
            details={"fields": sorted(form.changed_data), **(back_dated(day) if dated else {})},
        )
    return True


# --- The first support: the ESF start of a participation -----------------------------------------

STARTED = [
    ProjectParticipation.Status.ACTIVE,
    ProjectParticipation.Status.COMPLETED,
    ProjectParticipation.Status.DROPPED_OUT,
]


def refresh_first_support(project_id: int | None, participant_ids, *, on: datetime.date | None = None) -> int:
    """Work out again the first support of these people in this project since their recorded start
    — present at a session, an individual meeting, an internship (its first day) — and hand it to
    participation as their ESF start. With ``on``, the day of the support just recorded or changed,
    only those whose start may move (none yet, or not before that day) are looked at. One query
    when no start may move, four when starts move, whatever the number of people."""
    if project_id is None:
        return 0
    may_move = Q(start_date__isnull=True) | Q(start_date__gte=on) if on else Q()
    today = (
        timezone.localdate()
    )  # support planned for later (a session ahead, an internship to come) is not yet support
    since = OuterRef("planned_start")
    person = OuterRef("participant_id")
    first_present = (
        Attendance.objects.filter(
            status=Attendance.Status.PRESENT,
            session__activity__project_id=project_id,
            enrollment__participant_id=person,
            session__date__gte=since,
            session__date__lte=today,
        )
        .order_by("session__date")
        .values("session__date")[:1]
    )
    first_meeting = (
        IndividualSupport.objects.filter(project_id=project_id, participant_id=person, date__gte=since, date__lte=today)
        .order_by("date")
        .values("date")[:1]
    )
    first_internship = (
        Internship.objects.filter(
            project_id=project_id, participant_id=person, start_date__gte=since, start_date__lte=today
        )
        .order_by("start_date")
        .values("start_date")[:1]
    )
    candidates = list(
        ProjectParticipation.objects.filter(
            may_move,
            project_id=project_id,
            participant_id__in=list(participant_ids),
            status__in=STARTED,
            planned_start__isnull=False,
        ).values_list("pk", flat=True)
    )
    if not candidates:  # the usual case: a support after everyone's first
        return 0
    rows = (
        ProjectParticipation.objects.filter(pk__in=candidates)
        .annotate(
            present=Subquery(first_present), meeting=Subquery(first_meeting), internship=Subquery(first_internship)
        )
        .values_list("pk", "start_date", "end_date", "present", "meeting", "internship")
    )
    firsts = {}
    for pk, start, end, *days in rows:
        days = [day for day in days if day is not None and (end is None or day <= end)]
        first = min(days, default=None)
        if first != start:
            firsts[pk] = first
    return participation_services.set_first_support(firsts) if firsts else 0


@receiver(participation_started)
def count_the_support_recorded_since_the_start(sender, participation, **kwargs):
    refresh_first_support(participation.project_id, [participation.participant_id])
