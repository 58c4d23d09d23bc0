"""Recruitment and participation pages: recruit, decide, start, complete, drop out, follow up,
and the KIS certificate."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView

from kis.audit import log_event
from kis.bounds import parse_id
from kis.files import file_response
from kis.models import AuditEvent
from kis.views import RoleRequiredMixin, ScopedObjectMixin
from participants.models import Participant
from participants.searches import redirect_to_search, search_of
from participation import records, services
from participation.declarations import declaration_rows
from participation.documents import CertificatePdf, EvidenceScan
from participation.eligibility import CATEGORIES, EXCLUSIONS, project_checks, suggested_categories
from participation.forms import (
    ActivateForm,
    CompleteForm,
    DecisionForm,
    DropOutForm,
    EntryCorrectionForm,
    EvidenceForm,
    FollowUpForm,
    RecruitForm,
)
from participation.models import SOCIAL_PROGRESS, ProjectParticipation
from projects.models import Project

Status = ProjectParticipation.Status
SEARCH_ROWS = 20


class RecruitView(RoleRequiredMixin, View):
    """From a participant's page (choose the project) or a project's page (find the person)."""

    permission_required = "participation.add_projectparticipation"
    template_name = "participation/participation_recruit.html"

    def get_participant(self, raw):
        if not raw:
            return None
        if (pk := parse_id(raw)) is None:
            raise Http404
        return get_object_or_404(Participant.objects.editable_by(self.request.user), pk=pk)

    def get_project(self, raw):
        if not raw:
            return None
        if (pk := parse_id(raw)) is None:
            raise Http404
        return get_object_or_404(Project.objects.visible_to(self.request.user), pk=pk)

    def context(self, *, form, participant, project):
        candidates = []
        query = search_of(self.request)
        if project and not participant and query:
            candidates = list(
                Participant.objects.editable_by(self.request.user)
                .search(query)
                .exclude(participations__project=project)
                .select_related("location")[:SEARCH_ROWS]
            )
        return {"form": form, "participant": participant, "project": project, "candidates": candidates, "q": query}

    def get(self, request):
        if "q" in request.GET:
            # An old bookmark: its request line has reached the logs already (that cannot be
            # helped), the redirect keeps the PESEL out of the address bar and the history.
            return redirect_to_search(request, request.GET, keep=("project",))
        participant = self.get_participant(request.GET.get("participant"))
        project = self.get_project(request.GET.get("project"))
        if participant is None and project is None:
            raise Http404(_("Open the page from a participant or a project."))
        form = RecruitForm(initial={"project": project})
        return render(request, self.template_name, self.context(form=form, participant=participant, project=project))

    def post(self, request):
        if "q" in request.POST:
            # The search for a person is posted, so that a PESEL never travels in an address.
            self.get_project(request.POST.get("project"))
            return redirect_to_search(request, request.POST, keep=("project",))
        participant = self.get_participant(request.POST.get("participant"))
        if participant is None:
            raise Http404
        form = RecruitForm(request.POST)
        project = self.get_project(request.POST.get("project")) if request.POST.get("project", "").isdigit() else None
        if form.is_valid():
            try:
                participation = services.participation_recruit(
                    project=form.cleaned_data["project"],
                    participant=participant,
                    user=request.user,
                    applied_on=form.cleaned_data["applied_on"],
                    request=request,
                )
            except services.ParticipationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("%(name)s applied to %(project)s. Check eligibility and decide.")
                    % {"name": participant.full_name, "project": participation.project.code},
                )
                return HttpResponseRedirect(participation.get_absolute_url())
        return render(request, self.template_name, self.context(form=form, participant=participant, project=project))


def suggested_list(participant, on):
    return [(CATEGORIES[code], reason) for code, reason in suggested_categories(participant, on).items()]


def participation_queryset():
    return ProjectParticipation.objects.select_related(
        "project", "participant__social_worker", "participant__location", "exit_situation", "decided_by"
    )


class ParticipationScopedMixin(ScopedObjectMixin):
    """A page of one participation, from those the user may see (or, to move it on, edit)."""

    model = ProjectParticipation
    prefetch: tuple = ()

    def get_base_queryset(self):
        return participation_queryset().prefetch_related(*self.prefetch)

    @property
    def participation(self) -> ProjectParticipation:
        return self.get_object()


class ParticipationDetailView(ParticipationScopedMixin, DetailView):
    permission_required = "participation.view_projectparticipation"
    action_permissions = {
        "draft_contract": "contracts.add_socialcontract",
        "change": "participation.change_projectparticipation",
    }
    template_name = "participation/participation_detail.html"
    context_object_name = "participation"
    prefetch = ("events__by", "participant__risk_factors", "project__criteria", "evidence")

    def action_flags(self):
        can = super().action_flags()
        # Moved on only by those who may edit the person (the rule of ``editable_by``).
        can["change"] = can["change"] and self.object.participant.can_be_edited_by(self.request.user)
        # The steps offered only in some states: the same states their pages take.
        participation = self.object
        can["correct_entry"] = (
            can["change"] and participation.planned_start and participation.status in CorrectEntryView.allowed_from
        )
        can["add_evidence"] = can["change"] and participation.status in EvidenceAddView.allowed_from
        return can

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participation = self.object
        participant = participation.participant
        today = timezone.localdate()
        on = participation.start_date or today
        context["suggested_list"] = suggested_list(participant, on)
        context["chosen_categories"] = [CATEGORIES.get(code, code) for code in participation.eligibility_categories]
        context["progress_kinds"] = [
            SOCIAL_PROGRESS.get(code, code) for code in participation.followup_social_progress_kinds
        ]
        context["checks"] = project_checks(participant, participation.project.criteria.all(), on)
        context["contract"] = services.contract_in_force(participant, on)
        context["moves"] = sorted(participation.TRANSITIONS.get(participation.status, set()))
        context["declarations"] = declaration_rows(participation.project, participant)
        log_event(request=self.request, action=AuditEvent.Action.VIEW, obj=participation)
        return context


class ParticipationActionView(ParticipationScopedMixin, FormView):
    """Base of the one-move pages: a form on GET, the move on POST."""

    permission_required = "participation.change_projectparticipation"
    action_permissions = {"draft_contract": "contracts.add_socialcontract"}
    scope = "editable_by"
    template_name = "participation/participation_action.html"
    allowed_from: tuple = ()
    title = ""

    def refusal(self, participation):
        if participation.status not in self.allowed_from:
            messages.error(
                self.request,
                _("This step is not possible for a participation that is “%(status)s”.")
                % {"status": participation.get_status_display()},
            )
            return HttpResponseRedirect(participation.get_absolute_url())
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participation"] = self.participation
        context["title"] = self.title
        return context

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except services.ParticipationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return HttpResponseRedirect(self.participation.get_absolute_url())


class DecideView(ParticipationActionView):
    form_class = DecisionForm
    template_name = "participation/participation_decide.html"
    allowed_from = (Status.APPLIED, Status.RESERVE)
    # The eligibility check reads the risk factors several times and lists the project's criteria.
    prefetch = ("participant__risk_factors", "project__criteria")

    def get_initial(self):
        on = timezone.localdate()
        return {"categories": list(suggested_categories(self.participation.participant, on)), "decided_on": on}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participant = self.participation.participant
        on = timezone.localdate()
        context["suggested_list"] = suggested_list(participant, on)
        context["checks"] = project_checks(participant, self.participation.project.criteria.all(), on)
        context["exclusions"] = EXCLUSIONS
        return context

    def perform(self, form):
        participation = services.participation_decide(
            participation_id=self.participation.pk,
            user=self.request.user,
            decision=form.cleaned_data["decision"],
            on=form.cleaned_data["decided_on"],
            categories=form.cleaned_data["categories"],
            exclusions=form.cleaned_data["exclusions"],
            note=form.cleaned_data["note"],
            request=self.request,
        )
        return _("Decision recorded: %(status)s.") % {"status": participation.get_status_display()}


class ActivateView(ParticipationActionView):
    form_class = ActivateForm
    allowed_from = (Status.QUALIFIED,)

    @property
    def title(self):
        return _("Start participation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contract"] = services.contract_in_force(self.participation.participant, timezone.localdate())
        context["needs_contract"] = True
        return context

    def perform(self, form):
        services.participation_activate(
            participation_id=self.participation.pk,
            user=self.request.user,
            start_date=form.cleaned_data["start_date"],
            request=self.request,
        )
        return _(
            "Participation started. It counts from the first support recorded from this day on "
            "(present at a session, an individual meeting, an internship)."
        )


class CompleteView(ParticipationActionView):
    form_class = CompleteForm
    allowed_from = (Status.ACTIVE,)

    @property
    def title(self):
        return _("Complete participation")

    def perform(self, form):
        participation = services.participation_complete(
            participation_id=self.participation.pk,
            user=self.request.user,
            end_date=form.cleaned_data["end_date"],
            completed_as_planned=form.cleaned_data["completed_as_planned"],
            **form.exit_data(),
            request=self.request,
        )
        return _("Participation completed. Certificate %(number)s issued.") % {
            "number": participation.certificate_number
        }


class DropOutView(ParticipationActionView):
    form_class = DropOutForm
    allowed_from = (Status.QUALIFIED, Status.ACTIVE)

    @property
    def title(self):
        return _("Record dropping out")

    def perform(self, form):
        services.participation_drop_out(
            participation_id=self.participation.pk,
            user=self.request.user,
            end_date=form.cleaned_data["end_date"],
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            **form.exit_data(),
            request=self.request,
        )
        return _("Dropping out recorded.")


class FollowUpView(ParticipationActionView):
    form_class = FollowUpForm
    allowed_from = (Status.COMPLETED, Status.DROPPED_OUT)

    @property
    def title(self):
        return _("Three-month follow-up")

    def perform(self, form):
        services.participation_follow_up(
            participation_id=self.participation.pk,
            user=self.request.user,
            follow_up=form.follow_up(),
            request=self.request,
        )
        return _("Follow-up recorded.")


class CorrectEntryView(ParticipationActionView):
    """Correct the situation recorded at the start: an audited edit with its reason."""

    form_class = EntryCorrectionForm
    allowed_from = (Status.ACTIVE, Status.COMPLETED, Status.DROPPED_OUT)

    @property
    def title(self):
        return _("Correct the situation at the start")

    def get_initial(self):
        return EntryCorrectionForm.initial_of(self.participation)

    def perform(self, form):
        records.participation_correct_entry(
            participation_id=self.participation.pk,
            user=self.request.user,
            changes=form.changes(),
            reason=form.cleaned_data["reason"],
            request=self.request,
        )
        return _("The situation at the start was corrected; the correction is in the audit trail.")


class EvidenceAddView(ParticipationActionView):
    """Add what shows a criterion that qualified the person (with an optional scan)."""

    form_class = EvidenceForm
    allowed_from = (Status.QUALIFIED, Status.RESERVE, Status.ACTIVE, Status.COMPLETED, Status.DROPPED_OUT)
    prefetch = ("project__criteria",)

    @property
    def title(self):
        return _("Add eligibility evidence")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "participation": self.participation}

    def perform(self, form):
        records.evidence_add(
            participation_id=self.participation.pk,
            user=self.request.user,
            evidence=form.instance,
            upload=form.cleaned_data["scan_file"],
            request=self.request,
        )
        return _("Evidence recorded.")


class EvidenceScanView(ParticipationScopedMixin, View):
    """The stored scan of a piece of evidence, to those who may see the participation (audited)."""

    permission_required = "participation.view_projectparticipation"

    def get(self, request, pk, evidence_pk):
        evidence = get_object_or_404(self.participation.evidence.exclude(scan=""), pk=evidence_pk)
        document = EvidenceScan(evidence).render()
        return file_response(request, document, action=AuditEvent.Action.VIEW, obj=evidence, details={"scan": True})


class CertificatePdfView(ParticipationScopedMixin, View):
    """The KIS certificate (zaświadczenie o uczestnictwie), issued when participation ends."""

    permission_required = "participation.view_projectparticipation"

    def get(self, request, pk):
        participation = self.participation
        if not participation.certificate_number:
            raise Http404(_("No certificate has been issued for this participation."))
        if not request.user.has_perm("participation.change_projectparticipation") and not request.user.has_perm(
            "participants.view_participant"
        ):
            raise PermissionDenied
        document = CertificatePdf(participation).render()
        return file_response(
            request, document, action=AuditEvent.Action.PRINT, obj=participation, details={"certificate": True}
        )
