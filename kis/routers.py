"""Reads of long documents from a read replica of the database, everything else from the primary.

With ``DATABASE_REPLICA_URL`` set, the settings add the ``replica`` database and this router. Only
code inside ``with reading_from_replica():`` reads from it — the task that renders a report, which
may read for many seconds and must not load the primary while it does. Everything else, every
write and every migration stays on ``default``: a page that has just saved something reads it back
from where it was written, never from a replica that may lag behind.

Without a replica the router is not installed and ``reading_from_replica()`` changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

PRIMARY = "default"
REPLICA = "replica"

_reading_from_replica: ContextVar[bool] = ContextVar("kis_reading_from_replica", default=False)


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Route the reads made inside the block to the replica (a context variable, so that another
    thread or task is not affected); writes still go to the primary."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReplicaRouter:
    """``DATABASE_ROUTERS`` entry: reads inside ``reading_from_replica()`` from the replica, the
    rest from the primary."""

    def db_for_read(self, model, **hints) -> str:
        return REPLICA if _reading_from_replica.get() else PRIMARY

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # Both hold the same rows: an object read from the replica may be related to one of the
        # primary (and saved there).
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        # The replica follows the primary's schema by replication; nothing is migrated on it.
        return db == PRIMARY
