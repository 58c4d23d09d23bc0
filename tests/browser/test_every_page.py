"""axe-core on every page of KIS, for every role, on the demo data, in a real Chromium.

A throw-away SQLite copy of the demo (``migrate`` and ``seed_demo``) is served by gunicorn with
debug off (``demo_server_settings``). Anonymous visitors, then the demo social worker,
coordinator, manager and administrator, each in a browser context that enforces the
Content-Security-Policy, start at the home page (the administrator at the admin's index too) and
follow the site's own links breadth first, opening one page per route of the URL configuration
(a list's other pages and filters are the same route). The manager and the administrator sign in
as production asks them to, setting up the authenticator app on the way, so the two-factor pages
are checked too. axe-core runs on every HTML page; a PDF, sheet or JSON answer is only checked to
open. After its pages, each role submits every form it met that has a required field, once per
route, with the visible fields emptied and the browser's own validation off, and axe-core checks
the page that comes back with the errors.

Then one test per named route of the URL configuration, the admin's included, read when the tests
are collected: some role reached the route (or ``NOT_REACHED_BY_A_LINK`` says why none can), no
role saw a serious or critical axe violation on it, and its empty form came back with errors.
``KIS_AXE_REPORT=1`` (with ``pytest -s``) prints what was checked and every finding.
"""

import hashlib
import hmac
import html
import json
import os
import re
import time
from base64 import b32decode
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from tests.browser.conftest import BLOCKING_IMPACTS, close_context, format_violations, new_context
from tests.browser.demo_site import PASSWORD, manage

pytestmark = pytest.mark.browser

# The visitors, in this order: the administrator last, so that the admin's lists of sign-in
# attempts and of the audit trail hold the others' entries. Then a superuser, for the admin's pages
# the administrator role may not open (the sign-in attempts, the authenticator devices, deleting):
# it reads the pages others checked only for their links (Surveyor.walk).
ROLES = ["anonymous", "social_worker", "coordinator", "manager", "admin", "superuser"]
# Where a role starts besides the home page.
STARTS = {
    "anonymous": ["/accounts/login/", "/admin/login/", "/healthz"],
    # The page after a changed password, reached here without changing the demo's.
    "admin": ["/admin/", "/admin/jsi18n/", "/admin/password_change/done/"],
    "superuser": ["/admin/"],
}
# Besides these, the pages of records in the states a crawl rarely meets (tests/browser/demo_starts.py).
DEMO_STARTS = "from tests.browser.demo_starts import main; main()"
# Links that end the session or change it rather than open a page.
NEVER_FOLLOWED = {"logout", "admin:logout", "set_language"}
SECRET_HIDDEN = "an authenticator's secret is never shown in the admin (OTP_ADMIN_HIDE_SENSITIVE_DATA): 403"
# Routes no GET link leads to, and why; each is checked elsewhere as its note says.
NOT_REACHED_BY_A_LINK = {
    "keep_alive": "POST only: the session-timeout warning's 'Stay signed in' (kis/tests/test_sign_in.py)",
    "logout": "POST only: the 'Sign out' button (kis/tests/test_audit.py)",
    "admin:logout": "POST only: the admin's 'Log out' button",
    "set_language": "POST only: the language switch (kis/tests/test_language.py)",
    "admin:autocomplete": "JSON for the admin's autocomplete widgets, of which KIS has none",
    "set_display": "POST only: the display switches at the top of every page (kis/tests/test_display.py)",
    "admin:view_on_site": "no model of the admin links to the site (a programme's page is not the administrator's)",
    "contracts:task_status": "POST only: a contract task's 'done' button, with nothing to fill in",
    "reports:snapshot_create": "POST only: the report's 'save a snapshot' button, with nothing to fill in",
    "participants:stand_in_end": "POST only: a stand-in's 'End now', asked twice (test_stand_ins.py)",
    "admin:otp_totp_totpdevice_config": SECRET_HIDDEN,
    "admin:otp_totp_totpdevice_qrcode": SECRET_HIDDEN,
    "admin:kis_auditevent_add": "the audit trail is append-only: nobody adds to it by hand (kis/tests/test_admin.py)",
    "admin:kis_auditevent_delete": "the audit trail is append-only: nobody deletes from it (kis/tests/test_admin.py)",
    "admin:axes_accessattempt_add": "django-axes records sign-in attempts itself; its admin offers no adding",
    "admin:axes_accesslog_add": "django-axes records sign-ins itself; its admin offers no adding",
    "admin:axes_accessfailurelog_add": "django-axes records failed sign-ins itself; its admin offers no adding",
    "admin:axes_accessfailurelog_change": "no failed sign-in is logged here (AXES_ENABLE_ACCESS_FAILURE_LOG is off)",
    "admin:axes_accessfailurelog_delete": "no failed sign-in is logged here (AXES_ENABLE_ACCESS_FAILURE_LOG is off)",
    "admin:axes_accessfailurelog_history": "no failed sign-in is logged here (AXES_ENABLE_ACCESS_FAILURE_LOG is off)",
    "usefulwork:hours_remove": "POST only: a day's 'remove' button, with nothing to fill in "
    "(usefulwork/tests/test_editing.py)",
    "activities:enroll": "POST only: the 'enrol' button next to a person, with nothing to fill in "
    "(activities/tests/test_attendance.py)",
    "activities:appointment_mark": "POST only: an appointment's 'attended'/'missed' buttons, with nothing to fill in "
    "(activities/tests/test_appointments.py)",
}
# Further pages of a route read for the routes they lead to (Surveyor.walk).
MORE_OF_A_ROUTE = 1
# A page that needs longer than this on a busy machine is a finding of its own, not a flaky test.
NAVIGATION_TIMEOUT_MS = 90_000

