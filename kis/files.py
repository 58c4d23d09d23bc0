"""Files KIS sends: every generated document (PDF, XLSX) and every stored scan goes out here.

A renderer is anything with ``render() -> Document``: the file's name, content type and content
(bytes, or an open file for a stored one). ``file_response`` is the one place that names the file
(``Content-Disposition``), keeps it out of every cache (it holds personal data) and writes the
audit entry of the download.
"""

from __future__ import annotations

import io
import re
import warnings
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
# An A4 page scanned at 600 dpi is 35 million pixels; a larger image is refused before it is
# decoded, so that a small file cannot unpack into gigabytes of memory.
SCAN_MAX_PIXELS = 50_000_000
IMAGE_MAX_PIXELS = 16_000_000


class ScanRefused(ValueError):
    """An uploaded scan that is not kept; ``str(error)`` is a translated message for the user."""


def scan_kind(head: bytes) -> str | None:
    """The file type by its content (magic bytes): pdf, jpg, png, or None."""
    for magic, kind in SCAN_TYPES.items():
        if head.startswith(magic):
            return kind
    return None


def check_scan(upload, *, name: str) -> str:
    """Check an uploaded scan — a PDF, JPEG or PNG by its content, at most 10 MB — name it
    ``<name>.<kind>`` and return the kind; raise ScanRefused.

    A PDF must parse and carry nothing active (``check_pdf``). An image is decoded whole and its
    upload rewritten with Pillow's own encoding of it (``reencode_image``), so that what is stored
    is pixels only: no EXIF (GPS position), no comments, nothing appended. Checking the same
    upload again (a form, then its service) does not encode it twice."""
    checked = getattr(upload, "kis_scan_kind", None)
    if checked:
        return checked
    if upload.size > SCAN_MAX_BYTES:
        raise ScanRefused(_("The file is larger than 10 MB. Scan at a lower resolution and try again."))
    data = read_whole(upload)
    kind = scan_kind(data[:8])
    if kind is None:
        raise ScanRefused(_("Only PDF, JPEG or PNG files are accepted; this file is none of them."))
    if kind == "pdf":
        check_pdf(data)
    else:
        replace_content(upload, reencode_image(data, kind=kind, max_pixels=SCAN_MAX_PIXELS))
    upload.kis_original_name = getattr(upload, "kis_original_name", upload.name)
    upload.name = f"{name}.{kind}"
    upload.kis_scan_kind = kind
    return kind


IMAGE_MAX_BYTES = 2 * 1024 * 1024
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}


def check_image(upload, *, name: str) -> str:
    """Check an uploaded image (a PNG or JPEG that Pillow can read whole, at most 2 MB), rewrite it
    as Pillow encodes it (no metadata), name it ``<name>.<kind>`` and return the kind; raise
    ScanRefused."""
    if upload.size > IMAGE_MAX_BYTES:
        raise ScanRefused(_("The image is larger than 2 MB. Save it smaller and try again."))
    not_an_image = _("Only PNG or JPEG images are accepted; this file is not one, or it is damaged.")
    data = read_whole(upload)
    kind = scan_kind(data[:8])
    if kind not in ("png", "jpg"):
        raise ScanRefused(not_an_image)
    replace_content(upload, reencode_image(data, kind=kind, max_pixels=IMAGE_MAX_PIXELS, damaged=not_an_image))
    upload.name = f"{name}.{kind}"
    return kind


