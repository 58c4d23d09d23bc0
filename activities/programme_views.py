"""Pages of the programme: the activity list, an activity with its sessions and people, creating
an activity with its schedule, enrolling, results, and the attendance grid."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from activities import programme
from activities.filters import ActivityFilter
from activities.models import Activity, Attendance, Enrollment, Session
from activities.programme_forms import ActivityForm, FinishForm, ScheduleForm, SessionForm
from kis.audit import log_event
from kis.models import AuditEvent
from kis.pdf import render_pdf
from kis.views import KeepFiltersMixin, RoleRequiredMixin
from participants.models import Participant

SEARCH_ROWS = 15
HEADCOUNT_MAX = 999  # as the attendance grid's field allows


class ActivityListView(RoleRequiredMixin, KeepFiltersMixin, FilterView):
    permission_required = "activities.view_activity"
    filterset_class = ActivityFilter
    template_name = "activities/activity_list.html"
    paginate_by = 25
    strict = False

    def get_queryset(self):
        return (
            Activity.objects.with_enrolment_counts()
            .select_related("service_type", "project", "location", "provider")
            .order_by("-start_date", "name")
        )


class ActivityDetailView(RoleRequiredMixin, DetailView):
    permission_required = "activities.view_activity"
    template_name = "activities/activity_detail.html"
    context_object_name = "activity"

    def get_queryset(self):
        return Activity.objects.select_related("service_type", "project", "location", "provider").prefetch_related(
            "sessions"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        user = self.request.user
        rows = programme.enrollments_with_rates(activity)
        context["enrolled"] = [r for r in rows if r.status != Enrollment.Status.WAITING]
        context["places_taken"] = sum(1 for r in rows if r.status in programme.HOLDING_A_PLACE)
        context["waiting"] = sorted(
            (r for r in rows if r.status == Enrollment.Status.WAITING), key=lambda r: (r.enrolled_on, r.pk)
        )
        context["attendance_rate"] = programme.activity_attendance_rate(activity)
        context["today"] = timezone.localdate()
        context["can_run"] = user.has_perm("activities.change_activity")
        context["can_enroll"] = user.has_perm("activities.add_enrollment")
        context["finish_form"] = FinishForm(initial={"finished_on": timezone.localdate()})
        query = self.request.GET.get("q", "").strip()
        context["q"] = query
        if query and context["can_enroll"]:
            context["candidates"] = list(
                Participant.objects.editable_by(user)
                .search(query)
                .exclude(enrollments__activity=activity)
                .select_related("location")[:SEARCH_ROWS]
            )
        return context


class ActivityFormView(RoleRequiredMixin, View):
    """Create an activity (with an optional weekly schedule making all sessions) or edit one."""

    template_name = "activities/activity_form.html"

    def has_permission(self):
        perm = "activities.change_activity" if "pk" in self.kwargs else "activities.add_activity"
        return self.request.user.has_perm(perm)

    def get_activity(self):
        if "pk" in self.kwargs:
            return get_object_or_404(Activity, pk=self.kwargs["pk"])
        return None

    def render_form(self, form, schedule, activity):
        return render(self.request, self.template_name, {"form": form, "schedule": schedule, "activity": activity})

    def get(self, request, **kwargs):
        activity = self.get_activity()
        return self.render_form(ActivityForm(instance=activity), ScheduleForm() if activity is None else None, activity)

    def post(self, request, **kwargs):
        activity = self.get_activity()
        form = ActivityForm(request.POST, instance=activity)
        schedule = ScheduleForm(request.POST) if activity is None else None
        if form.is_valid() and (schedule is None or schedule.is_valid()):
            try:
                if activity is None:
                    plan = None
                    if schedule.has_schedule:
                        plan = programme.Schedule(
                            weekday=schedule.cleaned_data["weekday"],
                            start_time=schedule.cleaned_data["start_time"],
                            end_time=schedule.cleaned_data["end_time"],
                            weeks=schedule.cleaned_data["weeks"],
                        )
                    saved = programme.activity_create(
                        activity=form.instance, schedule=plan, user=request.user, request=request
                    )
                else:
                    saved = form.save()
                    log_event(request=request, action=AuditEvent.Action.UPDATE, obj=saved)
            except programme.ProgrammeError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Activity “%(name)s” saved.") % {"name": saved.name})
                return HttpResponseRedirect(saved.get_absolute_url())
        messages.error(request, _("The form has errors; nothing was saved. Correct the fields marked below."))
        return self.render_form(form, schedule, activity)


class SessionCreateView(RoleRequiredMixin, View):
    permission_required = "activities.add_session"
    template_name = "activities/session_form.html"

    def get(self, request, pk):
        activity = get_object_or_404(Activity, pk=pk)
        last = activity.sessions.last()
        initial = {"start_time": last.start_time, "end_time": last.end_time} if last else {}
        return render(request, self.template_name, {"form": SessionForm(initial=initial), "activity": activity})

    def post(self, request, pk):
        activity = get_object_or_404(Activity, pk=pk)
        form = SessionForm(request.POST, instance=Session(activity=activity))
        if form.is_valid():
            try:
                programme.session_add(session=form.instance, user=request.user, request=request)
            except programme.ProgrammeError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Session added."))
                return HttpResponseRedirect(activity.get_absolute_url() + "#sessions")
        return render(request, self.template_name, {"form": form, "activity": activity})


class EnrollView(RoleRequiredMixin, View):
    """POST only: enroll a person (or put them on the waiting list)."""

    permission_required = "activities.add_enrollment"
    http_method_names = ["post"]

    def post(self, request, pk):
        activity = get_object_or_404(Activity.objects.select_related("project"), pk=pk)
        raw = request.POST.get("participant", "")
        if not raw.isdigit():
            raise Http404
        participant = get_object_or_404(Participant.objects.editable_by(request.user), pk=int(raw))
        try:
            enrollment = programme.enroll(
                activity=activity, participant=participant, user=request.user, request=request
            )
        except programme.ProgrammeError as error:
            messages.error(request, str(error))
        else:
            if enrollment.status == Enrollment.Status.WAITING:
                messages.warning(
                    request,
                    _("All places are taken: %(name)s is on the waiting list.") % {"name": participant.full_name},
                )
            else:
                messages.success(request, _("%(name)s enrolled.") % {"name": participant.full_name})
        return HttpResponseRedirect(activity.get_absolute_url() + "#people")


class EnrollmentFinishView(RoleRequiredMixin, View):
    """POST only: record the result of one enrollment."""

    permission_required = "activities.change_enrollment"
    http_method_names = ["post"]

    def post(self, request, pk):
        enrollment = get_object_or_404(Enrollment.objects.select_related("activity", "participant"), pk=pk)
        form = FinishForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose the result and its date."))
        else:
            try:
                programme.enrollment_finish(
                    enrollment=enrollment,
                    user=request.user,
                    status=form.cleaned_data["status"],
                    on=form.cleaned_data["finished_on"],
                    certificate_number=form.cleaned_data["certificate_number"],
                    request=request,
                )
            except programme.ProgrammeError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Result saved for %(name)s.") % {"name": enrollment.participant.full_name})
        return HttpResponseRedirect(enrollment.activity.get_absolute_url() + "#people")


class AttendanceView(RoleRequiredMixin, View):
    """The attendance grid of one session: one tap per person, saved at once (htmx) or with the
    form's button; "all present" marks everyone not yet marked."""

    permission_required = "activities.change_attendance"
    template_name = "activities/attendance.html"

    def get_session(self, pk):
        return get_object_or_404(
            Session.objects.select_related("activity__project", "activity__location", "activity__service_type"), pk=pk
        )

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
        session = self.get_session(pk)
        return render(request, self.template_name, self.context(session))

    def post(self, request, pk):
        session = self.get_session(pk)
        rows = None  # loaded at most once: "all present" and the dependants both need them
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
                saved = programme.mark_attendance(session=session, marks=marks, user=request.user, request=request)
                if "headcount_others" in request.POST:
                    headcount = request.POST.get("headcount_others", "0")
                    # The grid's field takes 0–999; anything else (beyond a small integer column too) counts as 0.
                    valid = headcount.isascii() and headcount.isdigit() and int(headcount) <= HEADCOUNT_MAX
                    session.headcount_others = int(headcount) if valid else 0
                    session.save(update_fields=["headcount_others"])
                    session.cared_dependants.set(self.valid_dependants(session, request.POST.getlist("cared"), rows))
        except programme.ProgrammeError as error:
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

    def valid_dependants(self, session, raw_ids, rows=None):
        """Only dependants of people enrolled in this activity can be recorded as cared for."""
        ids = {int(v) for v in raw_ids if v.isdigit()}
        allowed = {
            member.pk
            for enrollment in (self.rows(session) if rows is None else rows)
            for member in enrollment.participant.household_members.all()
            if member.needs_care
        }
        return sorted(ids & allowed)


class AttendancePdfView(RoleRequiredMixin, View):
    """The paper attendance list funders require, to be signed by each person present."""

    permission_required = "activities.view_attendance"

    def get(self, request, pk):
        session = get_object_or_404(
            Session.objects.select_related("activity__project", "activity__location", "activity__service_type"), pk=pk
        )
        rows = list(
            session.activity.enrollments.filter(status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED])
            .select_related("participant")
            .order_by("participant__last_name", "participant__first_name")
        )
        pdf = render_pdf(
            "activities/attendance_pdf.html",
            {"session": session, "activity": session.activity, "rows": rows, "centre_name": settings.KIS_CENTRE_NAME},
            language=settings.LANGUAGE_CODE,
        )
        log_event(
            request=request, action=AuditEvent.Action.PRINT, obj=session.activity, details={"session": session.pk}
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="lista-obecnosci-{session.date:%Y-%m-%d}.pdf"'
        return response
