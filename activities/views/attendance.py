"""The attendance grid of a session (one tap, one saved mark) and its attendance list to sign (PDF)."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from activities import services
from activities.documents import AttendanceListPdf
from activities.models import Attendance, Enrollment, Session
from kis.files import file_response
from kis.models import AuditEvent
from kis.views import ScopedObjectMixin

HEADCOUNT_MAX = 999  # as the attendance grid's field allows


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
