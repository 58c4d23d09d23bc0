"""Contrast, text size, forced colours, reflow and touch targets, measured in a real browser.

With the contrast version switched on (the switch in the header), every piece of text, link and
button on the pages a centre uses most is at least 7:1 against what lies under it, computed here
from ``getComputedStyle``; a device that asks for more contrast (``prefers-contrast: more``) gets
the same until its user chooses the standard colours. Under forced colours (Windows' high contrast)
the attendance grid still tells the chosen mark and the focused one apart, and badges keep a
border. At 320 CSS px (a phone, or 400% zoom) and at 200% zoom of a 1280 px window no page scrolls
sideways, with larger text too; on a touch tablet buttons, links in tables and check boxes are
44×44 CSS px or more (WCAG 2.5.5).

Selectors use names, ids and URLs, never translated text.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from activities.models import Attendance, Enrollment
from kis.roles import Role
from kis.tests.factories import LocationFactory
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory
from participation.models import ProjectParticipation
from participation.tests.factories import ParticipationFactory
from projects.tests.factories import ProjectFactory
from tests.browser.conftest import assert_no_csp_violations, close_context, new_context
from tests.browser.scenes import GROUP, group_meeting_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Kis-browser-test-2024!"
DAY = datetime.timedelta(days=1)
MIN_TARGET = 44
PALETTE = {"rgb(255, 255, 0) on rgb(0, 0, 0)", "rgb(255, 255, 255) on rgb(0, 0, 0)", "rgb(0, 0, 0) on rgb(255, 255, 0)"}

# Every element with text of its own: its colour against the first opaque background behind it.
TEXT_CONTRASTS = """() => {
  const parse = (c) => {
    const p = c.match(/[\\d.]+/g).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = ({r, g, b}) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const behind = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    if (!Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === "hidden") continue;
    if (el.closest(".visually-hidden, [hidden]")) continue;
    const under = behind(el);
    found.push({ratio: ratio(parse(style.color), under), tag: el.tagName, text: el.textContent.trim().slice(0, 40),
                link: el.closest("a") !== null, button: el.closest("button, .btn") !== null,
                colours: `${style.color} on rgb(${under.r}, ${under.g}, ${under.b})`});
  }
  const borders = [];
  for (const el of document.querySelectorAll("main .form-control, main .form-select, main .form-check-input")) {
    if (!el.getBoundingClientRect().width) continue;
    const colour = parse(getComputedStyle(el).borderTopColor);
    borders.push({ratio: ratio(colour, behind(el.parentElement)), name: el.name || el.id});
  }
  return {texts: found, borders: borders};
}"""

# Buttons, links in tables and fields narrower or lower than ``min`` CSS px.
TOUCH_TARGETS = (
    "header .btn, header a, main .btn, main table a, main .page-link, main select, "
    "main input:not([type=hidden]):not(.btn-check):not(.form-check-input)"
)
TOO_SMALL = f"""(min) => Array.from(document.querySelectorAll("{TOUCH_TARGETS}"))
  .filter((el) => el.getBoundingClientRect().width && !el.closest(".visually-hidden"))
  .map((el) => ({{el: el.outerHTML.slice(0, 80), box: el.getBoundingClientRect()}}))
  .map(({{el, box}}) => ({{el: el, w: box.width, h: box.height}}))
  .filter((t) => t.w < min || t.h < min)"""

OUTLINE = """(el) => { const s = getComputedStyle(el); return {style: s.outlineStyle, width: parseFloat(s.outlineWidth),
  colour: s.outlineColor, background: s.backgroundColor, weight: s.fontWeight, decoration: s.textDecorationLine,
  adjust: s.forcedColorAdjust, border: parseFloat(s.borderTopWidth), text: el.textContent.trim()}; }"""


def user_in(role: str, username: str):
    group = Group.objects.filter(name=role).first()
    assert group is not None, f"The {role} group (created by a data migration) is missing."
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name="Ewa", last_name="Kowal"
    )
    user.groups.add(group)
    return user


@pytest.fixture
def setting(db):
    """A coordinator of the factories' location; a session of an activity with four people, a
    project with a report, and people in the list."""
    coordinator = user_in(Role.COORDINATOR, "ewa.kowal")
    location = LocationFactory(name="KIS Śródmieście")
    location.coordinators.add(coordinator)
    today = timezone.localdate()
    activity, session = group_meeting_today(location, name=f"{GROUP} z bardzo długą nazwą", topic="Komunikacja")
    people = [
        Enrollment.objects.create(
            activity=activity,
            participant=ParticipantFactory(last_name=name, first_name="Aleksandra", location=location),
            status=Enrollment.Status.ENROLLED,
            enrolled_on=today - DAY * 14,
        )
        for name in ("Brzęczyszczykiewicz", "Chmielewska", "Dąbrowska", "Fijałkowska")
    ]
    # Children cared for during the session: check boxes on the attendance page.
    for enrollment in people[:2]:
        HouseholdMemberFactory(participant=enrollment.participant)
    project = ProjectFactory(title="Partnerstwo na rzecz aktywnej integracji w powiecie wejherowskim")
    for day in range(6):
        start = project.start_date + DAY * (day * 20)
        ParticipationFactory(
            project=project, status=ProjectParticipation.Status.ACTIVE, applied_on=start, start_date=start
        )
    return coordinator, session, people, project


@pytest.fixture
def browser_page(kis_browser):
    """``browser_page(**context options)``: a Polish-speaking page; CSP violations fail the test."""
    contexts = []

    def make(**options):
        context = new_context(kis_browser, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        assert_no_csp_violations(close_context(context))


def sign_in(page, base):
    page.goto(f"{base}/accounts/login/")
    page.locator("main input[name=username]").fill("ewa.kowal")
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def press_switch(page, name: str):
    button = page.locator(f"header form.kis-display button[name={name}]")
    with page.expect_navigation():
        button.click()
    return page.locator(f"header form.kis-display button[name={name}]").get_attribute("aria-pressed")


def pages_of(base, session, project):
    return {
        "home page": f"{base}/",
        "participants": f"{base}/participants/",
        "attendance grid": f"{base}/activities/sessions/{session.pk}/attendance/",
        "project report": f"{base}/reports/projects/{project.pk}/",
        "reports": f"{base}/reports/",
        "activity": f"{base}/activities/{session.activity_id}/",
    }


def test_the_contrast_version_is_seven_to_one_or_more_everywhere(live_server, browser_page, setting):
    coordinator, session, people, project = setting
    base = live_server.url
    page = browser_page(viewport={"width": 1280, "height": 900})
    sign_in(page, base)
    # Marks in the grid: the chosen one is drawn inverted, and measured too.
    Attendance.objects.create(
        session=session, enrollment=people[0], status=Attendance.Status.PRESENT, marked_by=coordinator
    )

    # The standard colours are AA (4.5:1), not the 7:1 of the contrast version: the measure can tell.
    page.goto(f"{base}/participants/")
    standard = page.evaluate(TEXT_CONTRASTS)
    assert min(t["ratio"] for t in standard["texts"]) < 7
    weak_borders = [b for b in standard["borders"] if b["ratio"] < 3]
    assert standard["borders"] and not weak_borders, f"Field borders under 3:1 (WCAG 1.4.11): {weak_borders}"

    assert press_switch(page, "contrast") == "true"
    assert page.evaluate("document.documentElement.dataset.contrast") == "high"
    for where, url in pages_of(base, session, project).items():
        page.goto(url)
        measured = page.evaluate(TEXT_CONTRASTS)
        texts = measured["texts"]
        assert len(texts) > 20, f"too little text found on the {where}"
        assert any(t["link"] for t in texts) and any(t["button"] for t in texts), where
        weak = sorted((t for t in texts if t["ratio"] < 7), key=lambda t: t["ratio"])
        assert not weak, f"Text under 7:1 in the contrast version on the {where}: {weak[:5]}"
        weak_borders = [b for b in measured["borders"] if b["ratio"] < 3]
        assert not weak_borders, f"Field borders under 3:1 on the {where}: {weak_borders}"
        # Yellow (or white, hovered) on black; black on yellow where chosen or current.
        used = {t["colours"] for t in texts}
        assert used <= PALETTE, (where, used - PALETTE)

    # The focus ring: a 3 px outline in a colour of its own, 3:1 or more against black.
    page.goto(f"{base}/participants/")
    page.locator("main a").first.focus()
    page.keyboard.press("Tab")
    ring = page.evaluate(OUTLINE, page.evaluate_handle("document.activeElement"))
    assert ring["style"] == "solid" and ring["width"] >= 3, ring
    assert ring["colour"] == "rgb(0, 255, 255)", ring

    # Switched off again: the standard colours, remembered on the user.
    assert press_switch(page, "contrast") == "false"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def test_a_device_asking_for_more_contrast_gets_it_until_the_standard_colours_are_chosen(live_server, browser_page):
    page = browser_page(viewport={"width": 1280, "height": 900})
    page.emulate_media(contrast="more")
    page.goto(f"{live_server.url}/accounts/login/")

    assert page.evaluate("matchMedia('(prefers-contrast: more)').matches")
    assert page.evaluate("document.documentElement.dataset.contrast") == "device"
    colours = page.evaluate("[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 0)"]
    texts = page.evaluate(TEXT_CONTRASTS)["texts"]
    assert texts and min(t["ratio"] for t in texts) >= 7, sorted(texts, key=lambda t: t["ratio"])[:3]

    assert press_switch(page, "contrast") == "true"  # chosen: the same colours
    assert press_switch(page, "contrast") == "false"  # the standard colours, chosen over the device's wish
    assert page.evaluate("document.documentElement.dataset.contrast") == "standard"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def test_forced_colours_keep_the_chosen_mark_its_focus_and_the_badges(live_server, browser_page, setting):
    coordinator, session, people, project = setting
    base = live_server.url
    page = browser_page(viewport={"width": 820, "height": 1180}, reduced_motion="reduce")
    page.emulate_media(forced_colors="active")
    sign_in(page, base)
    page.goto(f"{base}/activities/sessions/{session.pk}/attendance/")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    first, second = people[0].pk, people[1].pk

    # Nobody marked: each row says so in words, and every mark has its symbol.
    assert page.locator(".attendance-grid .attendance-unmarked:visible").count() == len(people)
    symbols = page.locator(f"#row-{first} label .mark-symbol").all_inner_texts()
    assert symbols == ["✓", "✗", "○"]

    # Marked with the keyboard (space on a radio button), saved by htmx.
    page.locator(f"#mark-{first}-present").focus()
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.keyboard.press("Space")
    page.wait_for_function(f"document.querySelector('#mark-{first}-present').checked")
    chosen = page.locator(f"label[for=mark-{first}-present]").evaluate(OUTLINE)
    other = page.locator(f"label[for=mark-{first}-absent]").evaluate(OUTLINE)
    assert chosen["adjust"] == "none" and chosen["background"] != other["background"], (chosen, other)
    assert chosen["weight"] == "700" and "underline" in chosen["decoration"] and chosen["border"] > other["border"]
    assert page.locator(f"#row-{first} .attendance-unmarked:visible").count() == 0
    assert page.locator(f"#row-{second} .attendance-unmarked:visible").count() == 1

    # The focus ring of the grid is an outline (forced colours drop box shadows), 3 px wide.
    page.locator(f"#mark-{second}-present").focus()
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.keyboard.press("ArrowRight")  # moves to "absent", which the browser also checks: saved
    page.wait_for_function(f"document.activeElement && document.activeElement.id === 'mark-{second}-absent'")
    focused = page.locator(f"label[for=mark-{second}-absent]").evaluate(OUTLINE)
    assert focused["style"] == "solid" and focused["width"] >= 3, focused
    unfocused = page.locator(f"label[for=mark-{second}-excused]").evaluate(OUTLINE)
    assert unfocused["style"] == "none" or unfocused["width"] == 0, unfocused

    # A mark made meanwhile on another tablet: the row's badge keeps its border.
    Attendance.objects.filter(session=session, enrollment=people[2]).delete()
    Attendance.objects.create(
        session=session, enrollment=people[2], status=Attendance.Status.ABSENT, marked_by=coordinator
    )
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator(f"label[for=mark-{people[2].pk}-present]").click()
    badge = page.locator(f"#row-{people[2].pk} .badge")
    badge.wait_for(state="visible", timeout=5_000)
    assert float(badge.evaluate("el => getComputedStyle(el).borderTopWidth").removesuffix("px")) >= 1


@pytest.mark.parametrize(
    ("viewport", "scale", "large"),
    [
        ({"width": 320, "height": 640}, 1, False),  # a phone, or 400% zoom of a 1280 px window
        ({"width": 640, "height": 400}, 2, False),  # 200% zoom of a 1280 px window
        ({"width": 320, "height": 640}, 2, True),  # a phone with the larger text
    ],
    ids=["320px", "200%-zoom", "320px-larger-text"],
)
def test_no_page_scrolls_sideways(live_server, browser_page, setting, viewport, scale, large):
    coordinator, session, people, project = setting
    base = live_server.url
    page = browser_page(viewport=viewport, device_scale_factor=scale)
    sign_in(page, base)
    if large:
        assert press_switch(page, "text_size") == "true"
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
    for where, url in pages_of(base, session, project).items():
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], (
            f"The {where} is {width} px wide at {viewport['width']} px: it scrolls sideways."
        )
    # A wide table scrolls in its own region, which a keyboard reaches and a screen reader names.
    page.goto(f"{base}/reports/")
    region = page.locator("main .table-responsive").first
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")


def test_touch_targets_on_a_tablet_are_44_px_or_more(live_server, browser_page, setting):
    coordinator, session, people, project = setting
    base = live_server.url
    page = browser_page(viewport={"width": 820, "height": 1180}, device_scale_factor=2, has_touch=True, is_mobile=True)
    sign_in(page, base)
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")
    checked = 0
    for where, url in pages_of(base, session, project).items():
        page.goto(url)
        too_small = page.evaluate(TOO_SMALL, MIN_TARGET)
        assert not too_small, f"Touch targets under {MIN_TARGET} px on the {where}: {too_small[:5]}"
        checked += page.locator("main table a").count()
    assert checked > 10, "no links in tables were measured"

    # A check box ticks wherever its row (44 px high at least) is tapped.
    page.goto(f"{base}/activities/sessions/{session.pk}/attendance/")
    rows = page.locator("main .form-check")
    assert rows.count() == 2, "the check boxes of the children in care are missing"
    for i in range(rows.count()):
        row = rows.nth(i)
        box = row.bounding_box()
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box
        box_id = row.locator(".form-check-input").get_attribute("id")
        for x, y in ((box["x"] + 2, box["y"] + 2), (box["x"] + box["width"] - 2, box["y"] + box["height"] - 2)):
            target = page.evaluate(
                "([x, y]) => { const el = document.elementFromPoint(x, y); const label = el && el.closest('label'); "
                "return el && (el.id || (label && label.htmlFor)); }",
                [x, y],
            )
            assert target == box_id, (box_id, x, y, target)
