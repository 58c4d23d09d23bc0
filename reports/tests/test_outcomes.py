"""Every figure of ``outcomes.build()``, for the whole project and for a sub-period, against the
hand-built projects of ``reports.tests.factories`` (the answers were worked out by hand from the
tables in its docstring), and the people behind each figure."""

import datetime
from decimal import Decimal

import pytest

from activities.models import Session
from activities.tests.factories import ActivityFactory, AttendanceFactory, EnrollmentFactory, SessionFactory
from participation.tests.factories import ParticipationProjectFactory, today
from reports import outcomes
from reports.outcomes import Period
from reports.tests.factories import H1_2025, WHOLE, ReportProjectFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def values(rows) -> list[tuple[str, int]]:
    """(label, number) of a breakdown, in the report's order."""
    return [(str(label), figure.value) for label, figure in rows]


def track_rows(report) -> dict:
    return {str(t["label"]): (t["enrolled"], t["completed"], t["hours"], t["attendance_rate"]) for t in report.tracks}


def activity_rows(report) -> list:
    return [(a.name, a.enrolled, a.completed, a.hours_delivered, a.attendance_rate) for a in report.activities]


def headline(report) -> dict:
    return {key: (f.value, f.target, f.percent) for key, f in report.headline.items()}


def test_every_figure_of_the_whole_project(built):
    report = outcomes.build(built.project, Period.of_project(built.project))

    assert (report.period.start, report.period.end) == WHOLE
    assert headline(report) == {
        "recruited": (8, 10, Decimal("80.0")),  # A B C D E F G J (not H, I, K: never started)
        "qualified": (10, None, None),  # everyone but I (rejected)
        "active": (1, None, None),  # E
        "completed": (4, 5, Decimal("80.0")),  # A B C J
        "dropped_out": (3, None, None),  # D F G (not H: left before starting)
    }
    assert values(report.dropout_reasons) == [("found a job", 1), ("health", 1), ("moved away", 1)]
    assert values(report.by_sex) == [("woman", 5), ("man", 3)]
    assert values(report.by_age) == [("< 18", 1), ("18–24", 2), ("25–54", 3), ("55+", 2)]
    # A person with several risk factors counts in each: 11 marks for 7 people (E has none).
    assert values(report.by_risk_factor) == [
        ("bezrobocie", 4),
        ("ubóstwo", 4),
        ("uzależnienie od narkotyków lub innych środków odurzających", 2),
        ("bezdomność", 1),
    ]
    assert values(report.by_location) == [("KIS Śródmieście", 5), ("Punkt Wsparcia Kromołów", 3)]
    assert dict((figure.filter_value, figure.value) for _label, figure in report.exit_situations) == {
        "employed": 2,
        "social-progress": 1,
        "education": 1,
        "looking-for-work": 1,
        "other": 1,
    }

    assert track_rows(report) == {
        "social activation": (3, 1, Decimal("7.0"), 67),  # 2 + 3.5 + 1.5 h; 4 present of 6 marks (1 excused)
        "vocational activation": (3, 2, Decimal("16.0"), 83),  # 8 + 4 + 4 h; 5 of 6
        "community activation": (0, 0, Decimal("0"), None),
    }
    assert activity_rows(report) == [
        ("Trening kompetencji społecznych", 3, 1, Decimal("7.0"), 67),  # E is on the waiting list
        ("Doradztwo zawodowe", 0, 0, Decimal("0.0"), None),
        ("Kurs ECDL Base", 3, 2, Decimal("16.0"), 83),
    ]
    assert report.certificates == 2  # F and J (Q's certificate does not count)
    assert report.internships_completed == 2  # A and J (F's is not completed; Q's is Q's)

    (everyone,) = report.effectiveness  # one pair of thresholds: one group
    assert everyone.social.base.value == 5  # A B C J completed, D left for a job
    assert everyone.followed_up.value == 4  # J has no follow-up
    assert (everyone.social.people.value, everyone.social.rate) == (2, Decimal("40.0"))  # B, C
    assert (everyone.employment.people.value, everyone.employment.base.value) == (3, 5)  # A, C, D
    assert everyone.employment.rate == Decimal("60.0")
    assert everyone.social.threshold == 34 and everyone.social.met is True
    assert everyone.employment.threshold == 56 and everyone.employment.met is True
    assert [pp.partner.name for pp in report.partners] == ["Powiatowy Urząd Pracy w Zawierciu"]


