"""Reflow (WCAG 1.4.10): a table of the screen pages scrolls inside its own region, never the page.

Every Bootstrap table (``class="table …"``; the printed documents do not use Bootstrap) sits in a
``.table-responsive`` region that a keyboard can reach and scroll (``tabindex="0"``) and that a
screen reader names (``role="region"`` with ``aria-label`` or ``aria-labelledby``). The widths are
measured in a browser by tests/browser/test_display_and_reflow.py.
"""

import re
from pathlib import Path

from django.conf import settings

TABLE = re.compile(r"<table\b[^>]*\bclass=\"table\b[^>]*>")
REGION = re.compile(r"<div ([^>]*)>\s*$")


def screen_tables():
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        for match in TABLE.finditer(source):
            line = source.count("\n", 0, match.start()) + 1
            yield f"{path.relative_to(settings.BASE_DIR)}:{line}", source[: match.start()]


def test_every_table_scrolls_in_a_named_region_a_keyboard_can_reach():
    tables = list(screen_tables())
    unwrapped = []
    for where, before in tables:
        wrapper = REGION.search(before)
        attributes = wrapper.group(1) if wrapper else ""
        if not (
            re.search(r'class="table-responsive\b', attributes)
            and 'role="region"' in attributes
            and 'tabindex="0"' in attributes
            and re.search(r'aria-label(ledby)?="[^"]+"', attributes)
        ):
            unwrapped.append(where)

    assert len(tables) > 50, "the templates' tables were not found"
    assert unwrapped == []


def test_a_region_labelled_by_a_caption_names_one_that_exists():
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        for label_id in re.findall(r'class="table-responsive[^>]*aria-labelledby="([^"]+)"', source):
            assert f'id="{label_id}"' in source, f"{path}: aria-labelledby={label_id} names nothing"