# What a page leads to: its links (and htmx's GETs, and each GET form submitted as it stands), and
# its POST forms with a visible required field, by their index among the page's forms.
WHAT_A_PAGE_LEADS_TO = """() => {
  const shown = (element) => element.checkVisibility ? element.checkVisibility() : !!element.offsetParent;
  const target = (element, name) => new URL(element.getAttribute(name) || location.href, location.href).href;
  const links = [...document.querySelectorAll("a[href]")].map((a) => a.href);
  links.push(...[...document.querySelectorAll("[hx-get]")].map((element) => target(element, "hx-get")));
  const forms = [];
  [...document.querySelectorAll("form")].forEach((form, index) => {
    const method = (form.getAttribute("method") || "get").toLowerCase();
    if (method === "get") {
      // The form as it stands, sent by each of its buttons (a button's formaction sends it elsewhere).
      const actions = [target(form, "action")];
      for (const button of form.querySelectorAll("[formaction]")) actions.push(target(button, "formaction"));
      for (const action of actions) {
        const url = new URL(action);
        for (const [name, value] of new FormData(form)) url.searchParams.append(name, value);
        links.push(url.href);
      }
    } else if (form.id === "changelist-form") {
      // The admin list's own form acts on the rows ticked (bulk actions, editable columns): nothing to fill in.
    } else if ([...form.elements].some((e) => e.required && e.type !== "hidden" && shown(e))) {
      forms.push({index: index, action: target(form, "action")});
    }
  });
  return {links: links, forms: forms};
}"""
SUBMIT_EMPTIED = """(index) => {
  const shown = (element) => element.checkVisibility ? element.checkVisibility() : !!element.offsetParent;
  const form = document.querySelectorAll("form")[index];
  form.noValidate = true;
  for (const element of form.elements) {
    if (!shown(element) || element.disabled || element.readOnly) continue;
    if (["hidden", "submit", "button", "reset", "image"].includes(element.type)) continue;
    if (element.type === "checkbox" || element.type === "radio") element.checked = false;
    else if (element.type === "select-multiple") [...element.options].forEach((o) => { o.selected = false; });
    else element.value = "";
  }
  form.requestSubmit([...form.elements].find((element) => element.type === "submit") || null);
}"""
SHOWS_ERRORS = """() => !!document.querySelector(
  ".is-invalid, .invalid-feedback, .alert-danger, .error-summary, .errornote, .errorlist")"""
# Addresses in a page's HTML, for the quick look at a route's further pages (see Surveyor.walk).
# (A link's address, not a stylesheet's or the icon's: <link href> leads to no page.)
ADDRESS = re.compile(r'(?:<a\s[^>]*?\bhref|\shx-get|\saction)="([^"]*)"')


