"""What the bad-input tests read off the site itself: its routes, the forms its pages show, and
the rows in the database.

The routes come from the URL configuration, so a new list or form page is walked without anyone
adding it here; the field names come from the page as served, so a form posts exactly the names a
browser would send (formsets' management fields included).
"""

from html.parser import HTMLParser

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django_filters.views import FilterMixin

from kis.models import AuditEvent

# Written by visiting a page, not by saving a form: the audit trail (reads are audited) and the
# session and sign-in bookkeeping.
NOT_COUNTED = {AuditEvent._meta.label, "sessions.Session", "axes.AccessAttempt", "axes.AccessLog"}


def routes(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, route, view class) of every named route of the site (Django's admin aside)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view_class = getattr(pattern.callback, "view_class", None)
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern), view_class


def list_pages() -> dict[str, tuple[str, type]]:
    """The filtered lists without a record in their address: name → (path, filterset class)."""
    pages = {}
    for name, route, view_class in routes():
        if view_class is None or "<" in route:
            continue
        filterset_class = getattr(view_class, "filterset_class", None)
        if filterset_class is not None or issubclass(view_class, FilterMixin):
            pages[name] = ("/" + route, filterset_class)
    return pages


class _PostForms(HTMLParser):
    """The fields of a page's POST forms, as a browser would send them when it is submitted."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self._in_post_form = False
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None

    def _add(self, name, value):
        self.fields.setdefault(name, []).append(value or "")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_post_form = (attrs.get("method") or "").lower() == "post"
        if not self._in_post_form or not attrs.get("name") and tag != "option":
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                self.fields.setdefault(attrs["name"], [])  # a name the form knows, sent when ticked
                return
            self._add(attrs["name"], attrs.get("value", "on" if kind in ("checkbox", "radio") else ""))
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = attrs["name"], None, False
        elif tag == "option" and self._select:
            if self._select_first is None:
                self._select_first = attrs.get("value", "")
            if "selected" in attrs:
                self._add(self._select, attrs.get("value", ""))
                self._select_chosen = True
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._add(self._textarea, "")

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_post_form = False
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self._add(self._select, self._select_first)
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def post_form_fields(html: str) -> dict[str, list[str]]:
    """The page's POST forms as a browser would submit them unchanged (CSRF token aside)."""
    parser = _PostForms()
    parser.feed(html)
    parser.fields.pop("csrfmiddlewaretoken", None)
    return parser.fields


def row_counts() -> dict[str, int]:
    """How many rows each model has (those written by merely visiting aside)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.label not in NOT_COUNTED
    }
