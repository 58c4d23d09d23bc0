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

from kis.audit import log_event

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
