"""Printing a person without their personal data: one filter for every name and PESEL a redacted
page or PDF shows.

``{{ participant|personal:redacted }}`` prints "Adamska Alicja", or with ``redacted`` "A. A.";
``{{ participant.pesel|personal:redacted }}`` prints the PESEL, or with ``redacted`` eleven stars
(all of it: its first six digits are the date of birth and the tenth the sex).
"""

from __future__ import annotations

from django import template

register = template.Library()


def initials(text: str) -> str:
    """ "Anna Maria Nowak-Kowalska" → "A. M. N."; empty text stays empty."""
    return " ".join(f"{word[0]}." for word in text.split() if word)


@register.filter
def personal(value, redacted=False) -> str:
    """A person (anything with ``first_name`` and ``last_name``: "Surname First name") or a PESEL,
    masked when ``redacted``."""
    if value is None or value == "":
        return ""
    if hasattr(value, "first_name") and hasattr(value, "last_name"):
        name = f"{value.last_name} {value.first_name}".strip()
        return initials(name) if redacted else name
    text = str(value)
    return "*" * len(text) if redacted else text
