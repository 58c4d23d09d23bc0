"""The scan of the signed paper original: PDF, JPEG or PNG up to 10 MB, recognised and checked by
content, stored outside any public URL as a new version each time (earlier ones kept), and sent
as a download only to those who may see the contract."""

import io

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from contracts.models import ContractScan, SocialContract
from contracts.tests.helpers import messages_of
from kis.files import SCAN_MAX_BYTES
from kis.models import AuditEvent
from kis.tests.pdfs import PLAIN_PDF, one_page, one_page_of_size

pytestmark = pytest.mark.django_db

PDF_BYTES = PLAIN_PDF


def image_bytes(format_: str, color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, format=format_)
    return buffer.getvalue()


JPEG_BYTES = image_bytes("JPEG")
PNG_BYTES = image_bytes("PNG")


def pixels(content: bytes):
    with Image.open(io.BytesIO(content)) as image:
        return image.format, image.size, image.convert("RGB").getpixel((20, 15))


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
    if extension == "pdf":
        assert stored.read_bytes() == content
    else:  # an image is stored as Pillow encoded it again: the same picture
        assert pixels(stored.read_bytes())[:2] == pixels(content)[:2]
    assert not stored.resolve().is_relative_to(django_settings.MEDIA_ROOT)
    assert not stored.resolve().is_relative_to(django_settings.STATIC_ROOT)
    assert signed.snapshot_matches_hash() is True

    served = client.get(f"/contracts/{signed.pk}/scan/")

    assert served.status_code == 200
    assert served["Content-Type"] == content_type
    assert served["Cache-Control"] == "private, no-store"
    assert served["Content-Disposition"].startswith("attachment;")
    assert b"".join(served.streaming_content) == stored.read_bytes()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, details__scan=True).count() == 1


def test_the_contract_page_links_to_the_scan(client, social_worker, signed):
    client.force_login(social_worker)
    upload(client, signed, "umowa.pdf", PDF_BYTES)

    content = client.get(f"/contracts/{signed.pk}/").content.decode()

    assert f'href="/contracts/{signed.pk}/scans/1/"' in content


def test_a_text_file_named_pdf_is_refused(client, social_worker, signed, private_media):
    client.force_login(social_worker)

    response = upload(client, signed, "umowa.pdf", b"To nie jest PDF, tylko tekst.\n", "application/pdf")

    assert response.status_code == 302
    assert messages_of(response) == ["Only PDF, JPEG or PNG files are accepted; this file is none of them."]
    assert not SocialContract.objects.get(pk=signed.pk).scan
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_a_file_over_10_mb_is_refused(client, social_worker, signed, private_media):
    client.force_login(social_worker)
    too_big = one_page_of_size(SCAN_MAX_BYTES + 1)
    assert len(too_big) == 10 * 1024 * 1024 + 1

    response = upload(client, signed, "umowa.pdf", too_big, "application/pdf")

    assert messages_of(response) == ["The file is larger than 10 MB. Scan at a lower resolution and try again."]
    assert not SocialContract.objects.get(pk=signed.pk).scan
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_a_file_of_exactly_10_mb_is_accepted(client, social_worker, signed):
    client.force_login(social_worker)
    content = one_page_of_size(SCAN_MAX_BYTES)

    response = upload(client, signed, "umowa.pdf", content, "application/pdf")

    assert messages_of(response) == ["The scan has been attached."]
    assert SocialContract.objects.get(pk=signed.pk).scan.size == SCAN_MAX_BYTES


def test_a_post_without_a_file_is_refused(client, social_worker, signed):
    client.force_login(social_worker)

    response = client.post(f"/contracts/{signed.pk}/scan/", {})

    assert messages_of(response) == ["Choose a file to upload."]
    assert not SocialContract.objects.get(pk=signed.pk).scan


def test_a_new_scan_keeps_the_earlier_one_as_a_version(
    client, social_worker, signed, private_media, django_capture_on_commit_callbacks
):
    client.force_login(social_worker)
    upload(client, signed, "umowa.pdf", PDF_BYTES)
    first = SocialContract.objects.get(pk=signed.pk).scan.name

    with django_capture_on_commit_callbacks(execute=True):
        upload(client, signed, "umowa.png", PNG_BYTES)

    contract = SocialContract.objects.get(pk=signed.pk)
    assert contract.scan.name.endswith(".png") and contract.scan.name != first
    assert (private_media / first).read_bytes() == PDF_BYTES  # the first file is still there
    versions = list(ContractScan.objects.filter(contract=contract).order_by("number"))
    assert [(v.number, v.file.name, v.uploaded_by) for v in versions] == [
        (1, first, social_worker),
        (2, contract.scan.name, social_worker),
    ]
    assert [v.original_name for v in versions] == ["umowa.pdf", "umowa.png"]
    assert versions[1].sha256 == contract.scan_sha256 != versions[0].sha256
    event = AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE, object_id=str(signed.pk)).latest("id")
    assert (event.details["scan_version"], event.details["previous_scan_sha256"]) == (2, versions[0].sha256)


def test_each_version_is_downloaded_as_an_attachment_and_audited(client, social_worker, signed):
    client.force_login(social_worker)
    upload(client, signed, "umowa.pdf", PDF_BYTES)
    upload(client, signed, "umowa.png", PNG_BYTES)

    first = client.get(f"/contracts/{signed.pk}/scans/1/")
    current = client.get(f"/contracts/{signed.pk}/scan/")

    assert b"".join(first.streaming_content) == PDF_BYTES
    assert first["Content-Disposition"] == f'attachment; filename="skan-{signed.number.replace("/", "-")}-v1.pdf"'
    assert current["Content-Disposition"].endswith('-v2.png"')
    assert current["Content-Type"] == "image/png"
    assert [e.details["scan_version"] for e in AuditEvent.objects.filter(details__scan=True).order_by("id")] == [1, 2]
    assert client.get(f"/contracts/{signed.pk}/scans/3/").status_code == 404


def test_the_contract_page_lists_the_current_scan_and_the_earlier_ones(client, social_worker, signed):
    client.force_login(social_worker)
    upload(client, signed, "umowa.pdf", PDF_BYTES)
    upload(client, signed, "umowa.png", PNG_BYTES)

    response = client.get(f"/contracts/{signed.pk}/")

    content = response.content.decode()
    current = content[content.index('id="current-scan"') : content.index('id="earlier-scans"')]
    earlier = content[content.index('id="earlier-scans"') :]
    assert f"/contracts/{signed.pk}/scans/2/" in current
    assert f"/contracts/{signed.pk}/scans/1/" in earlier.split("</ul>")[0]
    assert [s.number for s in response.context["scans"]] == [2, 1]


def test_a_version_of_another_workers_contract_is_not_found(client, signed, social_worker, other_social_worker):
    client.force_login(social_worker)
    upload(client, signed, "umowa.pdf", PDF_BYTES)
    client.force_login(other_social_worker)

    assert client.get(f"/contracts/{signed.pk}/scans/1/").status_code == 404
    assert not AuditEvent.objects.filter(details__scan=True).exists()


def test_a_pdf_with_javascript_is_refused_and_nothing_is_stored(client, social_worker, signed, private_media):
    client.force_login(social_worker)
    scripted = one_page(b"/OpenAction 4 0 R", b"", b"<< /S /JavaScript /JS (app.alert(1)) >>")

    response = upload(client, signed, "umowa.pdf", scripted, "application/pdf")

    [message] = messages_of(response)
    assert message.startswith("The PDF contains active content")
    assert not ContractScan.objects.exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


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
