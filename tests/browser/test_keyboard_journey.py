"""A day's work done with the keyboard alone, in a real browser.

A social worker signs in, skips the menu with the first Tab stop, registers a participant (a
mistyped PESEL is refused first: the error summary takes the focus and its link leads back to
the field), drafts a contract with an extra task row and has it signed by the typed name, and
signs out. A coordinator then signs in, marks attendance on a session's grid with the arrow keys
and the space bar, and opens a project's outcome report from the menu.

Nothing is clicked, filled or selected by the test driver: every step is a key press or typed
text, and only the first page is opened by its address. Each control the Tab key reaches must
show the site's focus ring and be in sight, not hidden under a sticky bar. A form sent after the
skip link has been used must not carry its #main along (the answering page would focus <main>
instead of the error summary). axe-core checks the pages on the way.

Selectors use names, ids and URLs, never translated text, so the test passes whether or not the
Polish catalogue has been compiled.
"""

import datetime
import re
import time
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from activities.models import Attendance, Enrollment
from contracts.models import ContractStatus, SignatureMethod, SocialContract
from kis.roles import Role
from kis.tests.factories import LocationFactory
from participants import pesel as pesel_rules
from participants.models import Participant
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import ParticipationFactory, ParticipationProjectFactory
from tests.browser.scenes import group_meeting_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Kis-browser-test-2024!"
DAY = datetime.timedelta(days=1)
BORN = datetime.date(1985, 3, 14)
Mark = Attendance.Status

# What has the focus, told in ids, names and addresses, for the messages of failed assertions.
DESCRIBE_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "(nothing: the page itself)";
  let text = e.tagName.toLowerCase();
  if (e.id) text += "#" + e.id;
  for (const name of ["name", "type", "value", "href"]) {
    if (e.getAttribute(name)) text += `[${name}="${e.getAttribute(name)}"]`;
  }
  return text;
}"""

# How the focused control looks: its outline (the site's focus ring is one; Bootstrap's own focus
# styles are pale shadows, which would not do), on the label for a radio drawn as a button
# (.btn-check), which is itself invisible. "In sight": part of the control is within the window (a browser
# brings a text field's caret into view, not always the whole box), and the middle of that part is
# not covered by anything else (a sticky bar, a toast).
FOCUS_LOOK = """() => {
  const e = document.activeElement;
  const shown = e.matches(".btn-check") ? document.querySelector(`label[for="${CSS.escape(e.id)}"]`) : e;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
  const inWindow = right > left && bottom > top;
  const hit = inWindow ? document.elementFromPoint((left + right) / 2, (top + bottom) / 2) : null;
  const covered = hit && !(shown.contains(hit) || hit.contains(shown) || hit.closest("label") === shown);
  return {
    outline: style.outlineStyle === "none" ? "none" : `${style.outlineWidth} ${style.outlineStyle}`,
    wideEnough: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    inWindow: inWindow,
    coveredBy: covered ? `${hit.tagName.toLowerCase()}${hit.id ? "#" + hit.id : ""}.${hit.className}` : null,
  };
}"""


# True once the page has not scrolled for a few frames (polled at every animation frame).
SCROLL_AT_REST = """() => {
  const now = `${scrollX},${scrollY},${document.activeElement?.getBoundingClientRect().top}`;
  window.kisScroll = window.kisScroll && window.kisScroll.at === now
    ? {at: now, frames: window.kisScroll.frames + 1} : {at: now, frames: 0};
  return window.kisScroll.frames >= 3;
}"""


def valid_pesel(born: datetime.date, serial: str = "123", sex_digit: int = 4) -> str:
    """A PESEL with a correct check digit (born in the 1900s; an even sex digit is a woman)."""
    first_ten = f"{born.year % 100:02d}{born.month:02d}{born.day:02d}{serial}{sex_digit}"
    return first_ten + str(pesel_rules.check_digit(first_ten))


def mistyped(pesel: str) -> str:
    """The same PESEL with a wrong check digit."""
    return pesel[:10] + str((int(pesel[10]) + 1) % 10)


def focused(page) -> str:
    return page.evaluate(DESCRIBE_FOCUS)


def focus_matches(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def assert_focus_shown(page):
    """The focused control has a visible focus indicator and is in sight."""
    # Bootstrap scrolls smoothly: look once the page has come to rest.
    page.wait_for_function(SCROLL_AT_REST, polling="raf")
    look = page.evaluate(FOCUS_LOOK)
    where = f"{focused(page)} on {page.url}"
    assert look["wideEnough"], f"No visible focus ring (outline: {look['outline']}) on {where}."
    assert look["inWindow"], f"The focused control is outside the window: {where}."
    assert not look["coveredBy"], f"The focused control is hidden under {look['coveredBy']}: {where}."


def tab_to(page, selector: str, *, limit: int = 40, backwards: bool = False):
    """Press Tab (Shift+Tab) until the focus is on ``selector``: at most ``limit`` presses. Each stop
    on the way must show its focus too."""
    key = "Shift+Tab" if backwards else "Tab"
    visited = []
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("() => document.activeElement && document.activeElement !== document.body"):
            assert_focus_shown(page)
        if focus_matches(page, selector):
            return
        visited.append(focused(page))
    pytest.fail(
        f"{limit} presses of {key} on {page.url} did not reach {selector}; the focus went to:\n  "
        + "\n  ".join(visited),
        pytrace=False,
    )


def next_stop(page, selector: str):
    """The very next Tab stop is ``selector``."""
    tab_to(page, selector, limit=1)


def type_into(page, selector: str, text: str, *, limit: int = 40):
    tab_to(page, selector, limit=limit)
    page.keyboard.type(text)


def choose_option(page, value: str):
    """In the focused (closed) select, the arrow keys move to the option of ``value``."""
    for _ in range(200):
        state = page.evaluate(
            """v => { const s = document.activeElement;
            return {tag: s.tagName, value: s.value, at: s.selectedIndex,
                    want: [...s.options].findIndex(o => o.value === v)}; }""",
            value,
        )
        assert state["tag"] == "SELECT", f"The focus is not on a select but on {focused(page)}."
        assert state["want"] >= 0, f"{focused(page)} has no option {value!r}."
        if state["value"] == value:
            return
        page.keyboard.press("ArrowDown" if state["want"] > state["at"] else "ArrowUp")
    pytest.fail(f"The arrow keys did not choose {value!r} in {focused(page)}.")


def select_by_keyboard(page, selector: str, value: str, *, limit: int = 40):
    tab_to(page, selector, limit=limit)
    choose_option(page, value)


def choose_radio(page, value: str):
    """In the focused radio group, the arrow keys move to (and choose) the radio of ``value``."""
    for _ in range(10):
        if page.evaluate("v => document.activeElement.type === 'radio' && document.activeElement.value === v", value):
            assert page.evaluate("() => document.activeElement.checked")
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"The arrow keys did not reach the radio {value!r}; the focus is on {focused(page)}.")


def address(page) -> str:
    """The page's path and query, without the fragment the skip link leaves in the address."""
    url = urlsplit(page.url)
    return f"{url.path}?{url.query}" if url.query else url.path


