"""Documents made in the background: what takes longer than a page does not hold up a web worker.

A document that can grow — a project's report PDF, the ESF sheet, a print of many people — is a
*recipe*: a class registered under a kind (``@recipe``) that knows from JSON-able ``params`` and the
user how many rows it will have, which version of the data it reads, how to render it and what its
download is written to the audit trail as. ``offer(request, recipe)`` sends it:

- at most ``KIS_DOCUMENT_INLINE_LIMIT`` rows: made at once and sent as the answer, as before;
- more: a ``GeneratedDocument`` is queued for the task worker (``manage.py db_worker``; django-tasks
  with its database backend by default, see ``TASKS`` in the settings) and the user is sent to its
  progress page, which polls until the file is ready. The same document asked for again — by anyone
  the offering page lets through — while the data it was made from is unchanged (the recipe's
  ``version()``, today's date, ``KIS_DOCUMENT_CACHE_HOURS``) is the one already made or being made.

The file is kept in private storage and sent only by ``kis.document_views`` to its readers; every
download is written to the audit trail as the document's action (a print, an export).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from typing import ClassVar

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation

from kis.audit import object_reference
from kis.files import Document, file_response
from kis.models import GeneratedDocument

try:  # Django 6 has tasks built in; on 5.2 they come from the django-tasks package.
    from django.tasks import task
except ImportError:  # pragma: no cover - the installed Django decides
    from django_tasks import task

log = logging.getLogger(__name__)

RECIPES: dict[str, type[Recipe]] = {}


class Recipe:
    """One kind of document. Subclasses set ``kind`` and implement the four methods below;
    ``params`` must be JSON-able (they are stored with the document and given to the worker)."""

    kind: ClassVar[str] = ""
    # Whether what the document shows depends on who asks (names of the people they may know
    # of): then each user's document is their own.
    per_user: ClassVar[bool] = False

    def __init__(self, params: dict, user):
        self.params, self.user = params, user

    def title(self) -> str:
        """What the progress page calls the document."""
        raise NotImplementedError

    def rows(self) -> int:
        """How large the document will be (people, activities…), to decide where it is made."""
        raise NotImplementedError

    def version(self) -> str:
        """A value that changes whenever the data the document shows changes."""
        raise NotImplementedError

    def render(self) -> Document:
        raise NotImplementedError

    def audit(self) -> tuple[str, object, dict]:
        """The audit entry of a download: (action, object, details)."""
        raise NotImplementedError


def recipe(cls: type[Recipe]) -> type[Recipe]:
    """Register a recipe under its kind (the module is imported by its app's ``ready()``)."""
    RECIPES[cls.kind] = cls
    return cls


def cache_key(item: Recipe) -> str:
    parts = {
        "kind": item.kind,
        "params": item.params,
        "version": item.version(),
        "day": timezone.localdate().isoformat(),
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "user": item.user.pk if item.per_user else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def offer(request, item: Recipe) -> HttpResponse:
    """The answer to a request for ``item``: the file itself when it is small, else a redirect to
    the progress page of the document made (or being made) in the background."""
    if item.rows() <= settings.KIS_DOCUMENT_INLINE_LIMIT:
        action, obj, details = item.audit()
        return file_response(request, item.render(), action=action, obj=obj, details=details)
    document = queue(item)
    return HttpResponseRedirect(reverse("document", args=[document.pk]))


def queue(item: Recipe) -> GeneratedDocument:
    """The document of ``item`` made or being made from today's data, or a new one queued; the
    user becomes one of its readers."""
    key = cache_key(item)
    fresh_since = timezone.now() - datetime.timedelta(hours=settings.KIS_DOCUMENT_CACHE_HOURS)
    document = (
        GeneratedDocument.objects.filter(cache_key=key, created_at__gte=fresh_since)
        .exclude(state=GeneratedDocument.State.FAILED)
        .first()
    )
    if document is None:
        action, obj, details = item.audit()
        object_type, object_id, object_repr = object_reference(obj)
        document = GeneratedDocument.objects.create(
            kind=item.kind,
            params=item.params,
            title=str(item.title())[:300],
            cache_key=key,
            requested_by=item.user,
            audit_action=action,
            audit_details=details,
            **dict(
                zip(("audit_object_type", "audit_object_id", "audit_object_repr"), object_reference(obj), strict=True)
            ),
        )
        language = translation.get_language() or settings.LANGUAGE_CODE
        # The worker may be another machine: it is told only which document to make, once the
        # row is there for it to read.
        transaction.on_commit(lambda: make_document.enqueue(str(document.pk), language))
    document.readers.add(item.user)
    return document


@task()
def make_document(document_id: str, language: str) -> None:
    """Make one queued document (run by the task worker)."""
    document = GeneratedDocument.objects.select_related("requested_by").get(pk=document_id)
    if document.state == GeneratedDocument.State.READY:
        return
    GeneratedDocument.objects.filter(pk=document.pk).update(
        state=GeneratedDocument.State.RUNNING, started_at=timezone.now()
    )
    from kis.routers import reading_from_replica  # the reads of a report may go to a replica

    try:
        item = RECIPES[document.kind](document.params, document.requested_by)
        with translation.override(language), reading_from_replica():
            made = item.render()
        content = made.content if isinstance(made.content, bytes) else made.content.read()
    except Exception as error:  # the user is told it failed; the log says why
        log.exception("Document %s (%s) failed", document.pk, document.kind)
        GeneratedDocument.objects.filter(pk=document.pk).update(
            state=GeneratedDocument.State.FAILED, finished_at=timezone.now(), error=repr(error)[:2000]
        )
        return
    document.file.save(made.filename, ContentFile(content), save=False)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        file=document.file.name,
        filename=made.filename,
        content_type=made.content_type,
        attachment=made.attachment,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        state=GeneratedDocument.State.READY,
        finished_at=timezone.now(),
    )