def test_every_figure_of_the_first_half_of_2025(built):
    report = outcomes.build(built.project, Period(*H1_2025))

    assert headline(report) == {
        "recruited": (4, 10, Decimal("40.0")),  # C D E J
        "qualified": (6, None, None),  # C D E H J K
        "active": (3, None, None),  # E, and F and J who left after 30.06
        "completed": (2, 5, Decimal("40.0")),  # B C
        "dropped_out": (1, None, None),  # D
    }
    assert values(report.dropout_reasons) == [("found a job", 1)]
    assert values(report.by_sex) == [("woman", 3), ("man", 1)]
    assert values(report.by_age) == [("< 18", 1), ("18–24", 1), ("25–54", 1), ("55+", 1)]
    assert values(report.by_risk_factor) == [
        ("ubóstwo", 2),
        ("uzależnienie od narkotyków lub innych środków odurzających", 2),
        ("bezdomność", 1),
        ("bezrobocie", 1),
    ]
    assert values(report.by_location) == [("KIS Śródmieście", 2), ("Punkt Wsparcia Kromołów", 2)]
    assert dict((figure.filter_value, figure.value) for _label, figure in report.exit_situations) == {
        "social-progress": 1,
        "education": 1,
        "employed": 1,
    }
    assert track_rows(report) == {
        # A finished before the period; the 06.05.2024 session is outside it.
        "social activation": (2, 0, Decimal("5.0"), 75),
        # F completed on 01.07: enrolled in the period, completed after it; the 01.07 session is out.
        "vocational activation": (3, 1, Decimal("12.0"), 75),
        "community activation": (0, 0, Decimal("0"), None),
    }
    assert report.certificates == 1  # J on 30.06 (F's on 01.07 is outside)
    assert report.internships_completed == 1  # J
    (everyone,) = report.effectiveness
    assert (everyone.social.base.value, everyone.followed_up.value) == (3, 3)  # B C D
    assert (everyone.social.people.value, everyone.social.rate, everyone.social.met) == (2, Decimal("66.7"), True)
    assert (everyone.employment.people.value, everyone.employment.base.value) == (2, 3)  # C, D of B C D
    assert (everyone.employment.rate, everyone.employment.met) == (Decimal("66.7"), True)


def people_of(built, key, value="", period=WHOLE) -> set[str]:
    return {pp.participant.full_name for pp in outcomes.people(built.project, Period(*period), key, value)}


def test_someone_recruited_before_the_period_and_completing_within_it_counts_as_completed_not_recruited(built):
    """B started on 10.04.2024 and completed on 31.03.2025."""
    assert built.names("B") <= people_of(built, "completed", period=H1_2025)
    assert not built.names("B") & people_of(built, "recruited", period=H1_2025)
    assert not built.names("B") & people_of(built, "sex", "M", period=H1_2025)  # the structure is of the recruited


