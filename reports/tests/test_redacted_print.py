"""Printing without personal data: the list of people behind a figure and the report, as a page and
as a PDF (read back with pdftotext), with names as initials and the PESEL masked — while the
ordinary print shows them — and every such print in the audit trail with ``redacted``."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.template import Context, Template

from kis.models import AuditEvent
from participants.models import Participant

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    """The PDF's text without whitespace: a narrow cell breaks a name anywhere."""
    path = tmp_path / "print.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def people_url(built, **query) -> str:
    extra = "".join(f"&{key}={value}" for key, value in query.items())
    return f"/reports/projects/{built.project.pk}/people.pdf?figure=recruited{extra}"


def recruited(built) -> list[Participant]:
    return list(Participant.objects.filter(pk__in=[built.people[letter].pk for letter in "ABCDEFGJ"]))


def test_the_printed_list_shows_names_and_pesel(client, manager, built, tmp_path):
    client.force_login(manager)

    text = pdf_text(client.get(people_url(built)).content, tmp_path)

    a = built.people["A"]
    assert f"{a.last_name}{a.first_name}" in text
    assert a.pesel in text


def test_the_list_printed_without_personal_data_has_no_name_and_no_pesel(client, manager, built, tmp_path):
    # The footer names who printed it: a name of the staff that no participant has (the factories
    # would name the manager at random, perhaps as one of the people listed).
    manager.first_name, manager.last_name = "Kierownik", "Ośrodka"
    manager.save(update_fields=["first_name", "last_name"])
    client.force_login(manager)

    response = client.get(people_url(built, redacted=1))

    text = pdf_text(response.content, tmp_path)
    people = recruited(built)
    assert len(people) == 8
    leaked = [
        value
        for person in people
        for value in (person.last_name, person.first_name, person.pesel)
        if value and value in text
    ]
    assert leaked == []
    assert "A.A." in text  # Adamska Alicja
    assert "*" * 11 in text


def test_the_list_page_without_personal_data_shows_initials_only(client, manager, built):
    client.force_login(manager)

    content = client.get(
        f"/reports/projects/{built.project.pk}/people/", {"figure": "recruited", "redacted": "1"}
    ).content.decode()

    assert "A. A." in content
    assert "Adamska" not in content and "Alicja" not in content


def test_a_redacted_print_is_audited_as_a_print_saying_so(client, manager, built):
    client.force_login(manager)

    client.get(people_url(built, redacted=1))
    client.get(f"/reports/projects/{built.project.pk}/pdf/?redacted=1")

    prints = AuditEvent.objects.filter(action=AuditEvent.Action.PRINT, object_id=str(built.project.pk))
    assert [(e.details["report"], e.details["redacted"]) for e in prints.order_by("id")] == [
        ("people", True),
        ("outcomes", True),
    ]


def test_an_ordinary_print_is_audited_as_not_redacted(client, manager, built):
    client.force_login(manager)

    client.get(people_url(built))

    assert AuditEvent.objects.get(action=AuditEvent.Action.PRINT).details["redacted"] is False


def test_the_report_page_without_personal_data_keeps_it_in_the_figures_links(client, manager, built):
    client.force_login(manager)

    content = client.get(f"/reports/projects/{built.project.pk}/?redacted=1").content.decode()

    assert "figure=recruited&amp;redacted=1" in content


@pytest.mark.parametrize(
    ("value", "redacted", "printed"),
    [
        (Participant(first_name="Anna Maria", last_name="Nowak-Kowalska"), False, "Nowak-Kowalska Anna Maria"),
        (Participant(first_name="Anna Maria", last_name="Nowak-Kowalska"), True, "N. A. M."),
        ("85010112345", False, "85010112345"),
        ("85010112345", True, "***********"),
        (None, True, ""),
    ],
)
def test_the_filter_masks_names_and_pesel_only_when_asked(value, redacted, printed):
    template = Template("{% load privacy %}{{ value|personal:redacted }}")

    assert template.render(Context({"value": value, "redacted": redacted})) == printed
