"""Every file goes out through one place: named, never cached, and written to the audit trail; and
every uploaded scan or image is checked by what it holds, not by its first bytes only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils.translation import gettext

from kis.files import PDF, Document, ScanRefused, check_image, check_scan, content_type_of, file_name, file_response
from kis.models import AuditEvent, Location
from kis.tests.pdfs import PLAIN_PDF, one_page


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


# --- what an upload may be: checked by content, images encoded again ----------------------------


def pdf_upload(content: bytes, name="skan.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def writer_pdf(build) -> bytes:
    """A one-page PDF made by pypdf, after ``build(writer)``."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_plain_pdf_is_accepted_and_kept_as_it_is():
    upload = pdf_upload(PLAIN_PDF, name="Skan umowy.pdf")

    assert check_scan(upload, name="scan") == "pdf"
    assert upload.name == "scan.pdf"
    assert upload.read() == PLAIN_PDF


def test_a_pdf_written_by_pypdf_is_accepted():
    assert check_scan(pdf_upload(writer_pdf(lambda writer: None)), name="scan") == "pdf"


@pytest.mark.parametrize(
    "content",
    [
        one_page(b"/OpenAction 4 0 R", b"", b"<< /S /JavaScript /JS (app.alert(1)) >>"),
        one_page(b"/Names << /JavaScript 4 0 R >>", b"", b"<< /Names [(a) 5 0 R] >>", b"<< /S /JavaScript /JS (x) >>"),
        # The same names spelt with #-escapes, as a PDF may.
        one_page(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"),
        one_page(b"", b"/AA << /O << /S /JavaScript /JS (x) >> >>"),
        one_page(
            b"", b"/Annots [4 0 R]", b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /Launch /F (c) >> >>"
        ),
        one_page(b"/AcroForm << /Fields [] /XFA 4 0 R >>", b"", b"<< /Length 0 >>\nstream\n\nendstream"),
        one_page(b"", b"/Annots [<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] /RichMediaContent << >> >>]"),
    ],
    ids=["open-action", "names-tree", "escaped-names", "page-action", "launch-link", "xfa", "rich-media"],
)
def test_a_pdf_with_active_content_is_refused(content):
    with pytest.raises(ScanRefused) as refused:
        check_scan(pdf_upload(content), name="scan")

    assert str(refused.value).startswith(gettext("The PDF contains active content (%(what)s)").split(" (")[0])


def test_a_pdf_carrying_a_file_is_refused():
    content = writer_pdf(lambda writer: writer.add_attachment("faktura.exe", b"MZ\x90\x00"))

    with pytest.raises(ScanRefused) as refused:
        check_scan(pdf_upload(content), name="scan")

    assert "/EmbeddedFile" in str(refused.value)


def test_a_pdf_that_is_also_a_web_page_is_refused():
    polyglot = PLAIN_PDF.replace(b"%\xe2\xe3\xcf\xd3\n", b"%<HTML><body><Script>alert(1)</script>\n")

    with pytest.raises(ScanRefused) as refused:
        check_scan(pdf_upload(polyglot), name="scan")

    assert str(refused.value) == gettext(
        "The PDF also contains web-page code, so it is not kept. Scan the paper again and upload that file."
    )


def test_bytes_before_the_pdf_header_are_refused():
    with pytest.raises(ScanRefused) as refused:
        check_scan(pdf_upload(b"<!-- -->" + PLAIN_PDF), name="scan")

    assert str(refused.value) == gettext("Only PDF, JPEG or PNG files are accepted; this file is none of them.")


def test_an_encrypted_pdf_is_refused():
    content = writer_pdf(lambda writer: writer.encrypt("tajne-haslo", algorithm="RC4-128"))

    with pytest.raises(ScanRefused) as refused:
        check_scan(pdf_upload(content), name="scan")

    assert str(refused.value) == gettext(
        "The PDF is encrypted or password-protected. Upload the scan without a password."
    )


def test_a_file_that_only_starts_like_a_pdf_is_refused():
    with pytest.raises(ScanRefused) as refused:
        check_scan(pdf_upload(b"%PDF-1.4\nto nie jest dokument\n"), name="scan")

    assert str(refused.value) == gettext(
        "The PDF could not be read. Scan the document again and save it as a plain PDF."
    )


def photo_with_gps(format_="JPEG", size=(64, 48)) -> bytes:
    from PIL import Image

    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Aparat"  # Make
    exif[0x8825] = {1: "N", 2: (54.0, 36.0, 0.0), 3: "E", 4: (18.0, 14.0, 0.0)}  # GPS: Wejherowo
    buffer = io.BytesIO()
    image.save(buffer, format=format_, exif=exif)
    return buffer.getvalue()


def exif_of(content: bytes) -> dict:
    from PIL import Image

    with Image.open(io.BytesIO(content)) as image:
        return dict(image.getexif())


@pytest.mark.parametrize(("format_", "kind"), [("JPEG", "jpg"), ("PNG", "png")])
def test_an_image_is_stored_encoded_again_without_its_exif(format_, kind):
    original = photo_with_gps(format_)
    assert 0x8825 in exif_of(original)
    upload = SimpleUploadedFile("IMG_0001.jpg", original, content_type="image/jpeg")

    assert check_scan(upload, name="scan") == kind

    stored = upload.read()
    assert stored != original and upload.size == len(stored)
    assert exif_of(stored) == {}
    assert b"Aparat" not in stored


def test_a_large_upload_kept_in_a_temporary_file_is_rewritten_there():
    from django.core.files.uploadedfile import TemporaryUploadedFile

    upload = TemporaryUploadedFile("skan.jpg", "image/jpeg", 0, None)
    upload.write(photo_with_gps())
    upload.size = upload.tell()

    check_scan(upload, name="scan")

    with open(upload.temporary_file_path(), "rb") as on_disk:
        assert exif_of(on_disk.read()) == {}
    upload.close()


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, format="PNG")  # 64 million pixels in a few kilobytes
    assert len(buffer.getvalue()) < 100_000

    with pytest.raises(ScanRefused) as refused:
        check_scan(SimpleUploadedFile("bomba.png", buffer.getvalue()), name="scan")

    assert "50" in str(refused.value)


def test_a_damaged_image_is_refused():
    truncated = photo_with_gps()[:200]

    with pytest.raises(ScanRefused) as refused:
        check_scan(SimpleUploadedFile("skan.jpg", truncated), name="scan")

    assert str(refused.value) == gettext("The image could not be read whole: it is damaged or not a PNG or JPEG image.")


def test_checking_an_upload_twice_encodes_it_once():
    upload = SimpleUploadedFile("skan.jpg", photo_with_gps())
    check_scan(upload, name="scan")
    once = upload.read()
    upload.seek(0)

    assert check_scan(upload, name="scan") == "jpg"
    assert upload.read() == once


def test_an_emblem_is_stored_encoded_again_without_its_exif():
    upload = SimpleUploadedFile("logo.jpg", photo_with_gps(size=(300, 40)))

    assert check_image(upload, name="emblem") == "jpg"

    assert upload.name == "emblem.jpg"
    assert exif_of(upload.read()) == {}
