"""Forms for registering and editing participants."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from localflavor.pl.forms import PLPostalCodeField

from kis.collation import in_polish
from kis.formsets import BaseInlineFormSet
from kis.locking import VersionedFormMixin
from kis.roles import Role
from kis.widgets import DateInput, row
from participants.models import Consent, HouseholdMember, Participant
from participants.standins import StandIn


class ParticipantForm(VersionedFormMixin, forms.ModelForm):
    postal_code = PLPostalCodeField(
        label=capfirst(_("postal code")),
        error_messages={"invalid": _("Enter the postal code in the form NN-NNN, e.g. 84-200.")},
    )

    class Meta:
        model = Participant
        fields = [
            "first_name",
            "last_name",
            "pesel",
            "no_pesel_reason",
            "date_of_birth",
            "sex",
            "citizenship",
            "citizenship_group",
            "street",
            "house_number",
            "flat_number",
            "postal_code",
            "town",
            "commune",
            "county",
            "voivodeship",
            "area_type",
            "phone",
            "email",
            "education",
            "labour_market_status",
            "labour_status_detail",
            "occupation",
            "employer",
            "unemployed_since",
            "long_term_unemployed_certified",
            "disability",
            "disability_certificate",
            "disability_intellectual_or_multiple",
            "foreign_origin",
            "third_country_national",
            "minority",
            "refused_homeless",
            "refused_other_disadvantage",
            "risk_factors",
            "other_risk_factor",
            "status",
            "social_worker",
            "location",
            "registered_on",
            "information_given_on",
            "confidential_notes",
        ]
        widgets = {
            "date_of_birth": DateInput(),
            "unemployed_since": DateInput(),
            "registered_on": DateInput(),
            "information_given_on": DateInput(),
            "risk_factors": forms.CheckboxSelectMultiple,
            "confidential_notes": forms.Textarea(attrs={"rows": 4}),
            "pesel": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 11}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["date_of_birth"].required = False
        self.fields["sex"].required = False
        self.add_version_field()
        workers = (
            get_user_model()
            .objects.filter(groups__name=Role.SOCIAL_WORKER, is_active=True)
            .order_by(*in_polish("last_name", "first_name"))
        )
        self.fields["social_worker"].queryset = workers
        self.fields["social_worker"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        if not user.has_perm("participants.change_any_participant"):
            # Assigning caseloads is the coordinator's job: a worker registers onto their own.
            self.fields["social_worker"].disabled = True
            if not self.instance.pk:
                self.fields["social_worker"].initial = user.pk
        if self.instance.pk and not self.instance.confidential_notes_visible_to(user):
            del self.fields["confidential_notes"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        confidential = "confidential_notes" in self.fields
        # The form's sections, in the list at its top that a person moves between (its template
        # adds the household's section, which is a formset of its own).
        self.sections = [
            ("section-identity", _("Identity")),
            ("section-address", _("Address")),
            ("section-contact", _("Contact")),
            ("section-situation", _("Situation")),
            ("section-case", _("Case")),
            *([("section-confidential", _("Confidential"))] if confidential else []),
        ]
        section = dict(self.sections)
        self.helper.layout = Layout(
            Fieldset(
                section["section-identity"],
                row("first_name", "last_name"),
                row("pesel", "no_pesel_reason"),
                row("date_of_birth", "sex", "citizenship", "citizenship_group"),
                css_id="section-identity",
            ),
            Fieldset(
                section["section-address"],
                row("street", "house_number", "flat_number", cols=None),
                row("postal_code", "town"),
                row("commune", "county", "voivodeship"),
                "area_type",
                css_id="section-address",
            ),
            Fieldset(section["section-contact"], row("phone", "email"), css_id="section-contact"),
            Fieldset(
                section["section-situation"],
                row("education", "labour_market_status", "labour_status_detail"),
                row("occupation", "employer"),
                row("unemployed_since", "long_term_unemployed_certified"),
                row("disability", "disability_certificate"),
                "disability_intellectual_or_multiple",
                row("foreign_origin", "third_country_national", "minority"),
                row("refused_homeless", "refused_other_disadvantage"),
                "risk_factors",
                "other_risk_factor",
                css_id="section-situation",
            ),
            Fieldset(
                section["section-case"],
                row("status", "social_worker"),
                row("location", "registered_on"),
                # Consents per purpose are recorded on their own page, from the person's record.
                row("information_given_on", cols=4),
                css_id="section-case",
            ),
            *(
                [Fieldset(section["section-confidential"], "confidential_notes", css_id="section-confidential")]
                if confidential
                else []
            ),
            "version",
        )

    def clean_pesel(self):
        value = (self.cleaned_data.get("pesel") or "").strip().replace(" ", "")
        return value or None

    def validate_unique(self):
        # A duplicate PESEL is reported here, with a link to the existing person, rather than in
        # clean_pesel: there it would keep the PESEL off the instance and the model would then
        # also complain that no PESEL was given.
        exclude = self._get_validation_exclusions()
        exclude.add("pesel")
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as e:
            self._update_errors(e)
        pesel = self.cleaned_data.get("pesel")
        if not pesel or self.has_error("pesel"):
            return
        existing = (
            Participant.objects.filter(pesel=pesel)
            .exclude(pk=self.instance.pk)
            .select_related("social_worker", "location")
            .first()
        )
        if existing is not None:
            self.add_error("pesel", forms.ValidationError(self.duplicate_message(existing), code="duplicate"))

    def duplicate_message(self, existing):
        """Whom to ask about the person already registered; their name and a link to the record
        only for a user who may see it (to anyone else a PESEL must not lead to a name)."""
        worker = existing.social_worker
        text = _(
            "A person with this PESEL is already registered (worker: %(worker)s, location: %(location)s). "
            "Ask them or a coordinator before registering anyone again."
        ) % {"worker": worker.get_full_name() or worker.get_username(), "location": existing.location}
        if not Participant.objects.visible_to(self.user).filter(pk=existing.pk).exists():
            return text
        return format_html(
            '{} <a href="{}">{}</a>',
            text,
            reverse("participants:detail", args=[existing.pk]),
            _("Open the record of %(name)s") % {"name": existing.full_name},
        )


HouseholdFormSet = forms.inlineformset_factory(
    Participant,
    HouseholdMember,
    formset=BaseInlineFormSet,
    fields=["first_name", "last_name", "relationship", "date_of_birth", "needs_care", "care_notes"],
    widgets={"date_of_birth": DateInput()},
    extra=1,
    can_delete=True,
)


class ConsentForm(forms.ModelForm):
    """A consent the person gives for one purpose; the record's own processing needs none."""

    class Meta:
        model = Consent
        fields = ["purpose", "scope", "given_on"]
        widgets = {"given_on": DateInput(), "scope": forms.TextInput()}

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's clean() needs the person before validation (and the scope may name a partner).
        self.instance.participant = participant
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout("purpose", "scope", row("given_on", cols=4))


