"""Filter of a programme's participants."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kis.bounds import SEARCH_MAX_LENGTH
from participants.models import Participant
from programmes.models import ProgrammeLink


class ProgrammeLinkFilter(django_filters.FilterSet):
    CURRENT, ENDED = "current", "ended"

    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=SEARCH_MAX_LENGTH)
    state = django_filters.ChoiceFilter(
        label=_("Taking part"),
        choices=[(CURRENT, _("taking part now")), (ENDED, _("ended"))],
        empty_label=_("all"),
        method="filter_state",
    )

    class Meta:
        model = ProgrammeLink
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.filter(participant__in=Participant.objects.search(value))

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == self.CURRENT:
            return queryset.current(today)
        return queryset.filter(ended_on__lt=today)
