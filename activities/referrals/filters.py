"""Filters of the referral list: the open referrals of a service or a specialist (the specialist's
list), those waiting too long to be accepted, the ended ones."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Appointment, Referral, ServiceType
from activities.referrals.models import WAITING_DAYS
from kis.bounds import SEARCH_MAX_LENGTH


class ReferralFilter(django_filters.FilterSet):
    OPEN, WAITING, ENDED, ALL = "open", "waiting", "ended", "all"

    service = django_filters.ModelChoiceFilter(
        label=_("service"), queryset=ServiceType.objects.exclude(support_kind="").order_by("name")
    )
    specialist = django_filters.CharFilter(
        label=_("specialist"), method="filter_specialist", max_length=SEARCH_MAX_LENGTH
    )
    state = django_filters.ChoiceFilter(
        label=_("which"),
        empty_label=None,
        choices=[
            (OPEN, _("open (issued, accepted, in progress)")),
            (WAITING, _("waiting more than 14 days to be accepted")),
            (ENDED, _("closed or declined")),
            (ALL, _("all")),
        ],
        method="filter_state",
    )

    class Meta:
        model = Referral
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # Open referrals unless asked otherwise: what a specialist's list is for.
        data = data.copy() if data is not None else {}
        if not data.get("state"):
            data["state"] = self.OPEN
        super().__init__(data, *args, **kwargs)

    def filter_specialist(self, queryset, name, value):
        """The specialist named on the referral, or the one whose hours it has an appointment in."""
        in_their_hours = Appointment.objects.filter(referral=OuterRef("pk"), slot__specialist__icontains=value)
        return queryset.filter(Q(specialist__icontains=value) | Q(Exists(in_their_hours)))

    def filter_state(self, queryset, name, value):
        if value == self.OPEN:
            return queryset.open()
        if value == self.WAITING:
            return queryset.waiting(days=WAITING_DAYS, today=timezone.localdate())
        if value == self.ENDED:
            return queryset.exclude(status__in=Referral.OPEN)
        return queryset
