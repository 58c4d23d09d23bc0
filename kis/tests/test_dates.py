"""kis.templatetags.dates: the register's ``dd.mm.rrrr``, as ``|date:"d.m.Y"`` writes it."""

import datetime

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date as django_date
from django.utils import translation

from kis.templatetags.dates import day_month_year


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (datetime.date(1985, 3, 14), "14.03.1985"),
        (datetime.date(2000, 12, 1), "01.12.2000"),
        (datetime.date(1939, 9, 1), "01.09.1939"),
        (datetime.date(2024, 2, 29), "29.02.2024"),
        (datetime.date(999, 1, 9), "09.01.0999"),
    ],
)
def test_a_day_is_written_as_the_date_filter_writes_it(day, written):
    assert day_month_year(day) == written
    for language in ("pl", "en"):
        with translation.override(language):
            assert django_date(day, "d.m.Y") == written


def test_the_filter_in_a_template_and_an_empty_value():
    rendered = Template("{% load dates %}{{ a|dmy }}|{{ b|dmy }}").render(
        Context({"a": datetime.date(1985, 3, 14), "b": None})
    )
    assert rendered == "14.03.1985|"
