"""Forms of socially useful work: a placement, and the hours of one day.

The rules of who may be placed and how many hours may be recorded are the services' (a refusal
comes back onto the form's field it is about); the forms only read what was typed.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kis.locking import VersionedFormMixin
from kis.widgets import DateInput
from projects.models import Partner, Project
from usefulwork.models import Placement


class PlacementForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Placement
        fields = [
            "referral_number",
            "referral_date",
            "labour_office",
            "no_unemployment_benefit",
            "organisation",
            "kind_of_work",
            "schedule",
            "start_date",
            "end_date",
            "project",
        ]
        widgets = {"referral_date": DateInput(), "start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        self.fields["labour_office"].queryset = Partner.objects.filter(kind=Partner.Kind.LABOUR_OFFICE).order_by("name")
        self.fields["organisation"].queryset = Partner.objects.order_by("name")
        self.fields["project"].queryset = Project.objects.order_by("-start_date", "title")


class WorkDayForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("hours"),
        min_value=Decimal("0.5"),
        max_digits=3,
        decimal_places=1,
        help_text=_("In full or half hours."),
        widget=forms.NumberInput(attrs={"min": "0.5", "step": "0.5"}),
    )
