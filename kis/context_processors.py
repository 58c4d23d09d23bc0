"""Navigation: each role sees the parts of the application it may use."""

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, permission needed); later parts of the application add entries here.
NAV_ITEMS = [
    ("participants:list", _("Participants"), "participants.view_participant"),
    ("contracts:list", _("Contracts"), "contracts.view_socialcontract"),
    ("activities:list", _("Activities"), "activities.view_activity"),
    ("usefulwork:list", _("Socially useful work"), "usefulwork.view_placement"),
    ("projects:list", _("Projects"), "projects.view_project"),
    ("partners:list", _("Partners"), "projects.view_partner"),
    ("reports:list", _("Reports"), "reports.view_outcome_report"),
    ("audit", _("Audit trail"), "kis.view_auditevent"),
]


def navigation(request):
    """The menu, and how long the lists' filter forms are kept once rendered
    (``filter_form_seconds``: the choices of a filter change seldom, and a form with a dozen
    of them takes longer to render than the page's queries; the fragment is kept per language
    and filter values, ``{% cache %}`` in the list templates: it shows nothing of its user, and
    the defaults of a role are among the values, ``kis.filters.filter_data``)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "filter_form_seconds": 0}
    path = request.path
    items = []
    for (_url_name, label, perm), url in zip(NAV_ITEMS, nav_urls(get_script_prefix()), strict=True):
        if user.has_perm(perm):
            items.append({"url": url, "label": label, "active": path.startswith(url)})
    return {"nav_items": items, "filter_form_seconds": settings.KIS_FILTER_FORM_CACHE_SECONDS}


@cache
def nav_urls(script_prefix: str) -> tuple[str, ...]:
    """The menu's addresses, reversed once per process (and prefix the site is served under)."""
    return tuple(reverse(url_name) for url_name, _label, _perm in NAV_ITEMS)
