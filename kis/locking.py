"""Optimistic locking, one way for every record edited through a form: a ``version`` number.

The form carries, hidden, the version the record had when the form was loaded
(``VersionedFormMixin``). ``claim_version`` moves the stored version on by one only if it is still
that one — a single conditional UPDATE, in the transaction of the save — so of two people editing
the same record the second is told, and saves nothing, instead of silently overwriting the first.

The same hidden value carries a fingerprint of the values the form was loaded with (a short hash
per field, never the values themselves), so that the second writer is also told which fields the
first one changed and what they hold now (``add_edited_meanwhile_error``).
"""

from __future__ import annotations

import datetime
import hashlib
import os

from django import forms
from django.db import models
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import yesno
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

EDITED_MEANWHILE = _(
    "Someone else changed this record while you were editing it. Your changes were not saved: "
    "open it again to see the current data."
)
SHOWN_CHARS = 60  # of a changed value in the message: enough to recognise it, short enough to read


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


class VersionField(forms.IntegerField):
    """The hidden ``<version>:<fingerprint>``; cleans to the version number alone, and takes a
    bare number too (a form posted without the fingerprint)."""

    widget = forms.HiddenInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.partition(":")[0]
        return super().to_python(value)

    def has_changed(self, initial, data):
        # Compared as numbers: the fingerprint is not something the user changed.
        try:
            return self.to_python(initial) != self.to_python(data)
        except forms.ValidationError:
            return True


class VersionedFormMixin:
    """For a ModelForm of a ``VersionedModel``: the hidden ``version`` the record had on loading.

    Call ``add_version_field()`` from ``__init__``; then ``cleaned_data["version"]`` is what
    ``claim_version`` checks.
    """

    def add_version_field(self):
        self.fields["version"] = VersionField(required=False)
        if self.instance.pk:
            version = self.instance.version
            # Worked out when the form is rendered, so that it covers the fields the form ended up
            # with (a form may drop some after this call) and costs nothing when it is only posted.
            self.fields["version"].initial = lambda: f"{version}:{_fingerprint(self, self.instance, self.initial)}"


def _compared_fields(form) -> list[models.Field]:
    """The model fields the form edits, by its field names (``version`` and form-only fields aside)."""
    meta = getattr(form, "_meta", None)
    if meta is None or meta.model is None:
        return []  # a plain form of a record (ending a programme link): no fields of its own to compare
    model_fields = {f.name: f for f in meta.model._meta.get_fields() if getattr(f, "editable", False)}
    return [model_fields[name] for name in form.fields if name in model_fields and name != "version"]


def _stored_value(field: models.Field, instance, initial: dict | None):
    if field.many_to_many:
        # The form's initial already holds the related rows (no second query on loading).
        return (
            initial[field.name] if initial is not None and field.name in initial else field.value_from_object(instance)
        )
    return field.value_from_object(instance)


def _canonical(value) -> str:
    if isinstance(value, list | tuple | set):
        return "|".join(sorted(_canonical(item) for item in value))
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, FieldFile):
        return value.name or ""
    return "" if value is None else str(value)


def _digest(value) -> str:
    return hashlib.blake2s(_canonical(value).encode(), digest_size=5).hexdigest()


def _fingerprint(form, instance, initial=None) -> str:
    return ",".join(f"{f.name}={_digest(_stored_value(f, instance, initial))}" for f in _compared_fields(form))


def _loaded_digests(form) -> dict[str, str]:
    """The per-field hashes the submitted form was loaded with (empty when it came without them)."""
    raw = form.data.get(form.add_prefix("version"), "") if form.is_bound else ""
    _version, _colon, fingerprint = str(raw).partition(":")
    pairs = (item.partition("=") for item in fingerprint.split(",") if "=" in item)
    return {name: digest for name, _eq, digest in pairs}


def _shown(field: models.Field, instance) -> str:
    """A stored value as the person reads it: a choice's label, a related record's name, a date
    in the local format."""
    value = field.value_from_object(instance)
    if field.many_to_many:
        text = ", ".join(str(item) for item in value)
    elif field.is_relation:
        related = getattr(instance, field.name)
        text = "" if related is None else str(related)
    elif field.choices:
        text = str(getattr(instance, f"get_{field.name}_display")()) if value not in (None, "") else ""
    elif isinstance(value, bool):
        text = yesno(value)
    elif isinstance(value, FieldFile):
        text = os.path.basename(value.name or "")
    elif isinstance(value, datetime.datetime):
        text = formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    elif isinstance(value, datetime.date):
        text = formats.date_format(value, "SHORT_DATE_FORMAT")
    elif isinstance(value, datetime.time):
        text = formats.time_format(value, "H:i")
    else:
        text = "" if value is None else str(formats.localize(value))
    return Truncator(text).chars(SHOWN_CHARS) if text else gettext("(empty)")


def changed_meanwhile(form) -> list[tuple[str, str]]:
    """The fields of ``form`` whose stored value is no longer the one the form was loaded with, as
    (label, value now) in the form's order. Reads the record afresh (one query, and one per
    many-to-many field). Only fields the form shows are named, so nothing hidden from the user is."""
    loaded = _loaded_digests(form)
    instance = form.instance
    if not loaded or instance.pk is None:
        return []
    fresh = type(instance)._default_manager.filter(pk=instance.pk).first()
    if fresh is None:
        return []
    return [
        (str(form.fields[f.name].label or f.verbose_name), _shown(f, fresh))
        for f in _compared_fields(form)
        if f.name in loaded and loaded[f.name] != _digest(_stored_value(f, fresh, None))
    ]


def add_edited_meanwhile_error(form, message=EDITED_MEANWHILE) -> None:
    """Refuse the form's save: ``message`` above the form, and below it what was changed meanwhile
    ("Changed meanwhile: title (now: …), end date (now: …)."). Call it once the save's transaction
    has been rolled back, so the changes read are the other person's, committed."""
    form.add_error(None, str(message))
    changes = changed_meanwhile(form)
    if changes:
        listed = ", ".join(
            gettext("%(field)s (now: %(value)s)") % {"field": label, "value": now} for label, now in changes
        )
        form.add_error(None, gettext("Changed meanwhile: %(changes)s.") % {"changes": listed})
