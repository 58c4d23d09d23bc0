"""Writing to the audit trail.

Every view of a person's record, every change, export and print, and every sign-in is recorded.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from kis.models import AuditEvent


def client_ip(request) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or behind ``KIS_TRUSTED_PROXIES`` proxies the entry of
    ``X-Forwarded-For`` the outermost trusted one appended (entries further left are the client's
    own claim and are ignored). Sign-in throttling counts failures by this address too."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR") or None
    proxies = settings.KIS_TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def back_dated(on) -> dict:
    """What the audit entry of a record dated before the day it is entered says of it: the date it
    bears (the entry itself carries who entered it and when). Empty for a record of today."""
    import datetime

    from django.utils import timezone

    if isinstance(on, datetime.datetime):
        on = timezone.localdate(on)
    if on is None or on >= timezone.localdate():
        return {}
    return {"back_dated": on.isoformat()}


def object_reference(obj) -> tuple[str, str, str]:
    """How the audit trail names ``obj``: its type, id and description."""
    if obj is None:
        return "", "", ""
    return obj._meta.label_lower, str(obj.pk), str(obj)[:200]


def log_event(
    *,
    request=None,
    user=None,
    action: str,
    obj=None,
    details: dict | None = None,
    reference: tuple[str, str, str] | None = None,
) -> AuditEvent:
    """Write one audit entry (one INSERT) about ``obj`` — or, for an object not at hand, about the
    ``reference`` kept of it (``object_reference``)."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    object_type, object_id, object_repr = reference if reference is not None else object_reference(obj)
    return AuditEvent.objects.create(
        user=user,
        username=user.get_username() if user else (details or {}).get("username", ""),
        ip_address=client_ip(request),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        details=details or {},
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log_event(request=request, user=user, action=AuditEvent.Action.LOGIN)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        log_event(request=request, user=user, action=AuditEvent.Action.LOGOUT)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    log_event(request=request, action=AuditEvent.Action.LOGIN_FAILED, details={"username": username})
