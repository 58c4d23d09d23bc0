"""The demo's ESF sheets and funding emblems, read back as the funder would read them."""

import csv
import io

import pytest
from openpyxl import load_workbook

from demo import organisation
from participation.models import ProjectParticipation
from projects.models import Project
from reports import esf_columns

pytestmark = pytest.mark.django_db

STATUSES = {
    "osoba bezrobotna zarejestrowana w ewidencji urzędów pracy",
    "osoba bezrobotna niezarejestrowana w ewidencji urzędów pracy",
    "osoba bierna zawodowo",
    "osoba pracująca",
}


@pytest.fixture
def zawiercie(demo):
    return Project.objects.get(code=organisation.ZAWIERCIE_PROJECT)


@pytest.fixture
def signed_in_manager(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="manager"))
    return client


@pytest.mark.parametrize("layout", ["sl2014", "cst2021"])
def test_the_zawiercie_sheet_has_the_145_who_started_once_each_in_both_formats(signed_in_manager, zawiercie, layout):
    base = f"/reports/projects/{zawiercie.pk}/participants"
    header_at = 1 if layout == "sl2014" else 0

    xlsx = signed_in_manager.get(f"{base}.xlsx?layout={layout}")
    csv_response = signed_in_manager.get(f"{base}.csv?layout={layout}")

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    from_xlsx = [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    from_csv = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert from_xlsx == from_csv  # the same rows, cell by cell
    header, rows = from_csv[header_at], from_csv[header_at + 1 :]
    assert header == getattr(esf_columns, layout.upper()).headers
    assert len(rows) == 145
    status = header.index("Status osoby na rynku pracy w chwili przystąpienia do projektu")
    assert {row[status] for row in rows} <= STATUSES
    assert all(row[status + 1] for row in rows)  # "W tym" is never blank by accident
    started = ProjectParticipation.objects.filter(project=zawiercie).recruited()
    assert {row[header.index("Imię")] + " " + row[header.index("Nazwisko")] for row in rows} == {
        p.participant.full_name for p in started.select_related("participant")
    }


def test_every_demo_project_has_its_logo_strip_and_co_financing_statement(demo):
    for project in Project.objects.all():
        assert project.emblem_data_uri.startswith("data:image/png;base64,")
        assert "Unii Europejskiej" in project.cofinancing_statement


def test_the_2021_2027_projects_have_both_declarations_signed_by_the_first_support(demo):
    from participation.models import Declaration

    started = ProjectParticipation.objects.filter(
        project__esf_layout=Project.EsfLayout.CST2021, start_date__isnull=False
    ).select_related("project", "participant")
    assert started.exists()
    signed = {
        (d.project_id, d.participant_id, d.kind): d.signed_on
        for d in Declaration.objects.filter(project__esf_layout=Project.EsfLayout.CST2021)
    }
    for p in started:
        for kind in Declaration.Kind.values:
            assert signed[(p.project_id, p.participant_id, kind)] <= p.start_date, (p, kind)


def test_a_demo_declaration_prints_with_the_logo_strip_and_the_statement(signed_in_manager, demo, tmp_path):
    from participation.tests.test_declarations import pdf_images, pdf_text

    p = ProjectParticipation.objects.filter(project__esf_layout=Project.EsfLayout.CST2021, start_date__isnull=False)
    p = p.select_related("project", "participant").order_by("pk").first()
    signed_in_manager.force_login(p.participant.social_worker)

    response = signed_in_manager.get(f"/activities/participations/{p.pk}/declarations/data_protection.pdf")

    path = tmp_path / "statement.pdf"
    path.write_bytes(response.content)
    text = pdf_text(path)
    assert (1200, 140) in pdf_images(path)  # the logo strip (and the signature drawn on screen)
    assert "Unii Europejskiej w ramach Europejskiego Funduszu Społecznego Plus" in text
    assert p.participant.full_name in text and p.project.lead_organisation in text
