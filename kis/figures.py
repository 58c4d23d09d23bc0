"""Each project's figures version (``kis.models.FiguresVersion``): what a report's cache key reads
instead of aggregating the project's participations, people, enrolments, sessions and marks on every
visit (reports.background.project_version).

Every write to those rows moves it on, in the same transaction as the write and after it:

- ``save()`` and ``delete()``, cascades included, by the receivers ``connect`` attaches to each
  model whose default QuerySet is a ``CountedInReports``;
- ``QuerySet.update()``, ``bulk_update()`` (which calls it) and ``bulk_create()``, by
  ``CountedInReports`` itself;
- attendance marks, saved in bulk by activities.services.mark_attendance, which moves the
  session's project on (``touch``).

Written after the data, a report counted in between is the newer data under the older number
(counted again at its next visit), never older data under the newer one. A write outside the ORM
(raw SQL) calls ``touch`` itself."""

import contextlib

from django.apps import apps
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from kis.models import FiguresVersion


def touch(projects) -> int:
    """Move on the figures versions of ``projects``: ids, or a queryset of them (one UPDATE)."""
    return FiguresVersion.objects.filter(project__in=projects).update(number=F("number") + 1)


def current(project_id: int) -> int:
    """The figures version of a project (0 until its first write)."""
    return FiguresVersion.objects.filter(project=project_id).values_list("number", flat=True).first() or 0


def begin(project_id: int) -> None:
    """Give a new project its figures version."""
    FiguresVersion.objects.get_or_create(project=project_id)


class CountedInReports(models.QuerySet):
    """The QuerySet of rows a report counts in bulk: their bulk writes move their projects'
    figures versions on. A subclass names the way from its rows to their project."""

    #: from a row to its project's id, as ``values_list`` takes it (e.g. ``"activity__project"``)
    project_path = "project"
    #: columns worked out from other rows (the attendance counters) whose writer moves the
    #: version on itself: an update of these alone does not
    counters = frozenset()

    def _one_transaction(self):
        """The write and its projects' versions together: in the transaction already open (no
        savepoint, and an error leaves it as a plain ``update()`` would), or in one of their own."""
        if transaction.get_connection(self.db).in_atomic_block:
            return contextlib.nullcontext()
        return transaction.atomic(using=self.db)

    def update(self, **kwargs):
        if kwargs.keys() <= self.counters:
            return super().update(**kwargs)
        with self._one_transaction():
            projects = set(self.order_by().values_list(self.project_path, flat=True))
            updated = super().update(**kwargs)
            if updated:
                touch(projects)
        return updated

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        with self._one_transaction():
            created = super().bulk_create(objs, *args, **kwargs)
            # New rows reached through a relation of theirs (a person's participations) are in no
            # project yet, unless the "create" updated rows that were there already.
            if _through_own_rows(self.model) is None or kwargs.get("update_conflicts"):
                touch(projects_of(self.model, created))
        return created


def projects_of(model, rows):
    """The projects of ``rows`` (instances of ``model``, deleted ones included): ids, or a
    queryset of them read through the row's parent (which a cascade deletes after the row)."""
    path = _through_own_rows(model)
    if path is not None:  # a reverse relation: read from the rows themselves
        return model._base_manager.filter(pk__in=[row.pk for row in rows]).values(path)
    first, _, rest = model._default_manager._queryset_class.project_path.partition("__")
    parents = {getattr(row, model._meta.get_field(first).attname) for row in rows} - {None}
    if not rest:
        return parents
    return model._meta.get_field(first).related_model._base_manager.filter(pk__in=parents).values(rest)


def _through_own_rows(model) -> str | None:
    """The path to the project when it starts with a reverse relation (a person's participations)."""
    path = model._default_manager._queryset_class.project_path
    return None if model._meta.get_field(path.partition("__")[0]).concrete else path


def _saved_or_deleted(sender, instance, **kwargs):
    touch(projects_of(sender, [instance]))


def _project_created(sender, instance, created, **kwargs):
    if created:
        begin(instance.pk)


def connect() -> None:
    """Attach the receivers (KisConfig.ready): a new project gets its version, and each save or
    delete of a row counted in reports moves its projects on."""
    post_save.connect(_project_created, sender="projects.Project", dispatch_uid="figures-new-project")
    for model in apps.get_models():
        if issubclass(model._default_manager._queryset_class, CountedInReports):
            uid = f"figures-{model._meta.label_lower}"
            post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"{uid}-delete")