def press_and_load(page, key: str = "Enter"):
    """Press a key that sends a form or follows a link, and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def skip_to_main(page):
    """The first Tab stop of a page is the skip link; Enter on it puts the focus on <main>, so that
    the next Tab goes to the page's own content, past the display switches and the menu."""
    page.keyboard.press("Tab")
    assert focus_matches(page, "a.skip-link[href='#main']"), (
        f"The first Tab stop is {focused(page)}, not the skip link."
    )
    assert_focus_shown(page)
    page.keyboard.press("Enter")
    assert focus_matches(page, "main#main"), f"The skip link moved the focus to {focused(page)}, not to <main>."


def sign_in_by_keyboard(page, username: str):
    """On the sign-in page (freshly loaded) the user name has the focus already: type it, Tab, the
    password, Enter."""
    page.wait_for_function("() => document.activeElement && document.activeElement.name === 'username'")
    assert_focus_shown(page)
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    assert focus_matches(page, "main input[name=password]"), f"Tab from the user name went to {focused(page)}."
    assert_focus_shown(page)
    page.keyboard.type(PASSWORD)
    press_and_load(page)


def follow(page, href: str, *, limit: int = 40, backwards: bool = False):
    """Tab to the link to ``href`` and follow it with Enter."""
    tab_to(page, f'a[href="{href}"]', limit=limit, backwards=backwards)
    press_and_load(page)
    assert address(page) == href, f"Enter on the link to {href} led to {page.url}."


