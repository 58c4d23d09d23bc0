"""Filter of the audit trail."""

import django_filters
from django.utils.translation import gettext_lazy as _

from kis.bounds import SEARCH_MAX_LENGTH
from kis.models import AuditEvent
from kis.widgets import DateInput


class AuditFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(label=_("user name"), lookup_expr="icontains", max_length=SEARCH_MAX_LENGTH)
    action = django_filters.ChoiceFilter(label=_("action"), choices=AuditEvent.Action.choices)
    object_type = django_filters.CharFilter(
        label=_("object type"), lookup_expr="icontains", max_length=SEARCH_MAX_LENGTH
    )
    object_id = django_filters.CharFilter(label=_("object ID"), max_length=SEARCH_MAX_LENGTH)
    date_from = django_filters.DateFilter(
        label=_("from"), field_name="timestamp", lookup_expr="date__gte", widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        label=_("until"), field_name="timestamp", lookup_expr="date__lte", widget=DateInput()
    )

    class Meta:
        model = AuditEvent
        fields = []