class ConsentWithdrawalForm(forms.Form):
    withdrawn_on = forms.DateField(label=capfirst(_("withdrawn on")), widget=DateInput())
    note = forms.CharField(
        label=capfirst(_("withdrawal note")),
        max_length=300,
        required=False,
        help_text=_("How the person withdrew it (in writing, by phone, in person), if worth noting."),
    )

    def __init__(self, *args, consent, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent = consent
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_withdrawn_on(self):
        day = self.cleaned_data["withdrawn_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A withdrawal is recorded once it has been made: not with a future date."))
        if day < self.consent.given_on:
            raise forms.ValidationError(_("A consent cannot be withdrawn before it was given."))
        return day


class StandInForm(forms.ModelForm):
    """A coordinator hands the case to another social worker until a date (leave, sickness)."""

    class Meta:
        model = StandIn
        fields = ["worker", "starts_on", "ends_on", "reason"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's clean() compares the worker with the person's own.
        self.instance.participant = participant
        workers = (
            get_user_model()
            .objects.filter(groups__name=Role.SOCIAL_WORKER, is_active=True)
            .exclude(pk=participant.social_worker_id)
            .order_by(*in_polish("last_name", "first_name"))
        )
        self.fields["worker"].queryset = workers
        self.fields["worker"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.fields["starts_on"].initial = timezone.localdate
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout("worker", row("starts_on", "ends_on"), "reason")

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        if ends_on < timezone.localdate():
            raise forms.ValidationError(_("A stand-in cannot end in the past."))
        return ends_on