def test_someone_leaving_on_the_last_day_of_the_period_is_not_active_at_its_end(built):
    """B completed on 31.03.2025, the last day of Q1 2025."""
    q1 = (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
    assert people_of(built, "completed", period=q1) == built.names("B")
    assert people_of(built, "active", period=q1) == built.names("C", "D", "E", "F")


def test_a_participant_without_pesel_is_counted_like_the_others(built):
    """C has no PESEL (a foreigner): she is in every figure her dates and data put her in."""
    assert built.people["C"].pesel is None
    for key, value in [
        ("recruited", ""),
        ("qualified", ""),
        ("completed", ""),
        ("sex", "K"),
        ("age", "55_plus"),
        ("risk_factor", "homelessness"),
        ("location", str(built.locations["point"].pk)),
        ("exit_situation", "education"),
        ("effective_social", ""),
        ("effective_employment", ""),
    ]:
        assert built.names("C") <= people_of(built, key, value, period=H1_2025), key


def test_a_person_qualified_who_left_before_starting_is_neither_recruited_nor_a_dropout(built):
    """H was qualified on 10.02.2025 and left on 01.03.2025 without a first form of support."""
    for key, value in [
        ("recruited", ""),
        ("dropped_out", ""),
        ("dropout_reason", "resigned"),
        ("risk_factor", "poverty"),
    ]:
        assert not built.names("H") & people_of(built, key, value), key
    assert built.names("H") <= people_of(built, "qualified")
    report = outcomes.build(built.project, Period.of_project(built.project))
    assert "resigned" not in [figure.filter_value for _label, figure in report.dropout_reasons]


def test_a_person_who_dropped_out_and_joined_again_counts_in_each_project_separately(built):
    """D dropped out of P on 05.05.2025 and was recruited into another project, Q, on 01.08.2025:
    P counts him once as a dropout (and not among its active people), Q once as recruited and
    active; neither report sees the other project's participation or programme. (Re-joining the
    same project is test_rejoining.)"""
    p = outcomes.build(built.project, Period.of_project(built.project))
    q = outcomes.build(built.other_project, Period.of_project(built.other_project))

    assert built.names("D") <= people_of(built, "dropped_out")
    assert not built.names("D") & people_of(built, "active")
    assert headline(q) == {
        "recruited": (1, 3, Decimal("33.3")),
        "qualified": (1, None, None),
        "active": (1, None, None),
        "completed": (0, 5, Decimal("0.0")),
        "dropped_out": (0, None, None),
    }
    assert values(q.by_sex) == [("woman", 0), ("man", 1)]
    assert (q.certificates, q.internships_completed) == (1, 1)
    assert activity_rows(q) == [("Kurs w innym projekcie", 1, 1, Decimal("10.0"), 100)]
    assert p.headline["dropped_out"].value == 3 and p.certificates == 2


def test_a_project_without_participants_gives_an_empty_report_of_zeros(db):
    project = ReportProjectFactory(target_recruited=0, target_completed=0)

    report = outcomes.build(project, Period.of_project(project))

    # Targets of 0 give no percentage (no division by zero).
    assert headline(report) == {
        "recruited": (0, 0, None),
        "qualified": (0, None, None),
        "active": (0, None, None),
        "completed": (0, 0, None),
        "dropped_out": (0, None, None),
    }
    assert report.dropout_reasons == report.by_risk_factor == report.by_location == report.exit_situations == []
    assert values(report.by_sex) == [("woman", 0), ("man", 0)]
    assert [figure.value for _label, figure in report.by_age] == [0, 0, 0, 0]
    assert all(t["enrolled"] == t["completed"] == 0 and t["attendance_rate"] is None for t in report.tracks)
    assert report.activities == [] and report.certificates == report.internships_completed == 0
    (everyone,) = report.effectiveness
    assert everyone.social.rate is None and everyone.employment.rate is None
    assert everyone.social.met is None and everyone.employment.met is None


def every_figure(report):
    yield from report.headline.values()
    for rows in (report.dropout_reasons, report.by_sex, report.by_age, report.by_risk_factor, report.by_location):
        yield from (figure for _label, figure in rows)
    yield from (figure for _label, figure in report.exit_situations)
    for group in report.effectiveness:
        yield from (group.social.people, group.social.base, group.employment.people, group.employment.base)
        yield group.followed_up


@pytest.mark.parametrize("period", [WHOLE, H1_2025], ids=["whole project", "H1 2025"])
def test_the_people_behind_every_figure_are_as_many_as_the_figure(built, period):
    report = outcomes.build(built.project, Period(*period))

    checked = 0
    for figure in every_figure(report):
        people = outcomes.people(built.project, Period(*period), figure.key, figure.filter_value)
        assert people.count() == len(people) == figure.value, (figure.key, figure.filter_value)
        checked += 1
    assert checked >= 20


def test_the_people_behind_the_structure_are_the_right_people(built):
    assert people_of(built, "recruited", period=H1_2025) == built.names("C", "D", "E", "J")
    assert people_of(built, "active", period=H1_2025) == built.names("E", "F", "J")
    assert people_of(built, "sex", "K") == built.names("A", "C", "E", "G", "J")
    assert people_of(built, "age", "18_24") == built.names("B", "J")
    assert people_of(built, "risk_factor", "unemployment") == built.names("A", "B", "G", "J")
    assert people_of(built, "location", str(built.locations["centre"].pk)) == built.names("A", "B", "E", "F", "J")
    assert people_of(built, "dropout_reason", "health") == built.names("F")
    assert people_of(built, "exit_situation", "employed") == built.names("A", "D")
    # The guidelines' effectiveness: D left early for a job and counts with those who completed.
    assert people_of(built, "effectiveness_base") == built.names("A", "B", "C", "D", "J")
    assert people_of(built, "employment_base") == built.names("A", "B", "C", "D", "J")
    assert people_of(built, "effective_employment") == built.names("A", "C", "D")
    assert people_of(built, "effective_social") == built.names("B", "C")
    assert people_of(built, "followed_up") == built.names("A", "B", "C", "D")
    assert people_of(built, "effective_employment", "disability") == set()


def test_an_unknown_figure_or_value_has_no_people(built):
    period = Period.of_project(built.project)
    assert outcomes.people(built.project, period, "nonsense") is None
    assert outcomes.people(built.project, period, "age", "200_plus") is None
    for value in ("abc", "-1", "²", "9" * 25):
        assert outcomes.people(built.project, period, "location", value).count() == 0, value


def test_hours_delivered_do_not_count_sessions_still_to_come():
    """A schedule creates every session of an activity in advance: a running project's report
    counts the hours of the sessions held so far, not those planned for next week."""
    project = ParticipationProjectFactory()
    activity = ActivityFactory(project=project, start_date=today() - DAY * 10, end_date=today() + DAY * 30)
    held = SessionFactory(activity=activity, date=today() - DAY * 7)  # 10:00–12:00
    SessionFactory(activity=activity, date=today())
    SessionFactory(activity=activity, date=today() + DAY * 7)
    AttendanceFactory(session=held, enrollment=EnrollmentFactory(activity=activity))
    assert Session.objects.filter(activity=activity).count() == 3

    report = outcomes.build(project, Period.of_project(project))

    assert activity_rows(report)[0][3] == Decimal("4.0")  # a week ago and today, not next week
