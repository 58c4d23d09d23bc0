"""The layout keeps its promises: apps depend one way, and no module grows past a screenful of jobs.

    kis  <-  projects, participants  <-  contracts  <-  participation  <-  activities  <-  usefulwork
        <-  reports  <-  demo
    kis, participants  <-  programmes  <-  contracts and every app to its right

An app may import from the apps to its left, never from one to its right (nor ``projects`` and
``participants`` from each other). The project's root URLconf (``kis/urls.py``), which wires every
app in, is the one exception. Tests keep the same direction as the code they test.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Each app and the apps it may import from.
MAY_IMPORT = {
    "kis": set(),
    "projects": {"kis"},
    "participants": {"kis"},
    "programmes": {"kis", "participants"},
    "contracts": {"kis", "projects", "participants", "programmes"},
    "participation": {"kis", "projects", "participants", "programmes", "contracts"},
    "activities": {"kis", "projects", "participants", "programmes", "contracts", "participation"},
    "usefulwork": {"kis", "projects", "participants", "programmes", "contracts", "participation", "activities"},
    "reports": {
        "kis",
        "projects",
        "participants",
        "programmes",
        "contracts",
        "participation",
        "activities",
        "usefulwork",
    },
    "demo": {
        "kis",
        "projects",
        "participants",
        "programmes",
        "contracts",
        "participation",
        "activities",
        "usefulwork",
        "reports",
    },
}
WIRING = {ROOT / "kis" / "urls.py"}
MAX_LINES = 500


def modules():
    for app in MAY_IMPORT:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def imported_apps(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name.split(".")[0] for name in names} & set(MAY_IMPORT)


def test_apps_import_only_from_the_apps_to_their_left():
    wrong = []
    for app, path in modules():
        if path in WIRING:
            continue
        for other in imported_apps(path) - {app} - MAY_IMPORT[app]:
            wrong.append(f"{path.relative_to(ROOT)} imports {other}")
    assert wrong == []


def test_the_check_sees_an_import_to_the_right(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("from reports.outcomes import figures\nimport activities.models\n")

    assert imported_apps(module) == {"reports", "activities"}


@pytest.mark.parametrize("app", list(MAY_IMPORT))
def test_no_module_passes_about_500_lines(app):
    long = [
        f"{path.relative_to(ROOT)}: {count} lines"
        for _app, path in modules()
        if _app == app and "tests" not in path.parts and (count := len(path.read_text().splitlines())) > MAX_LINES
    ]
    assert long == []


def test_templates_ask_the_view_what_the_page_offers_not_the_permissions():
    asking = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "perms." in line
    ]
    assert asking == [], "use the view's can.<action> (RoleRequiredMixin.action_permissions)"