def named_routes(patterns=None, namespace: str = "") -> set[str]:
    """Every named route of the URL configuration, the admin's (``admin:…``) included."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


ROUTES = sorted(named_routes())


def totp(secret: str) -> str:
    """The code an authenticator app shows now (RFC 6238: HMAC-SHA1, 30-second steps, six digits)."""
    key = b32decode(secret + "=" * (-len(secret) % 8), casefold=True)
    digest = hmac.new(key, int(time.time() // 30).to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF) % 1_000_000:06d}"


@dataclass
class Visit:
    role: str
    url: str
    status: int
    html: bool
    blocking: list = field(default_factory=list)  # axe violations of a blocking impact
    error: str = ""  # the browser's, when the page could not be opened
    source: str = ""  # the page that led here


@dataclass
class Submission:
    role: str
    page: str  # the page of the form
    url: str  # the page that came back
    status: int
    shows_errors: bool
    redirected: bool
    blocking: list = field(default_factory=list)
    error: str = ""


@dataclass
class Survey:
    base: str
    visits: dict = field(default_factory=dict)  # route -> [Visit]
    submissions: dict = field(default_factory=dict)  # route of the form's action -> Submission
    unresolved: set = field(default_factory=set)  # (role, URL, source) of links to no route
    csp: dict = field(default_factory=dict)  # route -> [(role, URL, violation)]
    seconds: dict = field(default_factory=dict)  # role -> time taken

    def route_of(self, url: str) -> str | None:
        """The route name of a URL of the site, "" for one of no route, None for any other URL."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.base or parts.path.startswith("/static/"):
            return None
        try:
            return resolve(parts.path).view_name
        except Resolver404:
            return ""


