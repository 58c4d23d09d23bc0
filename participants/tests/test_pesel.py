"""PESEL rules, checked against an implementation written here from the specification.

Layout: YYMMDD, a 3-digit serial, the sex digit (even: woman, odd: man) and a check digit. The
century is added to the month: +80 for the 1800s, +0 for the 1900s, +20 for the 2000s, +40 for
the 2100s, +60 for the 2200s. Check digit: (10 - sum(digit * weight) mod 10) mod 10 with the
weights 1, 3, 7, 9, 1, 3, 7, 9, 1, 3.
"""

import calendar
import datetime
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from participants import pesel

WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
MONTH_OFFSET_BY_CENTURY = {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}


def expected_check_digit(first_ten: str) -> int:
    return (10 - sum(int(d) * w for d, w in zip(first_ten, WEIGHTS, strict=True)) % 10) % 10


def build_pesel(born: datetime.date, serial: int, sex_digit: int) -> str:
    century = born.year // 100 * 100
    month = born.month + MONTH_OFFSET_BY_CENTURY[century]
    first_ten = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial:03d}{sex_digit}"
    return first_ten + str(expected_check_digit(first_ten))


def error_code(value: str) -> str | None:
    try:
        pesel.validate(value)
    except pesel.PeselError as exc:
        return exc.code
    return None


birth_dates = st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2299, 12, 31))
serials = st.integers(min_value=0, max_value=999)
sex_digits = st.integers(min_value=0, max_value=9)


@st.composite
def valid_pesels(draw) -> str:
    return build_pesel(draw(birth_dates), draw(serials), draw(sex_digits))


@given(born=birth_dates, serial=serials, sex_digit=sex_digits)
@example(born=datetime.date(1944, 5, 14), serial=13, sex_digit=5)  # 44051401359, the textbook example
@example(born=datetime.date(2000, 2, 29), serial=0, sex_digit=0)  # leap day in a century leap year
@example(born=datetime.date(1800, 1, 1), serial=999, sex_digit=9)
@example(born=datetime.date(2299, 12, 31), serial=0, sex_digit=8)
def test_valid_pesel_gives_its_birth_date_and_sex(born, serial, sex_digit):
    number = build_pesel(born, serial, sex_digit)

    assert pesel.validate(number) == born
    assert pesel.is_female(number) is (sex_digit % 2 == 0)


def test_textbook_example_is_a_man_born_on_14_may_1944():
    assert pesel.validate("44051401359") == datetime.date(1944, 5, 14)
    assert pesel.is_female("44051401359") is False


@given(number=valid_pesels(), position=st.integers(min_value=0, max_value=10), change=st.integers(1, 9))
def test_changing_any_single_digit_breaks_the_checksum(number, position, change):
    # Every weight (and the check digit's own weight 1) is coprime to 10, so any single-digit
    # typing error changes the weighted sum modulo 10: it is always caught by the checksum.
    digit = (int(number[position]) + change) % 10
    mistyped = number[:position] + str(digit) + number[position + 1 :]

    assert error_code(mistyped) == "checksum"


@st.composite
def impossible_date_prefixes(draw) -> str:
    """YYMMDD for a date that does not exist: a month code outside every century band, or a day
    past the end of (or before the start of) a real month."""
    year = draw(st.integers(0, 99))
    if draw(st.booleans()):
        # Month codes 1-12 plus a multiple of 20 (0..80) are months; anything else is not.
        month_code = draw(st.integers(0, 99).filter(lambda m: not 1 <= m % 20 <= 12))
        day = draw(st.integers(1, 28))
    else:
        century = draw(st.sampled_from(sorted(MONTH_OFFSET_BY_CENTURY)))
        month = draw(st.integers(1, 12))
        month_code = month + MONTH_OFFSET_BY_CENTURY[century]
        days_in_month = calendar.monthrange(century + year, month)[1]
        day = draw(st.one_of(st.just(0), st.integers(days_in_month + 1, 99)))
    return f"{year:02d}{month_code:02d}{day:02d}"


@given(prefix=impossible_date_prefixes(), serial=serials, sex_digit=sex_digits)
@example(prefix="440231", serial=13, sex_digit=5)  # 31 February 1944
@example(prefix="011329", serial=13, sex_digit=5)  # month 13
@example(prefix="013310", serial=13, sex_digit=5)  # month 33 (13 in the 2000s)
@example(prefix="010229", serial=13, sex_digit=5)  # 29 February 1901, not a leap year
@example(prefix="000229", serial=0, sex_digit=0)  # 29 February 1900: not a leap year
def test_impossible_date_with_a_correct_check_digit_is_a_date_error(prefix, serial, sex_digit):
    first_ten = f"{prefix}{serial:03d}{sex_digit}"
    number = first_ten + str(expected_check_digit(first_ten))

    assert error_code(number) == "date"


@given(value=st.text(max_size=20).filter(lambda s: not re.fullmatch(r"[0-9]{11}", s)))
@example(value="")
@example(value="4405140135")  # 10 digits
@example(value="440514013590")  # 12 digits
@example(value="44051401359\n")  # a trailing newline
@example(value=" 44051401359")
@example(value="4405140135a")
@example(value="44-05-14-01")
@example(value="４４０５１４０１３５９")  # full-width digits
@example(value="٤٤٠٥١٤٠١٣٥٩")  # Arabic-Indic digits
def test_anything_but_eleven_ascii_digits_is_a_format_error(value):
    assert error_code(value) == "format"


@pytest.mark.parametrize("value", [None, ""])
def test_missing_value_is_a_format_error(value):
    assert error_code(value) == "format"
