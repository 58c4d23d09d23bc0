"""A signed-in user's own account: changing the password, and staying signed in while working.

A session ends ``SESSION_COOKIE_AGE`` after it was last renewed. A request renews it when the last
renewal is ``KIS_SESSION_RENEW_SECONDS`` old or more (:func:`session_renewal_middleware`), so a
session ends between ``SESSION_COOKIE_AGE`` minus that and ``SESSION_COOKIE_AGE`` after the last
request, and a page costs no write of its session (a commit, the slowest statement of a page) when
it follows the last renewal closely. Pages tell ``static/js/session-timeout.js`` how long the
session has left, and it warns before the end; its "Stay signed in" button posts to
:func:`keep_alive`.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, user_logged_in
from django.contrib.auth import views as auth_views
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kis.audit import log_event
from kis.models import AuditEvent

# When the session was last renewed (seconds since the epoch), kept in the session.
RENEWED_KEY = "kis_renewed"


def session_renewal_middleware(get_response):
    """Renews a signed-in session (the session middleware saves it, with a new expiry) when its last
    renewal is at least ``KIS_SESSION_RENEW_SECONDS`` old; a session of an earlier version, which has
    no time of renewal, is renewed at once."""

    def middleware(request):
        session = request.session
        if SESSION_KEY in session:
            renewed = session.get(RENEWED_KEY)
            now = int(time.time())
            if not isinstance(renewed, int) or now - renewed >= settings.KIS_SESSION_RENEW_SECONDS:
                session[RENEWED_KEY] = now
        return get_response(request)

    return middleware


@receiver(user_logged_in)
def renewed_at_sign_in(sender, request, user, **kwargs):
    """The session made at sign-in is saved anyway: it counts as renewed then."""
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED_KEY] = int(time.time())


def session_timeout(request):
    """Template context: the seconds the session has left (read by the warning): the whole
    ``SESSION_COOKIE_AGE`` counted from its last renewal."""
    seconds = settings.SESSION_COOKIE_AGE
    session = getattr(request, "session", None)
    renewed = session.get(RENEWED_KEY) if session is not None else None
    if isinstance(renewed, int):
        seconds = max(0, min(seconds, seconds - (int(time.time()) - renewed)))
    return {"session_timeout_seconds": seconds}


@require_POST
def keep_alive(request):
    """Nothing but a request: the session middleware saves the session, which renews it.

    Signed-out callers are sent to the sign-in page by the login-required middleware, so the
    script tells a renewed session (204) from an ended one.
    """
    request.session[RENEWED_KEY] = int(time.time())
    request.session.modified = True
    return HttpResponse(status=204)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, in KIS's layout, audited.

    Django keeps this session signed in (``update_session_auth_hash``); every other session of
    the user was authenticated with the old password's hash and is signed out at its next request.
    """

    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        log_event(
            request=self.request,
            action=AuditEvent.Action.UPDATE,
            obj=self.request.user,
            details={"event": "password_changed"},
        )
        messages.success(self.request, _("Your password has been changed. You were signed out everywhere else."))
        return response
