"""Bounds on what a request may hand to the database: ids, model choices and search texts.

A browser only ever sends the ids and texts a page offered, but anyone can type an address or
edit a form. A value the database cannot hold must be refused like any other wrong value — a
form error or a 404 — and never reach a query, where it ends in a 500:

- SQLite stores integers in 64 bits: the driver raises ``OverflowError`` for a larger one;
  PostgreSQL answers "bigint out of range" (``DataError``), which also breaks the transaction.
- SQLite refuses a ``LIKE`` pattern of more than 50,000 bytes ("LIKE pattern too complex").
- PostgreSQL refuses a NUL character in any text.

Django's model choice fields catch ``ValueError``, ``TypeError`` and ``DoesNotExist`` when they
look a submitted key up, but not the two overflow errors; every ModelForm's foreign keys and
many-to-many fields and every django-filter model choice filter go through them, so they are
bounded once, here (``bound_model_choice_fields``, installed by ``KisConfig.ready``), rather than
in each of those forms.
"""

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.forms import ModelChoiceField, ModelMultipleChoiceField

# Ids in addresses and query strings: at most 18 digits, so always below 2**63 − 1.
ID_DIGITS = 18
# What a search box takes: a name, a PESEL, a number — never pages of text.
SEARCH_MAX_LENGTH = 100


def parse_id(raw) -> int | None:
    """The id that ``raw`` (from a query string or a posted form) names, or None when it names none
    a database could hold. ASCII digits only: ``str.isdigit`` also accepts "²", which ``int()``
    cannot read."""
    text = str(raw or "")
    if not (text.isascii() and text.isdigit()) or len(text) > ID_DIGITS:
        return None
    return int(text)


def search_text(raw) -> str:
    """What a search box submitted, fit for a query: without NUL characters, stripped and cut to
    ``SEARCH_MAX_LENGTH`` characters."""
    return str(raw or "").replace("\x00", "").strip()[:SEARCH_MAX_LENGTH]


def _key_field(choice_field) -> models.Field:
    """The model field a choice field's submitted keys are compared with (a relation followed to
    the field it points at)."""
    opts = choice_field.queryset.model._meta
    field = opts.get_field(choice_field.to_field_name) if choice_field.to_field_name else opts.pk
    while field.is_relation:
        field = field.target_field
    return field


def key_out_of_range(choice_field, value) -> bool:
    """True when ``value`` is an integer the database's column for the field's key cannot hold.
    Anything else (not an integer at all, a text key) is left to the field's own checks."""
    field = _key_field(choice_field)
    if not isinstance(field, models.IntegerField):
        return False
    try:
        number = field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    if number is None:
        return False
    low, high = connections[choice_field.queryset.db].ops.integer_field_range(field.get_internal_type())
    return (low is not None and number < low) or (high is not None and number > high)


def bound_model_choice_fields() -> None:
    """Make ModelChoiceField and ModelMultipleChoiceField refuse keys beyond their column's range
    with their own "invalid choice" / "invalid value" messages, before any query runs.

    Both call ``validate_no_null_characters`` on each submitted key just before they query with it,
    so the range is checked there: the queries themselves stay Django's own calls, unwrapped (the
    N+1 detector of the tests tells call sites apart by their first frame outside Django)."""
    if getattr(ModelChoiceField, "_kis_bounded", False):
        return
    validate_no_null_characters = ModelChoiceField.validate_no_null_characters

    def validate_key(self, value):
        validate_no_null_characters(self, value)
        if not key_out_of_range(self, value):
            return
        if isinstance(self, ModelMultipleChoiceField):
            raise ValidationError(
                self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": value}
            )
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})

    ModelChoiceField.validate_no_null_characters = validate_key
    ModelChoiceField._kis_bounded = True