def wait_for(condition, what: str, timeout: float = 10.0):
    """Poll the database briefly: the browser has had its answer, but look rather than assume."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@pytest.fixture
def setting(db):
    """A social worker and a coordinator of one location, an activity there with a session today
    and two people enrolled, and a running project with people in it."""
    users = get_user_model().objects
    worker = users.create_user(username="anna.nowak", password=PASSWORD, first_name="Anna", last_name="Nowak")
    coordinator = users.create_user(username="ewa.kowal", password=PASSWORD, first_name="Ewa", last_name="Kowal")
    for user, role in ((worker, Role.SOCIAL_WORKER), (coordinator, Role.COORDINATOR)):
        # The groups come from data migrations (put back by the harness): check rather than assume.
        group = Group.objects.filter(name=role).first()
        assert group is not None, f"The {role} group (created by a data migration) is missing."
        user.groups.add(group)
    location = LocationFactory(name="KIS Śródmieście")  # the factories' own location
    location.coordinators.add(coordinator)
    today = timezone.localdate()
    activity, session = group_meeting_today(location)
    for last_name in ("Adamczyk", "Borkowska"):
        Enrollment.objects.create(
            activity=activity,
            participant=ParticipantFactory(last_name=last_name, location=location, social_worker=worker),
            status=Enrollment.Status.ENROLLED,
            enrolled_on=today - DAY * 14,
        )
    project = ParticipationProjectFactory(locations=[location])
    for _ in range(2):
        ParticipationFactory(project=project, start_date=today - DAY * 30)
    return worker, coordinator, location, activity, session, project


def test_a_day_of_work_with_the_keyboard_alone(live_server, kis_page, assert_accessible, setting):
    worker, coordinator, location, activity, session, project = setting
    page, base = kis_page, live_server.url
    today = timezone.localdate()

    # --- Sign in. The only address opened directly: everything after it is reached by keys.
    page.goto(f"{base}/")
    page.wait_for_url(re.compile(r"/accounts/login/\?next=/$"))
    assert_accessible(page, "sign-in page")
    sign_in_by_keyboard(page, worker.username)
    assert address(page) == "/"
    assert_accessible(page, "social worker's home page")

    # --- Register a participant: from the home page to the form, skipping the menu.
    skip_to_main(page)
    follow(page, "/participants/new/")
    assert_accessible(page, "registration form")
    skip_to_main(page)
    # The list of the form's sections comes first in the content.
    tab_to(page, "main nav.form-sections a[href='#section-identity']", limit=10)
    pesel = valid_pesel(BORN)
    type_into(page, "input[name=first_name]", "Janina", limit=10)
    type_into(page, "input[name=last_name]", "Przybylska", limit=1)
    type_into(page, "input[name=pesel]", mistyped(pesel), limit=1)
    type_into(page, "input[name=street]", "ul. Sobieskiego")
    type_into(page, "input[name=house_number]", "12", limit=1)
    type_into(page, "input[name=postal_code]", "84-200")
    type_into(page, "input[name=town]", "Wejherowo", limit=1)
    type_into(page, "input[name=commune]", "Wejherowo")
    type_into(page, "input[name=county]", "wejherowski", limit=1)
    select_by_keyboard(page, "select[name=voivodeship]", "pomorskie", limit=1)
    select_by_keyboard(page, "select[name=area_type]", "1", limit=1)
    select_by_keyboard(page, "select[name=location]", str(location.pk), limit=80)
    tab_to(page, "main form[method=post] .form-actions button[type=submit]", limit=80)
    press_and_load(page)

    # Refused: the summary of the errors has the focus, and its first link leads to the PESEL.
    assert address(page) == "/participants/new/"
    assert Participant.objects.filter(last_name="Przybylska").count() == 0
    assert focus_matches(page, "#error-summary"), f"After the refused submit the focus is on {focused(page)}."
    assert_focus_shown(page)
    assert_accessible(page, "registration form with errors")
    next_stop(page, "#error-summary a[href='#id_pesel']")
    page.keyboard.press("Enter")
    assert focus_matches(page, "input#id_pesel"), f"The summary's link moved the focus to {focused(page)}."
    assert_focus_shown(page)
    assert page.locator("input#id_pesel").get_attribute("aria-invalid") == "true"
    # What was typed is kept: only the PESEL is typed again, and Enter in the field saves.
    page.keyboard.press("Control+A")
    page.keyboard.type(pesel)
    press_and_load(page)
    participant = Participant.objects.get(last_name="Przybylska")
    assert address(page) == f"/participants/{participant.pk}/"
    assert (participant.first_name, participant.pesel, participant.date_of_birth) == ("Janina", pesel, BORN)
    assert (participant.social_worker, participant.location) == (worker, location)
    assert_accessible(page, "participant's record")

    # --- Draft a contract from the record, with a task row added by the button.
    skip_to_main(page)
    follow(page, f"/contracts/new/?participant={participant.pk}", limit=60)
    assert_accessible(page, "draft contract form")
    skip_to_main(page)
    period_end = today + DAY * 180
    first_deadline, second_deadline = today + DAY * 30, today + DAY * 60
    tab_to(page, "input[name=kind]")
    choose_radio(page, "B")
    type_into(page, "input[name=place]", "Wejherowo", limit=5)
    type_into(page, "input[name=period_start]", today.strftime("%d.%m.%Y"), limit=1)
    type_into(page, "input[name=period_end]", period_end.strftime("%d.%m.%Y"), limit=1)
    type_into(page, "textarea[name=problems]", "Długotrwałe bezrobocie, zadłużenie czynszowe.", limit=5)
    type_into(page, "textarea[name=unemployment_causes]", "Brak kwalifikacji zawodowych.", limit=5)
    type_into(page, "textarea[name=main_goal]", "Podjęcie zatrudnienia.", limit=5)
    type_into(page, "textarea[name=centre_support]", "Poradnictwo zawodowe raz w tygodniu.", limit=5)
    type_into(page, "input[name=tasks-0-description]", "Udział w warsztatach aktywizacji zawodowej", limit=20)
    select_by_keyboard(page, "select[name=tasks-0-responsible]", "participant", limit=1)
    type_into(page, "input[name=tasks-0-deadline]", first_deadline.strftime("%d.%m.%Y"), limit=2)
    # The button adds a third row (two empty ones come with the form) and focuses its first field.
    tab_to(page, "button[data-formset-add=tasks]", limit=20)
    page.keyboard.press("Enter")
    assert focus_matches(page, "input[name=tasks-2-description]"), f"The new task row's focus: {focused(page)}."
    assert_focus_shown(page)
    page.keyboard.type("Spotkanie z doradcą zawodowym")
    select_by_keyboard(page, "select[name=tasks-2-responsible]", "participant", limit=1)
    type_into(page, "input[name=tasks-2-deadline]", second_deadline.strftime("%d.%m.%Y"), limit=2)
    tab_to(page, "main form[method=post] button[type=submit]", limit=5)
    press_and_load(page)
    contract = SocialContract.objects.get(participant=participant)
    assert address(page) == f"/contracts/{contract.pk}/"
    assert contract.status == ContractStatus.DRAFT
    assert (contract.kind, contract.period_start, contract.period_end) == ("B", today, period_end)
    assert sorted((t.description, t.deadline) for t in contract.tasks.all()) == [
        ("Spotkanie z doradcą zawodowym", second_deadline),
        ("Udział w warsztatach aktywizacji zawodowej", first_deadline),
    ]
    assert contract.missing_for_signing() == []
    assert_accessible(page, "draft contract page")

    # --- Sign it the keyboard way: the typed name, chosen with the arrow keys.
    skip_to_main(page)
    follow(page, f"/contracts/{contract.pk}/sign/", limit=40)
    assert_accessible(page, "contract signing page")
    skip_to_main(page)
    tab_to(page, "input#id_method_0", limit=60)
    page.keyboard.press("ArrowDown")
    assert focus_matches(page, "input#id_method_1:checked"), f"ArrowDown on the ways went to {focused(page)}."
    next_stop(page, "input#id_typed_name")
    page.keyboard.type("Janina Przybylska")
    next_stop(page, "input#id_typed_confirmation")
    page.keyboard.press("Space")
    next_stop(page, "input#id_password")
    page.keyboard.type(PASSWORD)
    press_and_load(page)
    assert address(page) == f"/contracts/{contract.pk}/"
    contract.refresh_from_db()
    assert (contract.status, contract.signature_method) == (ContractStatus.SIGNED, SignatureMethod.TYPED)
    assert contract.participant_typed_name == "Janina Przybylska"
    assert_accessible(page, "signed contract page")

    # --- Sign out: the button is in the menu bar, a few Tab stops from the top of the page.
    tab_to(page, "form[action='/accounts/logout/'] button[type=submit]", limit=30)
    press_and_load(page)
    assert address(page) == "/accounts/login/"

    # The new participant joins the group meanwhile (enrolling is not part of this journey).
    Enrollment.objects.create(
        activity=activity, participant=participant, status=Enrollment.Status.ENROLLED, enrolled_on=today
    )

    # --- A coordinator marks the session's attendance, reached through the menu.
    sign_in_by_keyboard(page, coordinator.username)
    assert address(page) == "/"
    follow(page, "/activities/", limit=20)
    skip_to_main(page)
    follow(page, f"/activities/{activity.pk}/", limit=60)
    skip_to_main(page)
    grid_path = f"/activities/sessions/{session.pk}/attendance/"
    follow(page, grid_path, limit=60)
    assert_accessible(page, "attendance grid")
    adamczyk, borkowska, przybylska = (
        Enrollment.objects.filter(activity=activity).order_by("participant__last_name").values_list("pk", flat=True)
    )

    def saved_by_key(key: str, enrollment_id: int, status: str):
        """The key marks the row, htmx saves it without reloading and swaps in the row the server
        sends back, and the focus stays on the mark in the new row."""
        row = f"row-{enrollment_id}"
        page.evaluate("id => { document.getElementById(id).dataset.beforeKey = 'yes'; }", row)
        # htmx hands the new row its own listeners when it has settled (after the swap): a key
        # pressed before that would choose a mark no listener sends.
        page.evaluate(
            "() => { window.kisSettled = false;"
            " document.body.addEventListener('htmx:afterSettle', () => { window.kisSettled = true; }, {once: true}); }"
        )
        with page.expect_response(lambda r: r.request.method == "POST" and r.url == f"{base}{grid_path}") as answer:
            page.keyboard.press(key)
        assert answer.value.status == 200, answer.value.text()[:500]
        assert answer.value.request.headers.get("hx-request") == "true", "The mark was not sent by htmx."
        wait_for(
            lambda: Attendance.objects.filter(session=session, enrollment_id=enrollment_id, status=status).exists(),
            f"The mark {status!r} of enrollment {enrollment_id} was not saved.",
        )
        page.wait_for_function("id => !document.getElementById(id).dataset.beforeKey", arg=row)
        page.wait_for_function("() => window.kisSettled === true")
        assert page.locator(f"#mark-{enrollment_id}-{status}").is_checked()
        assert focus_matches(page, f"#mark-{enrollment_id}-{status}"), (
            f"After the row was saved the focus is on {focused(page)}, not on its mark."
        )
        assert_focus_shown(page)

    skip_to_main(page)
    # Tab enters each row's group on its first mark; Space chooses it, the arrows move along.
    tab_to(page, f"#mark-{adamczyk}-{Mark.PRESENT}", limit=20)
    saved_by_key("Space", adamczyk, Mark.PRESENT)
    next_stop(page, f"#mark-{borkowska}-{Mark.PRESENT}")
    saved_by_key("ArrowRight", borkowska, Mark.ABSENT)
    next_stop(page, f"#mark-{przybylska}-{Mark.PRESENT}")
    saved_by_key("ArrowRight", przybylska, Mark.ABSENT)
    saved_by_key("ArrowRight", przybylska, Mark.EXCUSED)
    # Back to the first row: Shift+Tab steps out of the groups, landing on each one's chosen mark.
    tab_to(page, f"#mark-{adamczyk}-{Mark.PRESENT}", limit=4, backwards=True)
    assert dict(Attendance.objects.filter(session=session).values_list("enrollment_id", "status")) == {
        adamczyk: Mark.PRESENT,
        borkowska: Mark.ABSENT,
        przybylska: Mark.EXCUSED,
    }
    assert_accessible(page, "attendance grid with marks")

    # --- The project's outcome report, from the menu.
    follow(page, "/reports/", limit=40, backwards=True)  # up to the menu
    assert_accessible(page, "list of reports")
    skip_to_main(page)
    follow(page, f"/reports/projects/{project.pk}/", limit=20)
    assert page.locator("main h1").is_visible()
    assert project.code in page.locator("main").inner_text()
    assert_accessible(page, "outcome report")
