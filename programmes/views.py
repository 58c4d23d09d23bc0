"""Pages of the municipal programmes: the centre's list (edited by coordinators), a programme's
participants, a person's links with their adding, end and correction, and the counts of people.

Every object comes from a queryset scoped to the user: a Niebieska Karta link the user may not see
is a 404, like a link that does not exist, and every page that shows one writes its view to the
audit trail.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView

from kis.audit import log_event
from kis.idempotency import IdempotentCreateMixin, record_submission
from kis.models import AuditEvent
from kis.views import RoleRequiredMixin, ScopedObjectMixin, query_without_page
from participants.models import Participant
from programmes import services
from programmes.audit import log_link_view, log_sensitive_views
from programmes.counts import Period, counts_by_programme
from programmes.filters import ProgrammeLinkFilter
from programmes.forms import (
    PeriodForm,
    ProgrammeForm,
    ProgrammeLinkCorrectForm,
    ProgrammeLinkEndForm,
    ProgrammeLinkForm,
)
from programmes.models import Programme, ProgrammeLink

FORM_ERRORS = gettext_lazy("The form has errors; nothing was saved. Correct the fields marked below.")
LINKS_PER_PAGE = 50


def put_back(form, refusal: services.ProgrammeError) -> None:
    """Show a service's refusal on the fields it concerns (on the form as a whole otherwise)."""
    for field, message in refusal.errors.items():
        form.add_error(field if field in form.fields else None, str(message))


class RefusalFormMixin:
    """A form page whose valid form goes to a service: a refusal is shown on the form, and nothing
    is saved."""

    def form_invalid(self, form):
        messages.error(self.request, FORM_ERRORS)
        return super().form_invalid(form)

    def form_valid(self, form):
        try:
            saved = self.save(form)
        except services.ProgrammeError as refusal:
            put_back(form, refusal)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.saved_url(saved))


# --- The list of programmes -----------------------------------------------------------------------


class ProgrammeListView(RoleRequiredMixin, ListView):
    permission_required = "programmes.view_programme"
    action_permissions = {
        "add": "programmes.add_programme",
        "change": "programmes.change_programme",
        "view_links": "programmes.view_programmelink",
        "view_counts": "programmes.view_programme_counts",
    }
    template_name = "programmes/programme_list.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return Programme.objects.visible_to(self.request.user).select_related("location").order_by("-is_active", "name")


class ProgrammeFormMixin(RefusalFormMixin):
    model = Programme
    form_class = ProgrammeForm
    template_name = "programmes/programme_form.html"

    def saved_url(self, programme):
        messages.success(self.request, _("Programme “%(name)s” saved.") % {"name": programme.name})
        return reverse("programmes:list")


class ProgrammeCreateView(ProgrammeFormMixin, RoleRequiredMixin, CreateView):
    permission_required = "programmes.add_programme"

    def save(self, form):
        data = {field: form.cleaned_data[field] for field in services.PROGRAMME_FIELDS}
        return services.programme_create(user=self.request.user, request=self.request, **data)


class ProgrammeUpdateView(ProgrammeFormMixin, ScopedObjectMixin, UpdateView):
    permission_required = "programmes.change_programme"
    scope = "editable_by"

    def save(self, form):
        return services.programme_change(
            programme_id=self.object.pk,
            user=self.request.user,
            version=form.cleaned_data.get("version"),
            changes={field: form.cleaned_data[field] for field in services.PROGRAMME_FIELDS},
            request=self.request,
        )


class ProgrammeDetailView(ScopedObjectMixin, DetailView):
    """A programme's participants: the links the user sees (a Niebieska Karta programme's only to
    their responsible worker and coordinators), filtered and paginated."""

    permission_required = "programmes.view_programmelink"
    action_permissions = {"change": "programmes.change_programme"}
    model = Programme
    template_name = "programmes/programme_detail.html"

    def get_base_queryset(self):
        return Programme.objects.select_related("location")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        links = (
            ProgrammeLink.objects.visible_to(self.request.user)
            .filter(programme=self.object)
            .select_related("participant", "worker")
            .order_by("participant__last_name", "participant__first_name", "-started_on", "id")
        )
        filterset = ProgrammeLinkFilter(self.request.GET, queryset=links)
        page = Paginator(filterset.qs, LINKS_PER_PAGE).get_page(self.request.GET.get("page"))
        for link in page.object_list:
            link.programme = self.object  # the page's own programme: no query per row
        log_sensitive_views(request=self.request, links=page.object_list, page="programme")
        context.update(
            filter=filterset,
            page_obj=page,
            links=page.object_list,
            today=timezone.localdate(),
            query_without_page=query_without_page(self.request),
        )
        return context


# --- A person's links ---------------------------------------------------------------------------


