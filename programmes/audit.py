"""Every page that shows a Niebieska Karta link writes a "view" entry of it to the audit trail: its
detail and its edit pages one entry, a list one entry per such link it lists (one INSERT)."""

from __future__ import annotations

from collections.abc import Iterable

from kis.audit import client_ip, log_event
from kis.models import AuditEvent
from programmes.models import ProgrammeLink


def log_link_view(*, request, link: ProgrammeLink, page: str) -> None:
    """A "view" entry of one link (one INSERT)."""
    log_event(request=request, action=AuditEvent.Action.VIEW, obj=link, details={"page": page})


def log_sensitive_views(*, request, links: Iterable[ProgrammeLink], page: str) -> None:
    """A "view" entry for each Niebieska Karta link among ``links`` (one INSERT for all, none when
    there is no such link). The entries are written as ``kis.audit.log_event`` writes them."""
    sensitive = [link for link in links if link.is_sensitive]
    if not sensitive:
        return
    user = request.user
    AuditEvent.objects.bulk_create(
        AuditEvent(
            user=user,
            username=user.get_username(),
            ip_address=client_ip(request),
            action=AuditEvent.Action.VIEW,
            object_type=link._meta.label_lower,
            object_id=str(link.pk),
            object_repr=str(link)[:200],
            details={"page": page},
        )
        for link in sensitive
    )
