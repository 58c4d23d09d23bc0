"""What was signed never changes: one mechanism for the contract, its parties, tasks and amendments.

A model of a signed text says which of its rows belong to a signed text (``signed_text()``, a
``Q`` for querysets; ``belongs_to_signed_text()`` for one row, new or stored) and which of its
fields make up the text (``TEXT_FIELDS``; empty: all of them). Then:

- ``save()`` refuses a change to those fields of a row of a signed text, and a new row in one;
- ``delete()`` refuses to delete such a row;
- ``QuerySet.update()`` and ``QuerySet.delete()`` refuse the same in bulk;
- ``mark_signed(**values)`` is the one way into the signed state: the text, its hash and the
  signed status are written by one UPDATE of a row that is not signed yet.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.expressions import Combinable


class ContractFrozenError(Exception):
    """An attempt to change what was signed."""


class FrozenQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.model.touches_text(kwargs) and self.filter(self.model.signed_text()).exists():
            raise ContractFrozenError(self.model.frozen_message)
        return super().update(**kwargs)

    def delete(self):
        if self.filter(self.model.signed_text()).exists():
            raise ContractFrozenError(self.model.frozen_message)
        return super().delete()


class FrozenModel(models.Model):
    TEXT_FIELDS: tuple[str, ...] = ()  # attribute names (``contract_id``); empty: every field
    frozen_message = "What was signed cannot be changed"

    class Meta:
        abstract = True

    @classmethod
    def signed_text(cls) -> Q:
        """The rows that belong to a signed text."""
        raise NotImplementedError

    def belongs_to_signed_text(self) -> bool:
        """Whether this row (stored or about to be) belongs to a signed text (one query)."""
        raise NotImplementedError

    @classmethod
    def text_fields(cls) -> tuple[str, ...]:
        return cls.TEXT_FIELDS or tuple(f.attname for f in cls._meta.concrete_fields if not f.primary_key)

    @classmethod
    def touches_text(cls, values: dict) -> bool:
        names = set(values) | {f"{name}_id" for name in values}
        return bool(names & set(cls.text_fields()))

    def save(self, *args, **kwargs):
        if self.belongs_to_signed_text():
            fields = self.text_fields()
            stored = type(self)._base_manager.filter(pk=self.pk).values(*fields).first() if self.pk else None
            if stored is None or self.changes_signed_text(stored):
                raise ContractFrozenError(self.frozen_message)
        super().save(*args, **kwargs)

    def changes_signed_text(self, stored: dict) -> bool:
        """Whether saving this row would change the signed text it has stored (``stored``)."""
        return any(stored[field] != getattr(self, field) for field in self.text_fields())

    def delete(self, *args, **kwargs):
        if self.belongs_to_signed_text():
            raise ContractFrozenError(self.frozen_message)
        return super().delete(*args, **kwargs)

    def mark_signed(self, **values) -> None:
        """Write the signed text and state (``values``) in one UPDATE of this row, which must not be
        signed yet; the instance takes the plain values over."""
        rows = type(self)._base_manager.filter(pk=self.pk).exclude(self.signed_text())
        if not rows.update(**values):
            raise ContractFrozenError(f"{self} has been signed already")
        for name, value in values.items():
            if not isinstance(value, Combinable):
                setattr(self, name, value)