def read_whole(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def replace_content(upload, data: bytes) -> None:
    """Put ``data`` in place of an upload's content, so that whatever stores the upload stores
    ``data``. Written into the upload's own file (in memory, or the temporary file a large upload
    is kept in, which the storage may move into place as it is)."""
    upload.file.seek(0)
    upload.file.truncate()
    upload.file.write(data)
    upload.file.flush()
    upload.file.seek(0)
    upload.size = len(data)


def damaged_image() -> str:
    return _("The image could not be read whole: it is damaged or not a PNG or JPEG image.")


def reencode_image(data: bytes, *, kind: str, max_pixels: int, damaged: str = "") -> bytes:
    """The image in ``data`` (a PNG or JPEG, per ``kind``) decoded and encoded again by Pillow,
    turned upright by its EXIF orientation and with every piece of metadata left behind; raise
    ScanRefused for a damaged file, another format, or more than ``max_pixels`` pixels."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    expected = {"png": "PNG", "jpg": "JPEG"}[kind]
    too_large = ScanRefused(
        _("The image has too many pixels to be a scan (at most %(millions)d million). Scan at a lower resolution.")
        % {"millions": max_pixels // 1_000_000}
    )
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; any warning of a bomb refuses the file.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != expected:
                    raise ScanRefused(damaged or damaged_image())
                if image.width * image.height > max_pixels:
                    raise too_large
                image.verify()
            with Image.open(io.BytesIO(data)) as image:  # verify() leaves an image unusable
                image.load()
                upright = ImageOps.exif_transpose(image)
    except ScanRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ScanRefused(damaged or damaged_image()) from None
    out = io.BytesIO()
    if kind == "jpg":
        if upright.mode not in ("L", "RGB", "CMYK"):
            upright = upright.convert("RGB")
        upright.save(out, "JPEG", quality=90)
    else:
        upright.save(out, "PNG")
    return out.getvalue()


# --- PDF -----------------------------------------------------------------------------------

# What makes a PDF act rather than show: scripts, files carried inside it, programs it starts,
# embedded media and XFA forms. A scan of paper has none of them.
ACTIVE_KEYS = {
    "/JavaScript",
    "/JS",
    "/EmbeddedFiles",
    "/EmbeddedFile",
    "/Launch",
    "/RichMedia",
    "/RichMediaContent",
    "/XFA",
}
# Values of /S (an action) and /Subtype (an annotation or a stream) that act.
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/RichMedia", "/ImportData", "/SubmitForm", "/EmbeddedFile"}
# Markup a browser would render if the file were ever taken for a web page (a PDF/HTML polyglot).
# Each marker is followed by what ends a tag name, so that compressed image data (any bytes) is
# unlikely to match by chance.
MARKUP = re.compile(rb"<(?:html|script|svg|!doctype|body)[\s>/]", re.IGNORECASE)
PDF_MAX_OBJECTS = 200_000


def pdf_refused() -> ScanRefused:
    return ScanRefused(_("The PDF could not be read. Scan the document again and save it as a plain PDF."))


def check_pdf(data: bytes) -> None:
    """Refuse a PDF that is not a plain document: one that pypdf cannot parse, an encrypted one,
    one with JavaScript, embedded files, launch actions, rich media or an XFA form anywhere in it
    (the catalogue's names and actions, pages, annotations, form fields), or one that is also a web
    page (markup anywhere in its bytes, or bytes before its ``%PDF-`` header); raise ScanRefused."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.startswith(b"%PDF-"):
        raise ScanRefused(_("Only PDF, JPEG or PNG files are accepted; this file is none of them."))
    if MARKUP.search(data):
        raise ScanRefused(
            _("The PDF also contains web-page code, so it is not kept. Scan the paper again and upload that file.")
        )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ScanRefused(_("The PDF is encrypted or password-protected. Upload the scan without a password."))
        active = active_content(reader.trailer)
    except ScanRefused:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, OSError, RecursionError):
        raise pdf_refused() from None
    if active:
        raise ScanRefused(
            _(
                "The PDF contains active content (%(what)s), which a scan never has, so it is not kept. "
                "Print it to PDF or scan the paper again, and upload that file."
            )
            % {"what": ", ".join(sorted(active))}
        )


def active_content(root) -> set[str]:
    """The active keys and actions found in every object reachable from ``root`` (the trailer:
    the catalogue, its names, pages, annotations, actions and forms), each visited once."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    found, seen, stack = set(), set(), [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > PDF_MAX_OBJECTS:
                raise ValueError("too many objects")
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            found |= ACTIVE_KEYS & set(item.keys())
            for kind in (item.get("/S"), item.get("/Subtype"), item.get("/Type")):
                if kind in ACTIVE_ACTIONS:
                    found.add(str(kind))
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return found
