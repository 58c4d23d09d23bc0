"""Pages of the programme: the activity list, an activity with its sessions and people, creating
an activity with its schedule, enrolling, and results."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from activities import services
from activities.filters import ActivityFilter
from activities.forms import ActivityForm, EnrollForm, FinishForm, ScheduleForm, SessionForm
from activities.models import Activity, Enrollment, Session
from kis.audit import log_event
from kis.bounds import parse_id, search_text
from kis.idempotency import IdempotentCreateMixin, add_token_field, record_submission
from kis.locking import EditedMeanwhile, add_edited_meanwhile_error, claim_version
from kis.models import AuditEvent
from kis.views import KeepFiltersMixin, RoleRequiredMixin, ScopedObjectMixin
from participants.models import Participant
from participants.searches import redirect_to_search, search_of

SEARCH_ROWS = 15


class ActivityListView(RoleRequiredMixin, KeepFiltersMixin, FilterView):
    permission_required = "activities.view_activity"
    action_permissions = {"see_catalogue": "activities.view_servicetype", "add_activity": "activities.add_activity"}
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


class ActivityDetailView(ScopedObjectMixin, DetailView):
    permission_required = "activities.view_activity"
    action_permissions = {
        "run": "activities.change_activity",
        "enroll": "activities.add_enrollment",
        "mark_attendance": "activities.change_attendance",
        "finish_enrollment": "activities.change_enrollment",
        "print_attendance": "activities.view_attendance",
    }
    model = Activity
    template_name = "activities/activity_detail.html"
    context_object_name = "activity"

    def get(self, request, *args, **kwargs):
        if "q" in request.GET:
            # An old bookmark: its request line has reached the logs already (that cannot be
            # helped), the redirect keeps the PESEL out of the address bar and the history.
            return redirect_to_search(request, request.GET, keep=())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # The enrol box's search is posted, so that a PESEL never travels in an address.
        return redirect_to_search(request, request.POST, keep=())

    def get_base_queryset(self):
        return Activity.objects.select_related("service_type", "project", "location", "provider").prefetch_related(
            "sessions"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        user = self.request.user
        rows = services.enrollments_with_rates(activity, user=user)
        # Need-to-know: the people are named only to whom may read their record; the others are a
        # count, so the places (taken of all) and the waiting list's length stay right for everyone.
        enrolled = [r for r in rows if r.status != Enrollment.Status.WAITING]
        waiting = sorted(
            (r for r in rows if r.status == Enrollment.Status.WAITING), key=lambda r: (r.enrolled_on, r.pk)
        )
        context["enrolled"] = [r for r in enrolled if r.visible]
        context["enrolled_others"] = len(enrolled) - len(context["enrolled"])
        context["places_taken"] = sum(1 for r in rows if r.status in services.HOLDING_A_PLACE)
        context["waiting"] = [r for r in waiting if r.visible]
        context["waiting_count"] = len(waiting)
        context["waiting_others"] = len(waiting) - len(context["waiting"])
        context["attendance_rate"] = services.activity_attendance_rate(activity)
        context["today"] = timezone.localdate()
        query = search_text(search_of(self.request))
        context["q"] = query
        if query and context["can"]["enroll"]:
            context["candidates"] = list(
                Participant.objects.editable_by(user)
                .search(query)
                .exclude(enrollments__activity=activity)
                .select_related("location")[:SEARCH_ROWS]
            )
        return context


class ActivityFormView(IdempotentCreateMixin, RoleRequiredMixin, View):
    """Create an activity (with an optional weekly schedule making all sessions); see the edit
    page below."""

    permission_required = "activities.add_activity"
    template_name = "activities/activity_form.html"

    def get_activity(self):
        return None

    def render_form(self, form, schedule, activity):
        if activity is None:
            add_token_field(form)  # a new activity is created once, however often the form is sent
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
                        plan = services.Schedule(
                            weekday=schedule.cleaned_data["weekday"],
                            start_time=schedule.cleaned_data["start_time"],
                            end_time=schedule.cleaned_data["end_time"],
                            weeks=schedule.cleaned_data["weeks"],
                        )
                    with transaction.atomic():
                        saved = services.activity_create(
                            activity=form.instance, schedule=plan, user=request.user, request=request
                        )
                        record_submission(request, saved)
                else:
                    with transaction.atomic():
                        claim_version(activity, form.cleaned_data.get("version"))
                        saved = form.save()
                        log_event(request=request, action=AuditEvent.Action.UPDATE, obj=saved)
            except services.ProgrammeError as error:
                form.add_error(None, str(error))
            except EditedMeanwhile:
                add_edited_meanwhile_error(form)
            else:
                messages.success(request, _("Activity “%(name)s” saved.") % {"name": saved.name})
                return HttpResponseRedirect(saved.get_absolute_url())
        messages.error(request, _("The form has errors; nothing was saved. Correct the fields marked below."))
        return self.render_form(form, schedule, activity)


class ActivityUpdateView(ScopedObjectMixin, ActivityFormView):
    """Edit an activity (its sessions are added one by one)."""

    permission_required = "activities.change_activity"
    model = Activity
    scope = "editable_by"

    def get_activity(self):
        return self.get_object()


class SessionCreateView(IdempotentCreateMixin, ScopedObjectMixin, View):
    permission_required = "activities.add_session"
    model = Activity
    template_name = "activities/session_form.html"

    def get(self, request, pk):
        activity = self.get_object()
        last = activity.sessions.last()
        initial = {"start_time": last.start_time, "end_time": last.end_time} if last else {}
        form = add_token_field(SessionForm(initial=initial))
        return render(request, self.template_name, {"form": form, "activity": activity})

    def post(self, request, pk):
        activity = self.get_object()
        form = add_token_field(SessionForm(request.POST, instance=Session(activity=activity)))
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.session_add(session=form.instance, user=request.user, request=request)
                    record_submission(request, form.instance, url=activity.get_absolute_url() + "#sessions")
            except services.ProgrammeError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Session added."))
                return HttpResponseRedirect(activity.get_absolute_url() + "#sessions")
        return render(request, self.template_name, {"form": form, "activity": activity})


class EnrollView(ScopedObjectMixin, View):
    """POST only: enroll a person (or put them on the waiting list)."""

    permission_required = "activities.add_enrollment"
    model = Activity
    http_method_names = ["post"]

    def get_base_queryset(self):
        return Activity.objects.select_related("project")

    def post(self, request, pk):
        activity = self.get_object()
        if (participant_pk := parse_id(request.POST.get("participant"))) is None:
            raise Http404
        participant = get_object_or_404(Participant.objects.editable_by(request.user), pk=participant_pk)
        form = EnrollForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter the date of enrolment as DD.MM.YYYY, or leave it empty for today."))
            return HttpResponseRedirect(activity.get_absolute_url() + "#people")
        try:
            enrollment = services.enroll(
                activity=activity,
                participant=participant,
                user=request.user,
                on=form.cleaned_data["enrolled_on"],
                request=request,
            )
        except services.ProgrammeError as error:
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


class EnrollmentFinishView(ScopedObjectMixin, View):
    """POST only: record the result of one enrollment."""

    permission_required = "activities.change_enrollment"
    model = Enrollment
    scope = "editable_by"
    http_method_names = ["post"]

    def get_base_queryset(self):
        return Enrollment.objects.select_related("activity", "participant")

    def post(self, request, pk):
        enrollment = self.get_object()
        form = FinishForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose the result and its date."))
        else:
            try:
                services.enrollment_finish(
                    enrollment=enrollment,
                    user=request.user,
                    status=form.cleaned_data["status"],
                    on=form.cleaned_data["finished_on"],
                    certificate_number=form.cleaned_data["certificate_number"],
                    request=request,
                )
            except services.ProgrammeError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Result saved for %(name)s.") % {"name": enrollment.participant.full_name})
        return HttpResponseRedirect(enrollment.activity.get_absolute_url() + "#people")