class ParticipantLinksView(ScopedObjectMixin, DetailView):
    """A person's links to programmes, with what the user may do with each."""

    permission_required = "programmes.view_programmelink"
    action_permissions = {"add": "programmes.add_programmelink"}
    model = Participant
    template_name = "programmes/participant_links.html"
    context_object_name = "participant"

    def get_base_queryset(self):
        return Participant.objects.select_related("social_worker", "location")

    def action_flags(self):
        can = super().action_flags()
        can["add"] = can["add"] and self.object.can_be_edited_by(self.request.user)
        return can

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, participant = self.request.user, self.object
        links = list(
            ProgrammeLink.objects.visible_to(user)
            .filter(participant=participant)
            .select_related("programme", "worker")
            .order_by("-started_on", "-id")
        )
        editable = set(
            ProgrammeLink.objects.editable_by(user).filter(participant=participant).values_list("pk", flat=True)
        )
        for link in links:
            link.participant = participant
            link.editable = link.pk in editable
        log_event(request=self.request, action=AuditEvent.Action.VIEW, obj=participant, details={"page": "programmes"})
        log_sensitive_views(request=self.request, links=links, page="participant")
        context.update(links=links, today=timezone.localdate())
        return context


class ProgrammeLinkCreateView(IdempotentCreateMixin, RefusalFormMixin, ScopedObjectMixin, FormView):
    """Link a person the user may edit to a programme."""

    permission_required = "programmes.add_programmelink"
    model = Participant
    scope = "editable_by"
    form_class = ProgrammeLinkForm
    template_name = "programmes/link_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(participant=self.get_object(), user=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(participant=self.get_object(), title=_("Link to a programme"))
        return context

    def save(self, form):
        with transaction.atomic():
            link = services.programme_link_add(
                user=self.request.user, participant=self.get_object(), request=self.request, **form.link_data()
            )
            # The same form sent again links once; the first link's page of the person is shown.
            record_submission(self.request, link, url=reverse("programmes:participant", args=[link.participant_id]))
        return link

    def saved_url(self, link):
        messages.success(
            self.request,
            _("%(name)s linked to “%(programme)s”.")
            % {"name": link.participant.full_name, "programme": link.programme.name},
        )
        return reverse("programmes:participant", args=[link.participant_id])


class LinkPageMixin(ScopedObjectMixin):
    """A page of one link, from the links the user sees (or may change)."""

    model = ProgrammeLink

    def get_base_queryset(self):
        return ProgrammeLink.objects.for_list()


class ProgrammeLinkDetailView(LinkPageMixin, DetailView):
    permission_required = "programmes.view_programmelink"
    template_name = "programmes/link_detail.html"
    context_object_name = "link"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        link = self.object
        context["editable"] = ProgrammeLink.objects.editable_by(self.request.user).filter(pk=link.pk).exists()
        context["today"] = timezone.localdate()
        log_link_view(request=self.request, link=link, page="detail")
        return context


class LinkChangeMixin(RefusalFormMixin, LinkPageMixin):
    """A form changing one link the user may change; its GET shows the link, so a Niebieska Karta
    link's view is audited there too."""

    permission_required = "programmes.change_programmelink"
    scope = "editable_by"
    page = ""

    def get(self, request, *args, **kwargs):
        link = self.get_object()
        if link.is_sensitive:
            log_link_view(request=request, link=link, page=self.page)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["link"] = self.get_object()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        link = self.get_object()
        context.update(link=link, participant=link.participant, title=self.title)
        return context

    def saved_url(self, link):
        messages.success(self.request, self.saved_message)
        # Back to the person's links: a link handed to another worker may no longer be the user's to see.
        return reverse("programmes:participant", args=[link.participant_id])


class ProgrammeLinkEndView(LinkChangeMixin, FormView):
    form_class = ProgrammeLinkEndForm
    template_name = "programmes/link_form.html"
    page = "end"
    title = gettext_lazy("End the link to a programme")
    saved_message = gettext_lazy("The end of the link was recorded.")

    def save(self, form):
        return services.programme_link_end(
            link_id=self.get_object().pk,
            user=self.request.user,
            version=form.cleaned_data.get("version"),
            ended_on=form.cleaned_data["ended_on"],
            reason=form.cleaned_data["reason"],
            request=self.request,
        )


class ProgrammeLinkCorrectView(LinkChangeMixin, FormView):
    form_class = ProgrammeLinkCorrectForm
    template_name = "programmes/link_form.html"
    page = "correct"
    title = gettext_lazy("Correct the link to a programme")
    saved_message = gettext_lazy("The link was corrected.")

    def save(self, form):
        return services.programme_link_correct(
            link_id=self.get_object().pk,
            user=self.request.user,
            version=form.cleaned_data.get("version"),
            changes=form.link_data(),
            reason=form.cleaned_data["reason"],
            request=self.request,
        )


# --- The counts ---------------------------------------------------------------------------------


class ProgrammeCountsView(RoleRequiredMixin, TemplateView):
    """How many people took part in each programme in a period (this year so far by default)."""

    permission_required = "programmes.view_programme_counts"
    template_name = "programmes/programme_counts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        period = Period(today.replace(month=1, day=1), today)
        form = PeriodForm(self.request.GET or None, initial={"start": period.start, "end": period.end})
        if form.is_bound and form.is_valid():
            period = Period(form.cleaned_data["start"], form.cleaned_data["end"])
        context.update(form=form, period=period, rows=counts_by_programme(period))
        return context
