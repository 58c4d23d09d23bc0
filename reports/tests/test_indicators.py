"""The project's further indicators, counted by the database for the period and by sex, against
their targets — for the hand-built project P (reports/tests/factories.py), worked out by hand:

whole project: recruited A B C D E F G J = 8 (women A C E G J = 5, men B D F = 3); completed A B C J
= 4 (3 / 1); employed within 3 months (guidelines) A C D = 3 (2 / 1); internships completed A, J = 2
(2 / 0); no certified qualification on leaving. H1 2025: recruited C D E J = 4 (3 / 1).
"""

from decimal import Decimal

import pytest

from activities.models import IndividualSupport
from projects.models import ProjectIndicator
from reports import indicators, outcomes
from reports.outcomes import Period
from reports.tests.factories import H1_2025, WHOLE, d

pytestmark = pytest.mark.django_db

Measure = ProjectIndicator.Measure


@pytest.fixture
def measured(built):
    for name, measure, target in [
        ("Osoby objęte wsparciem", Measure.RECRUITED, 10),
        ("Osoby, które ukończyły ścieżkę", Measure.COMPLETED, 5),
        ("Osoby pracujące po 3 miesiącach", Measure.EMPLOYED, 4),
        ("Osoby z kwalifikacjami", Measure.QUALIFICATION, 2),
        ("Ukończone staże", Measure.INTERNSHIPS, 4),
        ("Programy aktywności lokalnej", Measure.MANUAL, 2),
    ]:
        ProjectIndicator.objects.create(project=built.project, name=name, measure=measure, target=target)
    return built


def rows_of(report):
    return [
        (row.indicator.name, row.total.value if row.total else None, [n for _label, n in row.by_sex], row.percent)
        for row in report.indicators
    ]


def test_every_indicator_is_counted_by_sex_against_its_target(measured):
    report = indicators.build(measured.project, Period(*WHOLE))

    assert rows_of(report) == [
        ("Osoby objęte wsparciem", 8, [5, 3], Decimal("80.0")),
        ("Osoby, które ukończyły ścieżkę", 4, [3, 1], Decimal("80.0")),
        ("Osoby pracujące po 3 miesiącach", 3, [2, 1], Decimal("75.0")),
        ("Osoby z kwalifikacjami", 0, [0, 0], Decimal("0.0")),
        ("Ukończone staże", 2, [2, 0], Decimal("50.0")),
        ("Programy aktywności lokalnej", None, [], None),
    ]


def test_indicators_follow_the_period(measured):
    report = indicators.build(measured.project, Period(*H1_2025))

    assert rows_of(report)[0] == ("Osoby objęte wsparciem", 4, [3, 1], Decimal("40.0"))


def test_the_indicators_are_on_the_report_page(client, manager, measured):
    client.force_login(manager)

    content = client.get(f"/reports/projects/{measured.project.pk}/").content.decode()

    assert "Osoby pracujące po 3 miesiącach" in content and "counted by hand" in content


def test_individual_support_counts_in_the_hours_delivered(built):
    # Two meetings of C in P (10.02.2025, 1.5 h; 10.08.2025, 2 h) and one of D in another project.
    for participant, project, day, hours in [
        (built.people["C"], built.project, "10.02.2025", "1.5"),
        (built.people["C"], built.project, "10.08.2025", "2"),
        (built.people["D"], built.other_project, "10.02.2025", "3"),
    ]:
        IndividualSupport.objects.create(
            participant=participant,
            project=project,
            kind="psychologist",
            date=d(day),
            specialist="Ewa Psycholog",
            hours=Decimal(hours),
        )

    assert outcomes.build(built.project, Period(*WHOLE)).individual_support_hours == Decimal("3.5")
    assert outcomes.build(built.project, Period(*H1_2025)).individual_support_hours == Decimal("1.5")


def test_internships_are_split_by_the_sex_recorded_at_the_start(measured):
    joanna = measured.people["J"]  # completed an internship; a woman when she started
    joanna.sex = "M"
    joanna.save()

    report = indicators.build(measured.project, Period(*WHOLE))

    internships = next(row for row in report.indicators if row.indicator.measure == Measure.INTERNSHIPS)
    assert [n for _label, n in internships.by_sex] == [2, 0]