class Surveyor:
    """Walks the site as each role in turn and records what axe-core found."""

    def __init__(self, browser, base: str):
        from axe_playwright_python.sync_playwright import Axe

        self.browser = browser
        self.axe = Axe()
        self.survey = Survey(base=base)
        self.recovery_code = ""
        self.report = os.environ.get("KIS_AXE_REPORT") == "1"
        self.where = ("", "", "")  # role, route, URL of the page being checked
        self.axe_running = False

    def page(self):
        context = new_context(self.browser, viewport={"width": 1280, "height": 900})
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        page = context.new_page()

        def on_console(message):
            text = message.text
            if message.type == "error" and ("Content Security Policy" in text or text.startswith("CSP violation")):
                if self.axe_running and "style-src" in text:
                    # axe-core itself: to read a stylesheet's @import-ed sheets it fetches them
                    # (from a wrong address) and parses them in <style> elements, which the
                    # policy refuses. The page did nothing.
                    return
                role, route, _url = self.where
                self.survey.csp.setdefault(route, []).append((role, page.url, text))

        page.on("console", on_console)
        return page

    def check(self, page, role: str, route: str, what: str = "") -> list:
        self.where = (role, route, page.url)
        self.axe_running = True
        try:
            violations = self.axe.run(page).response["violations"]
        finally:
            self.axe_running = False
        if self.report:
            print(f"{role:>13} {route} {what}{page.url}")
            if violations:
                print(format_violations(violations))
        return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]

    def visit(self, page, role: str, route: str, url: str, source: str = "") -> tuple[dict, str, bool]:
        """Open ``url`` and check it: what the page leads to (WHAT_A_PAGE_LEADS_TO), the route of
        the page shown, and whether it is HTML."""
        from playwright.sync_api import Error

        self.where = (role, route, url)
        visits = self.survey.visits.setdefault(route, [])
        try:
            response = page.goto(url, wait_until="load")
        except Error as error:
            if "Download is starting" not in str(error):
                visits.append(Visit(role, url, 0, False, error=str(error).splitlines()[0], source=source))
                return {"links": [], "forms": []}, route, False
            response = None
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            # A PDF, sheet or JSON: the browser downloads or shows it, so ask again for its status.
            answer = page.context.request.get(url)
            visits.append(Visit(role, url, answer.status, False, source=source))
            answer.dispose()
            return {"links": [], "forms": []}, route, False
        landed = self.survey.route_of(page.url) or route
        blocking = self.check(page, role, landed)
        if landed != route:
            # Redirected (the anonymous visitor to the sign-in page, the admin's "view on site"):
            # the page shown is recorded under its own route.
            self.survey.visits.setdefault(landed, []).append(
                Visit(role, page.url, response.status, True, blocking, source=url)
            )
            blocking = []
        visits.append(Visit(role, url, response.status, True, blocking, source=source))
        return page.evaluate(WHAT_A_PAGE_LEADS_TO), landed, True

    def submit_empty(self, page, role: str, route: str, url: str, form: int, reload: bool = True) -> None:
        """Submit form number ``form`` of the page at ``url`` with its visible fields emptied."""
        from playwright.sync_api import Error

        self.where = (role, route, url)
        try:
            if reload:
                page.goto(url, wait_until="load")
            with page.expect_navigation(wait_until="load") as navigation:
                page.evaluate(SUBMIT_EMPTIED, form)
            response = navigation.value
            self.survey.submissions[route] = Submission(
                role,
                url,
                page.url,
                response.status,
                shows_errors=page.evaluate(SHOWS_ERRORS),
                redirected=response.request.redirected_from is not None,
                blocking=self.check(page, role, route, "submitted empty from "),
            )
        except Error as error:
            message = str(error).splitlines()[0]
            self.survey.submissions[route] = Submission(role, url, "", 0, False, False, error=message)

    def password(self, page, username: str, password: str = PASSWORD) -> str:
        """Sign in on the sign-in page; the route of the page that follows."""
        page.goto(f"{self.survey.base}/accounts/login/", wait_until="load")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation(wait_until="load"):
            page.click("form[action$='/accounts/login/'] [type=submit]")
        return self.survey.route_of(page.url)

    def give_code(self, page, code: str) -> str:
        page.fill("input[name=code]", code)
        with page.expect_navigation(wait_until="load"):
            page.click("form:has(input[name=code]) [type=submit]")
        return self.survey.route_of(page.url)

    def check_code_page(self, page, role: str, route: str) -> None:
        """The two-factor page just shown: checked, and checked again with its code given empty."""
        leads_to, _landed, _html = self.visit(page, role, route, page.url)
        form = next(form["index"] for form in leads_to["forms"] if self.survey.route_of(form["action"]) == route)
        self.submit_empty(page, role, route, page.url, form)
        page.goto(self.survey.visits[route][-1].url, wait_until="load")

    def sign_in(self, page, role: str) -> None:
        route = self.password(page, role)
        if route == "two_factor_setup":
            self.check_code_page(page, role, route)
            route = self.give_code(page, totp(page.get_attribute("#totp-secret", "data-secret")))
            assert route == "recovery_codes", f"{role}: the authenticator's code was refused ({page.url})"
            # The new codes are shown once: this visit is the only one that sees them.
            blocking = self.check(page, role, route)
            self.survey.visits.setdefault(route, []).append(Visit(role, page.url, 200, True, blocking))
            self.recovery_code = page.inner_text("main li >> nth=0").strip()
        assert route not in {"login", "two_factor_setup", "two_factor"}, f"{role} could not sign in ({page.url})"

    def walk(self, role: str, starts: list[str] = ()) -> None:
        """Every route the role's links lead to, once; then its forms, submitted empty.

        One page of a route is checked; up to ``MORE_OF_A_ROUTE`` more (other records, other pages
        of a list) are read quickly for the routes they lead to, and one that leads to a route not
        met yet (a draft contract's "sign", a referral's "accept") is checked too."""
        started = time.monotonic()
        base = self.survey.base
        page = self.page()
        if role != "anonymous":
            self.sign_in(page, role)
        paths = STARTS.get(role, []) if role == "superuser" else ["/", *STARTS.get(role, []), *starts]
        queue = deque((urljoin(base, path), "") for path in paths)
        start_urls = {url for url, _source in queue}
        known = {self.survey.route_of(url) for url, _source in queue}
        opened = set()
        pages_of = {}  # route -> how many of its pages were opened
        not_html = set()
        forms = []
        while queue:
            url, source = queue.popleft()
            route = self.survey.route_of(url)
            if route == "":
                self.survey.unresolved.add((role, url, source))
            if not route or route in NEVER_FOLLOWED or url in opened or route in not_html:
                continue
            if pages_of.get(route, 0) > MORE_OF_A_ROUTE:
                continue
            opened.add(url)
            pages_of[route] = pages_of.get(route, 0) + 1
            if role == "superuser" and url not in start_urls and reached(self.survey.visits.get(route, [])):
                links = self.links_of(page, url)
                known.update(self.survey.route_of(link) for link in links)
                queue.extend((link, url) for link in links)
                continue
            if pages_of[route] > 1 and not self.leads_somewhere_new(page, url, known):
                continue
            leads_to, landed, is_html = self.visit(page, role, route, url, source)
            if not is_html:
                not_html.add(route)
            pages_of[landed] = max(pages_of.get(landed, 0), 1)
            links = [link.split("#")[0] for link in leads_to["links"]]
            known.update(self.survey.route_of(link) for link in links)
            queue.extend((link, page.url) for link in links)
            for form in leads_to["forms"]:
                action = self.survey.route_of(form["action"])
                known.add(action)
                forms.append((action, page.url, form["index"]))
        # After the role's pages, so that a form that saves after all cannot change what it sees.
        for route, url, form in forms:
            if route and route not in self.survey.submissions:
                self.submit_empty(page, role, route, url, form)
        if role == "anonymous":
            # A failed sign-in, so that the admin's lists of sign-in attempts and failures have a row.
            self.password(page, "social_worker", "not-the-password")
        close_context(page.context)  # its CSP violations are recorded by route (Surveyor.page)
        if role == "manager":
            self.sign_in_again(role)
        self.survey.seconds[role] = round(time.monotonic() - started, 1)

    def links_of(self, page, url: str) -> list[str]:
        """The addresses the page at ``url`` leads to, read without a browser."""
        answer = page.context.request.get(url)
        try:
            if "text/html" not in answer.headers.get("content-type", ""):
                return []
            return [urljoin(url, html.unescape(address)).split("#")[0] for address in ADDRESS.findall(answer.text())]
        finally:
            answer.dispose()

    def leads_somewhere_new(self, page, url: str, known: set) -> bool:
        """Whether the page at ``url`` links to a route not in ``known`` (read without a browser)."""
        routes = {self.survey.route_of(link) for link in self.links_of(page, url)}
        return any(route and route not in NEVER_FOLLOWED and route not in known for route in routes)

    def sign_in_again(self, role: str) -> None:
        """A later sign-in of a user with an authenticator: the code page, empty, then a recovery code."""
        page = self.page()
        route = self.password(page, role)
        assert route == "two_factor", f"{role} signing in again: {page.url}, not the code page"
        self.check_code_page(page, role, route)
        assert self.give_code(page, self.recovery_code) == "home", f"{role}: the recovery code was refused"
        close_context(page.context)


