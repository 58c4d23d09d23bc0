"""Participant registry pages: list, register, view, edit."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from kis.audit import log_event
from kis.locking import EditedMeanwhile, claim_version
from kis.models import AuditEvent
from kis.views import KeepFiltersMixin, RoleRequiredMixin, ScopedObjectMixin
from participants.filters import ParticipantFilter
from participants.forms import HouseholdFormSet, ParticipantForm
from participants.models import Participant


class ParticipantListView(RoleRequiredMixin, KeepFiltersMixin, FilterView):
    permission_required = "participants.view_participant"
    action_permissions = {"add": "participants.add_participant"}
    filterset_class = ParticipantFilter
    template_name = "participants/participant_list.html"
    paginate_by = 25
    strict = False

    def get_queryset(self):
        return Participant.objects.visible_to(self.request.user).for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return context


class ParticipantDetailView(ScopedObjectMixin, DetailView):
    permission_required = "participants.view_participant"
    # The parts of the page the other apps add, and what they offer (to whom may edit the person).
    action_permissions = {
        "view_contracts": "contracts.view_socialcontract",
        "view_participations": "participation.view_projectparticipation",
        "view_programme": "activities.view_individualsupport",
        "view_referrals": "activities.view_referral",
        "view_programme_links": "programmes.view_programmelink",
        "add_contract": "contracts.add_socialcontract",
        "recruit": "participation.add_projectparticipation",
    }
    model = Participant
    template_name = "participants/participant_detail.html"

    def get_base_queryset(self):
        return (
            Participant.objects.select_related("social_worker", "location")
            # Contracts, projects and the person's programme are listed through reverse relations
            # (no import of those apps); enrollments and attendance come from activities' template tag.
            .prefetch_related(
                "risk_factors",
                "household_members",
                "contracts",
                "participations__project",
                "individual_support__project",
                "internships__employer",
                "volunteer_agreements__organisation",
            )
        )

    def action_flags(self):
        can = super().action_flags()
        can_edit = can["edit"] = self.object.can_be_edited_by(self.request.user)
        can["add_contract"] = can_edit and can["add_contract"]
        can["recruit"] = can_edit and can["recruit"]
        return can

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participant = self.object
        user = self.request.user
        context["show_confidential"] = participant.confidential_notes_visible_to(user)
        log_event(request=self.request, action=AuditEvent.Action.VIEW, obj=participant)
        return context


class ParticipantFormMixin:
    """Saves the participant and the household formset together, all or nothing."""

    form_class = ParticipantForm
    template_name = "participants/participant_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "household" not in context:
            context["household"] = HouseholdFormSet(instance=self.object or Participant())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.is_update else None
        form = self.get_form()
        household = HouseholdFormSet(request.POST, instance=form.instance, prefix="household_members")
        # Validate both (no short-circuit) so that all errors are marked in one round.
        form_valid = form.is_valid()
        household_valid = household.is_valid()
        if form_valid and household_valid:
            return self.save_all(form, household)
        messages.error(request, _("The form has errors; nothing was saved. Correct the fields marked below."))
        return self.render_to_response(self.get_context_data(form=form, household=household))

    @transaction.atomic
    def save_all(self, form, household):
        participant = form.instance
        if self.is_update:
            # Optimistic locking: refuse the save if someone else saved since the form was loaded.
            try:
                claim_version(participant, form.cleaned_data.get("version"))
            except EditedMeanwhile:
                form.add_error(
                    None,
                    _(
                        "Someone else changed this person's record while you were editing it. "
                        "Your changes were not saved: open the record again to see the current data."
                    ),
                )
                transaction.set_rollback(True)
                return self.render_to_response(self.get_context_data(form=form, household=household))
        else:
            participant.created_by = self.request.user
        self.object = form.save()
        household.instance = self.object
        household.save()
        action = AuditEvent.Action.UPDATE if self.is_update else AuditEvent.Action.CREATE
        log_event(
            request=self.request,
            action=action,
            obj=self.object,
            details={"fields": sorted(form.changed_data)},
        )
        messages.success(self.request, _("Saved %(name)s.") % {"name": self.object.full_name})
        return HttpResponseRedirect(self.object.get_absolute_url())


class ParticipantCreateView(RoleRequiredMixin, ParticipantFormMixin, CreateView):
    permission_required = "participants.add_participant"
    is_update = False


class ParticipantUpdateView(ScopedObjectMixin, ParticipantFormMixin, UpdateView):
    permission_required = "participants.change_participant"
    model = Participant
    scope = "editable_by"
    is_update = True

    def get_base_queryset(self):
        return Participant.objects.prefetch_related("risk_factors")
