"""A signed-in user's own account: changing the password, and staying signed in while working.

A session ends after ``SESSION_COOKIE_AGE`` without a request (every request renews it,
``SESSION_SAVE_EVERY_REQUEST``). Pages tell ``static/js/session-timeout.js`` how long that is, and
it warns before the end; its "Stay signed in" button posts to :func:`keep_alive`.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kis.audit import log_event
from kis.models import AuditEvent


def session_timeout(request):
    """Template context: the seconds a session lasts without a request (read by the warning)."""
    return {"session_timeout_seconds": settings.SESSION_COOKIE_AGE}


@require_POST
def keep_alive(request):
    """Nothing but a request: the session middleware saves the session, which renews it.

    Signed-out callers are sent to the sign-in page by the login-required middleware, so the
    script tells a renewed session (204) from an ended one.
    """
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
