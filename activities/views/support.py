"""Pages of the catalogue of services (edited by coordinators) and of a person's own programme:
individual support, internships and volunteering agreements.

A person's records are added and changed only by those who may edit the person (their social
worker, coordinators); anyone else gets 404, which does not confirm that the person exists.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, ListView, UpdateView

from activities import services
from activities.forms import (
    IndividualSupportForm,
    InternshipForm,
    ServiceTypeForm,
    VolunteerAgreementForm,
)
from activities.models import IndividualSupport, Internship, ServiceType, Track, VolunteerAgreement
from kis.bounds import parse_id
from kis.idempotency import IdempotentCreateMixin
from kis.views import RoleRequiredMixin, ScopedObjectMixin
from participants.models import Participant

FORM_ERRORS = gettext_lazy("The form has errors; nothing was saved. Correct the fields marked below.")


# --- The catalogue ---------------------------------------------------------------------------


class ServiceTypeListView(RoleRequiredMixin, ListView):
    permission_required = "activities.view_servicetype"
    action_permissions = {"add": "activities.add_servicetype", "change": "activities.change_servicetype"}
    template_name = "activities/support/servicetype_list.html"

    def get_queryset(self):
        return ServiceType.objects.annotate(activity_count=Count("activities")).order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["object_list"])
        # In the order of the tracks (social, vocational, community), not alphabetically.
        context["tracks"] = [
            (value, label, [row for row in rows if row.track == value]) for value, label in Track.choices
        ]
        return context


class ServiceTypeFormMixin(RoleRequiredMixin):
    model = ServiceType
    form_class = ServiceTypeForm
    template_name = "activities/support/servicetype_form.html"
    created = False

    def form_valid(self, form):
        if not services.programme_record_save(form, user=self.request.user, created=self.created, request=self.request):
            return self.form_invalid(form)
        self.object = form.instance
        messages.success(self.request, _("Service “%(name)s” saved in the catalogue.") % {"name": form.instance.name})
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        messages.error(self.request, FORM_ERRORS)
        return super().form_invalid(form)

    def get_success_url(self):
        return reverse("activities:catalogue") + "#track-" + self.object.track


class ServiceTypeCreateView(IdempotentCreateMixin, ServiceTypeFormMixin, CreateView):
    permission_required = "activities.add_servicetype"
    created = True


class ServiceTypeUpdateView(ScopedObjectMixin, ServiceTypeFormMixin, UpdateView):
    permission_required = "activities.change_servicetype"
    model = ServiceType
    scope = "editable_by"


# --- A person's individual support, internships and volunteering ----------------------------


class ParticipantRecordMixin(RoleRequiredMixin):
    """Create or edit one record of a person the user may edit."""

    template_name = "activities/support/record_form.html"
    created = False
    title = ""
    saved_message = ""

    def editable_participants(self):
        return Participant.objects.editable_by(self.request.user)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["participant"] = self.participant
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participant"] = self.participant
        context["title"] = self.title
        context["cancel_url"] = self.participant.get_absolute_url() + "#programme"
        return context

    def form_valid(self, form):
        if not services.programme_record_save(form, user=self.request.user, created=self.created, request=self.request):
            return self.form_invalid(form)
        messages.success(self.request, self.saved_message % {"name": self.participant.full_name})
        return HttpResponseRedirect(self.participant.get_absolute_url() + "#programme")

    def form_invalid(self, form):
        messages.error(self.request, FORM_ERRORS)
        return super().form_invalid(form)


class ParticipantRecordCreateView(IdempotentCreateMixin, ParticipantRecordMixin, CreateView):
    """``?participant=<id>`` names the person (the form posts back to the same address)."""

    created = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            if (participant_pk := parse_id(request.GET.get("participant"))) is None:
                raise Http404(_("Open this page from the participant's page."))
            self.participant = get_object_or_404(self.editable_participants(), pk=participant_pk)
        return super().dispatch(request, *args, **kwargs)


class ParticipantRecordUpdateView(ScopedObjectMixin, ParticipantRecordMixin, UpdateView):
    scope = "editable_by"

    def get_base_queryset(self):
        return self.model.objects.select_related("participant")

    def refusal(self, record):
        self.participant = record.participant
        return None


class IndividualSupportCreateView(ParticipantRecordCreateView):
    permission_required = "activities.add_individualsupport"
    model = IndividualSupport
    form_class = IndividualSupportForm
    title = gettext_lazy("Record individual support")
    saved_message = gettext_lazy("Individual support of %(name)s recorded.")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.participant.confidential_notes_visible_to(self.request.user):
            del form.fields["confidential_note"]  # who may not read the notes does not write them either
        return form

    def form_valid(self, form):
        form.instance.recorded_by = self.request.user
        return super().form_valid(form)


class InternshipCreateView(ParticipantRecordCreateView):
    permission_required = "activities.add_internship"
    model = Internship
    form_class = InternshipForm
    title = gettext_lazy("New internship")
    saved_message = gettext_lazy("Internship of %(name)s saved.")


class InternshipUpdateView(ParticipantRecordUpdateView):
    permission_required = "activities.change_internship"
    model = Internship
    form_class = InternshipForm
    title = gettext_lazy("Edit internship")
    saved_message = gettext_lazy("Internship of %(name)s saved.")


class VolunteerAgreementCreateView(ParticipantRecordCreateView):
    permission_required = "activities.add_volunteeragreement"
    model = VolunteerAgreement
    form_class = VolunteerAgreementForm
    title = gettext_lazy("New volunteering agreement")
    saved_message = gettext_lazy("Volunteering agreement of %(name)s saved.")


class VolunteerAgreementUpdateView(ParticipantRecordUpdateView):
    permission_required = "activities.change_volunteeragreement"
    model = VolunteerAgreement
    form_class = VolunteerAgreementForm
    title = gettext_lazy("Edit volunteering agreement")
    saved_message = gettext_lazy("Volunteering agreement of %(name)s saved.")
