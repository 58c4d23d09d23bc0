"""The attendance grid on a tablet, in a real browser.

A coordinator opens the grid of a session of a twelve-person group on a touch tablet and taps
"present", "absent" or "excused" for individual people: htmx saves every tap at once, without
reloading the page. A mark made meanwhile by someone else (on another tablet) is not lost, a tap
for a person whose enrollment was removed meanwhile shows an error (in sight, even from the bottom
of the grid) instead of failing silently, and so does a tap lost to the network; "everyone not yet
marked: present" marks the rest without overwriting anyone's absence; a tap after the session
expired leads to the sign-in page instead of swapping it into the grid. The labels are big enough
to tap (WCAG 2.5.5: 44×44 CSS px) and axe-core checks the grid.

Selectors use names, ids and URLs, never translated text, so the test passes whether or not the
Polish catalogue has been compiled.
"""

import datetime
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from activities.models import Attendance, Enrollment
from kis.models import Location
from kis.roles import Role
from participants.tests.factories import ParticipantFactory
from tests.browser.conftest import assert_no_csp_violations, close_context, new_context
from tests.browser.scenes import group_meeting_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Kis-browser-test-2024!"
DAY = datetime.timedelta(days=1)
TABLET = {"width": 820, "height": 1180}  # a 10.9" tablet held upright
MIN_TARGET = 44  # WCAG 2.5.5 (target size, enhanced), CSS px
LAST_NAMES = [
    "Adamczyk",
    "Borkowska",
    "Cieślak",
    "Dąbrowski",
    "Elwart",
    "Fijałkowska",
    "Górski",
    "Hinc",
    "Iwańska",
    "Jankowski",
    "Kaczmarek",
    "Lewandowska",
]
Mark = Attendance.Status


@pytest.fixture
def tablet(kis_browser):
    """A Polish-speaking touch tablet (no cookies shared between tests)."""
    context = new_context(
        kis_browser,
        viewport=TABLET,
        screen=TABLET,
        device_scale_factor=2,
        has_touch=True,
        is_mobile=True,
        # Bootstrap then drops its colour transitions, which axe-core could catch half-way.
        reduced_motion="reduce",
    )
    page = context.new_page()
    yield page
    assert_no_csp_violations(close_context(context))


@pytest.fixture
def setting(db):
    """A coordinator, a colleague, and a session of an activity (run outside any project, so no
    project rule applies) with twelve people enrolled and one on the waiting list."""
    group = Group.objects.filter(name=Role.COORDINATOR).first()
    assert group is not None, (
        "The coordinator group (created by a data migration) is missing: the transactional test "
        "database was flushed without serialized_rollback=True."
    )
    assert group.permissions.filter(codename="change_attendance").exists(), (
        "Coordinators cannot mark attendance: activities.migrations.0005 has not granted the permissions."
    )
    users = get_user_model().objects
    coordinator = users.create_user(username="ewa.kowal", password=PASSWORD, first_name="Ewa", last_name="Kowal")
    colleague = users.create_user(username="piotr.lis", password=PASSWORD, first_name="Piotr", last_name="Lis")
    for user in (coordinator, colleague):
        user.groups.add(group)
    location = Location.objects.create(
        name="KIS Śródmieście", street="ul. Kopernika 22", postal_code="84-200", town="Wejherowo"
    )
    location.coordinators.add(coordinator, colleague)  # they see the people of their location
    today = timezone.localdate()
    activity, session = group_meeting_today(location, topic="Komunikacja w grupie")
    enrollments = [
        Enrollment.objects.create(
            activity=activity,
            participant=ParticipantFactory(last_name=name, location=location, social_worker=colleague),
            status=Enrollment.Status.ENROLLED,
            enrolled_on=today - DAY * 14,
        )
        for name in LAST_NAMES
    ]
    waiting = Enrollment.objects.create(
        activity=activity,
        participant=ParticipantFactory(last_name="Zawadzka", location=location, social_worker=colleague),
        status=Enrollment.Status.WAITING,
        enrolled_on=today - DAY * 10,
    )
    return coordinator, colleague, session, enrollments, waiting


def sign_in(page, base):
    page.goto(f"{base}/accounts/login/")
    page.locator("main input[name=username]").fill("ewa.kowal")
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def marks(session) -> dict[int, str]:
    return dict(Attendance.objects.filter(session=session).values_list("enrollment_id", "status"))


def wait_for_mark(session, enrollment, status, timeout=5.0) -> Attendance:
    """Poll the database briefly: the tap's request has been answered, but look rather than assume."""
    deadline = time.monotonic() + timeout
    while True:
        record = Attendance.objects.filter(session=session, enrollment=enrollment).first()
        if record is not None and record.status == status:
            return record
        assert time.monotonic() < deadline, (
            f"The tap on {status!r} for enrollment {enrollment.pk} was not saved "
            f"(in the database: {record.status if record else None!r})."
        )
        time.sleep(0.05)


