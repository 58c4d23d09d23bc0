"""The counts of people in each programme over a period, checked against cases worked out by hand:
the Niebieska Karta is counted like the others, and only counts are given."""

import datetime

import pytest

from participants.tests.factories import ParticipantFactory
from programmes.counts import Period, counts_by_programme
from programmes.models import ProgrammeKind
from programmes.tests.factories import ProgrammeFactory, ProgrammeLinkFactory, niebieska_karta, programme_of

pytestmark = pytest.mark.django_db

d = datetime.date
H1_2025 = Period(d(2025, 1, 1), d(2025, 6, 30))


def by_name(rows) -> dict:
    return {row.name: (row.people, row.started, row.ended) for row in rows}


def test_people_are_counted_once_in_each_programme_they_took_part_in_during_the_period():
    alcohol, card = programme_of(ProgrammeKind.ALCOHOL), niebieska_karta()
    twice, ongoing, before, after = ParticipantFactory.create_batch(4)
    # Two links of one person in the period (ended, then again): one person, two starts, one end.
    ProgrammeLinkFactory(programme=alcohol, participant=twice, started_on=d(2025, 1, 10), ended_on=d(2025, 2, 28))
    ProgrammeLinkFactory(programme=alcohol, participant=twice, started_on=d(2025, 5, 1))
    # Started before the period and still open: taking part, neither started nor ended in it.
    ProgrammeLinkFactory(programme=alcohol, participant=ongoing, started_on=d(2024, 9, 1))
    # Ended before the period, and started after it: not counted at all.
    ProgrammeLinkFactory(programme=alcohol, participant=before, started_on=d(2024, 1, 1), ended_on=d(2024, 12, 31))
    ProgrammeLinkFactory(programme=alcohol, participant=after, started_on=d(2025, 7, 1))
    # The Niebieska Karta: counted as any other (ended on the period's last day).
    ProgrammeLinkFactory(programme=card, participant=ongoing, started_on=d(2025, 3, 1), ended_on=d(2025, 6, 30))

    counts = by_name(counts_by_programme(H1_2025))

    assert counts[alcohol.name] == (2, 2, 1)
    assert counts[card.name] == (1, 1, 1)
    assert counts[programme_of(ProgrammeKind.USEFUL_WORK).name] == (0, 0, 0)


def test_an_inactive_programme_is_left_out_unless_someone_took_part_in_it_in_the_period():
    quiet = ProgrammeFactory(name="Program wygaszony", is_active=False)
    used = ProgrammeFactory(name="Program zakończony", is_active=False)
    ProgrammeLinkFactory(programme=used, started_on=d(2024, 5, 1), ended_on=d(2025, 1, 31))

    names = by_name(counts_by_programme(H1_2025))

    assert quiet.name not in names
    assert names[used.name] == (1, 0, 1)
