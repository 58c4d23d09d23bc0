"""A Niebieska Karta link is never printed: no document's template reads the programme links, by
their template tag, their includes or the person's ``programme_links``."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
READS_LINKS = re.compile(r"programme_links|programmes/")
REFERS = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")


def printed_templates() -> set[Path]:
    """The templates of every document (``*_pdf.html``), with everything they include or extend."""
    seen, todo = set(), sorted(TEMPLATES.rglob("*_pdf.html"))
    while todo:
        path = todo.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        todo.extend(TEMPLATES / name for name in REFERS.findall(path.read_text()))
    return seen


def test_there_are_documents_to_look_at():
    names = {path.name for path in printed_templates()}

    assert {"socialcontract_pdf.html", "certificate_pdf.html", "project_report_pdf.html"} <= names


def test_no_document_reads_the_programme_links():
    reading = [str(path.relative_to(TEMPLATES)) for path in printed_templates() if READS_LINKS.search(path.read_text())]

    assert reading == []


def test_the_check_sees_a_document_that_would_include_them():
    page = '{% load i18n %}{% include "programmes/includes/participant_programmes.html" %}'

    assert READS_LINKS.search(page)
    assert REFERS.findall(page) == ["programmes/includes/participant_programmes.html"]
