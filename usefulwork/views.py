"""Pages of socially useful work: the placements (list, page with the hours, new, edit), recording
and removing a day's hours, and the monthly settlement lists for the labour office (PDF, XLSX) of
one placement or of everyone at one organisation.

Everyone who may see placements sees all of them; they are created and changed, and hours are
recorded, only by those who may edit the person (their social worker, coordinators): anyone else
gets 404, which does not confirm that the placement exists.
"""

from __future__ import annotations

import datetime
from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from kis.audit import log_event
from kis.background import offer
from kis.bounds import parse_id, search_text
from kis.files import file_response
from kis.idempotency import IdempotentCreateMixin, record_submission
from kis.locking import EditedMeanwhile
from kis.models import AuditEvent
from kis.views import KeepFiltersMixin, RoleRequiredMixin, ScopedObjectMixin
from participants.models import Participant
from participants.searches import redirect_to_search, search_of
from projects.models import Partner
from usefulwork import services
from usefulwork.background import RENDERERS, OrganisationSettlementDocument, placements_with_everything
from usefulwork.documents import sheets
from usefulwork.filters import PlacementFilter, parse_month
from usefulwork.forms import PlacementForm, WorkDayForm
from usefulwork.models import Placement, WorkDay, month_end

FORM_ERRORS = gettext_lazy("The form has errors; nothing was saved. Correct the fields marked below.")
SEARCH_ROWS = 15


def refusal_onto(form, error: services.UsefulWorkError | EditedMeanwhile) -> None:
    """A refusal of the services shown on the field it is about (or above the form)."""
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error))


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first days of the months from ``first``'s to ``last``'s."""
    start, end = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    return [datetime.date(index // 12, index % 12 + 1, 1) for index in range(start, end + 1)]


# --- The placements ------------------------------------------------------------------------------


class PlacementListView(RoleRequiredMixin, KeepFiltersMixin, FilterView):
    permission_required = "usefulwork.view_placement"
    action_permissions = {"add": "usefulwork.add_placement"}
    filterset_class = PlacementFilter
    template_name = "usefulwork/placement_list.html"
    paginate_by = 25
    strict = False

    def get_queryset(self):
        return (
            Placement.objects.visible_to(self.request.user)
            .for_list()
            .order_by("-start_date", "participant__last_name", "participant__first_name", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["filter"].form
        chosen = form.cleaned_data if form.is_valid() else {}
        month, organisation = chosen.get("month"), chosen.get("organisation")
        context["month"] = month
        # Everyone at one organisation in one month: the organisation's settlement list.
        if month and organisation:
            context["settlement_organisation"] = organisation
            context["settlement_month"] = f"{month:%Y-%m}"
        return context


class PlacementDetailView(ScopedObjectMixin, DetailView):
    permission_required = "usefulwork.view_placement"
    action_permissions = {
        "edit": "usefulwork.change_placement",
        "record_hours": "usefulwork.add_workday",
        "remove_hours": "usefulwork.delete_workday",
    }
    model = Placement
    template_name = "usefulwork/placement_detail.html"
    context_object_name = "placement"

    def get_base_queryset(self):
        return placements_with_everything().select_related("created_by")

    def action_flags(self):
        can = super().action_flags()
        editable = self.object.participant.can_be_edited_by(self.request.user)
        for action in ("edit", "record_hours", "remove_hours"):
            can[action] = can[action] and editable
        return can

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_event(request=request, action=AuditEvent.Action.VIEW, obj=self.object)
        return response

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        placement = self.object
        days = list(placement.days.all())
        context["months"] = [
            {"month": month, "days": rows, "total": sum(day.hours for day in rows)}
            for month, rows in ((m, list(group)) for m, group in groupby(days, key=lambda d: d.date.replace(day=1)))
        ]
        context["hours_total"] = sum(day.hours for day in days)
        today = timezone.localdate()
        context["hours_form"] = form or WorkDayForm(initial={"date": min(today, placement.end_date)})
        context["settlement_months"] = months_between(placement.start_date, placement.end_date)
        context["default_month"] = f"{default_month(placement, today):%Y-%m}"
        context["limits"] = {
            "day": settings.KIS_USEFUL_WORK_MAX_HOURS_PER_DAY,
            "week": settings.KIS_USEFUL_WORK_MAX_HOURS_PER_WEEK,
            "month": settings.KIS_USEFUL_WORK_MAX_HOURS_PER_MONTH,
        }
        return context


def default_month(placement: Placement, today: datetime.date) -> datetime.date:
    """This month, or the placement's nearest month when it does not run now."""
    return min(max(today, placement.start_date), placement.end_date).replace(day=1)


