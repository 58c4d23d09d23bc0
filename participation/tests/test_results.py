"""What counts of a person's results, case by case from DOMAIN-REFERENCE (the ESF guidelines):
immediate results up to 4 weeks after leaving, a qualification only when certified by an
authorised body, employment within 3 months after leaving of a counted type."""

import datetime
from decimal import Decimal

import pytest

from participation.models import EmploymentType, ExitSituation
from participation.results import (
    Employment,
    ExitData,
    FollowUp,
    ParticipationError,
    check_exit,
    check_follow_up,
    months_after,
)

LEFT = datetime.date(2025, 5, 5)  # the day of leaving
TODAY = datetime.date(2026, 1, 1)
D = datetime.date
CONTRACT, CIVIL, SELF = EmploymentType.EMPLOYMENT_CONTRACT, EmploymentType.CIVIL_LAW, EmploymentType.SELF_EMPLOYMENT


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(D(2025, 5, 5), 3, D(2025, 8, 5)), (D(2025, 11, 30), 3, D(2026, 2, 28)), (D(2024, 11, 30), 3, D(2025, 2, 28))],
)
def test_months_after_keeps_the_day_or_takes_the_last_of_a_shorter_month(day, months, expected):
    assert months_after(day, months) == expected


@pytest.mark.parametrize(
    ("job", "counts"),
    [
        # An employment contract of at least 3 months, at least half-time (20 of 40 hours).
        (Employment(CONTRACT, D(2025, 6, 1), D(2025, 8, 31), Decimal(20)), True),
        (Employment(CONTRACT, D(2025, 6, 1), None, Decimal(40)), True),  # open-ended
        (Employment(CONTRACT, D(2025, 6, 1), D(2025, 8, 30), Decimal(40)), False),  # a day short of 3 months
        (Employment(CONTRACT, D(2025, 6, 1), None, Decimal("19.5")), False),  # under half-time
        # A civil-law contract of at least 3 months paying at least the minimum wage.
        (Employment(CIVIL, D(2025, 6, 1), D(2025, 11, 30), minimum_wage=True), True),
        (Employment(CIVIL, D(2025, 6, 1), D(2025, 11, 30), minimum_wage=False), False),
        (Employment(CIVIL, D(2025, 6, 1), D(2025, 7, 31), minimum_wage=True), False),
        # Self-employment.
        (Employment(SELF, D(2025, 6, 1)), True),
        # Begun within 3 months after leaving (05.08 at the latest), not later.
        (Employment(SELF, D(2025, 8, 5)), True),
        (Employment(SELF, D(2025, 8, 6)), False),
        # Nothing recorded.
        (Employment(), False),
    ],
    ids=[
        "contract 3 months half-time",
        "contract open-ended",
        "contract 3 months less a day",
        "contract under half-time",
        "civil-law minimum wage",
        "civil-law under minimum wage",
        "civil-law 2 months",
        "self-employment",
        "begun on the last day",
        "begun a day late",
        "none",
    ],
)
def test_which_employment_counts(job, counts):
    assert job.counts(left_on=LEFT) is counts


def situation(code: str, *, qualification: bool = False) -> ExitSituation:
    return ExitSituation(code=code, name=code, is_qualification=qualification)


@pytest.mark.parametrize(
    ("exit", "counts"),
    [
        (ExitData(situation("employed")), True),  # on the day of leaving
        (ExitData(situation("employed"), LEFT + datetime.timedelta(days=28)), True),  # 4 weeks
        (ExitData(situation("employed"), LEFT + datetime.timedelta(days=35)), False),  # 5 weeks: too late
        (ExitData(situation("qualification", qualification=True), None, True, "ECDL Polska / PTI"), True),
        (ExitData(situation("qualification", qualification=True), None, False), False),  # internal certificate
    ],
    ids=["on leaving", "after 4 weeks", "after 5 weeks", "certified qualification", "uncertified qualification"],
)
def test_an_immediate_result_counts_within_4_weeks_and_a_qualification_only_certified(exit, counts):
    on, counted = check_exit(exit, left_on=LEFT, today=TODAY)

    assert on == (exit.on or LEFT)
    assert counted is counts


@pytest.mark.parametrize(
    ("exit", "message"),
    [
        (ExitData(situation("qualification", qualification=True)), "Say whether the qualification was certified"),
        (ExitData(situation("qualification", qualification=True), None, True), "Give the body that certified"),
        (ExitData(situation("employed"), LEFT - datetime.timedelta(days=1)), "cannot be dated before the end"),
    ],
)
def test_an_incomplete_situation_on_leaving_is_refused(exit, message):
    with pytest.raises(ParticipationError, match=message):
        check_exit(exit, left_on=LEFT, today=TODAY)


@pytest.mark.parametrize(
    ("follow_up", "message"),
    [
        (
            FollowUp(on=D(2025, 8, 6)),
            r"within 3 months after leaving: date the follow-up between 05.05.2025 and 05.08.2025",
        ),
        (
            FollowUp(on=D(2025, 7, 1), employment=Employment(CONTRACT, D(2025, 6, 1), hours_per_week=Decimal(40))),
            "Say what shows the employment",
        ),
        (
            FollowUp(on=D(2025, 7, 1), employment=Employment(CONTRACT, D(2025, 6, 1), evidence="umowa")),
            "working hours a week",
        ),
        (
            FollowUp(on=D(2025, 7, 1), employment=Employment(CIVIL, D(2025, 6, 1), evidence="umowa")),
            "at least the minimum wage",
        ),
        (
            FollowUp(on=D(2025, 7, 1), employment=Employment(SELF, evidence="CEIDG")),
            "Give the date the employment began",
        ),
        (FollowUp(on=D(2025, 7, 1), social_progress=["happiness"]), "Unknown kind of social progress"),
    ],
    ids=["after 3 months", "no evidence", "no hours", "no minimum-wage answer", "no start", "unknown progress"],
)
def test_a_follow_up_outside_3_months_or_with_its_employment_unproven_is_refused(follow_up, message):
    with pytest.raises(ParticipationError, match=message):
        check_follow_up(follow_up, left_on=LEFT, today=TODAY)


def test_a_follow_up_on_the_last_day_of_the_3_months_is_taken():
    check_follow_up(FollowUp(on=D(2025, 8, 5), social_progress=["motivation"]), left_on=LEFT, today=TODAY)


def test_a_job_that_begins_after_the_follow_up_is_not_recorded_as_found():
    promised = Employment(CONTRACT, D(2025, 7, 1), hours_per_week=Decimal(40), evidence="promesa zatrudnienia")

    with pytest.raises(ParticipationError, match="The employment begins after the follow-up"):
        check_follow_up(FollowUp(on=D(2025, 5, 7), employment=promised), left_on=LEFT, today=TODAY)
