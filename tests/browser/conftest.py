"""Browser-test harness: Debian's Chromium driven by Playwright's sync API against ``live_server``.

The fixtures have their own names (``kis_browser``, ``kis_page``) so that pytest-playwright's
``browser``/``page`` fixtures, which would look for a browser downloaded by ``playwright install``,
are never used; the plugin stays installed and harmless.

Without Chromium the browser tests are skipped, unless ``KIS_REQUIRE_BROWSER=1`` (set in CI), in
which case they fail. ``KIS_CHROMIUM`` overrides the path of the Chromium executable.
``KIS_AXE_REPORT=1`` (with ``pytest -s``) also prints axe-core's moderate and minor findings.

Every browser context enforces the site's Content-Security-Policy (``new_context``) and records
each violation the browser reports; a test whose pages broke the policy fails, so the journeys
prove that the chart, the attendance grid, the signature pad and htmx work under it.
"""

import os

import pytest

from tests.browser.demo_site import demo_site, demo_site_env  # noqa: F401  (fixtures: the whole demo club, served)

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# axe impacts that fail a test; "moderate" and "minor" findings are only reported.
BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def chromium_executable():
    path = os.environ.get("KIS_CHROMIUM", DEFAULT_CHROMIUM)
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    message = (
        f"Chromium not found at {path} (set KIS_CHROMIUM to another path). "
        "Install Debian's browser with: apt-get install -y chromium chromium-driver "
        "(never `playwright install`)."
    )
    if os.environ.get("KIS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"KIS_REQUIRE_BROWSER=1 but the browser tests cannot run: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def kis_playwright(chromium_executable):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread, so Django's ORM, used by the
    # test itself, would refuse to run ("SynchronousOnlyOperation") without this.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        yield playwright
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def kis_browser(kis_playwright, chromium_executable):
    browser = kis_playwright.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


# Reported through the console, which Playwright hears on every page of the context.
CSP_WATCH = """document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.effectiveDirective} refused ${event.blockedURI || "inline code"}`
    + ` in ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});"""
csp_violations: dict[int, list[str]] = {}


def new_context(browser, **options):
    """A Polish-speaking browser context that enforces the Content-Security-Policy (axe-core is
    injected by the test driver, which the policy does not restrict) and records its violations."""
    context = browser.new_context(locale="pl-PL", **options)
    context.set_default_timeout(15_000)
    violations = csp_violations.setdefault(id(context), [])
    context.add_init_script(CSP_WATCH)

    def on_console(message):
        text = message.text
        if message.type == "error" and ("Content Security Policy" in text or text.startswith("CSP violation")):
            violations.append(text)

    context.on("console", on_console)
    return context


def close_context(context) -> list[str]:
    """Close the context; the CSP violations its pages reported."""
    context.close()
    return csp_violations.pop(id(context), [])


def assert_no_csp_violations(violations: list[str]) -> None:
    assert not violations, "The pages broke the Content-Security-Policy:\n" + "\n".join(violations)


@pytest.fixture
def kis_page(kis_browser):
    """A fresh, Polish-speaking browser context per test (no cookies shared between tests)."""
    context = new_context(kis_browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    assert_no_csp_violations(close_context(context))


def format_violations(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"- [{v.get('impact')}] {v['id']}: {v['help']} ({v.get('helpUrl', '')})")
        for node in v["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {', '.join(map(str, node['target']))}: {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more elements")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible():
    """``assert_accessible(page, "login page")`` runs axe-core and fails on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, where: str):
        violations = axe.run(page).response["violations"]
        if violations and os.environ.get("KIS_AXE_REPORT") == "1":
            print(f"\naxe-core on the {where} ({page.url}):\n{format_violations(violations)}")
        blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
        assert not blocking, (
            f"axe-core found {len(blocking)} serious/critical accessibility problem(s) on the {where} "
            f"({page.url}):\n{format_violations(blocking)}"
        )
        return violations

    return check


# The data migrations that create the roles and reference data. Browser tests need a transactional
# database (the live server runs in another thread); when an earlier transactional test has flushed
# it, this puts the roles back exactly as the migrations create them.
REFERENCE_DATA_MIGRATIONS = [
    "kis.migrations.0002_roles",
    "projects.migrations.0002_roles",
    "participants.migrations.0002_roles_and_risk_factors",
    "contracts.migrations.0002_roles",
    "participation.migrations.0002_roles_and_exit_situations",
    "activities.migrations.0002_roles_and_catalogue",
    "reports.migrations.0002_roles",
    ("participants.migrations.0006_stand_ins", "grant"),
    ("participants.migrations.0007_consents", "grant"),
    ("kis.migrations.0004_admin_role", "administrators_administer"),
]


@pytest.fixture(autouse=True)
def reference_data(request):
    if "live_server" not in request.fixturenames:
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for entry in REFERENCE_DATA_MIGRATIONS:
        name, function = entry if isinstance(entry, tuple) else (entry, None)
        module = importlib.import_module(name)
        forwards = getattr(module, function) if function else getattr(module, "forwards", None) or module.create_roles
        forwards(apps, None)
