"""Filters of the contract list."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contracts.models import ContractStatus, Kind, SocialContract
from contracts.models.contract import responsible
from kis.bounds import SEARCH_MAX_LENGTH
from kis.collation import in_polish
from kis.filters import filter_data
from kis.roles import Role, user_roles
from participants.searchkey import name_matches


class ContractFilter(django_filters.FilterSet):
    MINE, ALL = "mine", "all"
    DUE, OVERDUE = "due", "overdue"

    q = django_filters.CharFilter(
        label=_("Participant or number"), method="filter_search", max_length=SEARCH_MAX_LENGTH
    )
    scope = django_filters.ChoiceFilter(
        label=_("Contracts"),
        choices=[(MINE, _("my contracts")), (ALL, _("all contracts"))],
        method="filter_scope",
        empty_label=None,
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=ContractStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=[(k.value, k.value) for k in Kind])
    social_worker = django_filters.ModelChoiceFilter(label=_("social worker"), queryset=None, method="filter_worker")
    review = django_filters.ChoiceFilter(
        label=_("review"),
        choices=[(DUE, _("due in the next 14 days")), (OVERDUE, _("overdue"))],
        method="filter_review",
    )
    overdue_tasks = django_filters.BooleanFilter(
        label=_("with overdue tasks"), method="filter_overdue_tasks", widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = SocialContract
        fields = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        data = filter_data(data)
        if "scope" not in data:
            is_worker = request is not None and Role.SOCIAL_WORKER in user_roles(request.user)
            data["scope"] = self.MINE if is_worker else self.ALL
        super().__init__(data, *args, request=request, **kwargs)
        workers = (
            get_user_model()
            .objects.filter(groups__name=Role.SOCIAL_WORKER)
            .order_by(*in_polish("last_name", "first_name"))
        )
        self.filters["social_worker"].queryset = workers
        self.filters["social_worker"].field.label_from_instance = lambda u: u.get_full_name() or u.get_username()

    def filter_search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(name_matches(word, through="participant") | Q(number__icontains=word))
        return queryset

    def filter_scope(self, queryset, name, value):
        if value == self.MINE:
            return queryset.filter(responsible(self.request.user))
        return queryset

    def filter_worker(self, queryset, name, value):
        return queryset.filter(responsible(value)) if value else queryset

    def filter_review(self, queryset, name, value):
        if value == self.DUE:
            return queryset.review_due()
        if value == self.OVERDUE:
            return queryset.review_overdue()
        return queryset

    def filter_overdue_tasks(self, queryset, name, value):
        if value is True:
            return queryset.filter(overdue_task_count__gt=0)
        return queryset
