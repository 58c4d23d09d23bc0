"""The bases of every formset: management data checked before any row is built.

A formset trusts its hidden management form for how many rows were posted and how many of them
are existing records. Django bounds neither from below, and takes "initial" rows beyond the records
there are for records it then fails to find: INITIAL_FORMS=-999999999 turned every existing row
into a new one (an IntegrityError on saving), a count above the records there are ends in an
IndexError, and TOTAL_FORMS=10**9 builds the formset's maximum of rows before refusing them. Here
management data outside what the page can have sent are refused as a whole: the formset has no
rows and one non-form error, the page is shown again and nothing is saved.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT, ManagementForm
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

TAMPERED = _("The form data were tampered with or are incomplete: reload the page and enter the changes again.")


class BoundedManagementForm(ManagementForm):
    """The management form with its counts bounded: 0 ≤ INITIAL_FORMS ≤ TOTAL_FORMS ≤ ``max_total``
    and INITIAL_FORMS ≤ ``existing()``, the number of rows the page had to start with (asked only
    when there are initial rows, since for a model formset it reads the records)."""

    def __init__(self, *args, max_total: int, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_total = max_total
        self.existing = existing

    def clean(self):
        cleaned = super().clean()
        total, initial = cleaned[TOTAL_FORM_COUNT], cleaned[INITIAL_FORM_COUNT]
        if not (0 <= initial <= total <= self.max_total) or (initial and initial > self.existing()):
            # No rows at all rather than rows built from counts nobody can trust.
            cleaned[TOTAL_FORM_COUNT] = cleaned[INITIAL_FORM_COUNT] = 0
            raise ValidationError(TAMPERED, code="tampered")
        return cleaned


class BoundedManagementMixin:
    default_error_messages = {"missing_management_form": TAMPERED}

    @cached_property
    def management_form(self):
        if not self.is_bound:
            return super().management_form
        form = BoundedManagementForm(
            self.data,
            auto_id=self.auto_id,
            prefix=self.prefix,
            renderer=self.renderer,
            max_total=self.absolute_max,
            existing=self.existing_row_count,
        )
        form.full_clean()
        return form

    def existing_row_count(self) -> int:
        """How many rows the page started with: as many as it was given initial data for."""
        return len(self.initial or [])


class KnownRowField(forms.ModelChoiceField):
    """The hidden id of a model formset's row, looked up among the records the formset was given
    (read once, with its queryset) instead of with a query of its own for every row: an id the
    page cannot have sent — another record's, or any on a row for a new record — is refused."""

    def __init__(self, *args, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = records

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            key = self.queryset.model._meta.pk.to_python(value)
        except ValidationError:
            key = None
        record = self.records().get(key) if key is not None else None
        if record is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return record


class KnownRowsMixin:
    """Model formsets whose rows' ids are checked against the formset's own records."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields.get(self._pk_field.name)
        if form.is_bound and not getattr(self, "save_as_new", False) and type(field) is forms.ModelChoiceField:
            existing = index is not None and index < self.initial_form_count()
            form.fields[self._pk_field.name] = KnownRowField(
                field.queryset,
                initial=field.initial,
                required=False,
                widget=field.widget,
                records=self._records if existing else dict,
            )

    def _records(self) -> dict:
        # Django's own lookup of a row's record: the formset's queryset, read once.
        self._existing_object(None)
        return self._object_dict


class BaseFormSet(BoundedManagementMixin, forms.BaseFormSet):
    pass


class BaseModelFormSet(KnownRowsMixin, BoundedManagementMixin, forms.BaseModelFormSet):
    def existing_row_count(self) -> int:
        # The queryset is cached: the rows built next reuse this one query.
        return len(self.get_queryset())


class BaseInlineFormSet(KnownRowsMixin, BoundedManagementMixin, forms.BaseInlineFormSet):
    def existing_row_count(self) -> int:
        return 0 if self.save_as_new else len(self.get_queryset())
