"""Forms for projects (with their partners, indicators and criteria) and partner organisations."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from localflavor.pl.forms import PLNIPField, PLPostalCodeField, PLREGONField

from kis.files import ScanRefused, check_image
from kis.formsets import BaseInlineFormSet
from kis.locking import VersionedFormMixin
from kis.widgets import DateInput, row
from projects.models import Partner, Project, ProjectCriterion, ProjectIndicator, ProjectPartner


class DigitsOnlyMixin:
    """Lets people type an identifier with spaces (as it is printed on letterheads)."""

    def to_python(self, value):
        return super().to_python(value).replace(" ", "")


class NIPField(DigitsOnlyMixin, PLNIPField):
    """A NIP typed as 1234563218, 123-456-32-18 or 123 456 32 18; cleaned to the ten digits."""

    default_error_messages = {
        "invalid": _("Enter the NIP as 10 digits, with or without dashes, e.g. 123-456-32-18."),
        "checksum": _("This NIP is wrong: check the digits (the checksum does not match)."),
    }


class REGONField(DigitsOnlyMixin, PLREGONField):
    default_error_messages = {
        "invalid": _("A REGON has 9 or 14 digits."),
        "checksum": _("This REGON is wrong: check the digits (the checksum does not match)."),
    }


class PartnerForm(VersionedFormMixin, forms.ModelForm):
    nip = NIPField(label=_("NIP"), required=False, help_text=_("10 digits; dashes may be typed."))
    regon = REGONField(label=_("REGON"), required=False, help_text=_("9 or 14 digits."))
    postal_code = PLPostalCodeField(
        label=_("postal code"),
        required=False,
        error_messages={"invalid": _("Enter the postal code in the form NN-NNN, e.g. 84-200.")},
    )

    class Meta:
        model = Partner
        fields = [
            "name",
            "kind",
            "nip",
            "regon",
            "street",
            "postal_code",
            "town",
            "contact_person",
            "phone",
            "email",
            "notes",
        ]
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    same_name_confirmed = forms.BooleanField(
        label=_("Yes, this is another organisation of the same name"),
        required=False,
        help_text=_("Tick only after checking the partner of this name in the list is not the same one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        # The confirmation is offered once a name already in the list has been typed.
        self.namesake = self.partner_named(self.data.get("name", "")) if self.is_bound else None
        if self.namesake is None:
            self.fields["same_name_confirmed"].widget = forms.HiddenInput()
        for name in ("nip", "regon"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "version",
            Fieldset(
                _("Organisation"),
                row("name", "kind"),
                *(["same_name_confirmed"] if self.namesake else []),
                row("nip", "regon"),
            ),
            Fieldset(_("Address"), "street", row("postal_code", "town")),
            Fieldset(_("Contact"), row("contact_person", "phone", "email"), "notes"),
        )

    def partner_named(self, name: str) -> Partner | None:
        """Another partner whose name is this one, ignoring case and spacing."""
        wanted = " ".join(name.split()).casefold()
        if not wanted:
            return None
        # Compared here: the database's own case folding leaves Polish letters (Ł, Ó, Ś…) alone.
        others = Partner.objects.exclude(pk=self.instance.pk).order_by("pk").only("pk", "name")
        return next((other for other in others if " ".join(other.name.split()).casefold() == wanted), None)

    def clean_name(self):
        name = " ".join(self.cleaned_data.get("name", "").split())
        namesake = self.namesake  # found from the same submitted name in __init__
        if namesake is not None and not self.data.get("same_name_confirmed"):
            raise forms.ValidationError(
                format_html(
                    '{} <a href="{}">{}</a>. {}',
                    _("A partner of this name is already registered:"),
                    reverse("partners:detail", args=[namesake.pk]),
                    namesake.name,
                    _("Open it instead of adding it twice, or confirm below that this is another organisation."),
                ),
                code="same_name",
            )
        return name

    def clean_nip(self):
        # Checked here rather than by the model's conditional unique constraint, whose message
        # would be a bare "constraint violated" at the top of the form.
        nip = self.cleaned_data.get("nip")
        if not nip:
            return ""
        existing = Partner.objects.filter(nip=nip).exclude(pk=self.instance.pk).first()
        if existing is not None:
            raise forms.ValidationError(
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("A partner with this NIP is already registered:"),
                    reverse("partners:detail", args=[existing.pk]),
                    existing.name,
                ),
                code="duplicate",
            )
        return nip


class ProjectForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "code",
            "programme",
            "funder",
            "lead_organisation",
            "status",
            "start_date",
            "end_date",
            "locations",
            "target_recruited",
            "target_completed",
            "social_effectiveness_threshold",
            "employment_effectiveness_threshold",
            "social_effectiveness_threshold_disability",
            "employment_effectiveness_threshold_disability",
            "esf_layout",
            "retention_until",
            "legal_hold",
            "emblem",
            "cofinancing_statement",
            "requires_declarations",
            "data_controller",
            "data_protection_contact",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "retention_until": DateInput(),
            "locations": forms.CheckboxSelectMultiple,
            "cofinancing_statement": forms.Textarea(attrs={"rows": 2}),
            # A plain file input: the stored strip is private and has no public address to link to.
            "emblem": forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        }
        error_messages = {"code": {"unique": _("A project with this grant agreement number is already registered.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        if not self.instance.emblem:
            del self.fields["remove_emblem"]  # nothing to remove
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "version",
            Fieldset(
                _("Project"),
                "title",
                row("code", "status"),
                row("programme", "funder"),
                "lead_organisation",
                row("start_date", "end_date"),
                "locations",
            ),
            Fieldset(
                _("Targets"),
                row("target_recruited", "target_completed"),
                row("social_effectiveness_threshold", "employment_effectiveness_threshold"),
                row("social_effectiveness_threshold_disability", "employment_effectiveness_threshold_disability"),
            ),
            Fieldset(_("Reporting and data retention"), row("esf_layout", "retention_until"), "legal_hold"),
            Fieldset(
                _("Funding emblems"),
                "emblem",
                *(["remove_emblem"] if "remove_emblem" in self.fields else []),
                "cofinancing_statement",
            ),
            Fieldset(
                _("Participant documents"),
                "requires_declarations",
                row("data_controller", "data_protection_contact"),
            ),
        )

    remove_emblem = forms.BooleanField(
        label=_("Remove the logo strip"),
        required=False,
        help_text=_("Documents will print without emblems until another strip is uploaded."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("remove_emblem") and not isinstance(cleaned.get("emblem"), UploadedFile):
            cleaned["emblem"] = False  # a cleared file field: saved as no strip
        return cleaned

    def clean_emblem(self):
        emblem = self.cleaned_data.get("emblem")
        if isinstance(emblem, UploadedFile):  # a new upload (not the stored file)
            try:
                check_image(emblem, name="emblem")
            except ScanRefused as refusal:
                raise forms.ValidationError(str(refusal), code="image") from None
        return emblem


class PreloadedModelChoiceField(forms.ModelChoiceField):
    """A select whose objects are loaded once and shared by every row of a formset, so that
    neither rendering nor validating a row queries the database."""

    def preload(self, objects: dict, *, with_choices: bool = True):
        """``objects``: the selectable instances by their primary key as text; ``with_choices``
        false for a hidden field, whose options are never shown."""
        self.objects = objects
        if with_choices:
            self.choices = [("", self.empty_label), *((pk, self.label_from_instance(o)) for pk, o in objects.items())]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.objects[str(value)]
        except KeyError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None


class PreloadedInlineFormSet(BaseInlineFormSet):
    """Loads what the rows need once for all of them: the rows' own records (which Django's hidden
    ``id`` field would otherwise fetch one by one on saving) and the objects of the selects listed
    in ``preloaded_fields`` (PreloadedModelChoiceField)."""

    preloaded_fields: tuple[str, ...] = ()

    def add_fields(self, form, index):
        super().add_fields(form, index)
        loaded = self.__dict__.setdefault("_preloaded", {})
        pk_name = self._pk_field.name
        if pk_name not in loaded:
            loaded[pk_name] = {str(obj.pk): obj for obj in self.get_queryset()}
        hidden_pk = form.fields[pk_name]
        form.fields[pk_name] = PreloadedModelChoiceField(
            hidden_pk.queryset, required=False, widget=hidden_pk.widget, initial=hidden_pk.initial
        )
        form.fields[pk_name].preload(loaded[pk_name], with_choices=False)
        for name in self.preloaded_fields:
            field = form.fields[name]
            if name not in loaded:
                loaded[name] = {str(obj.pk): obj for obj in field.queryset}
            field.preload(loaded[name])


class BaseProjectPartnerFormSet(PreloadedInlineFormSet):
    preloaded_fields = ("partner",)


ProjectPartnerFormSet = forms.inlineformset_factory(
    Project,
    ProjectPartner,
    formset=BaseProjectPartnerFormSet,
    fields=["partner", "role", "agreement_number", "agreement_start", "agreement_end", "agreement_scope"],
    field_classes={"partner": PreloadedModelChoiceField},
    widgets={
        "agreement_start": DateInput(),
        "agreement_end": DateInput(),
        "agreement_scope": forms.Textarea(attrs={"rows": 2}),
    },
    extra=2,
    can_delete=True,
)


class ProjectIndicatorForm(forms.ModelForm):
    """An indicator; what the report counts for it may be left out: then it is counted by hand."""

    class Meta:
        model = ProjectIndicator
        fields = ["name", "measure", "target", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].required = False

    def clean_measure(self):
        return self.cleaned_data.get("measure") or ProjectIndicator.Measure.MANUAL


ProjectIndicatorFormSet = forms.inlineformset_factory(
    Project,
    ProjectIndicator,
    form=ProjectIndicatorForm,
    formset=PreloadedInlineFormSet,
    fields=["name", "measure", "target", "unit"],
    extra=2,
    can_delete=True,
)

ProjectCriterionFormSet = forms.inlineformset_factory(
    Project,
    ProjectCriterion,
    formset=PreloadedInlineFormSet,
    fields=["kind", "value", "description"],
    extra=2,
    can_delete=True,
)
