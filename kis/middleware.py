"""Middleware of KIS: the language of the interface, and no caching of personal data.

The security headers themselves come from Django's SecurityMiddleware (nosniff, referrer policy,
cross-origin opener policy, HSTS), XFrameOptionsMiddleware, django-csp and
django-permissions-policy; see ``MIDDLEWARE`` in the settings.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers

# Where the signed-in user's language is kept for the session (copied from the user's
# preference at sign-in, see kis.preferences).
LANGUAGE_SESSION_KEY = "kis_language"


def never_cache_middleware(get_response):
    """Every page and document of KIS may show personal data: no browser or proxy keeps a copy.

    It sits below WhiteNoise, so the static files (which hold no personal data) keep their
    far-future cache headers. A response that sets its own Cache-Control keeps it.
    """

    def middleware(request):
        response = get_response(request)
        if "Cache-Control" not in response.headers:
            add_never_cache_headers(response)
        return response

    return middleware


def supported(language: str | None) -> str | None:
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else None


class UserLanguageMiddleware:
    """Polish for everyone unless they chose otherwise; never the browser's Accept-Language.

    A centre's tablet set to English still shows the Polish interface. The choice made with the
    language switch is kept on the user (and in the session from sign-in on); before signing in,
    in the language cookie that the switch sets.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = (
            supported(request.session.get(LANGUAGE_SESSION_KEY))
            or supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
            or settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
