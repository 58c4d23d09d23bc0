"""The person's links to municipal programmes on the participant's page, which must not import
``programmes``: the links are read here, through ``ProgrammeLink.objects.visible_to`` (its
``of_participant_visible_to``), so a Niebieska Karta link appears only to those who may see it
(and nothing of it to anyone else), and its view is written to the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.utils import timezone

from programmes.audit import log_sensitive_views
from programmes.models import ProgrammeLink

register = template.Library()


@dataclass
class ParticipantProgrammes:
    links: list
    can_add: bool = False
    today: object = None
    sensitive_current: list = field(default_factory=list)


@register.simple_tag(takes_context=True)
def participant_programme_links(context, participant, can_edit=False) -> ParticipantProgrammes:
    """The links the signed-in user sees, newest first, and whether they may add one.

    Queries: 1 for the links with their programme and worker, +1 INSERT of the "view" entries when
    a Niebieska Karta link is among them.
    """
    request = context["request"]
    user = request.user
    today = timezone.localdate()
    links = list(
        ProgrammeLink.objects.of_participant_visible_to(participant, user)
        .select_related("programme", "worker")
        .order_by("-started_on", "-id")
    )
    for link in links:
        link.participant = participant
    log_sensitive_views(request=request, links=links, page="participant")
    return ParticipantProgrammes(
        links=links,
        can_add=bool(can_edit) and user.has_perm("programmes.add_programmelink"),
        today=today,
        sensitive_current=[link for link in links if link.is_sensitive and link.is_current(today)],
    )
