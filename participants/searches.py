"""Search text kept out of URLs: a search for a person (often by PESEL) is posted, kept in the
session under a random token and the page is reached again with ``?search=<token>``.

A PESEL in a query string ends up in the access logs of the server and of every proxy, in the
browser's history and in the ``Referer`` of the next request; a token means nothing to them.
"""

from __future__ import annotations

import secrets
import time

from django.contrib import messages
from django.http import HttpResponseRedirect, QueryDict
from django.utils.translation import gettext as _

SESSION_KEY = "kis_searches"
SEARCH_PARAMETER = "search"
# The longest text kept (a name or a PESEL is far shorter); longer input is cut, not refused.
MAX_LENGTH = 100
# A token is good for as long as the sign-in itself lasts (SESSION_COOKIE_AGE), at most this long.
LIFETIME_SECONDS = 60 * 60
# The same text searched again takes its token while this much of its life is behind it.
REUSE_SECONDS = LIFETIME_SECONDS / 2
# The searches kept per session: enough for a few tabs, never a growing list of looked-up people.
KEPT = 10


def remember_search(request, text: str) -> str:
    """Keep ``text`` in the session and return the token that recalls it."""
    now = time.time()
    searches = {
        token: entry
        for token, entry in request.session.get(SESSION_KEY, {}).items()
        if now - entry["at"] < LIFETIME_SECONDS
    }
    text = text[:MAX_LENGTH]
    for token, entry in searches.items():
        # The same search again (a page of its results, the form sent twice): the session is
        # not written for it.
        if entry["text"] == text and now - entry["at"] < REUSE_SECONDS:
            return token
    token = secrets.token_urlsafe(12)
    searches[token] = {"text": text, "at": now}
    # Only the newest searches are kept (dicts keep their insertion order).
    request.session[SESSION_KEY] = dict(list(searches.items())[-KEPT:])
    return token


def recalled_search(request, token: str) -> str | None:
    """The text kept under ``token``, or None when it is unknown or has expired."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if entry is None or time.time() - entry["at"] >= LIFETIME_SECONDS:
        return None
    return entry["text"]


def search_of(request) -> str:
    """The search text the page's ``?search=<token>`` recalls ("" without one); an expired token
    is said in a message and gives "" (the page shows itself without the search)."""
    token = request.GET.get(SEARCH_PARAMETER, "")
    text = recalled_search(request, token) if token else None
    if token and text is None:
        messages.info(request, _("That search has expired, so the list is shown without it: search again."))
    return text or ""


def redirect_to_search(
    request, data: QueryDict, *, text_field: str = "q", keep: tuple[str, ...]
) -> HttpResponseRedirect:
    """303 to the same page with the fields ``keep`` of ``data`` and a token instead of the text.

    The text is read from ``data[text_field]``; an empty one leaves the search out altogether.
    """
    query = QueryDict(mutable=True)
    for name in keep:
        for value in data.getlist(name):
            # The kept filters are ids, choices and sort keys: anything longer is not one of them,
            # and would only make an address too long to redirect to.
            if value != "" and len(value) <= MAX_LENGTH:
                query.appendlist(name, value)
    text = data.get(text_field, "").strip()
    if text:
        query[SEARCH_PARAMETER] = remember_search(request, text)
    response = HttpResponseRedirect(f"{request.path}?{query.urlencode()}" if query else request.path)
    response.status_code = 303
    return response