def tap(page, enrollment_id: int, status, *, expect_status=200):
    """Tap the label of a radio button, as a finger would, and wait for htmx's request and, when
    it succeeds, for the row the server sent back to replace the one tapped."""
    url, row = page.url, f"row-{enrollment_id}"
    page.evaluate("id => { document.getElementById(id).dataset.tapped = 'yes'; }", row)
    with page.expect_response(lambda r: r.request.method == "POST" and r.url == url) as answer:
        page.locator(f'label[for="mark-{enrollment_id}-{status}"]').tap()
    response = answer.value
    assert response.status == expect_status, response.text()[:500]
    assert response.request.headers.get("hx-request") == "true", "The tap was not sent by htmx."
    if expect_status == 200:
        page.wait_for_function("id => !document.getElementById(id).dataset.tapped", arg=row, timeout=5_000)
    return response


def test_coordinator_marks_attendance_on_a_tablet(live_server, tablet, assert_accessible, setting):
    coordinator, colleague, session, people, waiting = setting
    page = tablet
    base = live_server.url
    grid_url = f"{base}/activities/sessions/{session.pk}/attendance/"
    started = time.monotonic()

    sign_in(page, base)
    page.goto(grid_url)
    rows = page.locator("#attendance-form table.attendance-grid tbody tr")
    # Everyone enrolled, in alphabetical order; nobody from the waiting list.
    assert rows.count() == len(people)
    assert [rows.nth(i).get_attribute("id") for i in range(len(people))] == [f"row-{e.pk}" for e in people]
    assert page.locator(f"#row-{waiting.pk}").count() == 0
    assert page.locator("#attendance-form input[type=radio]:checked").count() == 0
    assert_accessible(page, "attendance grid")

    # --- Touch targets: every label at least 44×44 CSS px, and the grid fits the tablet's width.
    labels = page.locator("#attendance-form .attendance-grid label")
    assert labels.count() == 3 * len(people)
    too_small = []
    for i in range(labels.count()):
        box = labels.nth(i).bounding_box()
        if box is None or box["width"] < MIN_TARGET or box["height"] < MIN_TARGET:
            too_small.append((labels.nth(i).get_attribute("for"), box))
    assert not too_small, f"Touch targets smaller than {MIN_TARGET}×{MIN_TARGET} px: {too_small}"
    all_present = page.locator("#attendance-form button[name=all_present]")
    box = all_present.bounding_box()
    assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"The grid is {overflow} px wider than the tablet: it scrolls sideways."

    # Taps must be saved without reloading the page: a reload would lose this marker.
    navigations = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and navigations.append(frame.url))
    page.evaluate("window.kisGridLoaded = true")

    def still_the_same_page():
        assert page.url == grid_url
        assert not navigations, f"The page navigated: {navigations}"
        assert page.evaluate("window.kisGridLoaded === true"), "The page was reloaded."

    # --- One tap per person, each saved at once.
    adamczyk, borkowska, cieslak, dabrowski, elwart, *rest, lewandowska = people
    tap_times = []
    for enrollment, status in ((adamczyk, Mark.PRESENT), (borkowska, Mark.ABSENT), (cieslak, Mark.EXCUSED)):
        before = time.monotonic()
        tap(page, enrollment.pk, status)
        record = wait_for_mark(session, enrollment, status)
        tap_times.append(time.monotonic() - before)
        assert record.marked_by == coordinator
        # The row came back from the server with the mark checked.
        assert page.locator(f"#mark-{enrollment.pk}-{status}").is_checked()
        assert page.locator(f"#row-{enrollment.pk} [role=status]").count() == 1
        still_the_same_page()
    assert marks(session) == {adamczyk.pk: Mark.PRESENT, borkowska.pk: Mark.ABSENT, cieslak.pk: Mark.EXCUSED}
    # The count of people present follows the taps.
    assert re.search(r"\b1\D+12\b", page.locator("#present-count").inner_text()), page.locator(
        "#present-count"
    ).inner_text()

    # Changing one's mind: a second tap on the same row changes the mark.
    tap(page, cieslak.pk, Mark.PRESENT)
    wait_for_mark(session, cieslak, Mark.PRESENT)
    assert not page.locator(f"#mark-{cieslak.pk}-{Mark.EXCUSED}").is_checked()
    assert re.search(r"\b2\D+12\b", page.locator("#present-count").inner_text())
    still_the_same_page()

    # --- Meanwhile a colleague marks Dąbrowski absent on another tablet; this page does not know.
    Attendance.objects.create(session=session, enrollment=dabrowski, status=Mark.ABSENT, marked_by=colleague)
    tap(page, elwart.pk, Mark.PRESENT)
    wait_for_mark(session, elwart, Mark.PRESENT)
    record = Attendance.objects.get(session=session, enrollment=dabrowski)
    assert (record.status, record.marked_by) == (Mark.ABSENT, colleague), "The colleague's mark was lost."
    still_the_same_page()

    # --- Meanwhile Lewandowska's enrollment is removed: the tap is refused, visibly, even at the
    # bottom of the grid, far below the place of the error messages.
    removed_pk = lewandowska.pk
    lewandowska.delete()
    errors = page.locator("#attendance-errors")
    assert errors.inner_text().strip() == ""
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")  # down to the headcount
    tap(page, removed_pk, Mark.PRESENT, expect_status=422)
    alert = page.locator("#attendance-errors [role=alert]")
    alert.wait_for(state="visible", timeout=5_000)
    expect(alert).to_be_in_viewport()
    assert alert.inner_text().strip(), "The error message is empty."
    assert "<html" not in errors.inner_html().lower()
    assert not Attendance.objects.filter(session=session, enrollment_id=removed_pk).exists()
    # The refused mark is not left on screen as if it had been saved.
    assert not page.locator(f"#mark-{removed_pk}-{Mark.PRESENT}").is_checked()
    still_the_same_page()
    assert_accessible(page, "attendance grid with marks and an error")

    # The next successful tap clears the old error.
    tap(page, rest[0].pk, Mark.ABSENT)
    wait_for_mark(session, rest[0], Mark.ABSENT)
    assert page.locator("#attendance-errors [role=alert]").count() == 0
    still_the_same_page()

    # --- The tablet loses the network for one tap: said so, and the tap is not shown as saved.
    page.route(grid_url, lambda route: route.abort("internetdisconnected"))
    with page.expect_event("requestfailed"):
        page.locator(f'label[for="mark-{rest[1].pk}-{Mark.EXCUSED}"]').tap()
    page.locator("#attendance-errors [role=alert]").wait_for(state="visible", timeout=5_000)
    assert page.locator("#attendance-errors [role=alert]").inner_text().strip()
    assert page.locator(f"#row-{rest[1].pk} input[type=radio]:checked").count() == 0
    assert not Attendance.objects.filter(session=session, enrollment=rest[1]).exists()
    page.unroute(grid_url)
    still_the_same_page()

    # --- "Everyone not yet marked: present" marks the rest and overwrites nobody (a full submit).
    with page.expect_navigation():
        all_present.tap()
    assert page.url == grid_url
    expected = {
        adamczyk.pk: Mark.PRESENT,
        borkowska.pk: Mark.ABSENT,
        cieslak.pk: Mark.PRESENT,
        dabrowski.pk: Mark.ABSENT,
        elwart.pk: Mark.PRESENT,
        rest[0].pk: Mark.ABSENT,
        **{e.pk: Mark.PRESENT for e in rest[1:]},
    }
    assert marks(session) == expected
    assert Attendance.objects.get(session=session, enrollment=dabrowski).marked_by == colleague
    assert not Attendance.objects.filter(session=session, enrollment=waiting).exists()

    # The reloaded grid shows what is in the database, the colleague's mark included.
    assert page.locator("#attendance-form .attendance-grid tbody tr").count() == len(people) - 1
    for enrollment_id, status in expected.items():
        assert page.locator(f"#mark-{enrollment_id}-{status}").is_checked(), (enrollment_id, status)
    present = sum(1 for status in expected.values() if status == Mark.PRESENT)
    assert re.search(rf"\b{present}\D+{len(expected)}\b", page.locator("#present-count").inner_text())
    assert_accessible(page, "attendance grid after everyone was marked")

    # --- The session expires while the tablet lies on the table: the next tap leads to the sign-in
    # page (which brings the coordinator back here) instead of swapping it into the table row.
    page.context.clear_cookies(name="sessionid")
    with page.expect_navigation():
        page.locator(f'label[for="mark-{rest[1].pk}-{Mark.ABSENT}"]').tap()
    page.wait_for_url(re.compile(re.escape(f"{base}/accounts/login/") + r"\?next="))
    assert Attendance.objects.get(session=session, enrollment=rest[1]).status == Mark.PRESENT
    sign_in_again = page.locator("main input[name=username]")
    sign_in_again.fill("ewa.kowal")
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(grid_url)

    elapsed = time.monotonic() - started
    print(f"\nattendance grid: slowest tap saved in {max(tap_times):.2f} s, test body {elapsed:.1f} s")
