"""Filters of the activity list."""

import django_filters
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, ServiceType, Track
from kis.bounds import SEARCH_MAX_LENGTH
from kis.models import Location
from kis.widgets import DateInput
from projects.models import Project


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or trainer"), method="filter_search", max_length=SEARCH_MAX_LENGTH)
    track = django_filters.ChoiceFilter(label=_("track"), field_name="service_type__track", choices=Track.choices)
    service_type = django_filters.ModelChoiceFilter(label=_("service type"), queryset=ServiceType.objects.all())
    project = django_filters.ModelChoiceFilter(label=_("project"), queryset=Project.objects.all())
    location = django_filters.ModelChoiceFilter(label=_("location"), queryset=Location.objects.all())
    date_from = django_filters.DateFilter(
        label=_("running from"), field_name="end_date", lookup_expr="gte", widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        label=_("running until"), field_name="start_date", lookup_expr="lte", widget=DateInput()
    )
    under_filled = django_filters.BooleanFilter(
        label=_("under-filled (less than three quarters of places taken)"),
        method="filter_under_filled",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = Activity
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(trainer__icontains=value))

    def filter_under_filled(self, queryset, name, value):
        # Only activities still running can be filled.
        if value is True:
            return queryset.filter(
                capacity__gt=0, enrolled_count__lt=F("capacity") * 0.75, end_date__gte=timezone.localdate()
            )
        if value is False:
            return queryset.exclude(
                capacity__gt=0, enrolled_count__lt=F("capacity") * 0.75, end_date__gte=timezone.localdate()
            )
        return queryset
