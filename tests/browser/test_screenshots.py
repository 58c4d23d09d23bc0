"""Screenshots of the main pages, on the demo data, at the widths people use KIS at: a desktop, a
tablet held upright and a phone. They are written to ``screenshots/`` (``KIS_SCREENSHOTS`` names
another folder), one PNG per page and width, e.g. ``screenshots/phone/attendance.png``, for anyone
to look at the screens without installing KIS. No page may scroll sideways at any of the widths.
"""

import os
import re
import struct
from pathlib import Path

import pytest

from tests.browser.conftest import close_context, new_context
from tests.browser.demo_site import PASSWORD, ROOT

pytestmark = pytest.mark.browser

WIDTHS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "tablet": {"viewport": {"width": 820, "height": 1180}, "has_touch": True},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
}
# Each page: how to reach it from the one before (a path, or the first link of the page matching
# a pattern), as the coordinator of the demo.
PAGES = [
    ("home", "/"),
    ("participants", "/participants/"),
    ("participant", re.compile(r"^/participants/\d+/$")),
    ("participant-form", "/participants/new/"),
    ("contracts", "/contracts/"),
    ("contract", re.compile(r"^/contracts/\d+/$")),
    ("activities", "/activities/"),
    ("activity", re.compile(r"^/activities/\d+/$")),
    ("attendance", re.compile(r"^/activities/sessions/\d+/attendance/$")),
    ("reports", "/reports/"),
    ("report", re.compile(r"^/reports/projects/\d+/$")),
]


def folder() -> Path:
    return Path(os.environ.get("KIS_SCREENSHOTS") or ROOT / "screenshots")


def png_size(path: Path) -> tuple[int, int]:
    with path.open("rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def first_link(page, pattern: re.Pattern) -> str:
    paths = page.eval_on_selector_all("main a[href]", "links => links.map((a) => a.getAttribute('href'))")
    found = [path for path in paths if pattern.match(path.split("?")[0].split("#")[0])]
    assert found, f"no link on {page.url} matches {pattern.pattern}"
    return found[0]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_main_pages_are_photographed_and_none_scrolls_sideways(demo_site, kis_browser, width):
    options = WIDTHS[width]
    context = new_context(kis_browser, **options)
    page = context.new_page()
    page.goto(f"{demo_site}/accounts/login/")
    page.fill("main input[name=username]", "coordinator")
    page.fill("main input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    target = folder() / width
    target.mkdir(parents=True, exist_ok=True)
    overflowing = {}
    for name, where in PAGES:
        path = where if isinstance(where, str) else first_link(page, where)
        page.goto(f"{demo_site}{path}", wait_until="load")
        assert page.url.startswith(f"{demo_site}{path.split('?')[0]}"), f"{name}: {path} led to {page.url}"
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > options["viewport"]["width"]:
            overflowing[name] = scroll_width
        shot = target / f"{name}.png"
        page.screenshot(path=shot, full_page=True)
        shot_width, shot_height = png_size(shot)
        assert shot_width == options["viewport"]["width"] and shot_height >= options["viewport"]["height"] // 2
    close_context(context)

    assert overflowing == {}, f"pages wider than the {width} ({options['viewport']['width']} px): {overflowing}"
