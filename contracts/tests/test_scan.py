"""The scan of the signed paper original: PDF, JPEG or PNG up to 10 MB, recognised by content,
stored outside any public URL and served only to those who may see the contract."""

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from contracts.models import SocialContract
from contracts.tests.helpers import PNG_BYTES, messages_of
from kis.files import SCAN_MAX_BYTES
from kis.models import AuditEvent

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


def upload(client, contract, name, content, content_type="application/octet-stream"):
    return client.post(
        f"/contracts/{contract.pk}/scan/", {"scan": SimpleUploadedFile(name, content, content_type=content_type)}
    )


@pytest.mark.parametrize(
    ("name", "content", "extension", "content_type"),
    [
        ("umowa.pdf", PDF_BYTES, "pdf", "application/pdf"),
        ("skan.JPG", JPEG_BYTES, "jpg", "image/jpeg"),
        ("zdjecie.png", PNG_BYTES, "png", "image/png"),
        # The type comes from the content, not the name the browser sent.
        ("skan-bez-rozszerzenia", PDF_BYTES, "pdf", "application/pdf"),
    ],
)
def test_a_scan_is_stored_privately_and_served_to_the_worker(
    client, social_worker, signed, private_media, name, content, extension, content_type
):
    client.force_login(social_worker)

    response = upload(client, signed, name, content)

    assert response.status_code == 302
    assert messages_of(response) == ["The scan has been attached."]
    signed.refresh_from_db()
    assert signed.scan.name.startswith(f"contract_scans/{signed.pk}/")
    assert signed.scan.name.endswith(f".{extension}")
    assert signed.scan_uploaded_at is not None
    stored = private_media / signed.scan.name
    assert stored.read_bytes() == content
    assert not stored.resolve().is_relative_to(django_settings.MEDIA_ROOT)
    assert not stored.resolve().is_relative_to(django_settings.STATIC_ROOT)
    assert signed.snapshot_matches_hash() is True

    served = client.get(f"/contracts/{signed.pk}/scan/")

    assert served.status_code == 200
    assert served["Content-Type"] == content_type
    assert served["Cache-Control"] == "private, no-store"
    assert b"".join(served.streaming_content) == content
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, details__scan=True).count() == 1


def test_the_contract_page_links_to_the_scan(client, social_worker, signed):
    client.force_login(social_worker)
    upload(client, signed, "umowa.pdf", PDF_BYTES)

    content = client.get(f"/contracts/{signed.pk}/").content.decode()

    assert f'href="/contracts/{signed.pk}/scan/"' in content


def test_a_text_file_named_pdf_is_refused(client, social_worker, signed, private_media):
    client.force_login(social_worker)

    response = upload(client, signed, "umowa.pdf", b"To nie jest PDF, tylko tekst.\n", "application/pdf")

    assert response.status_code == 302
    assert messages_of(response) == ["Only PDF, JPEG or PNG files are accepted; this file is none of them."]
    assert not SocialContract.objects.get(pk=signed.pk).scan
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_a_file_over_10_mb_is_refused(client, social_worker, signed, private_media):
    client.force_login(social_worker)
    too_big = PDF_BYTES + b"\0" * (SCAN_MAX_BYTES + 1 - len(PDF_BYTES))
    assert len(too_big) == 10 * 1024 * 1024 + 1

    response = upload(client, signed, "umowa.pdf", too_big, "application/pdf")

    assert messages_of(response) == ["The file is larger than 10 MB. Scan at a lower resolution and try again."]
    assert not SocialContract.objects.get(pk=signed.pk).scan
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_a_file_of_exactly_10_mb_is_accepted(client, social_worker, signed):
    client.force_login(social_worker)
    content = PDF_BYTES + b"\0" * (SCAN_MAX_BYTES - len(PDF_BYTES))

    response = upload(client, signed, "umowa.pdf", content, "application/pdf")

    assert messages_of(response) == ["The scan has been attached."]
    assert SocialContract.objects.get(pk=signed.pk).scan.size == SCAN_MAX_BYTES


def test_a_post_without_a_file_is_refused(client, social_worker, signed):
    client.force_login(social_worker)

    response = client.post(f"/contracts/{signed.pk}/scan/", {})

    assert messages_of(response) == ["Choose a file to upload."]
    assert not SocialContract.objects.get(pk=signed.pk).scan


def test_a_new_scan_replaces_the_old_one(
    client, social_worker, signed, private_media, django_capture_on_commit_callbacks
):
    client.force_login(social_worker)
    upload(client, signed, "umowa.pdf", PDF_BYTES)
    first = SocialContract.objects.get(pk=signed.pk).scan.name

    with django_capture_on_commit_callbacks(execute=True):
        upload(client, signed, "umowa.png", PNG_BYTES)

    second = SocialContract.objects.get(pk=signed.pk).scan.name
    assert second.endswith(".png")
    assert (private_media / second).read_bytes() == PNG_BYTES
    assert not (private_media / first).exists()


@pytest.mark.parametrize(
    ("user", "status_code"), [("other_social_worker", 404), ("manager", 200), ("coordinator", 200)]
)
def test_the_scan_is_served_only_to_those_who_may_see_the_contract(
    client, social_worker, signed, request, user, status_code
):
    client.force_login(social_worker)
    upload(client, signed, "umowa.pdf", PDF_BYTES)
    client.force_login(request.getfixturevalue(user))

    response = client.get(f"/contracts/{signed.pk}/scan/")

    assert response.status_code == status_code
    if status_code == 200:
        assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_contract_without_a_scan_has_none_to_serve(client, social_worker, signed):
    client.force_login(social_worker)

    assert client.get(f"/contracts/{signed.pk}/scan/").status_code == 404


@pytest.mark.parametrize(("user", "status_code"), [("other_social_worker", 404), ("manager", 403), ("admin_user", 403)])
def test_only_those_managing_the_contract_may_upload_a_scan(client, signed, request, user, status_code):
    client.force_login(request.getfixturevalue(user))

    response = upload(client, signed, "umowa.pdf", PDF_BYTES)

    assert response.status_code == status_code
    assert not SocialContract.objects.get(pk=signed.pk).scan


def test_anonymous_users_are_sent_to_sign_in(client, signed):
    client.cookies.clear()

    response = client.get(f"/contracts/{signed.pk}/scan/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