class WorkDayCreateView(PlacementDetailView):
    """POST only: record a day's hours; a refusal comes back on the placement's page, on the form."""

    permission_required = "usefulwork.add_workday"
    scope = "editable_by"
    http_method_names = ["post"]

    def post(self, request, pk):
        self.object = placement = self.get_object()
        form = WorkDayForm(request.POST)
        if form.is_valid():
            try:
                day = services.workday_record(
                    placement_id=placement.pk,
                    user=request.user,
                    on=form.cleaned_data["date"],
                    hours=form.cleaned_data["hours"],
                    request=request,
                )
            except services.UsefulWorkError as error:
                refusal_onto(form, error)
            else:
                messages.success(
                    request,
                    _("%(hours)s h on %(date)s recorded.")
                    % {"hours": services.hours_pl(day.hours), "date": services.date_pl(day.date)},
                )
                return HttpResponseRedirect(placement.get_absolute_url() + "#hours")
        messages.error(request, FORM_ERRORS)
        return self.render_to_response(self.get_context_data(form=form))


class WorkDayRemoveView(ScopedObjectMixin, View):
    """POST only: remove an entry of hours entered by mistake (it can be entered again)."""

    permission_required = "usefulwork.delete_workday"
    model = WorkDay
    scope = "editable_by"
    http_method_names = ["post"]

    def get_base_queryset(self):
        return WorkDay.objects.select_related("placement")

    def post(self, request, pk):
        day = self.get_object()
        try:
            services.workday_remove(workday_id=day.pk, user=request.user, request=request)
        except services.UsefulWorkError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The hours of %(date)s were removed.") % {"date": services.date_pl(day.date)})
        return HttpResponseRedirect(day.placement.get_absolute_url() + "#hours")


class PlacementCreateView(IdempotentCreateMixin, RoleRequiredMixin, CreateView):
    """``?participant=<id>`` names the person (found by the search on the same page); the form
    posts back to the same address."""

    permission_required = "usefulwork.add_placement"
    model = Placement
    form_class = PlacementForm
    template_name = "usefulwork/placement_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.participant = None
        if request.user.is_authenticated and self.has_permission():
            raw = request.GET.get("participant", "")
            if raw:
                if (participant_pk := parse_id(raw)) is None:
                    raise Http404(_("No such person."))
                self.participant = get_object_or_404(Participant.objects.editable_by(request.user), pk=participant_pk)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.participant is None:
            if "q" in request.GET:
                # An old bookmark: the redirect keeps the PESEL out of the address bar and history.
                return redirect_to_search(request, request.GET, keep=())
            return self.person_search(request)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.participant is None:
            if "q" in request.POST:
                # The search for a person is posted, so that a PESEL never travels in an address.
                return redirect_to_search(request, request.POST, keep=())
            raise Http404(_("Choose the person first."))
        return super().post(request, *args, **kwargs)

    def person_search(self, request):
        query = search_text(search_of(request))
        found = None
        if query:
            found = list(
                Participant.objects.editable_by(request.user)
                .search(query)
                .select_related("location")
                .order_by("last_name", "first_name", "pk")[:SEARCH_ROWS]
            )
        return render(request, "usefulwork/placement_person.html", {"q": query, "found": found})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participant"] = self.participant
        context["labour_status"] = services.labour_status(self.participant)
        context["refusal"] = services.eligibility_refusal(self.participant)
        return context

    def form_valid(self, form):
        form.instance.participant = self.participant
        try:
            with transaction.atomic():
                placement = services.placement_create(
                    placement=form.instance, user=self.request.user, request=self.request
                )
                record_submission(self.request, placement)  # the same form sent again places no one twice
        except services.UsefulWorkError as error:
            refusal_onto(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(name)s is placed in socially useful work.") % {"name": self.participant.full_name}
        )
        return HttpResponseRedirect(placement.get_absolute_url())

    def form_invalid(self, form):
        messages.error(self.request, FORM_ERRORS)
        return super().form_invalid(form)


