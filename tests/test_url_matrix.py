"""Every route of the URL configuration is in a role × URL matrix.

The matrices live next to the apps (``URLS`` of each ``test_permissions`` module and of the
project, partner, catalogue and support tests); each walks its URLs with every role. This test
reads every named route out of the URL configuration and fails when one is in no matrix, so a new
page cannot ship without saying who may open it.
"""

import importlib
import re

from django.urls import URLPattern, URLResolver, get_resolver, resolve

MATRICES = [
    "tests.test_permissions",
    "projects.tests.test_projects",
    "projects.tests.test_partners",
    "contracts.tests.test_permissions",
    "programmes.tests.test_permissions",
    "participation.tests.test_permissions",
    "activities.tests.test_permissions",
    "activities.tests.test_catalogue",
    "activities.tests.test_support",
    "usefulwork.tests.test_permissions",
    "reports.tests.test_permissions",
]
# Routes with a test of their own rather than a row of a matrix.
OUTSIDE_THE_MATRICES = {
    "set_language": "kis/tests/test_language.py",
    "set_display": "kis/tests/test_display.py",
    "healthz": "kis/tests/test_healthz.py",
    "logout": "kis/tests/test_audit.py (signing out is audited)",
    "password_change": "kis/tests/test_sign_in.py",
    "keep_alive": "kis/tests/test_sign_in.py",
    "two_factor": "kis/tests/test_two_factor.py",
    "two_factor_setup": "kis/tests/test_two_factor.py",
    "recovery_codes": "kis/tests/test_two_factor.py",
    # A generated document is its readers' only (404 to anyone else), whatever their role.
    "document": "reports/tests/test_background_documents.py",
    "document_status": "reports/tests/test_background_documents.py",
    "document_download": "reports/tests/test_background_documents.py",
}


def named_routes(patterns=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's own admin, with its own permission checks
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def routes_in_matrices() -> dict[str, str]:
    covered = {}
    for module_name in MATRICES:
        module = importlib.import_module(module_name)  # a matrix that moved must fail, not be skipped
        entries = [*getattr(module, "URLS", {}).items(), *getattr(module, "POSTS", {}).items()]
        for label, entry in entries:
            # "/url/", ("GET", "/url/"), ("GET", "/url/", data) or ("/url/", data); a bare dict is
            # the data posted to the URL of the same label.
            if isinstance(entry, dict):
                continue
            url = entry if isinstance(entry, str) else next(part for part in entry if str(part).startswith("/"))
            path = re.sub(r"\{[^}]*\}", "1", url).split("?")[0]
            covered.setdefault(resolve(path).view_name, f"{module_name}: {label}")
    return covered


def test_every_route_is_in_a_role_matrix():
    missing = named_routes() - routes_in_matrices().keys() - OUTSIDE_THE_MATRICES.keys()

    assert sorted(missing) == []


def test_the_route_list_is_read_from_the_url_configuration():
    routes = named_routes()

    assert {"home", "participants:detail", "participation:certificate", "activities:attendance"} <= routes
    assert not any(name.startswith("admin:") for name in routes)
