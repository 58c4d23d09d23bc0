"""The search key of a person's name: the same on every database, whatever case and diacritics.

SQLite compares only ASCII letters without regard to case ("żurawska" does not find "Żurawska"),
and on PostgreSQL a case-insensitive ``LIKE '%…%'`` over two columns cannot use an index. So the
name is stored once more, normalised (``Participant.search_key``), and a search normalises its
words the same way and looks for each of them with a plain ``contains``: identical results on
both databases, and on PostgreSQL a trigram index serves it (migration 0009).
"""

import unicodedata

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kis.collation import WHOLE

# Letters whose diacritic is part of the letter itself, so that NFKD does not take it off: Polish
# "ł" above all (typed "l" by anyone without a Polish keyboard), and a few of other European names.
# The keys are the casefolded forms, which is what they are looked up in.
WHOLE_LETTERS = str.maketrans({"ł": "l", **WHOLE})

KEY_MAX_LENGTH = 250  # surname (100) + space + first name (100), with room for expansions ("ß" → "ss")


def normalise(text: str) -> str:
    """``text`` casefolded, without diacritics and with its whitespace collapsed to single spaces:
    "ŁUKASZ  Świątek" → "lukasz swiatek"."""
    # NFKD both before and after casefolding, as the Unicode standard's caseless matching does:
    # casefolding may produce characters that decompose further.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", str(text)).casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.translate(WHOLE_LETTERS).split())


def name_key(last_name: str, first_name: str) -> str:
    """What ``Participant.search_key`` holds for these names."""
    return normalise(f"{last_name} {first_name}")[:KEY_MAX_LENGTH]


def name_matches(word: str, *, through: str = "") -> Q:
    """The condition that a person's name contains ``word`` (one word of a search box, in any case
    and with or without diacritics); ``through`` is the path to the person, e.g. "participant"."""
    prefix = f"{through}__" if through else ""
    return Q(**{f"{prefix}search_key__contains": normalise(word)})


NAMES = frozenset({"first_name", "last_name"})


def with_key(fields):
    """``fields`` (of a save or bulk write) with the search key added when a name is among them."""
    if fields is None or not NAMES & set(fields):
        return fields
    return [*fields, "search_key"] if "search_key" not in fields else fields


class SearchKeyed(models.Model):
    """A person found by name: ``search_key`` follows ``last_name`` and ``first_name`` on every save."""

    # Indexed on PostgreSQL only, with a trigram index that migration 0009 creates (not in Meta:
    # SQLite has no such index, and a plain B-tree cannot serve a search for part of a name).
    search_key = models.CharField(_("search key"), max_length=KEY_MAX_LENGTH, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_key = name_key(self.last_name, self.first_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = with_key(kwargs["update_fields"])
        super().save(*args, **kwargs)


class SearchKeyQuerySet(models.QuerySet):
    """Bulk writes that keep the search key current too (they do not go through ``save()``)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.search_key = name_key(obj.last_name, obj.first_name)
        if kwargs.get("update_fields"):
            kwargs["update_fields"] = with_key(kwargs["update_fields"])
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if NAMES & set(fields):
            for obj in objs:
                obj.search_key = name_key(obj.last_name, obj.first_name)
        return super().bulk_update(objs, with_key(fields), *args, **kwargs)

    def update(self, **kwargs):
        """As ``QuerySet.update``; a new name must be given whole (both names, as texts), so the
        key can be worked out from it — or with the key itself."""
        names = NAMES & kwargs.keys()
        if names and "search_key" not in kwargs:
            if names != NAMES or not all(isinstance(kwargs[name], str) for name in NAMES):
                raise ValueError("Update a participant's first name and surname together, as texts.")
            kwargs["search_key"] = name_key(kwargs["last_name"], kwargs["first_name"])
        return super().update(**kwargs)
