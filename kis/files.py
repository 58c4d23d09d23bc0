"""Files KIS sends: every generated document (PDF, XLSX) and every stored scan goes out here.

A renderer is anything with ``render() -> Document``: the file's name, content type and content
(bytes, or an open file for a stored one). ``file_response`` is the one place that names the file
(``Content-Disposition``), keeps it out of every cache (it holds personal data) and writes the
audit entry of the download.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Protocol

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from kis.audit import log_event

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
CONTENT_TYPES = {"pdf": PDF, "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "xlsx": XLSX}


@dataclass(frozen=True)
class Document:
    filename: str
    content_type: str
    content: bytes | BinaryIO
    attachment: bool = False  # saved by the browser rather than shown (spreadsheets)


class Renderer(Protocol):
    def render(self) -> Document: ...


def file_name(text: str) -> str:
    """A document number (``KS/2026/0001``) as part of a file name (``KS-2026-0001``)."""
    return text.replace("/", "-").replace("\\", "-")


def content_type_of(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def file_response(request, document: Document, *, action: str, obj, details: dict | None = None) -> HttpResponse:
    """Send ``document``: named, never cached, and written to the audit trail (who, what, when)."""
    log_event(request=request, action=action, obj=obj, details=details)
    if isinstance(document.content, bytes):
        response = HttpResponse(document.content, content_type=document.content_type)
    else:
        response = FileResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(document.attachment, document.filename)
    response["Cache-Control"] = "private, no-store"
    return response


SCAN_MAX_BYTES = 10 * 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SCAN_TYPES = {b"%PDF-": "pdf", b"\xff\xd8\xff": "jpg", PNG_MAGIC: "png"}


class ScanRefused(ValueError):
    """An uploaded scan that is not kept; ``str(error)`` is a translated message for the user."""


def scan_kind(head: bytes) -> str | None:
    """The file type by its content (magic bytes): pdf, jpg, png, or None."""
    for magic, kind in SCAN_TYPES.items():
        if head.startswith(magic):
            return kind
    return None


def check_scan(upload, *, name: str) -> str:
    """Check an uploaded scan (a PDF, JPEG or PNG by its content, at most 10 MB), name it
    ``<name>.<kind>`` and return the kind; raise ScanRefused."""
    if upload.size > SCAN_MAX_BYTES:
        raise ScanRefused(_("The file is larger than 10 MB. Scan at a lower resolution and try again."))
    head = upload.read(8)
    upload.seek(0)
    kind = scan_kind(head)
    if kind is None:
        raise ScanRefused(_("Only PDF, JPEG or PNG files are accepted; this file is none of them."))
    upload.name = f"{name}.{kind}"
    return kind


IMAGE_MAX_BYTES = 2 * 1024 * 1024
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}


def check_image(upload, *, name: str) -> str:
    """Check an uploaded image (a PNG or JPEG that Pillow can read whole, at most 2 MB), name it
    ``<name>.<kind>`` and return the kind; raise ScanRefused."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > IMAGE_MAX_BYTES:
        raise ScanRefused(_("The image is larger than 2 MB. Save it smaller and try again."))
    try:
        with Image.open(upload) as image:
            kind = IMAGE_FORMATS.get(image.format)
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    upload.seek(0)
    if kind is None:
        raise ScanRefused(_("Only PNG or JPEG images are accepted; this file is not one, or it is damaged."))
    upload.name = f"{name}.{kind}"
    return kind
