"""The attendance grid of a session (one tap, one saved mark), its attendance list to sign (PDF),
and an activity's monthly attendance list (PDF)."""

import datetime
import re

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from activities import services
from activities.documents import AttendanceListPdf, MonthlyAttendanceListPdf
from activities.models import Activity, Attendance, Enrollment, Session
from kis.files import file_response
from kis.models import AuditEvent
from kis.views import ScopedObjectMixin

HEADCOUNT_MAX = 999  # as the attendance grid's field allows
MONTHS_MAX = 12  # a sheet a month: a year's lists stay a short document, rendered while the user waits
MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


class AttendanceView(ScopedObjectMixin, View):
    """The attendance grid of one session: one tap per person, saved at once (htmx) or with the
    form's button; "all present" marks everyone not yet marked."""

    permission_required = "activities.change_attendance"
    model = Session
    scope = "editable_by"
    template_name = "activities/attendance.html"

    def get_base_queryset(self):
        return Session.objects.select_related("activity__project", "activity__location", "activity__service_type")

    def rows(self, session):
        enrollments = list(
            session.activity.enrollments.filter(status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED])
            .select_related("participant")
            .prefetch_related("participant__household_members")
            .order_by("participant__last_name", "participant__first_name")
        )
        marks = dict(session.attendances.values_list("enrollment_id", "status"))
        for enrollment in enrollments:
            enrollment.mark = marks.get(enrollment.pk, "")
        return enrollments

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

    def post(self, request, pk):
        session = self.get_object()
        if "all_present" in request.POST:
            rows = self.rows(session)
            marks = {r.pk: Attendance.Status.PRESENT for r in rows if not r.mark}
        else:
            # Only what this person changed on the page is saved, so marks made meanwhile by
            # someone else on another tablet are not overwritten with this page's stale values.
            marks = {}
            for key, value in request.POST.items():
                if key.startswith("mark-") and key[5:].isdigit() and value:
                    if value != request.POST.get(f"initial-{key[5:]}"):
                        marks[int(key[5:])] = value
        try:
            with transaction.atomic():  # the marks, the headcount and the care: all or nothing
                saved = services.mark_attendance(session=session, marks=marks, user=request.user, request=request)
                if "headcount_others" in request.POST:
                    headcount = request.POST.get("headcount_others", "0")
                    # The grid's field takes 0–999; anything else (beyond a small integer column too) counts as 0.
                    valid = headcount.isascii() and headcount.isdigit() and int(headcount) <= HEADCOUNT_MAX
                    session.headcount_others = int(headcount) if valid else 0
                    session.save(update_fields=["headcount_others"])
                    cared = [int(v) for v in request.POST.getlist("cared") if v.isascii() and v.isdigit()]
                    services.session_care_set(session=session, member_ids=cared)
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
                {"row": row, "statuses": Attendance.Status.choices, "session": session, "saved": True},
            )
        messages.success(request, _("Attendance saved (%(count)s changes).") % {"count": saved})
        return HttpResponseRedirect(request.path)


class AttendancePdfView(ScopedObjectMixin, View):
    """The paper attendance list funders require, to be signed by each person present."""

    permission_required = "activities.view_attendance"
    model = Session

    def get_base_queryset(self):
        return Session.objects.select_related("activity__project", "activity__location", "activity__service_type")

    def get(self, request, pk):
        session = self.get_object()
        document = AttendanceListPdf(session).render()
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
            renderer = MonthlyAttendanceListPdf(activity, months)
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
