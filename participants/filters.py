"""Filters of the participant list."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kis.models import Location
from kis.roles import Role, user_roles
from participants.models import Participant, ParticipantStatus, RiskFactor, Sex


class ParticipantFilter(django_filters.FilterSet):
    class Scope:
        MINE = "mine"
        ALL = "all"

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    scope = django_filters.ChoiceFilter(
        label=_("Caseload"),
        choices=[(Scope.MINE, _("my caseload")), (Scope.ALL, _("all participants"))],
        method="filter_scope",
        empty_label=None,
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=ParticipantStatus.choices)
    social_worker = django_filters.ModelChoiceFilter(label=_("social worker"), queryset=None)
    location = django_filters.ModelChoiceFilter(label=_("location"), queryset=Location.objects.all())
    sex = django_filters.ChoiceFilter(label=_("sex"), choices=Sex.choices)
    risk_factor = django_filters.ModelChoiceFilter(
        label=_("risk factor"), field_name="risk_factors", queryset=RiskFactor.objects.all()
    )
    ordering = django_filters.OrderingFilter(
        label=_("sort by"),
        fields=[
            ("last_name", "last_name"),
            ("first_name", "first_name"),
            ("date_of_birth", "date_of_birth"),
            ("town", "town"),
            ("registered_on", "registered_on"),
        ],
        field_labels={
            "last_name": _("surname"),
            "first_name": _("first name"),
            "date_of_birth": _("date of birth"),
            "town": _("town"),
            "registered_on": _("registered on"),
        },
    )

    class Meta:
        model = Participant
        fields = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        data = data.copy() if data is not None else {}
        self.is_social_worker = Role.SOCIAL_WORKER in user_roles(request.user) if request else False
        if "scope" not in data:
            data["scope"] = self.Scope.MINE if self.is_social_worker else self.Scope.ALL
        super().__init__(data, *args, request=request, **kwargs)
        workers = get_user_model().objects.filter(groups__name=Role.SOCIAL_WORKER).order_by("last_name")
        self.filters["social_worker"].queryset = workers
        self.filters["social_worker"].field.label_from_instance = lambda u: u.get_full_name() or u.get_username()

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_scope(self, queryset, name, value):
        if value == self.Scope.MINE:
            return queryset.caseload_of(self.request.user)
        return queryset
