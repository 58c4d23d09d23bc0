"""A project's logo strip and co-financing statement: uploaded with the project form, checked to be
an image (PNG or JPEG, read whole), kept in private storage, shown on the project page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kis.tests.helpers import field_error_text, submitted_data
from projects.models import Project
from projects.tests.test_projects import nothing_saved, project_data

pytestmark = pytest.mark.django_db

STATEMENT = "Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego Funduszu Społecznego"


def image_bytes(kind: str, size=(300, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=kind)
    return buffer.getvalue()


def post(client, upload, **changes):
    return client.post("/projects/new/", {**project_data(cofinancing_statement=STATEMENT, **changes), "emblem": upload})


@pytest.mark.parametrize(
    ("kind", "name", "uri"), [("PNG", "logo.png", "data:image/png"), ("JPEG", "logo.jpg", "data:image/jpeg")]
)
def test_a_png_or_jpeg_strip_is_kept_and_shown_on_the_project_page(client, manager, kind, name, uri):
    client.force_login(manager)

    response = post(client, SimpleUploadedFile(name, image_bytes(kind)), requires_declarations="on")

    project = Project.objects.get()
    assert response.status_code == 302
    assert project.emblem.name.startswith("emblems/")
    assert project.emblem_data_uri.startswith(uri)
    assert (project.cofinancing_statement, project.requires_declarations) == (STATEMENT, True)
    page = client.get(project.get_absolute_url()).content.decode()
    assert STATEMENT in page
    assert "drukowany w nagłówku dokumentów dla uczestników" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b"<html><script>alert(1)</script></html>", "Przyjmujemy tylko obrazy PNG lub JPEG"),
        ("logo.png", image_bytes("PNG")[:60], "Przyjmujemy tylko obrazy PNG lub JPEG"),  # cut short
        ("logo.gif", image_bytes("GIF"), "Przyjmujemy tylko obrazy PNG lub JPEG"),
        ("logo.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj<<>>endobj", "Przyjmujemy tylko obrazy PNG lub JPEG"),
        ("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024), "Obraz jest większy niż 2 MB"),
    ],
    ids=["html named .png", "damaged png", "gif", "pdf", "over 2 MB"],
)
def test_anything_but_a_whole_png_or_jpeg_is_refused_and_nothing_is_saved(client, manager, name, content, message):
    client.force_login(manager)

    response = post(client, SimpleUploadedFile(name, content))

    assert response.status_code == 200
    assert message in field_error_text(response, "emblem")
    assert nothing_saved()


def test_without_a_strip_the_page_says_documents_print_without_emblems(client, manager):
    client.force_login(manager)
    post(client, "")

    project = Project.objects.get()

    assert project.emblem_data_uri == ""
    assert "bez logotypów" in client.get(project.get_absolute_url()).content.decode()


def test_the_edit_form_links_to_no_stored_file_and_can_remove_the_strip(client, manager):
    client.force_login(manager)
    post(client, SimpleUploadedFile("logo.png", image_bytes("PNG")))
    project = Project.objects.get()

    page = client.get(f"/projects/{project.pk}/edit/")

    assert "emblems/" not in page.content.decode()  # the strip is private: no link to it
    data = {}
    for formset in page.context["formsets"].values():
        data |= submitted_data(page.context["form"], formset)
    response = client.post(f"/projects/{project.pk}/edit/", {**data, "remove_emblem": "on"})
    assert response.status_code == 302, response.context["form"].errors
    project.refresh_from_db()
    assert not project.emblem
