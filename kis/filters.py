"""Filter of the audit trail."""

import django_filters
from django.http import QueryDict
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


def filter_data(data) -> QueryDict:
    """A filter set's data as a QueryDict of its own, to which defaults may be added: the request's
    GET (or none, for a list opened without filters) or a dict. Its ``urlencode`` names every value
    the form shows, the defaults included, so that the lists' rendered filter forms are kept per
    those values (the templates' ``{% cache %}``)."""
    if isinstance(data, QueryDict):
        return data.copy()
    query = QueryDict(mutable=True)
    for name, value in (data or {}).items():
        if isinstance(value, (list, tuple)):
            query.setlist(name, [str(item) for item in value])
        else:
            query[name] = value
    return query
