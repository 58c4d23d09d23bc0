"""The attendance grid of a session (one tap, one saved mark), its attendance list to sign (PDF),
and an activity's monthly attendance list (PDF)."""

import datetime
import re

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from activities import services
from activities.documents import AttendanceListPdf, MonthlyAttendanceListPdf
from activities.models import Activity, Attendance, Enrollment, Session
from kis.bounds import parse_id
from kis.files import file_response
from kis.models import AuditEvent
from kis.views import ScopedObjectMixin
from participants.models import HouseholdMember, Participant

HEADCOUNT_MAX = 999  # as the attendance grid's field allows
MONTHS_MAX = 12  # a sheet a month: a year's lists stay a short document, rendered while the user waits
MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def seen_versions(data, marks) -> dict[int, int | None]:
    """The version of each mark the grid showed (``seen-<id>``: empty when there was none yet), for
    the marks posted; a mark posted without it (a page from before versions) is not checked."""
    seen = {}
    for enrollment_id in marks:
        raw = data.get(f"seen-{enrollment_id}")
        if raw is not None:
            seen[enrollment_id] = int(raw) if raw.isascii() and raw.isdigit() else None
    return seen


class AttendanceView(ScopedObjectMixin, View):
    """The attendance grid of one session: one tap per person, saved at once (htmx) or with the
    form's button; "all present" marks everyone not yet marked."""

    permission_required = "activities.change_attendance"
    model = Session
    scope = "editable_by"
    template_name = "activities/attendance.html"

    def get_base_queryset(self):
        return Session.objects.select_related("activity__project", "activity__location", "activity__service_type")

    def reachable(self, session):
        """The enrollments of this session's activity the user may mark: people enrolled (or who
        completed) whom the user may edit — another worker's person is neither shown nor marked."""
        return session.activity.enrollments.filter(
            status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED],
            participant__in=Participant.objects.editable_by(self.request.user),
        )

    def rows(self, session):
        enrollments = list(
            self.reachable(session)
            .select_related("participant")
            .prefetch_related("participant__household_members")
            .order_by("participant__last_name", "participant__first_name")
        )
        marks = {row[0]: row[1:] for row in session.attendances.values_list("enrollment_id", "status", "version")}
        for enrollment in enrollments:
            enrollment.mark, enrollment.mark_version = marks.get(enrollment.pk, ("", None))
        return enrollments

    def saved_message(self, session) -> str:
        """What the session's attendance now is, said plainly: the marks tapped on the grid are
        saved one by one, so the number the button alone changed (often none) would mislead."""
        people = self.reachable(session)
        counts = session.attendances.filter(enrollment__in=people).aggregate(
            marked=Count("pk"), present=Count("pk", filter=Q(status=Attendance.Status.PRESENT))
        )
        counts["people"] = people.count()
        message = (
            ngettext(
                "Attendance saved: %(marked)s of %(people)s person marked, %(present)s present.",
                "Attendance saved: %(marked)s of %(people)s people marked, %(present)s present.",
                counts["people"],
            )
            % counts
        )
        waiting = counts["people"] - counts["marked"]
        if waiting > 0:
            message += " " + ngettext(
                "%(count)s person not marked yet.", "%(count)s people not marked yet.", waiting
            ) % {"count": waiting}
        return message

    def context(self, session):
        rows = self.rows(session)
        dependants = [
            member
            for enrollment in rows
            for member in enrollment.participant.household_members.all()
            if member.needs_care
        ]
        return {
            "session": session,
            "activity": session.activity,
            "rows": rows,
            "statuses": Attendance.Status.choices,
            "present_count": sum(1 for r in rows if r.mark == Attendance.Status.PRESENT),
            "dependants": dependants,
            "cared_ids": set(session.cared_dependants.values_list("pk", flat=True)),
        }

    def get(self, request, pk):
        session = self.get_object()
        return render(request, self.template_name, self.context(session))

    def care_kept(self, session, ticked: list[int]) -> list[int]:
        """The dependants in care after this save: those ticked among the ones the grid showed, and
        whoever else was recorded (dependants of people outside the user's reach) as they were."""
        shown = set(
            HouseholdMember.objects.filter(
                needs_care=True, participant__enrollments__in=self.reachable(session)
            ).values_list("pk", flat=True)
        )
        others = [pk for pk in session.cared_dependants.values_list("pk", flat=True) if pk not in shown]
        return [pk for pk in ticked if pk in shown] + others

    def post(self, request, pk):
        session = self.get_object()
        if "all_present" in request.POST:
            rows = self.rows(session)
            marks = {r.pk: Attendance.Status.PRESENT for r in rows if not r.mark}
            seen = dict.fromkeys(marks)  # none of them marked yet, unless someone does so meanwhile
        else:
            # Only what this person changed on the page is saved, so marks made meanwhile by
            # someone else on another tablet are not overwritten with this page's stale values.
            marks = {}
            for key, value in request.POST.items():
                # Not an id an enrollment can have (e.g. 20 digits): no mark, and no query with it.
                enrollment_id = parse_id(key[5:]) if key.startswith("mark-") else None
                if enrollment_id is not None and value:
                    if value != request.POST.get(f"initial-{key[5:]}"):
                        marks[enrollment_id] = value
            seen = seen_versions(request.POST, marks)
        try:
            if marks.keys() - set(self.reachable(session).filter(pk__in=marks.keys()).values_list("pk", flat=True)):
                # A mark for someone the grid does not show (not enrolled, or outside the user's
                # reach) is refused as one, so the answer does not tell whether the person is there.
                raise services.ProgrammeError(_("Attendance can only be marked for people enrolled in this activity."))
            with transaction.atomic():  # the marks, the headcount and the care: all or nothing
                _saved, changed = services.mark_attendance_as_seen(
                    session=session, marks=marks, seen=seen, user=request.user, request=request
                )
                if "headcount_others" in request.POST:
                    headcount = request.POST.get("headcount_others", "0")
                    # The grid's field takes 0–999; anything else (beyond a small integer column too) counts as 0.
                    valid = headcount.isascii() and headcount.isdigit() and int(headcount) <= HEADCOUNT_MAX
                    session.headcount_others = int(headcount) if valid else 0
                    session.save(update_fields=["headcount_others"])
                    cared = [int(v) for v in request.POST.getlist("cared") if v.isascii() and v.isdigit()]
                    services.session_care_set(session=session, member_ids=self.care_kept(session, cared))
        except services.ProgrammeError as error:
            if request.headers.get("HX-Request"):
                return render(request, "activities/includes/attendance_error.html", {"error": str(error)}, status=422)
            messages.error(request, str(error))
            return HttpResponseRedirect(request.path)
        if request.headers.get("HX-Request") and len(marks) == 1:
            (enrollment_id,) = marks
            row = next(r for r in self.rows(session) if r.pk == enrollment_id)
            return render(
                request,
                "activities/includes/attendance_row.html",
                {
                    "row": row,
                    "statuses": Attendance.Status.choices,
                    "session": session,
                    "saved": not changed,
                    "changed_meanwhile": bool(changed),
                },
            )
        messages.success(request, self.saved_message(session))
        if changed:
            names = ", ".join(enrollment.participant.full_name for enrollment in changed)
            messages.warning(
                request,
                _(
                    "Someone else marked %(names)s meanwhile: those marks were not overwritten. "
                    "The current marks are shown below."
                )
                % {"names": names},
            )
        return HttpResponseRedirect(request.path)


