"""Social contract pages: list, draft, edit draft, review, close, PDF, scan, task progress."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView
from django_filters.views import FilterView

from contracts import services
from contracts.documents import ContractPdf, ScanFile, contract_document_context
from contracts.filters import ContractFilter
from contracts.forms import (
    CloseForm,
    ContractForm,
    FamilyFormSet,
    ReviewForm,
    ScanForm,
    TaskFormSet,
)
from contracts.models import (
    ContractReview,
    ContractStatus,
    ContractTask,
    SocialContract,
)
from kis.audit import log_event
from kis.bounds import parse_id
from kis.files import file_response
from kis.idempotency import IdempotentCreateMixin, add_token_field, record_submission
from kis.models import AuditEvent
from kis.views import KeepFiltersMixin, RoleRequiredMixin, ScopedObjectMixin
from participants.models import Participant


class ContractListView(RoleRequiredMixin, KeepFiltersMixin, FilterView):
    permission_required = "contracts.view_socialcontract"
    filterset_class = ContractFilter
    template_name = "contracts/socialcontract_list.html"
    paginate_by = 25
    strict = False

    def get_queryset(self):
        # The worker responsible now is shown (joined: no query of its own).
        return SocialContract.objects.visible_to(self.request.user).for_list().select_related("responsible_worker")


class ContractScopedMixin(ScopedObjectMixin):
    """A page of one contract, taken from the contracts the user may see (``visible_to``) or, on
    the pages that change it, may manage (``manageable_by``)."""

    model = SocialContract

    def get_base_queryset(self):
        return SocialContract.objects.select_related("participant", "social_worker")

    @property
    def contract(self) -> SocialContract:
        return self.get_object()


class ContractDetailView(ContractScopedMixin, DetailView):
    permission_required = "contracts.view_socialcontract"
    action_permissions = {"recruit": "participation.add_projectparticipation"}
    template_name = "contracts/socialcontract_detail.html"
    context_object_name = "contract"

    def action_flags(self):
        contract, user = self.object, self.request.user
        flags = super().action_flags()
        return {
            **flags,
            # The next step once signed: recruiting the person, for whoever may move them on.
            "recruit": flags["recruit"] and contract.participant.can_be_edited_by(user),
            "manage": contract.can_be_managed_by(user),
            "sign": contract.is_draft and contract.social_worker_id == user.pk,  # only the contract's worker
        }

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("tasks")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract = self.object
        context.update(contract_document_context(contract))
        context["amendments"] = list(contract.amendments.order_by("number"))
        # Every version of the scan, the current (latest) first: one query however many there are.
        context["scans"] = list(contract.scans.select_related("uploaded_by"))
        context["missing_for_signing"] = contract.missing_for_signing() if contract.is_draft else []
        context["today"] = timezone.localdate()
        log_event(request=self.request, action=AuditEvent.Action.VIEW, obj=contract)
        return context


class ContractEditMixin:
    """Create and edit a draft with its family members and tasks, all or nothing."""

    template_name = "contracts/socialcontract_form.html"

    def formsets(self, contract, data=None):
        family = FamilyFormSet(data, instance=contract, prefix="family")
        tasks = TaskFormSet(data, instance=contract, prefix="tasks")
        return family, tasks

    def render_form(self, form, family, tasks, participant, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "family": family, "tasks": tasks, "participant": participant, "contract": form.instance},
            status=status,
        )

    def validate(self, form, family, tasks):
        form_ok = form.is_valid()
        if form_ok:
            tasks.period = (form.cleaned_data.get("period_start"), form.cleaned_data.get("period_end"))
        family.kind = form.cleaned_data.get("kind") if form_ok else None
        return all([form_ok, family.is_valid(), tasks.is_valid()])

    def check_overlap(self, form, contract):
        other = services.overlapping_contract(contract)
        if other is not None:
            form.add_error(
                None,
                _(
                    "Contract %(number)s of the same kind is already in force for this person in an overlapping "
                    "period. Choose another period or kind, or amend the contract in force."
                )
                % {"number": other.number},
            )
            return False
        return True


class ContractCreateView(IdempotentCreateMixin, RoleRequiredMixin, ContractEditMixin, View):
    permission_required = "contracts.add_socialcontract"

    def get_participant(self):
        raw = self.request.GET.get("participant") or self.request.POST.get("participant")
        if (pk := parse_id(raw)) is None:
            raise Http404(_("Choose the participant first: open their page and use “Draft a contract”."))
        return get_object_or_404(Participant.objects.editable_by(self.request.user), pk=pk)

    def new_contract(self, participant):
        user = self.request.user
        worker = participant.social_worker
        return SocialContract(
            participant=participant,
            social_worker=worker,
            place=participant.location.town or "",
            period_start=timezone.localdate(),
            created_by=user,
        )

    def get(self, request):
        participant = self.get_participant()
        contract = self.new_contract(participant)
        form = add_token_field(ContractForm(instance=contract))
        family, tasks = self.formsets(contract)
        return self.render_form(form, family, tasks, participant)

    def post(self, request):
        participant = self.get_participant()
        contract = self.new_contract(participant)
        form = add_token_field(ContractForm(request.POST, instance=contract))
        family, tasks = self.formsets(contract, request.POST)
        if self.validate(form, family, tasks) and self.check_overlap(form, form.instance):
            with transaction.atomic():
                contract = services.contract_create(contract=form.instance, user=request.user, request=request)
                family.instance = tasks.instance = contract
                family.save()
                tasks.save()
                record_submission(request, contract)  # the same form sent again drafts nothing
            messages.success(request, _("Draft contract %(number)s saved.") % {"number": contract.number})
            return HttpResponseRedirect(contract.get_absolute_url())
        messages.error(request, _("The form has errors; nothing was saved. Correct the fields marked below."))
        return self.render_form(form, family, tasks, participant)


class ContractUpdateView(ContractScopedMixin, ContractEditMixin, View):
    permission_required = "contracts.change_socialcontract"
    scope = "manageable_by"

    def refusal(self, contract):
        if not contract.is_draft:
            messages.error(self.request, _("A signed contract cannot be edited. Changes are made by an amendment."))
            return redirect(contract)
        return None

    def get(self, request, pk):
        form = ContractForm(instance=self.contract)
        family, tasks = self.formsets(self.contract)
        return self.render_form(form, family, tasks, self.contract.participant)

    def post(self, request, pk):
        form = ContractForm(request.POST, instance=self.contract)
        family, tasks = self.formsets(self.contract, request.POST)
        if self.validate(form, family, tasks) and self.check_overlap(form, form.instance):
            try:
                with transaction.atomic():
                    services.contract_claim_version(
                        contract=form.instance, submitted_version=form.cleaned_data.get("version")
                    )
                    contract = form.save()
                    family.save()
                    tasks.save()
                    log_event(
                        request=request,
                        action=AuditEvent.Action.UPDATE,
                        obj=contract,
                        details={"fields": sorted(form.changed_data)},
                    )
            except services.ContractError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Draft contract %(number)s saved.") % {"number": contract.number})
                return HttpResponseRedirect(contract.get_absolute_url())
        messages.error(request, _("The form has errors; nothing was saved. Correct the fields marked below."))
        return self.render_form(form, family, tasks, self.contract.participant)


class ContractPdfView(ContractScopedMixin, View):
    permission_required = "contracts.view_socialcontract"

    def get(self, request, pk):
        contract = self.contract
        return file_response(request, ContractPdf(contract).render(), action=AuditEvent.Action.PRINT, obj=contract)


class ReviewCreateView(IdempotentCreateMixin, ContractScopedMixin, FormView):
    permission_required = "contracts.add_contractreview"
    action_permissions = {"view_attendance": "activities.view_attendance"}
    scope = "manageable_by"
    form_class = ReviewForm
    template_name = "contracts/review_form.html"

    def refusal(self, contract):
        if contract.status != ContractStatus.SIGNED:
            messages.error(self.request, _("Only a contract in force is reviewed."))
            return redirect(contract)
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ContractReview(contract=self.contract, reviewed_by=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contract"] = self.contract
        context["open_tasks"] = [t for t in self.contract.tasks.all() if t.status == ContractTask.Status.OPEN]
        context["last_review"] = self.contract.reviews.first()
        context["today"] = timezone.localdate()
        return context

    def form_valid(self, form):
        try:
            services.review_add(review=form.instance, user=self.request.user, request=self.request)
        except services.ContractError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Review saved."))
        return HttpResponseRedirect(self.contract.get_absolute_url())


class ContractCloseView(ContractScopedMixin, FormView):
    permission_required = "contracts.change_socialcontract"
    scope = "manageable_by"
    form_class = CloseForm
    template_name = "contracts/socialcontract_close.html"
    # No initial outcome or date: closing cannot be undone, so nothing is chosen for the user.

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "contract": self.contract}

    def form_valid(self, form):
        try:
            services.contract_close(
                contract_id=self.contract.pk,
                user=self.request.user,
                status=form.cleaned_data["status"],
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
                request=self.request,
            )
        except services.ContractError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The contract has been closed."))
        return HttpResponseRedirect(self.contract.get_absolute_url())


class TaskStatusView(ScopedObjectMixin, View):
    """POST only: record the progress of one task of a contract in force."""

    permission_required = "contracts.change_socialcontract"
    model = ContractTask
    scope = "manageable_by"
    http_method_names = ["post"]

    def get_base_queryset(self):
        return ContractTask.objects.select_related("contract")

    def post(self, request, pk):
        task = self.get_object()
        try:
            services.task_set_status(
                task=task, status=request.POST.get("status", ""), user=request.user, request=request
            )
        except services.ContractError as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(task.contract.get_absolute_url() + "#tasks")


class ContractScanView(ContractScopedMixin, View):
    """GET: a stored version of the scan (``number``; without it, the current one) to users who
    may see the contract, as a download, audited. POST: upload a new version of the scan."""

    permission_required = "contracts.view_socialcontract"

    def get_permission_required(self):
        if self.request.method == "POST":
            return ("contracts.view_socialcontract", "contracts.change_socialcontract")
        return super().get_permission_required()

    def get_scope(self) -> str:
        return "manageable_by" if self.request.method == "POST" else "visible_to"

    def get(self, request, pk, number=None):
        # The version is reached through the contract, so it is as scoped as the contract.
        scans = self.contract.scans.select_related("contract")
        scan = scans.filter(number=number).first() if number is not None else scans.first()
        if scan is None:
            raise Http404(_("No scan has been attached."))
        details = {"scan": True, "scan_version": scan.number, "scan_sha256": scan.sha256}
        return file_response(
            request, ScanFile(scan).render(), action=AuditEvent.Action.VIEW, obj=self.contract, details=details
        )

    def post(self, request, pk, number=None):
        if number is not None:
            return HttpResponseNotAllowed(["GET"])
        contract = self.contract
        form = ScanForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Choose a file to upload."))
        else:
            try:
                services.scan_attach(
                    contract=contract, upload=form.cleaned_data["scan"], user=request.user, request=request
                )
            except services.ContractError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The scan has been attached."))
        return redirect(contract)
