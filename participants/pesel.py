"""PESEL, the Polish personal identification number: checksum, date of birth and sex.

Layout: YYMMDD + 3-digit serial + sex digit (even woman, odd man) + check digit. The century is
encoded in the month: +80 for the 1800s, +0 for the 1900s, +20, +40, +60 for the 2000s, 2100s
and 2200s.
"""

from __future__ import annotations

import datetime
import re

WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
CENTURY_BY_MONTH_OFFSET = {80: 1800, 0: 1900, 20: 2000, 40: 2100, 60: 2200}

# ASCII digits only: \d would also accept other scripts' digits (e.g. full-width), and $ a trailing newline.
_PESEL_RE = re.compile(r"[0-9]{11}")


class PeselError(ValueError):
    """Raised with a ``code`` of ``format``, ``checksum`` or ``date``."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def check_digit(first_ten: str) -> int:
    return (10 - sum(int(d) * w for d, w in zip(first_ten[:10], WEIGHTS, strict=True)) % 10) % 10


def birth_date(pesel: str) -> datetime.date:
    """The date of birth encoded in a PESEL; raises PeselError("date") if it does not exist."""
    year, month, day = int(pesel[0:2]), int(pesel[2:4]), int(pesel[4:6])
    offset = (month // 20) * 20
    century = CENTURY_BY_MONTH_OFFSET.get(offset)
    if century is None:
        raise PeselError("date")
    try:
        return datetime.date(century + year, month - offset, day)
    except ValueError:
        raise PeselError("date") from None


def is_female(pesel: str) -> bool:
    return int(pesel[9]) % 2 == 0


def validate(pesel: str) -> datetime.date:
    """Check format, checksum and date; return the date of birth."""
    if not _PESEL_RE.fullmatch(pesel or ""):
        raise PeselError("format")
    if check_digit(pesel[:10]) != int(pesel[10]):
        raise PeselError("checksum")
    return birth_date(pesel)
