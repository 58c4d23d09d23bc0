"""Participant registry pages: list, register, view, edit, stand-ins."""

import datetime
from urllib.parse import urlsplit

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, UpdateView
from django_filters.views import FilterView

from kis.audit import log_event
from kis.idempotency import IdempotentCreateMixin, record_submission
from kis.locking import EditedMeanwhile, add_edited_meanwhile_error, claim_version
from kis.models import AuditEvent
from kis.views import KeepFiltersMixin, RoleRequiredMixin, ScopedObjectMixin
from participants.consents import ConsentError, consent_record, consent_withdraw
from participants.filters import ParticipantFilter
from participants.forms import ConsentForm, ConsentWithdrawalForm, HouseholdFormSet, ParticipantForm, StandInForm
from participants.models import Consent, Participant
from participants.searches import SEARCH_PARAMETER, recalled_search, redirect_to_search


class ParticipantListView(RoleRequiredMixin, KeepFiltersMixin, FilterView):
    """Everyone the user may find; those outside their reach as a minimal card (``ParticipantFilter``).

    The search text (often a PESEL) never travels in the address: the form posts it, and the list
    is reached again with a token that recalls it from the session (``participants.searches``).
    """

    permission_required = "participants.view_participant"
    action_permissions = {"add": "participants.add_participant"}
    filterset_class = ParticipantFilter
    template_name = "participants/participant_list.html"
    paginate_by = 25
    strict = False
    # The filters besides the search text, kept when the search is swapped for its token.
    kept_filters = ("scope", "status", "social_worker", "location", "sex", "risk_factor", "ordering")
    # Set for a search posted by htmx, answered with the results alone (post).
    searched_in_place = False

    def get(self, request, *args, **kwargs):
        if "q" in request.GET:
            # An old bookmark or a typed address: this first request line has reached the logs
            # already, which cannot be helped, but the redirect keeps the text out of the address
            # bar, the history and the Referer of every later request.
            return redirect_to_search(request, request.GET, keep=self.kept_filters)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        redirect = redirect_to_search(request, request.POST, keep=self.kept_filters)
        if not request.headers.get("HX-Request"):
            return redirect
        # Posted by htmx: the results of the address the redirect names, in place of the old ones,
        # in this one response; the browser's address takes the token (a reload shows the same).
        request.GET = QueryDict(urlsplit(redirect.url).query)
        self.searched_in_place = True
        response = super().get(request, *args, **kwargs)
        response["HX-Replace-Url"] = redirect.url
        return response

    def get_template_names(self):
        if self.searched_in_place:
            return ["participants/includes/participant_results.html"]
        return super().get_template_names()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        token = self.request.GET.get(SEARCH_PARAMETER)
        if token:
            text = recalled_search(self.request, token)
            if text is None:
                messages.info(
                    self.request, _("That search has expired, so the list is shown without it: search again.")
                )
            else:
                data = (kwargs["data"] or QueryDict()).copy()
                data["q"] = text
                data.pop(SEARCH_PARAMETER, None)  # the form's data is the search, not its token
                kwargs["data"] = data
        return kwargs

    def get_queryset(self):
        return Participant.objects.findable_by(self.request.user).for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["searched_in_place"] = self.searched_in_place
        context["limited_to_reach"] = self.filterset.limited_to_reach and not user.has_perm(
            "participants.view_any_participant"
        )
        return context


def joined(relation: str, *related: str) -> Prefetch:
    """Prefetch a participant's ``relation`` with its ``related`` objects in the same query (the
    model is reached through the relation, so that no app to the right is imported)."""
    model = Participant._meta.get_field(relation).related_model
    return Prefetch(relation, queryset=model._default_manager.select_related(*related))


