"""Forms of the social contract: the draft with its parties and tasks, signing, amendments, reviews."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from contracts.models import (
    ContractAmendment,
    ContractFamilyMember,
    ContractReview,
    ContractStatus,
    ContractTask,
    SocialContract,
)
from kis.locking import VersionedFormMixin
from kis.widgets import DateInput


class ContractForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = SocialContract
        fields = [
            "kind",
            "place",
            "period_start",
            "period_end",
            "social_worker_phone",
            "problems",
            "strengths",
            "limitations",
            "unemployment_causes",
            "work_barriers",
            "earlier_activation",
            "main_goal",
            "specific_goals",
            "centre_support",
            "assessment_method",
            "next_review_on",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "next_review_on": DateInput(),
            "kind": forms.RadioSelect,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "problems",
                    "strengths",
                    "limitations",
                    "unemployment_causes",
                    "work_barriers",
                    "earlier_activation",
                    "main_goal",
                    "specific_goals",
                    "centre_support",
                    "assessment_method",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(
                _("Contract"),
                "kind",
                Div(
                    Div("place", css_class="col-md-3"),
                    Div("period_start", css_class="col-md-3"),
                    Div("period_end", css_class="col-md-3"),
                    Div("social_worker_phone", css_class="col-md-3"),
                    css_class="row",
                ),
            ),
            Fieldset(
                _("Assessment of the life situation"),
                "problems",
                "strengths",
                "limitations",
            ),
            Fieldset(
                _("Kind B: diagnosis of unemployment"),
                "unemployment_causes",
                "work_barriers",
                "earlier_activation",
                css_class="kind-b",
            ),
            Fieldset(
                _("Goals and support"),
                "main_goal",
                "specific_goals",
                "centre_support",
                "assessment_method",
                "next_review_on",
            ),
            "version",
        )


class FamilyMemberForm(forms.ModelForm):
    class Meta:
        model = ContractFamilyMember
        fields = ["first_name", "last_name", "pesel", "address"]


class TaskForm(forms.ModelForm):
    class Meta:
        model = ContractTask
        fields = ["responsible", "institution", "description", "deadline"]
        widgets = {"deadline": DateInput(), "description": forms.TextInput}


class PeriodTaskFormSet(forms.BaseInlineFormSet):
    """Task deadlines must fall within the contract's period (``period`` is set by the view)."""

    period: tuple | None = None

    def clean(self):
        super().clean()
        if not self.period or None in self.period:
            return
        start, end = self.period
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            deadline = form.cleaned_data.get("deadline")
            if deadline and not (start <= deadline <= end):
                form.add_error(
                    "deadline",
                    _("The deadline must fall within the contract's period (%(start)s – %(end)s).")
                    % {"start": start.strftime("%d.%m.%Y"), "end": end.strftime("%d.%m.%Y")},
                )


FamilyFormSet = forms.inlineformset_factory(
    SocialContract, ContractFamilyMember, form=FamilyMemberForm, extra=1, can_delete=True
)
TaskFormSet = forms.inlineformset_factory(
    SocialContract, ContractTask, form=TaskForm, formset=PeriodTaskFormSet, extra=2, can_delete=True
)
AmendmentTaskFormSet = forms.inlineformset_factory(
    ContractAmendment, ContractTask, form=TaskForm, formset=PeriodTaskFormSet, extra=2, can_delete=False
)


class SignForm(forms.Form):
    signature = forms.CharField(widget=forms.HiddenInput, required=False)
    password = forms.CharField(
        label=_("Your password (social worker)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Re-enter your password to confirm that you sign this contract."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AmendmentForm(forms.ModelForm):
    class Meta:
        model = ContractAmendment
        fields = ["reason", "new_period_end", "new_main_goal", "new_specific_goals", "cancelled_tasks"]
        widgets = {
            "new_period_end": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 2}),
            "new_main_goal": forms.Textarea(attrs={"rows": 2}),
            "new_specific_goals": forms.Textarea(attrs={"rows": 3}),
            "cancelled_tasks": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.contract = contract
        self.fields["cancelled_tasks"].queryset = contract.tasks.filter(status=ContractTask.Status.OPEN).filter(
            amendment__isnull=True
        ) | contract.tasks.filter(status=ContractTask.Status.OPEN, amendment__status=ContractStatus.SIGNED)
        self.fields["cancelled_tasks"].label_from_instance = lambda t: f"{t.description} ({t.deadline:%d.%m.%Y})"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class ReviewForm(forms.ModelForm):
    class Meta:
        model = ContractReview
        fields = ["reviewed_on", "findings", "next_review_on"]
        widgets = {
            "reviewed_on": DateInput(),
            "next_review_on": DateInput(),
            "findings": forms.Textarea(attrs={"rows": 4}),
        }


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(ContractStatus.COMPLETED, _("completed")), (ContractStatus.TERMINATED, _("terminated"))],
        widget=forms.RadioSelect,
    )
    ended_on = forms.DateField(label=_("ended on"), widget=DateInput())
    reason = forms.CharField(label=_("reason / summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("Scan of the signed paper original"),
        help_text=_("PDF, JPEG or PNG, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
