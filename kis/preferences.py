"""The language a user chose: kept on the user, brought into the session at every sign-in."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.views.i18n import set_language as django_set_language

from kis.middleware import LANGUAGE_SESSION_KEY, supported
from kis.models import UserPreference


@receiver(user_logged_in)
def _bring_language_into_session(sender, request, user, **kwargs):
    """At sign-in (on any device) the user's own choice replaces what the device asked for."""
    if request is None or not hasattr(request, "session"):
        return
    language = UserPreference.objects.filter(user=user).values_list("language", flat=True).first()
    if supported(language):
        request.session[LANGUAGE_SESSION_KEY] = language
    else:
        request.session.pop(LANGUAGE_SESSION_KEY, None)


def set_language(request):
    """Django's language switch (cookie, redirect back), which also remembers a signed-in user's choice."""
    response = django_set_language(request)
    language = supported(request.POST.get("language")) if request.method == "POST" else None
    if language and request.user.is_authenticated:
        UserPreference.objects.update_or_create(user=request.user, defaults={"language": language})
        request.session[LANGUAGE_SESSION_KEY] = language
    return response
