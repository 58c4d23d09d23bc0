"""Navigation: each role sees the parts of the application it may use."""

from django.conf import settings
from django.urls import reverse
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
    of them takes longer to render than the page's queries; the fragment is kept per user,
    language and address, ``{% cache %}`` in the list templates)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "filter_form_seconds": 0}
    path = request.path
    items = []
    for url_name, label, perm in NAV_ITEMS:
        if user.has_perm(perm):
            url = reverse(url_name)
            items.append({"url": url, "label": label, "active": path.startswith(url)})
    return {"nav_items": items, "filter_form_seconds": settings.KIS_FILTER_FORM_CACHE_SECONDS}
