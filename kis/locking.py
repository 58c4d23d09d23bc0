"""Optimistic locking, one way for every record edited through a form: a ``version`` number.

The form carries, hidden, the version the record had when the form was loaded
(``VersionedFormMixin``). ``claim_version`` moves the stored version on by one only if it is still
that one — a single conditional UPDATE, in the transaction of the save — so of two people editing
the same record the second is told, and saves nothing, instead of silently overwriting the first.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

EDITED_MEANWHILE = _(
    "Someone else changed this record while you were editing it. Your changes were not saved: "
    "open it again to see the current data."
)


class VersionedModel(models.Model):
    """A record edited through forms: its ``version`` moves on with every save of a form."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class EditedMeanwhile(Exception):
    """The record was saved by someone else after the form was loaded."""


def claim_version(instance: VersionedModel, submitted, *, queryset=None) -> None:
    """Move ``instance``'s stored version on from ``submitted``, or raise ``EditedMeanwhile``.

    ``queryset`` narrows the records that may still be claimed (e.g. contracts still drafts).
    Call it inside the transaction that saves the record.
    """
    rows = type(instance)._default_manager.all() if queryset is None else queryset
    if submitted is None or not rows.filter(pk=instance.pk, version=submitted).update(version=F("version") + 1):
        raise EditedMeanwhile(EDITED_MEANWHILE)
    instance.version = submitted + 1


class VersionedFormMixin:
    """For a ModelForm of a ``VersionedModel``: the hidden ``version`` the record had on loading.

    Call ``add_version_field()`` from ``__init__``; then ``cleaned_data["version"]`` is what
    ``claim_version`` checks.
    """

    def add_version_field(self):
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
