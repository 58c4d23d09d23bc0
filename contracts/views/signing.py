"""Signing a social contract and its amendments, and drafting an amendment."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from contracts import services
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
)
from contracts.views.contract import ContractScopedMixin
from kis.audit import log_event
from kis.models import AuditEvent


class ContractSignView(ContractScopedMixin, FormView):
    """The participant draws their signature; the worker confirms with their own password."""

    permission_required = "contracts.change_socialcontract"
    scope = "manageable_by"
    form_class = SignForm
    template_name = "contracts/socialcontract_sign.html"

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

    def form_valid(self, form):
        try:
            contract = services.contract_sign(
                contract_id=self.contract.pk,
                user=self.request.user,
                password=form.cleaned_data["password"],
                signature=form.cleaned_data["signature"],
                version=form.cleaned_data.get("version"),
                request=self.request,
            )
        except services.ContractError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Contract %(number)s signed. Its text is frozen (SHA-256 %(hash)s).")
            % {"number": contract.number, "hash": contract.snapshot_sha256[:16] + "…"},
        )
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
            messages.success(
                request,
                _("Amendment no. %(number)s drafted. Sign it with the participant.") % {"number": amendment.number},
            )
            return redirect("contracts:amendment_sign", pk=self.contract.pk, number=amendment.number)
        messages.error(request, _("The form has errors; nothing was saved. Correct the fields marked below."))
        return self.render_form(form, tasks)


class AmendmentSignView(ContractScopedMixin, FormView):
    permission_required = "contracts.change_socialcontract"
    scope = "manageable_by"
    form_class = SignForm
    template_name = "contracts/amendment_sign.html"

    def refusal(self, contract):
        # The amendment is reached through its contract, so it is as scoped as the contract.
        self.amendment = get_object_or_404(
            contract.amendments.prefetch_related("tasks", "cancelled_tasks"), number=self.kwargs["number"]
        )
        if self.amendment.status != AmendmentStatus.DRAFT:
            messages.info(self.request, _("This amendment has already been signed."))
            return redirect(contract)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"contract": self.contract, "amendment": self.amendment})
        context["is_party"] = self.contract.social_worker_id == self.request.user.pk
        return context

    def form_valid(self, form):
        try:
            services.amendment_sign(
                amendment_id=self.amendment.pk,
                user=self.request.user,
                password=form.cleaned_data["password"],
                signature=form.cleaned_data["signature"],
                request=self.request,
            )
        except services.ContractError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Amendment no. %(number)s signed.") % {"number": self.amendment.number})
        return HttpResponseRedirect(self.contract.get_absolute_url())