class AttendancePdfView(ScopedObjectMixin, View):
    """The paper attendance list funders require, to be signed by each person present.

    It lists the people whose record the user may read: the coordinator of the people's location
    (or a manager) prints the full list for the room; a social worker's print lists only their own
    people and is headed as an extract, so a partial list is never taken for the full one — a
    worker may need it for their own people's files, but never learns who else attends."""

    permission_required = "activities.view_attendance"
    model = Session

    def get_base_queryset(self):
        return Session.objects.select_related("activity__project", "activity__location", "activity__service_type")

    def get(self, request, pk):
        session = self.get_object()
        # Only the people whose record the user may read; a list leaving anyone out says so.
        document = AttendanceListPdf(session, people=Participant.objects.visible_to(request.user)).render()
        return file_response(
            request, document, action=AuditEvent.Action.PRINT, obj=session.activity, details={"session": session.pk}
        )


class MonthRefused(ValueError):
    """Months that cannot be printed; ``str(error)`` is a translated message for the user."""


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first days of the months from ``first``'s to ``last``'s."""
    start, end = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    return [datetime.date(index // 12, index % 12 + 1, 1) for index in range(start, end + 1)]


def parse_month(value: str) -> datetime.date:
    match = MONTH.fullmatch(value.strip())
    if not match or not 1 <= int(match[2]) <= 12 or not 1900 <= int(match[1]) <= 2999:
        raise MonthRefused(
            _("“%(value)s” is not a month: give it as year and month, e.g. 2026-03.") % {"value": value[:20]}
        )
    return datetime.date(int(match[1]), int(match[2]), 1)


def chosen_months(query, activity: Activity) -> list[datetime.date]:
    """The months asked for (``from`` and ``to``, as YYYY-MM; one of them alone is one month).
    Without either: this month while the activity runs, otherwise the activity's months (at most
    MONTHS_MAX from its start). Raises MonthRefused."""
    first, last = query.get("from", "").strip(), query.get("to", "").strip()
    if first or last:
        months = months_between(parse_month(first or last), parse_month(last or first))
        if not months:
            raise MonthRefused(_("The first month comes after the last one: swap them."))
        if len(months) > MONTHS_MAX:
            raise MonthRefused(_("Choose at most %(count)s months at a time.") % {"count": MONTHS_MAX})
        return months
    today = timezone.localdate()
    if activity.start_date <= today <= activity.end_date:
        return [today.replace(day=1)]
    return months_between(activity.start_date, activity.end_date)[:MONTHS_MAX]


class MonthlyAttendancePdfView(ScopedObjectMixin, View):
    """The monthly attendance list funders ask for: a sheet per month, a signature cell for each
    person at each session. Months that cannot be printed send the user back to the activity
    with the reason."""

    permission_required = "activities.view_attendance"
    model = Activity

    def get_base_queryset(self):
        return Activity.objects.select_related("project", "location", "service_type", "provider")

    def get(self, request, pk):
        activity = self.get_object()
        try:
            months = chosen_months(request.GET, activity)
            renderer = MonthlyAttendanceListPdf(activity, months, people=Participant.objects.visible_to(request.user))
            if not renderer.sheets:
                raise MonthRefused(_("This activity has no sessions in the months chosen."))
        except MonthRefused as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(f"{activity.get_absolute_url()}#sessions")
        return file_response(
            request,
            renderer.render(),
            action=AuditEvent.Action.PRINT,
            obj=activity,
            details={"monthly_list": [f"{months[0]:%Y-%m}", f"{months[-1]:%Y-%m}"]},
        )
