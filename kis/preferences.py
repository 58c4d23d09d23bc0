"""What a user chose for themselves: the language, the contrast version and the size of the text.

Each is kept on the user (``UserPreference``) and brought into the session at every sign-in; before
signing in, the language is kept in its cookie and the display settings in the session. The
display settings reach every page through the context processor ``display``: attributes of
``<html>`` (``data-contrast``, ``data-text``) and the stylesheet of the contrast version, which
follows the device's "more contrast" setting (``prefers-contrast: more``) until a choice is made.
"""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from kis.middleware import LANGUAGE_SESSION_KEY, supported
from kis.models import UserPreference

# The display settings a user can switch: field of UserPreference -> (its choices, session key).
DISPLAY_SETTINGS = {
    "contrast": (UserPreference.Contrast, "kis_contrast"),
    "text_size": (UserPreference.TextSize, "kis_text_size"),
}
# Set when a display setting is switched before signing in: only then is the session's value a
# newer choice than the user's own (a session signed in again keeps the values the last sign-in
# brought into it, which may be older than a choice made since on another device).
CHOSEN_SIGNED_OUT = "kis_display_chosen_signed_out"


@receiver(user_logged_in)
def _bring_preferences_into_session(sender, request, user, **kwargs):
    """At sign-in (on any device) the user's own choices replace what the device asked for.

    A display setting switched on this device just before signing in (on the sign-in page) is the
    newest choice: it is kept, and saved on the user."""
    if request is None or not hasattr(request, "session"):
        return
    chosen_here = {}
    if request.session.pop(CHOSEN_SIGNED_OUT, False):
        chosen_here = {
            field: request.session[key]
            for field, (choices, key) in DISPLAY_SETTINGS.items()
            if request.session.get(key) in choices.values
        }
    if chosen_here:
        preference, _created = UserPreference.objects.update_or_create(user=user, defaults=chosen_here)
    else:
        preference = UserPreference.objects.filter(user=user).first()
    language = supported(preference.language) if preference else None
    if language:
        request.session[LANGUAGE_SESSION_KEY] = language
    else:
        request.session.pop(LANGUAGE_SESSION_KEY, None)
    for field, (_choices, key) in DISPLAY_SETTINGS.items():
        if preference:
            request.session[key] = getattr(preference, field)
        else:
            request.session.pop(key, None)


def set_language(request):
    """Django's language switch (cookie, redirect back), which also remembers a signed-in user's choice."""
    response = django_set_language(request)
    language = supported(request.POST.get("language")) if request.method == "POST" else None
    if language and request.user.is_authenticated:
        UserPreference.objects.update_or_create(user=request.user, defaults={"language": language})
        request.session[LANGUAGE_SESSION_KEY] = language
    return response


@require_POST
def set_display(request):
    """The switches of the contrast version and the larger text (``contrast``, ``text_size``): kept
    in the session, and on a signed-in user; then back to the page the switch was pressed on.
    A value KIS does not have changes nothing and says so."""
    chosen = {}
    for field in DISPLAY_SETTINGS:
        if field in request.POST:
            chosen[field] = request.POST[field]
    if not chosen or any(value not in DISPLAY_SETTINGS[field][0].values for field, value in chosen.items()):
        messages.error(
            request,
            _(
                "This display setting does not exist: choose the contrast version or the standard colours, "
                "larger or standard text."
            ),
        )
        return redirect(_next_page(request))
    for field, value in chosen.items():
        request.session[DISPLAY_SETTINGS[field][1]] = value
    if request.user.is_authenticated:
        UserPreference.objects.update_or_create(user=request.user, defaults=chosen)
    else:
        request.session[CHOSEN_SIGNED_OUT] = True
    return redirect(_next_page(request))


def _next_page(request) -> str:
    """The page to go back to: ``next`` or the referring page when it is on this site, the home page otherwise."""
    for candidate in (request.POST.get("next"), request.headers.get("referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return "/"


def display(request):
    """Context processor: the contrast and text size chosen on this device (``display``), for the
    attributes of ``<html>``, the contrast stylesheet and the switches. Read from the session, so a
    page costs no query for it."""
    session = getattr(request, "session", None)
    values = {}
    for field, (choices, key) in DISPLAY_SETTINGS.items():
        value = session.get(key) if session is not None else None
        values[field] = value if value in choices.values else UserPreference._meta.get_field(field).default
    return {
        "display": {
            **values,
            "high_contrast": values["contrast"] == UserPreference.Contrast.HIGH,
            "large_text": values["text_size"] == UserPreference.TextSize.LARGE,
        }
    }
