"""The pages of a document made in the background (kis.background): its progress page, which polls
until the file is ready, its state as JSON (for scripts), and the download.

Each is open only to the document's readers — the users the page that offered it let through —
and to no one else (404). A download is written to the audit trail as the document's own action
(a print, an export), as a document sent at once would be."""

from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from kis.audit import log_event
from kis.models import GeneratedDocument


def readable(request, pk) -> GeneratedDocument:
    return get_object_or_404(GeneratedDocument.objects.filter(readers=request.user), pk=pk)


def download_url(document: GeneratedDocument) -> str | None:
    if document.state != GeneratedDocument.State.READY:
        return None
    return reverse("document_download", args=[document.pk])


@require_GET
def progress(request, pk):
    """The document's state; while it is being made, the part that shows it asks again every
    second (htmx) and stops once it is ready or failed."""
    return progress_of(request, readable(request, pk))


def progress_of(request, document: GeneratedDocument):
    context = {"document": document, "download": download_url(document)}
    if request.headers.get("HX-Request"):
        return render(request, "kis/includes/document_state.html", context)
    return render(request, "kis/document_progress.html", context)


@require_GET
def status(request, pk):
    document = readable(request, pk)
    return JsonResponse(
        {"state": document.state, "title": document.title, "download": download_url(document)},
        headers={"Cache-Control": "private, no-store"},
    )


@require_GET
def download(request, pk):
    document = readable(request, pk)
    if document.state != GeneratedDocument.State.READY:
        return progress_of(request, document)
    log_event(
        request=request,
        action=document.audit_action,
        details={**document.audit_details, "document": str(document.pk)},
        reference=(document.audit_object_type, document.audit_object_id, document.audit_object_repr),
    )
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(document.attachment, document.filename)
    response["Cache-Control"] = "private, no-store"
    return response
