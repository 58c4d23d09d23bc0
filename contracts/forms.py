"""Forms of the social contract: the draft with its parties and tasks, signing, amendments, reviews."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from contracts.exceptions import ContractError
from contracts.models import (
    ContractAmendment,
    ContractFamilyMember,
    ContractReview,
    ContractStatus,
    ContractTask,
    Kind,
    SignatureMethod,
    SocialContract,
)
from contracts.models.contract import FREE_TEXTS
from contracts.signatures import check_typed_name, decode_signature, paper_refusals, typed_confirmation_missing
from kis.collation import in_polish
from kis.formsets import BaseInlineFormSet
from kis.locking import VersionedFormMixin
from kis.roles import Role
from kis.widgets import DateInput
from participants import pesel as pesel_rules
from participants.models import PESEL_MESSAGES


class ContractForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = SocialContract
        fields = [
            "kind",
            "place",
            "period_start",
            "period_end",
            "social_worker_phone",
            *FREE_TEXTS,
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
        widgets = {"pesel": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 11})}

    def clean_pesel(self):
        """Checked as the participant's is: eleven digits, the check digit, a date that exists."""
        value = (self.cleaned_data.get("pesel") or "").strip().replace(" ", "")
        if value:
            try:
                pesel_rules.validate(value)
            except pesel_rules.PeselError as exc:
                raise forms.ValidationError(PESEL_MESSAGES[exc.code], code=exc.code) from None
        return value


class FamilyFormSet(BaseInlineFormSet):
    """A kind B contract is with one person: it has no family members (``kind`` is set by the view)."""

    kind: str | None = None

    def clean(self):
        super().clean()
        if self.kind != Kind.B:
            return
        if any(form.cleaned_data and not form.cleaned_data.get("DELETE") for form in self.forms):
            raise forms.ValidationError(
                _("A kind B contract is concluded with one person: remove the family members or choose kind A."),
                code="kind_b_family",
            )


class TaskForm(forms.ModelForm):
    class Meta:
        model = ContractTask
        fields = ["responsible", "institution", "description", "deadline"]
        widgets = {"deadline": DateInput(), "description": forms.TextInput}


class PeriodTaskFormSet(BaseInlineFormSet):
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
    SocialContract, ContractFamilyMember, form=FamilyMemberForm, formset=FamilyFormSet, extra=1, can_delete=True
)
TaskFormSet = forms.inlineformset_factory(
    SocialContract, ContractTask, form=TaskForm, formset=PeriodTaskFormSet, extra=2, can_delete=True
)
AmendmentTaskFormSet = forms.inlineformset_factory(
    ContractAmendment, ContractTask, form=TaskForm, formset=PeriodTaskFormSet, extra=2, can_delete=False
)


