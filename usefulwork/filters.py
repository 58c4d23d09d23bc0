"""Filters of the list of placements: the month they run in, the placement organisation, the person."""

from __future__ import annotations

import datetime
import re

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kis.bounds import SEARCH_MAX_LENGTH
from participants.searchkey import name_matches
from projects.models import Partner
from usefulwork.models import Placement

MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def parse_month(value: str) -> datetime.date:
    """The first day of the month written as YYYY-MM; raises ValueError with a message for the user."""
    match = MONTH.fullmatch(value.strip())
    if not match or not 1 <= int(match[2]) <= 12 or not 1900 <= int(match[1]) <= 2999:
        raise ValueError(
            _("“%(value)s” is not a month: give it as year and month, e.g. 2026-03.") % {"value": value[:20]}
        )
    return datetime.date(int(match[1]), int(match[2]), 1)


class MonthField(forms.CharField):
    """A month as YYYY-MM (what ``<input type="month">`` sends), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM", "maxlength": "7"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_month(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class MonthFilter(django_filters.Filter):
    field_class = MonthField

    def filter(self, queryset, value):
        return queryset.in_month(value) if value else queryset


class PlacementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=gettext_lazy("Person or referral number"), method="filter_search", max_length=SEARCH_MAX_LENGTH
    )
    month = MonthFilter(label=gettext_lazy("running in the month"))
    organisation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("placement organisation"),
        queryset=Partner.objects.filter(useful_work_placements__isnull=False).distinct().order_by("name"),
    )

    class Meta:
        model = Placement
        fields = []

    def filter_search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(name_matches(word, through="participant") | Q(referral_number__icontains=word))
        return queryset
