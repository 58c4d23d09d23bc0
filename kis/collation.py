"""Names in the order of the Polish alphabet, on both databases.

A name column declares ``db_collation=POLISH``. On PostgreSQL that is an ICU collation of the Polish
locale (made by ``create_on_postgresql``, from a migration). SQLite has no such thing, so every
connection to it gets a collation of that name (``register``, on each new connection), which
compares by ``sort_key``: the Polish alphabet at the first level, as ICU's Polish rules do
(a < ą < b < c < ć … l < ł … z < ź < ż), lower case before capitals at the next, then the text
itself. With the collation on the column, every ``ORDER BY`` of it — the registry's lists, the
enrolment box, the attendance grid, the documents — sorts Baran, Bąk, Brzeziński and puts Łysenko
after Lis, and the column's index serves it.
"""

from __future__ import annotations

import functools
import unicodedata

POLISH = "kis_polish"

# The Polish alphabet, with the letters q, v and x of foreign names in their places.
ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
LETTERS = {letter: 100 + rank for rank, letter in enumerate(ALPHABET)}
# Letters of other languages that NFKD does not take apart, read as the Latin letters they stand
# for (the names' search key reads them so too: participants.searchkey). "ß" needs no entry:
# casefolding has made it "ss" already.
WHOLE = {"đ": "d", "ø": "o", "ħ": "h", "ı": "i"}
SPELT = {**WHOLE, "æ": "ae", "œ": "oe"}  # and, for the order only, two ligatures
SPACE, PUNCTUATION, DIGITS, OTHER = 1, 2, 10, 1000


def _primary(char: str) -> list[int]:
    if char in LETTERS:
        return [LETTERS[char]]
    if char.isspace():
        return [SPACE]
    if char.isdigit():
        return [DIGITS + unicodedata.digit(char, 0)]
    bare = SPELT.get(char) or "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if bare and bare != char:
        return [weight for c in bare for weight in _primary(c)]
    if unicodedata.category(char)[0] in "PS":  # hyphens, apostrophes and other signs: before digits
        return [PUNCTUATION]
    return [OTHER + ord(char)]


@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple:
    """What the collation compares: the Polish letters of ``text`` (case and the accents of other
    languages aside), then lower case before capitals, then the text itself."""
    text = text or ""
    letters = tuple(weight for char in text.casefold() for weight in _primary(char))
    return letters, tuple(char != char.lower() for char in text), text


def compare(left: str, right: str) -> int:
    """The collation's comparison, as SQLite calls it: negative, zero or positive."""
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: SQLite connections get the Polish collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(POLISH, compare)


def create_on_postgresql():
    """The migration's operation that makes the collation on PostgreSQL (nothing on SQLite)."""
    from django.contrib.postgres.operations import CreateCollation

    return CreateCollation(POLISH, provider="icu", locale="pl-PL")


def in_polish(*fields: str) -> list:
    """``order_by`` terms for columns without the collation of their own (the users' names in
    Django's table): ``.order_by(*in_polish("last_name", "first_name"), "username")``."""
    from django.db.models.functions import Collate

    return [Collate(field, POLISH) for field in fields]
