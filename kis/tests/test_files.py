"""Every file goes out through one place: named, never cached, and written to the audit trail."""

import io

import pytest
from django.test import RequestFactory

from kis.files import PDF, Document, content_type_of, file_name, file_response
from kis.models import AuditEvent, Location


@pytest.mark.django_db
def test_a_document_is_named_kept_out_of_caches_and_audited(social_worker):
    request = RequestFactory().get("/x/", REMOTE_ADDR="10.0.0.7")
    request.user = social_worker
    site = Location.objects.create(name="KIS Śródmieście")

    response = file_response(
        request, Document("lista-2026-12-01.pdf", PDF, b"%PDF-1.7"), action=AuditEvent.Action.PRINT, obj=site
    )

    assert response.content == b"%PDF-1.7"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="lista-2026-12-01.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    event = AuditEvent.objects.get()
    assert (event.action, event.user, event.object_type, event.ip_address) == (
        "print",
        social_worker,
        "kis.location",
        "10.0.0.7",
    )


@pytest.mark.django_db
def test_a_stored_file_with_a_polish_name_is_sent_as_an_attachment(social_worker):
    request = RequestFactory().get("/x/")
    request.user = social_worker
    site = Location.objects.create(name="KIS")
    document = Document("zażółć.xlsx", content_type_of("zażółć.xlsx"), io.BytesIO(b"PK"), attachment=True)

    response = file_response(request, document, action=AuditEvent.Action.EXPORT, obj=site)

    assert b"".join(response.streaming_content) == b"PK"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''za%C5%BC%C3%B3%C5%82%C4%87.xlsx"
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_document_numbers_become_file_names():
    assert file_name("KS/2026/0001") == "KS-2026-0001"
    assert content_type_of("skan.JPG") == "image/jpeg"
    assert content_type_of("skan.tiff") == "application/octet-stream"