class SignForm(forms.Form):
    """The participant signs one of the ways offered (``methods``) — drawn on screen, their full
    name typed and confirmed, or (a contract) on paper, entered with its date and scan — and the
    worker confirms with their own password. Only the chosen way's fields are checked, every
    problem at once; an unreadable drawing is not sent back to the page."""

    METHOD_LABELS = {
        SignatureMethod.DRAWN: _("The participant signs in the box on the screen (a finger, a pen or the mouse)"),
        SignatureMethod.TYPED: _("The participant types their full name (no drawing: this way works with a keyboard)"),
        SignatureMethod.PAPER: _("It was signed on paper: enter the date it was signed and attach the scan"),
    }

    method = forms.ChoiceField(label=_("How the participant signs"), widget=forms.RadioSelect, required=False)
    signature = forms.CharField(widget=forms.HiddenInput, required=False)
    typed_name = forms.CharField(
        label=_("The participant's first name and surname, typed by the participant"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "words"}),
    )
    typed_confirmation = forms.BooleanField(required=False)
    paper_signed_on = forms.DateField(label=_("Date it was signed on paper"), required=False, widget=DateInput())
    scan = forms.FileField(
        label=_("Scan of the signed paper original"),
        required=False,
        help_text=_("PDF, JPEG or PNG, up to 10 MB."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    password = forms.CharField(
        label=_("Your password (social worker)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, participant, methods=tuple(SignatureMethod), amendment=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant
        self.methods = tuple(methods)
        self.fields["method"].choices = [(method, self.METHOD_LABELS[method]) for method in self.methods]
        self.fields["method"].initial = SignatureMethod.DRAWN
        if amendment:
            confirmation = _("I, the participant, sign this amendment by typing my name")
            self.fields["password"].help_text = _("Re-enter your password to confirm that you sign this amendment.")
        else:
            confirmation = _("I, the participant, sign this contract by typing my name")
            self.fields["password"].help_text = _("Re-enter your password to confirm that you sign this contract.")
        self.fields["typed_confirmation"].label = confirmation
        if SignatureMethod.PAPER not in self.methods:
            del self.fields["paper_signed_on"], self.fields["scan"]

    @property
    def offers_paper(self) -> bool:
        return SignatureMethod.PAPER in self.methods

    def clean_method(self):
        # The drawn way is chosen when the page opens; a sending without a choice means it.
        return self.cleaned_data.get("method") or SignatureMethod.DRAWN

    def clean(self):
        data = super().clean()
        method = data.get("method")
        if method == SignatureMethod.DRAWN:
            try:
                data["signature"] = decode_signature(data.get("signature", ""))
            except ContractError as error:
                self.add_error(None, str(error))
                if self.data.get("signature"):
                    self.data = self.data.copy()
                    self.data["signature"] = ""  # unreadable: the page must not draw it again
        elif method == SignatureMethod.TYPED:
            try:
                data["typed_name"] = check_typed_name(data.get("typed_name", ""), participant=self.participant)
            except ContractError as error:
                self.add_error("typed_name", str(error))
            if not data.get("typed_confirmation"):
                self.add_error("typed_confirmation", typed_confirmation_missing())
        elif method == SignatureMethod.PAPER:
            problems = paper_refusals(signed_on=data.get("paper_signed_on"), scan=data.get("scan"))
            for name, field in (("signed_on", "paper_signed_on"), ("scan", "scan")):
                if name in problems and field not in self.errors:  # a date that cannot be read says so already
                    self.add_error(field, problems[name])
        return data


class AmendmentForm(forms.ModelForm):
    class Meta:
        model = ContractAmendment
        fields = [
            "reason",
            "new_period_end",
            "new_main_goal",
            "new_specific_goals",
            "cancelled_tasks",
            "new_social_worker",
        ]
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
        # A change of social worker: an active social worker other than the one responsible now.
        worker = self.fields["new_social_worker"]
        worker.queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=Role.SOCIAL_WORKER)
            .exclude(pk=contract.responsible_worker_id or contract.social_worker_id)
            .order_by(*in_polish("last_name", "first_name"), "username")
        )
        worker.label_from_instance = lambda user: user.get_full_name() or user.get_username()
        worker.empty_label = _("— no change: the social worker stays the same —")
        worker.error_messages["invalid_choice"] = _(
            "Choose an active social worker other than the one responsible for the contract now."
        )
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
    """Completing or terminating a contract: nothing is chosen for the user, and closing, which
    cannot be undone, is confirmed."""

    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(ContractStatus.COMPLETED, _("completed")), (ContractStatus.TERMINATED, _("terminated"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the contract was completed or terminated.")},
    )
    ended_on = forms.DateField(label=_("ended on"), widget=DateInput())
    reason = forms.CharField(label=_("reason / summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    confirm = forms.BooleanField(
        label=_("I understand this cannot be undone"),
        error_messages={"required": _("Tick the box to confirm that you understand closing cannot be undone.")},
    )


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("Scan of the signed paper original"),
        help_text=_("PDF, JPEG or PNG, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
