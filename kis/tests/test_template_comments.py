"""A ``{# … #}`` comment of Django's templates ends on its own line: one spread over several lines
is printed as text in the page. Every template's comments are single-line or ``{% comment %}``."""

import re
from pathlib import Path

from django.conf import settings

OPENED = re.compile(r"\{#(?!.*#\})")


def templates():
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    roots += [p for p in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in p.parts]
    for root in roots:
        yield from root.rglob("*.html")


def test_no_template_comment_runs_over_a_line():
    found = [
        f"{path}:{number}"
        for path in templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if OPENED.search(line)
    ]
    assert list(templates()), "no template was read"
    assert found == []