class PlacementUpdateView(ScopedObjectMixin, UpdateView):
    permission_required = "usefulwork.change_placement"
    model = Placement
    scope = "editable_by"
    form_class = PlacementForm
    template_name = "usefulwork/placement_form.html"

    def get_base_queryset(self):
        return placements_with_everything()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participant"] = self.object.participant
        return context

    def form_valid(self, form):
        try:
            services.placement_update(
                placement=form.instance,
                user=self.request.user,
                version=form.cleaned_data.get("version"),
                changed=sorted(form.changed_data),
                request=self.request,
            )
        except (services.UsefulWorkError, EditedMeanwhile) as error:
            refusal_onto(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The placement was saved."))
        return HttpResponseRedirect(form.instance.get_absolute_url())

    def form_invalid(self, form):
        messages.error(self.request, FORM_ERRORS)
        return super().form_invalid(form)


# --- The settlement lists ------------------------------------------------------------------------


def send_settlement(request, placements: list[Placement], month: datetime.date, *, extension: str, name: str, obj):
    renderer, action = RENDERERS[extension]
    document = renderer(sheets(placements, month), f"{name}-{month:%Y-%m}").render()
    details = {"settlement": f"{month:%Y-%m}", "placements": [p.pk for p in placements]}
    return file_response(request, document, action=action, obj=obj, details=details)


class PlacementSettlementView(ScopedObjectMixin, View):
    """One person's settlement list of a month (``?month=YYYY-MM``; by default this month, or the
    placement's nearest); a month outside the placement sends the user back with the reason."""

    permission_required = "usefulwork.view_placement"
    model = Placement
    extension = "pdf"

    def get_base_queryset(self):
        return placements_with_everything()

    def get(self, request, pk):
        placement = self.get_object()
        raw = request.GET.get("month", "").strip()
        try:
            month = parse_month(raw) if raw else default_month(placement, timezone.localdate())
        except ValueError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(placement.get_absolute_url() + "#settlement")
        if month > placement.end_date or month_end(month) < placement.start_date:
            messages.error(
                request,
                _("The placement does not run in %(month)s (it runs %(start)s – %(end)s).")
                % {
                    "month": f"{month:%m.%Y}",
                    "start": services.date_pl(placement.start_date),
                    "end": services.date_pl(placement.end_date),
                },
            )
            return HttpResponseRedirect(placement.get_absolute_url() + "#settlement")
        return send_settlement(
            request, [placement], month, extension=self.extension, name=f"lista-psu-{placement.pk}", obj=placement
        )


class OrganisationSettlementView(ScopedObjectMixin, View):
    """The settlement list of everyone at one placement organisation in a month (``?month=YYYY-MM``),
    a page (or worksheet) per person."""

    permission_required = "usefulwork.view_placement"
    model = Partner
    extension = "pdf"

    def get_queryset(self):
        # Only organisations with placements the user may see.
        visible = Placement.objects.visible_to(self.request.user)
        return Partner.objects.filter(pk__in=visible.values("organisation"))

    def get(self, request, pk):
        organisation = self.get_object()
        back = reverse("usefulwork:list") + f"?organisation={organisation.pk}"
        try:
            month = parse_month(request.GET.get("month", "") or f"{timezone.localdate():%Y-%m}")
        except ValueError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(back)
        document = OrganisationSettlementDocument.of(organisation, month, user=request.user, extension=self.extension)
        if not document.placements:
            messages.error(
                request,
                _("Nobody works at %(organisation)s in %(month)s.")
                % {"organisation": organisation.name, "month": f"{month:%m.%Y}"},
            )
            return HttpResponseRedirect(f"{back}&month={month:%Y-%m}")
        return offer(request, document)
