"""Filters of the participant list.

Anyone who may see participants finds anyone (so that nobody is registered twice), but a person
outside the user's reach (``Participant.reach_of``) is only a minimal card: name, year of birth,
location and worker. The list must not tell more about them through its filters either: status,
sex and risk factor filter only the people within reach, a PESEL finds such a person only when
given whole (a prefix would let one guess it digit by digit), and sorting by anything but the name
leaves their order alone.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Case, DateField, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from kis.bounds import SEARCH_MAX_LENGTH
from kis.collation import in_polish
from kis.filters import filter_data
from kis.models import Location
from kis.roles import Role, user_roles
from participants.models import Participant, ParticipantQuerySet, ParticipantStatus, RiskFactor, Sex
from participants.standins import StandIn

# The filters that would tell a sensitive fact about the people they select.
WITHIN_REACH_ONLY = ("status", "sex", "risk_factor")
# The sort keys that are on every card; the others order only the people within reach.
ON_THE_CARD = ("last_name", "first_name")


def with_reach(queryset, user):
    """Annotates ``in_reach`` (whether ``user`` sees the whole record) and ``stand_in_until`` (the
    end of the user's stand-in for the person, if any; None for a coordinator who is not a social
    worker), inside the list's one query."""
    if user.has_perm("participants.view_any_participant"):
        in_reach = Value(True)
    elif user.has_perm("participants.change_any_participant"):
        # A coordinator's reach (``reach_of``): the person's location is one they coordinate,
        # looked up per row shown, not by listing all of those locations' people first.
        coordinated = Location.coordinators.through.objects.filter(location_id=OuterRef("location_id"), user=user)
        in_reach = Exists(coordinated)
    else:
        in_reach = Exists(Participant.objects.filter(ParticipantQuerySet.reach_of(user), pk=OuterRef("pk")))
    if Role.SOCIAL_WORKER in user_roles(user) or not user.has_perm("participants.change_any_participant"):
        stand_in = StandIn.objects.active().filter(participant=OuterRef("pk"), worker=user).order_by("-ends_on")
        stand_in_until = Subquery(stand_in.values("ends_on")[:1])
    else:
        # A coordinator who is not also a social worker stands in for nobody (StandIn.worker), and
        # their reach is their locations' people: the list's commonest query, without the subquery.
        stand_in_until = Value(None, output_field=DateField())
    return queryset.annotate(in_reach=in_reach, stand_in_until=stand_in_until)


class CardOrderingFilter(django_filters.OrderingFilter):
    """Sorting by town, date of birth or registration orders the people within reach; the cards
    of the others keep the order of their names (their order would give those facts away)."""

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        name = self.param_map.get(param.lstrip("-"), param.lstrip("-"))
        if name in ON_THE_CARD:
            return F(name).desc() if descending else F(name).asc()
        value = Case(When(in_reach=True, then=F(name)))
        return value.desc(nulls_last=True) if descending else value.asc(nulls_last=True)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.order_by(*[self.get_ordering_value(param) for param in value], "last_name", "first_name", "id")


class ParticipantFilter(django_filters.FilterSet):
    class Scope:
        MINE = "mine"
        ALL = "all"

    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=SEARCH_MAX_LENGTH)
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
    ordering = CardOrderingFilter(
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
        data = filter_data(data)
        self.is_social_worker = Role.SOCIAL_WORKER in user_roles(request.user) if request else False
        if "scope" not in data:
            data["scope"] = self.Scope.MINE if self.is_social_worker else self.Scope.ALL
        super().__init__(data, *args, request=request, **kwargs)
        workers = (
            get_user_model()
            .objects.filter(groups__name=Role.SOCIAL_WORKER)
            .order_by(*in_polish("last_name", "first_name"))
        )
        self.filters["social_worker"].queryset = workers
        self.filters["social_worker"].field.label_from_instance = lambda u: u.get_full_name() or u.get_username()

    @property
    def limited_to_reach(self) -> bool:
        """Whether a filter that applies only within the user's reach is in use."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return any(data.get(name) not in (None, "") for name in WITHIN_REACH_ONLY)

    def filter_queryset(self, queryset):
        queryset = with_reach(queryset, self.request.user)
        if self.limited_to_reach:
            queryset = queryset.filter(in_reach=True)
        return super().filter_queryset(queryset)

    def filter_search(self, queryset, name, value):
        # In the list's order (a sort key chosen replaces it), but by expressions the name index
        # does not give: PostgreSQL otherwise walks that index testing every name until a page of
        # them matches (some 6,000 names before "kowal", matches cluster by letter) instead of
        # reading the matches from the search key's trigram index and sorting them.
        queryset = queryset.search(value).order_by(
            Coalesce("last_name", Value("")), Coalesce("first_name", Value("")), "id"
        )
        for word in value.split()[:5]:
            if word.isdigit() and len(word) < 11:
                # Part of a PESEL finds only the people within reach.
                queryset = queryset.filter(in_reach=True)
        return queryset

    def filter_scope(self, queryset, name, value):
        if value == self.Scope.MINE:
            return queryset.caseload_of(self.request.user)
        return queryset