def reach_is_editable(user) -> bool:
    """Whether ``Participant.objects.visible_to(user)`` are the people ``editable_by(user)``: both are
    the user's reach (``reach_of``) for one who may read and change participants but does not read
    everyone's record (a social worker, a coordinator)."""
    return (
        user.has_perm("participants.view_participant")
        and user.has_perm("participants.change_participant")
        and not user.has_perm("participants.view_any_participant")
    )


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
        "view_consents": "participants.view_consent",
        "add_consent": "participants.add_consent",
        "withdraw_consent": "participants.change_consent",
        # The subject-access export (reports) is handed over by whoever works the case.
        "export_subject_access": "participants.change_participant",
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
                joined("stand_ins", "worker"),
                "consents",
                "contracts",
                joined("participations", "project"),
                joined("individual_support", "project"),
                joined("internships", "employer"),
                joined("volunteer_agreements", "organisation"),
            )
        )

    def get_object(self, queryset=None):
        participant = super().get_object(queryset)
        if queryset is None and reach_is_editable(self.request.user):
            # Reached through visible_to, which is editable_by for this user: the answer of
            # can_be_edited_by is known without its query.
            participant.__dict__.setdefault("_editable_by", {})[self.request.user.pk] = True
        return participant

    def action_flags(self):
        can = super().action_flags()
        can_edit = can["edit"] = self.object.can_be_edited_by(self.request.user)
        can["add_contract"] = can_edit and can["add_contract"]
        can["recruit"] = can_edit and can["recruit"]
        for action in ("add_consent", "withdraw_consent", "export_subject_access"):
            can[action] = can_edit and can[action]
        # Stand-ins are assigned by the coordinators of the person's location.
        can["manage_stand_ins"] = can_edit and self.request.user.has_perm("participants.add_standin")
        return can

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participant = self.object
        user = self.request.user
        context["show_confidential"] = participant.confidential_notes_visible_to(user)
        today = timezone.localdate()
        context["current_stand_ins"] = [s for s in participant.stand_ins.all() if s.ends_on >= today]
        log_event(request=self.request, action=AuditEvent.Action.VIEW, obj=participant)
        if context["show_confidential"]:
            # Those who answer for the case see who read it (this visit included).
            context["seen_by"] = record_readings(participant)
            context["can_open_audit"] = user.has_perm("kis.view_auditevent")
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
                add_edited_meanwhile_error(
                    form,
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
        if not self.is_update:
            record_submission(self.request, self.object)  # the same form sent again creates no one
        action = AuditEvent.Action.UPDATE if self.is_update else AuditEvent.Action.CREATE
        log_event(
            request=self.request,
            action=action,
            obj=self.object,
            details={"fields": sorted(form.changed_data)},
        )
        messages.success(self.request, _("Saved %(name)s.") % {"name": self.object.full_name})
        return HttpResponseRedirect(self.object.get_absolute_url())


class ParticipantCreateView(IdempotentCreateMixin, RoleRequiredMixin, ParticipantFormMixin, CreateView):
    permission_required = "participants.add_participant"
    is_update = False


class ParticipantUpdateView(ScopedObjectMixin, ParticipantFormMixin, UpdateView):
    permission_required = "participants.change_participant"
    model = Participant
    scope = "editable_by"
    is_update = True

    def get_base_queryset(self):
        return Participant.objects.prefetch_related("risk_factors")


class ConsentCreateView(ScopedObjectMixin, FormView):
    """Record a consent the person gave, for one purpose (those who may edit the person)."""

    permission_required = "participants.add_consent"
    model = Participant
    scope = "editable_by"
    form_class = ConsentForm
    template_name = "participants/consent_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "participant": self.get_object()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "participant": self.get_object()}

    def form_valid(self, form):
        consent = consent_record(consent=form.instance, user=self.request.user, request=self.request)
        messages.success(self.request, _("The consent has been recorded: %(consent)s.") % {"consent": consent})
        return HttpResponseRedirect(consent.participant.get_absolute_url() + "#h-consents")


class ConsentWithdrawView(ScopedObjectMixin, FormView):
    """GET: what withdrawing means, and the date it was withdrawn; POST: record the withdrawal. The
    consent is kept, marked withdrawn from that day."""

    permission_required = "participants.change_consent"
    model = Consent
    scope = "editable_by"
    form_class = ConsentWithdrawalForm
    template_name = "participants/consent_withdraw.html"

    def get_base_queryset(self):
        return Consent.objects.select_related("participant")

    def refusal(self, consent):
        if consent.withdrawn_on is not None:
            messages.info(self.request, _("This consent was withdrawn already."))
            return HttpResponseRedirect(consent.participant.get_absolute_url() + "#h-consents")
        return None

    def get_initial(self):
        return {"withdrawn_on": timezone.localdate()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "consent": self.get_object()}

    def get_context_data(self, **kwargs):
        consent = self.get_object()
        return {**super().get_context_data(**kwargs), "consent": consent, "participant": consent.participant}

    def form_valid(self, form):
        consent = self.get_object()
        try:
            consent = consent_withdraw(
                consent=consent,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                note=form.cleaned_data["note"],
                user=self.request.user,
                request=self.request,
            )
        except ConsentError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, consent.effect)
        return HttpResponseRedirect(consent.participant.get_absolute_url() + "#h-consents")


