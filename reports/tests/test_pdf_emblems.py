"""The outcome report, a document used with participants and funders, carries the project's
funding emblems and co-financing statement at its top (art. 50 of reg. 2021/1060); without an
emblem it still prints."""

import pytest

from kis.tests.emblems import STATEMENT, STRIP_SIZE, give_emblem, pdf_images, pdf_text
from reports.tests.factories import ReportProjectFactory

pytestmark = pytest.mark.django_db


def test_the_report_carries_the_emblems_and_the_statement_at_its_top(client, manager, private_media, tmp_path):
    project = give_emblem(ReportProjectFactory(title="Aktywna integracja w Zawierciu"))
    client.force_login(manager)

    response = client.get(f"/reports/projects/{project.pk}/pdf/")

    assert response.status_code == 200
    assert pdf_images(response.content, tmp_path) == [(1, *STRIP_SIZE)]
    text = pdf_text(response.content, tmp_path)
    assert STATEMENT in text
    assert text.index(STATEMENT) < text.index("Aktywna integracja w Zawierciu")


def test_the_report_prints_without_an_emblem(client, manager, private_media, tmp_path):
    project = ReportProjectFactory(title="Aktywna integracja w Zawierciu")
    client.force_login(manager)

    response = client.get(f"/reports/projects/{project.pk}/pdf/")

    assert response.status_code == 200
    assert pdf_images(response.content, tmp_path) == []
    assert "Aktywna integracja w Zawierciu" in pdf_text(response.content, tmp_path)
