"""The referrals part of a person's page (the participant page must not import ``activities``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.db.models import Prefetch

from activities.models import Appointment, Referral

register = template.Library()


@dataclass
class ParticipantReferrals:
    open: list
    ended: list
    can: dict = field(default_factory=dict)


@register.simple_tag(takes_context=True)
def participant_referrals(context, participant, can_edit=False) -> ParticipantReferrals:
    """The person's referrals, open ones first, each with its appointments (cancelled ones left out),
    and whether the page offers to refer the person (to those who may edit them).

    Queries: 1 for the referrals with their services and partners, +1 for their appointments when
    there are referrals."""
    user = context["request"].user
    rows = list(
        Referral.objects.filter(participant=participant)
        .select_related("service", "partner")
        .prefetch_related(
            Prefetch(
                "appointments",
                queryset=Appointment.objects.holding_a_place()
                .select_related("slot")
                .order_by("date", "slot__start_time"),
            )
        )
        .order_by("-issued_on", "-pk")
    )
    return ParticipantReferrals(
        open=[row for row in rows if row.is_open],
        ended=[row for row in rows if not row.is_open],
        can={
            "add": bool(can_edit) and user.has_perm("activities.add_referral"),
            "list": user.has_perm("activities.view_referral"),
        },
    )
