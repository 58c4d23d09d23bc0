"""Filters of the project and partner lists."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kis.bounds import SEARCH_MAX_LENGTH
from projects.models import Partner, Project


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Title or grant agreement number"), method="filter_search", max_length=SEARCH_MAX_LENGTH
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=Project.Status.choices)

    class Meta:
        model = Project
        fields = []

    def filter_search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(code__icontains=value)) if value else queryset


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name, NIP or town"), method="filter_search", max_length=SEARCH_MAX_LENGTH)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Partner.Kind.choices)

    class Meta:
        model = Partner
        fields = []

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(name__icontains=value) | Q(town__icontains=value)
        # NIPs are stored as bare digits; people type them with dashes or spaces.
        digits = "".join(ch for ch in value if ch.isdigit())
        if digits and not value.strip("0123456789- "):
            condition |= Q(nip__contains=digits)
        return queryset.filter(condition)
