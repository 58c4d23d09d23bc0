"""The ``<id:...>`` path converter of every route that names a record.

Django's ``<int:...>`` takes any number of digits; a 20-digit id then reaches the database, which
cannot hold it (see ``kis.bounds``) and answers 500. ``<id:...>`` matches at most 18 digits, so a
longer one is simply no such page: 404.
"""

from django.urls import register_converter

from kis.bounds import ID_DIGITS


class IdConverter:
    regex = f"[0-9]{{1,{ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


def register() -> None:
    register_converter(IdConverter, "id")
