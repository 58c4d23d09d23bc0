"""Calendar of the demo: Polish public holidays and the club's Christmas break, working days."""

from __future__ import annotations

import datetime
from functools import cache

DAY = datetime.timedelta(days=1)


def easter(year: int) -> datetime.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return datetime.date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


@cache
def days_off(year: int) -> frozenset[datetime.date]:
    """Public holidays in Poland, and the Christmas break (24–31 December) when the club has no classes."""
    fixed = [(1, 1), (1, 6), (5, 1), (5, 3), (8, 15), (11, 1), (11, 11)] + [(12, day) for day in range(24, 32)]
    sunday = easter(year)
    return frozenset(
        [datetime.date(year, month, day) for month, day in fixed]
        + [sunday, sunday + DAY, sunday + 49 * DAY, sunday + 60 * DAY]
    )


def is_day_off(day: datetime.date) -> bool:
    return day in days_off(day.year)


def working_day(day: datetime.date) -> datetime.date:
    """The day itself, or the next working day."""
    while day.weekday() >= 5 or is_day_off(day):
        day += DAY
    return day


def working_days(first: datetime.date, last: datetime.date) -> int:
    return sum(1 for n in range((last - first).days + 1) if working_day(first + n * DAY) == first + n * DAY)


def monday_on_or_after(day: datetime.date) -> datetime.date:
    return working_day(day + DAY * ((7 - day.weekday()) % 7))
