"""Each project's figures version (``kis.models.FiguresVersion``): what a report's cache key reads
instead of aggregating the project's participations, people, enrolments, sessions and marks on every
visit (reports.background.project_version).

Every write to those rows moves it on:

- ``save()`` and ``delete()``, cascades included, by the receivers ``connect`` attaches to each
  model whose default QuerySet is a ``CountedInReports``;
- ``QuerySet.update()``, ``bulk_update()`` (which calls it) and ``bulk_create()``, by
  ``CountedInReports`` itself;
- attendance marks, saved in bulk by activities.services.mark_attendance, which calls ``touch``
  for the session's project; a write outside the ORM calls it too;
- ``migrate``, which moves every project on (a data migration writes through plain managers).

The projects are worked out at the write, inside its transaction; their versions move once it has
committed (``transaction.on_commit``), in one short UPDATE of their own. Moved inside the
transaction, the version row would be locked from the first write to the commit, by each writer
of the project in turn and before the rows they write next: two of them (a tablet saving marks
while an enrolment is finished) would wait for each other. After the commit, a report counted in
between is the newer data under the older number, counted again at its next visit — never older
data under the newer one. A write that is rolled back moves nothing.
"""

import contextlib

from django.apps import apps
from django.db import connections, models, router, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_migrate, post_save

from kis.models import FiguresVersion


def touch(projects, *, using: str = "default") -> None:
    """Move on the figures versions of ``projects`` (ids, or a queryset of them, read now) once the
    transaction open on ``using`` has committed — at once outside a transaction."""
    ids = sorted({project for project in projects if project is not None})
    if ids:
        transaction.on_commit(lambda: _move_on(ids, using), using=using, robust=True)


def _move_on(ids: list[int], using: str) -> None:
    with transaction.atomic(using=using):
        # A project's row is made at its first move on (it counts from 0 until then).
        FiguresVersion.objects.using(using).bulk_create(
            [FiguresVersion(project=pk) for pk in ids], ignore_conflicts=True
        )
        FiguresVersion.objects.using(using).filter(project__in=ids).update(number=F("number") + 1)


def current(project_id: int) -> int:
    """The figures version of a project (0 until its first write)."""
    return FiguresVersion.objects.filter(project=project_id).values_list("number", flat=True).first() or 0


class CountedInReports(models.QuerySet):
    """The QuerySet of rows a report counts in bulk: their bulk writes move their projects'
    figures versions on. A subclass names the way from its rows to their project."""

    #: from a row to its project's id, as ``values_list`` takes it (e.g. ``"activity__project"``)
    project_path = "project"
    #: columns worked out from other rows (the attendance counters) whose writer moves the
    #: version on itself: an update of these alone does not
    counters = frozenset()

    def _writing_to(self) -> str:
        return router.db_for_write(self.model, instance=getattr(self, "_hints", {}).get("instance"))

    def _one_transaction(self, using: str):
        """The write and the reading of its projects together: in the transaction already open
        (no savepoint, and an error leaves it as a plain ``update()`` would), or in their own."""
        if transaction.get_connection(using).in_atomic_block:
            return contextlib.nullcontext()
        return transaction.atomic(using=using)

    def update(self, **kwargs):
        if kwargs.keys() <= self.counters:
            return super().update(**kwargs)
        using = self._writing_to()
        with self._one_transaction(using):
            # Through the rows' own keys: a filter through the person's participations would
            # otherwise narrow their projects to the participations it matched.
            rows = self.model._base_manager.using(using).filter(pk__in=self.using(using).values("pk"))
            projects = list(rows.values_list(self.project_path, flat=True))
            updated = super().update(**kwargs)
            if updated:
                touch(projects, using=using)
        return updated

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        using = self._writing_to()
        with self._one_transaction(using):
            created = super().bulk_create(objs, *args, **kwargs)
            # New rows reached through a relation of theirs (a person's participations) are in no
            # project yet, unless the "create" updated rows that were there already.
            if _through_own_rows(self.model) is None or kwargs.get("update_conflicts"):
                touch(projects_of(self.model, created, using=using), using=using)
        return created


def projects_of(model, rows, *, using: str = "default"):
    """The projects of ``rows`` (instances of ``model``, deleted ones included): ids, or a
    queryset of them read through the row's parent (which a cascade deletes after the row)."""
    path = _through_own_rows(model)
    if path is not None:  # a reverse relation: read from the rows themselves
        return model._base_manager.using(using).filter(pk__in=[row.pk for row in rows]).values_list(path, flat=True)
    first, _, rest = model._default_manager._queryset_class.project_path.partition("__")
    parents = {getattr(row, model._meta.get_field(first).attname) for row in rows} - {None}
    if not rest:
        return parents
    parent = model._meta.get_field(first).related_model
    return parent._base_manager.using(using).filter(pk__in=parents).values_list(rest, flat=True)


def _through_own_rows(model) -> str | None:
    """The path to the project when it starts with a reverse relation (a person's participations)."""
    path = model._default_manager._queryset_class.project_path
    return None if model._meta.get_field(path.partition("__")[0]).concrete else path


def _saved_or_deleted(sender, instance, using, **kwargs):
    touch(projects_of(sender, [instance], using=using), using=using)


def _migrated(sender, using, **kwargs):
    """After ``migrate``: every project moves on, whatever its data migrations wrote (unless
    ``migrate`` went back to before the versions' table)."""
    if sender.label == "kis" and FiguresVersion._meta.db_table in connections[using].introspection.table_names():
        FiguresVersion.objects.using(using).update(number=F("number") + 1)


def connect() -> None:
    """Attach the receivers (KisConfig.ready): each save or delete of a row counted in reports
    moves its projects on, and so does ``migrate``."""
    post_migrate.connect(_migrated, dispatch_uid="figures-migrated")
    for model in apps.get_models():
        if issubclass(model._default_manager._queryset_class, CountedInReports):
            uid = f"figures-{model._meta.label_lower}"
            post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"{uid}-delete")