@pytest.fixture(scope="session")
def survey(demo_site, demo_site_env, kis_browser) -> Survey:
    printed = manage("shell", "-c", DEMO_STARTS, env=demo_site_env)
    starts = json.loads(printed.strip().splitlines()[-1])
    surveyor = Surveyor(kis_browser, demo_site)
    for role in ROLES:
        surveyor.walk(role, starts.get(role, []))
    result = surveyor.survey
    if surveyor.report:
        pages = sum(len(visits) for visits in result.visits.values())
        print(f"\n{pages} pages opened, {len(result.submissions)} forms submitted empty; seconds: {result.seconds}")
    return result


def reached(visits: list[Visit]) -> bool:
    return any(0 < visit.status < 400 for visit in visits)


@pytest.mark.parametrize("route", ROUTES)
def test_the_route_has_no_serious_accessibility_problem_for_any_role(survey, route):
    visits = survey.visits.get(route, [])
    submission = survey.submissions.get(route)
    if route in NOT_REACHED_BY_A_LINK:
        assert not reached(visits) and submission is None, f"{route} was reached: take it out of NOT_REACHED_BY_A_LINK"
        return
    assert reached(visits) or submission is not None, f"{route}: no role reached it by following links"
    failed = [f"{v.role} {v.url} (from {v.source}): {v.status} {v.error}" for v in visits if not 0 < v.status < 400]
    assert not failed, f"{route} did not open:\n" + "\n".join(failed)
    problems = [f"as {v.role} on {v.url}:\n{format_violations(v.blocking)}" for v in visits if v.blocking]
    if submission is not None:
        assert submission.status == 200 and submission.shows_errors, (
            f"{route}: the form of {submission.page} submitted empty as {submission.role} did not come back "
            f"with its errors ({submission.status} {submission.url} {submission.error})"
        )
        if submission.blocking:
            problems.append(
                f"with the form of {submission.page} submitted empty as {submission.role}:\n"
                + format_violations(submission.blocking)
            )
    assert not problems, f"axe-core found serious or critical problems on {route}\n" + "\n".join(problems)


def test_every_link_leads_to_a_page(survey):
    assert sorted(survey.unresolved) == []


def test_every_page_keeps_the_content_security_policy(survey):
    broken = {route: sorted({(role, url) for role, url, _text in found}) for route, found in survey.csp.items()}
    assert broken == {}, "\n".join(sorted({text for found in survey.csp.values() for _r, _u, text in found}))


def test_the_survey_saw_every_role_and_their_forms_submitted_empty(survey):
    assert {visit.role for visits in survey.visits.values() for visit in visits} == set(ROLES)
    assert {submission.role for submission in survey.submissions.values()} >= {"anonymous", "social_worker"}
    assert len(survey.submissions) >= 40
