"""Signing a social contract and its amendments, and drafting an amendment."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from contracts import services, signing
from contracts.documents import contract_document_context
from contracts.forms import (
    AmendmentForm,
    AmendmentTaskFormSet,
    SignForm,
)
from contracts.models import (
    AmendmentStatus,
    ContractAmendment,
    ContractStatus,
    SignatureMethod,
)
from contracts.views.contract import ContractScopedMixin
from kis.audit import log_event
from kis.models import AuditEvent


class SigningMixin:
    """A signing page: the participant signs one of the ways offered (``methods``), the worker
    confirms with their password. A refused signing comes back with every problem at once —
    the form's and the signing's (``other_refusals``) — and with what was entered (the drawn
    signature is sent back to the page, which draws it again)."""

    methods: tuple[str, ...] = ()
    amendment_form = False

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(participant=self.contract.participant, methods=self.methods, amendment=self.amendment_form)
        return kwargs

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        for message in self.other_refusals(form, password=form.cleaned_data.get("password") or None):
            form.add_error(None, message)
        return self.form_invalid(form)

    def other_refusals(self, form, *, password) -> list[str]:
        raise NotImplementedError

    def refused(self, form, error: services.ContractError):
        for message in error.messages:
            form.add_error(None, message)
        return self.form_invalid(form)


class ContractSignView(SigningMixin, ContractScopedMixin, FormView):
    """The participant signs on screen, types their name, or the contract signed on paper is
    entered with its date and scan; the worker confirms with their own password."""

    permission_required = "contracts.change_socialcontract"
    scope = "manageable_by"
    form_class = SignForm
    template_name = "contracts/socialcontract_sign.html"
    methods = (SignatureMethod.DRAWN, SignatureMethod.TYPED, SignatureMethod.PAPER)

    def refusal(self, contract):
        if not contract.is_draft:
            messages.info(self.request, _("This contract has already been signed."))
            return redirect(contract)
        return None

    def get_initial(self):
        return {"version": self.contract.version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(contract_document_context(self.contract))
        context["missing_for_signing"] = self.contract.missing_for_signing()
        context["is_party"] = self.contract.social_worker_id == self.request.user.pk
        return context

    def other_refusals(self, form, *, password) -> list[str]:
        data = form.cleaned_data
        signed_on = data.get("paper_signed_on") if data.get("method") == SignatureMethod.PAPER else None
        return signing.contract_signing_refusals(
            self.contract, user=self.request.user, password=password, signed_on=signed_on
        )

    def form_valid(self, form):
        data = form.cleaned_data
        common = {
            "contract_id": self.contract.pk,
            "user": self.request.user,
            "password": data["password"],
            "version": data.get("version"),
            "request": self.request,
        }
        try:
            if data["method"] == SignatureMethod.PAPER:
                contract = services.contract_sign_on_paper(
                    signed_on=data["paper_signed_on"], scan=data["scan"], **common
                )
            else:
                contract = services.contract_sign(
                    method=data["method"],
                    signature=data["signature"],
                    typed_name=data["typed_name"],
                    confirmed=data["typed_confirmation"],
                    **common,
                )
        except services.ContractError as error:
            return self.refused(form, error)
        values = {"number": contract.number, "hash": contract.snapshot_sha256[:16] + "…"}
        if contract.signature_method == SignatureMethod.PAPER:
            values["date"] = contract.signed_on.strftime("%d.%m.%Y")
            message = _(
                "Contract %(number)s entered as signed on paper on %(date)s, with its scan. "
                "Its text is frozen (SHA-256 %(hash)s)."
            )
        else:
            message = _("Contract %(number)s signed. Its text is frozen (SHA-256 %(hash)s).")
        messages.success(self.request, message % values)
        return HttpResponseRedirect(contract.get_absolute_url())


class AmendmentCreateView(ContractScopedMixin, View):
    permission_required = "contracts.change_socialcontract"
    scope = "manageable_by"
    template_name = "contracts/amendment_form.html"

    def refusal(self, contract):
        if contract.status != ContractStatus.SIGNED:
            messages.error(self.request, _("Only a contract in force can be amended."))
            return redirect(contract)
        return None

    def render_form(self, form, tasks):
        return render(self.request, self.template_name, {"form": form, "tasks": tasks, "contract": self.contract})

    def get(self, request, pk):
        amendment = ContractAmendment(contract=self.contract)
        return self.render_form(
            AmendmentForm(contract=self.contract, instance=amendment),
            AmendmentTaskFormSet(instance=amendment, prefix="tasks"),
        )

    def post(self, request, pk):
        amendment = ContractAmendment(contract=self.contract, created_by=request.user)
        form = AmendmentForm(request.POST, contract=self.contract, instance=amendment)
        tasks = AmendmentTaskFormSet(request.POST, instance=amendment, prefix="tasks")
        form_ok = form.is_valid()
        if form_ok:
            end = form.cleaned_data.get("new_period_end") or self.contract.effective_period_end
            tasks.period = (self.contract.period_start, end)
        if form_ok and tasks.is_valid():
            with transaction.atomic():
                amendment = form.save()
                for task_form in tasks.forms:
                    if task_form.cleaned_data and not task_form.cleaned_data.get("DELETE"):
                        task = task_form.save(commit=False)
                        task.contract = self.contract
                        task.amendment = amendment
                        task.save()
                log_event(request=request, action=AuditEvent.Action.CREATE, obj=amendment)
            if amendment.new_social_worker_id:
                message = _(
                    "Amendment no. %(number)s drafted. It changes the social worker, so %(name)s signs it with "
                    "the participant: signed in as themselves, on this page."
                ) % {"number": amendment.number, "name": signing.worker_name(amendment.new_social_worker)}
            else:
                message = _("Amendment no. %(number)s drafted. Sign it with the participant.") % {
                    "number": amendment.number
                }
            messages.success(request, message)
            return redirect("contracts:amendment_sign", pk=self.contract.pk, number=amendment.number)
        messages.error(request, _("The form has errors; nothing was saved. Correct the fields marked below."))
        return self.render_form(form, tasks)


class AmendmentSignView(SigningMixin, ContractScopedMixin, FormView):
    """The participant signs on screen or types their name; the worker who signs the amendment —
    the new social worker it names, or else the worker responsible for the contract — confirms
    with their own password."""

    permission_required = "contracts.change_socialcontract"
    scope = "manageable_by"
    form_class = SignForm
    template_name = "contracts/amendment_sign.html"
    methods = (SignatureMethod.DRAWN, SignatureMethod.TYPED)
    amendment_form = True

    def get_queryset(self):
        # The new social worker an amendment names signs it before the contract is theirs to manage.
        manageable = super().get_queryset()
        if not self.request.user.has_perm("contracts.change_socialcontract"):
            return manageable
        incoming = ContractAmendment.objects.filter(
            number=self.kwargs["number"], status=AmendmentStatus.DRAFT, new_social_worker=self.request.user
        )
        return self.get_base_queryset().filter(
            Q(pk__in=manageable.values("pk")) | Q(pk__in=incoming.values("contract_id"))
        )

    def refusal(self, contract):
        # The amendment is reached through its contract, so it is as scoped as the contract.
        self.amendment = get_object_or_404(
            contract.amendments.select_related("new_social_worker").prefetch_related("tasks", "cancelled_tasks"),
            number=self.kwargs["number"],
        )
        if self.amendment.status != AmendmentStatus.DRAFT:
            messages.info(self.request, _("This amendment has already been signed."))
            return redirect(contract)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"contract": self.contract, "amendment": self.amendment})
        context["is_party"] = self.amendment.signer_id == self.request.user.pk
        context["new_worker_name"] = (
            signing.worker_name(self.amendment.new_social_worker) if self.amendment.new_social_worker_id else ""
        )
        return context

    def other_refusals(self, form, *, password) -> list[str]:
        return signing.amendment_signing_refusals(self.amendment, user=self.request.user, password=password)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.amendment_sign(
                amendment_id=self.amendment.pk,
                user=self.request.user,
                password=data["password"],
                method=data["method"],
                signature=data["signature"],
                typed_name=data["typed_name"],
                confirmed=data["typed_confirmation"],
                request=self.request,
            )
        except services.ContractError as error:
            return self.refused(form, error)
        messages.success(self.request, _("Amendment no. %(number)s signed.") % {"number": self.amendment.number})
        return HttpResponseRedirect(self.contract.get_absolute_url())