# What counts as reading a record: opening it, printing it, exporting it.
READINGS = (AuditEvent.Action.VIEW, AuditEvent.Action.PRINT, AuditEvent.Action.EXPORT)
SEEN_BY_ROWS = 20


def record_readings(participant) -> list[AuditEvent]:
    """The latest readings of the person's record and of their contracts and participations, in one
    query (the contracts and participations come from the detail page's prefetch)."""
    objects = Q(object_type="participants.participant", object_id=str(participant.pk))
    contracts = [str(contract.pk) for contract in participant.contracts.all()]
    participations = [str(participation.pk) for participation in participant.participations.all()]
    if contracts:
        objects |= Q(object_type="contracts.socialcontract", object_id__in=contracts)
    if participations:
        objects |= Q(object_type="participation.projectparticipation", object_id__in=participations)
    readings = list(
        AuditEvent.objects.filter(objects, action__in=READINGS)
        .select_related("user")
        .order_by("-timestamp", "-id")[:SEEN_BY_ROWS]
    )
    # What each row shows as its action (get_action_display), translated once a page, not once a row.
    labels = {action.value: str(action.label) for action in READINGS}
    for reading in readings:
        reading.action_label = labels[reading.action]
    return readings


class StandInMixin(ScopedObjectMixin):
    """The stand-ins of one person: for the coordinators of the person's location only."""

    model = Participant
    scope = "editable_by"

    @property
    def participant(self) -> Participant:
        return self.get_object()

    def stand_ins_url(self) -> str:
        return reverse("participants:stand_ins", args=[self.participant.pk])


class StandInsView(StandInMixin, FormView):
    """Current and past stand-ins of a person, and the form that assigns a new one."""

    permission_required = "participants.add_standin"
    form_class = StandInForm
    template_name = "participants/standin_list.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "participant": self.participant}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participant"] = self.participant
        context["stand_ins"] = self.participant.stand_ins.select_related("worker", "assigned_by")
        context["today"] = timezone.localdate()
        return context

    @transaction.atomic
    def form_valid(self, form):
        stand_in = form.save(commit=False)
        stand_in.assigned_by = self.request.user
        stand_in.save()
        log_event(
            request=self.request,
            action=AuditEvent.Action.CREATE,
            obj=stand_in,
            details={
                "participant": self.participant.pk,
                "worker": stand_in.worker.get_username(),
                "starts_on": stand_in.starts_on.isoformat(),
                "ends_on": stand_in.ends_on.isoformat(),
            },
        )
        messages.success(
            self.request,
            _("%(worker)s stands in for this case until %(until)s.")
            % {
                "worker": stand_in.worker.get_full_name() or stand_in.worker.get_username(),
                "until": f"{stand_in.ends_on:%d.%m.%Y}",
            },
        )
        return HttpResponseRedirect(self.stand_ins_url())


class StandInEndView(StandInMixin, View):
    """Ends a stand-in early (POST only): from today the worker no longer sees the case."""

    permission_required = "participants.change_standin"

    def post(self, request, pk, stand_in_pk):
        today = timezone.localdate()
        stand_in = get_object_or_404(self.participant.stand_ins.filter(ends_on__gte=today), pk=stand_in_pk)
        with transaction.atomic():
            if stand_in.starts_on < today:
                stand_in.ends_on = today - datetime.timedelta(days=1)
                stand_in.save(update_fields=["ends_on"])
                log_event(request=request, action=AuditEvent.Action.UPDATE, obj=stand_in, details={"ended_early": True})
            else:
                # Not begun before today: no day of it is left to keep, and an end before its start
                # cannot be recorded. The audit entry keeps that it existed.
                log_event(request=request, action=AuditEvent.Action.DELETE, obj=stand_in, details={"cancelled": True})
                stand_in.delete()
        messages.success(request, _("The stand-in has been ended: the worker no longer sees this case."))
        return HttpResponseRedirect(self.stand_ins_url(), status=303)
