"""What the data says about a person's eligibility: the statutory categories it points to
(Social Employment Act art. 1 ust. 2) and every kind of project criterion, checked against the
person's data — or left to a person (None) where the data cannot tell."""

import datetime

import pytest

from participants.models import DisabilityDegree, LabourMarketStatus, RiskFactor, YesNoRefused
from participants.tests.factories import ParticipantFactory
from participation.eligibility import CATEGORIES, EXCLUSIONS, check_criterion, project_checks, suggested_categories
from projects.models import ProjectCriterion
from projects.tests.factories import ProjectCriterionFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 6, 15)
Kind = ProjectCriterion.Kind


def person(*risk_codes, **fields):
    fields.setdefault("date_of_birth", datetime.date(1980, 6, 15))  # 46 on ON
    return ParticipantFactory(risk_factors=list(RiskFactor.objects.filter(code__in=risk_codes)), **fields)


# --- Statutory categories ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("risk_codes", "fields", "expected"),
    [
        (["homelessness"], {}, {"homeless"}),
        (["alcohol-addiction"], {}, {"alcohol"}),
        (["drug-addiction"], {}, {"drugs"}),
        (["alcohol-addiction", "drug-addiction"], {}, {"alcohol", "drugs"}),
        # Another addiction (gambling…) is neither: it points to "other".
        (["addiction"], {}, {"other"}),
        (["leaving-prison"], {}, {"prison"}),
        (
            [],
            {"labour_market_status": LabourMarketStatus.REGISTERED_UNEMPLOYED, "long_term_unemployed_certified": True},
            {"long_term_unemployed"},
        ),
        (
            [],
            {
                "labour_market_status": LabourMarketStatus.REGISTERED_UNEMPLOYED,
                "unemployed_since": datetime.date(2025, 6, 14),  # 12 months and a day before ON
            },
            {"long_term_unemployed"},
        ),
        (
            [],
            {
                "labour_market_status": LabourMarketStatus.REGISTERED_UNEMPLOYED,
                "unemployed_since": datetime.date(2025, 6, 15),  # exactly 12 months: not over
            },
            set(),
        ),
        # Unemployed over 12 months but not registered: not long-term unemployed in the Act's
        # (the labour office's) sense.
        (
            [],
            {
                "labour_market_status": LabourMarketStatus.UNREGISTERED_UNEMPLOYED,
                "unemployed_since": datetime.date(2024, 6, 15),
            },
            set(),
        ),
        ([], {"disability": DisabilityDegree.LIGHT}, {"disability"}),
        ([], {"disability": DisabilityDegree.MODERATE}, {"disability"}),
        ([], {"disability": DisabilityDegree.SIGNIFICANT}, {"disability"}),
        ([], {"disability": DisabilityDegree.UNCERTIFIED}, {"disability"}),
        ([], {"disability": DisabilityDegree.REFUSED}, set()),
        # A migrant is not a refugee; a refugee on an individual integration programme is.
        ([], {"foreign_origin": YesNoRefused.YES}, set()),
        (["refugee-programme"], {"foreign_origin": YesNoRefused.YES}, {"refugee"}),
        ([], {"foreign_origin": YesNoRefused.REFUSED}, set()),
        # Risk factors that name no category of their own point to "other"…
        (["poverty", "domestic-violence"], {}, {"other"}),
        # … but not when a category was found.
        (["poverty", "homelessness"], {}, {"homeless"}),
        (
            ["homelessness", "leaving-prison"],
            {"disability": DisabilityDegree.SIGNIFICANT},
            {"homeless", "prison", "disability"},
        ),
        ([], {}, set()),
    ],
    ids=[
        "homelessness",
        "alcohol",
        "drugs",
        "alcohol and drugs",
        "another addiction",
        "leaving prison",
        "long-term unemployed status",
        "unemployed over 12 months",
        "unemployed exactly 12 months",
        "unregistered, over 12 months",
        "light disability",
        "moderate disability",
        "significant disability",
        "uncertified disability",
        "disability refused",
        "migrant",
        "refugee on a programme",
        "migrant refused",
        "other risk factors",
        "other risk factors beside a category",
        "several",
        "nothing",
    ],
)
def test_suggested_categories_follow_the_persons_data(risk_codes, fields, expected):
    found = suggested_categories(person(*risk_codes, **fields), ON)

    assert set(found) == expected
    assert set(found) <= set(CATEGORIES)
    assert all(reason for reason in found.values()), "every suggestion says why"


@pytest.mark.parametrize(
    ("since", "on", "suggested"),
    [
        (datetime.date(2025, 6, 15), datetime.date(2026, 6, 15), False),
        (datetime.date(2025, 6, 14), datetime.date(2026, 6, 15), True),
        # Across a leap day, 12 months are 366 days: still not "over 12 months".
        (datetime.date(2027, 6, 15), datetime.date(2028, 6, 15), False),
        (datetime.date(2027, 6, 14), datetime.date(2028, 6, 15), True),
    ],
)
def test_long_term_unemployment_is_suggested_after_over_12_calendar_months(since, on, suggested):
    participant = person(labour_market_status=LabourMarketStatus.REGISTERED_UNEMPLOYED, unemployed_since=since)

    assert ("long_term_unemployed" in suggested_categories(participant, on)) is suggested


def test_the_categories_and_exclusions_are_those_of_the_act():
    assert set(CATEGORIES) == {
        "homeless",
        "alcohol",
        "drugs",
        "mental",
        "long_term_unemployed",
        "prison",
        "refugee",
        "disability",
        "other",
    }
    # A disability pension is not among the exclusions (art. 1 ust. 3a).
    assert set(EXCLUSIONS) == {
        "unemployment_benefit",
        "pre_retirement",
        "structural_pension",
        "old_age_pension",
        "teachers_benefit",
    }


# --- Project criteria ----------------------------------------------------------------------------

# (kind, value, the person's data, met) — one or more rows for every kind of criterion.
CRITERIA = [
    (Kind.TOWN, "Wejherowo; Reda", {"town": "Wejherowo"}, True),
    (Kind.TOWN, "wejherowo", {"town": "WEJHEROWO"}, True),
    (Kind.TOWN, "Reda; Rumia", {"town": "Wejherowo"}, False),
    (Kind.COMMUNE, "Gmina Wejherowo; Luzino", {"commune": "Luzino"}, True),
    (Kind.COMMUNE, "Luzino", {"commune": "Wejherowo"}, False),
    (Kind.STREET, "Sobieskiego; Kościuszki", {"street": "ul. Jana III Sobieskiego"}, True),
    (Kind.STREET, "Kościuszki", {"street": "ul. Sobieskiego"}, False),
    (Kind.STREET, "Kościuszki", {"street": ""}, False),
    (Kind.RISK_FACTOR, "homelessness; addiction", {"risk": ["addiction"]}, True),
    (Kind.RISK_FACTOR, "homelessness", {"risk": ["poverty"]}, False),
    (Kind.RISK_FACTOR, "homelessness", {"risk": []}, False),
    # The person is 46 on ON; limits are inclusive.
    (Kind.MIN_AGE, "46", {}, True),
    (Kind.MIN_AGE, "47", {}, False),
    (Kind.MIN_AGE, "osiemnaście", {}, None),
    (Kind.MAX_AGE, "46", {}, True),
    (Kind.MAX_AGE, "45", {}, False),
    (Kind.MAX_AGE, "", {}, None),
    (Kind.MANUAL, "", {}, None),
    (Kind.MANUAL, "Wejherowo", {"town": "Wejherowo"}, None),
]


def test_the_criteria_rows_cover_every_kind():
    assert {kind for kind, *_rest in CRITERIA} == set(Kind)


@pytest.mark.parametrize(
    ("kind", "value", "data", "met"),
    CRITERIA,
    ids=[f"{kind.value}={value!r}→{met}" for kind, value, _d, met in CRITERIA],
)
def test_a_project_criterion_is_checked_against_the_persons_data(kind, value, data, met):
    data = dict(data)
    participant = person(*data.pop("risk", []), **data)
    criterion = ProjectCriterionFactory(kind=kind, value=value, description="Kryterium projektu")

    check = check_criterion(criterion, participant, ON)

    assert check.met is met
    assert check.label == "Kryterium projektu"
    assert check.detail, "the check shows the data it was made on"


def test_an_age_criterion_is_checked_on_the_given_day():
    participant = person(date_of_birth=datetime.date(2008, 6, 16))  # 18 the day after ON
    criterion = ProjectCriterionFactory(kind=Kind.MIN_AGE, value="18", description="Pełnoletni")

    assert check_criterion(criterion, participant, ON).met is False
    assert check_criterion(criterion, participant, ON + datetime.timedelta(days=1)).met is True


def test_project_checks_give_one_line_per_criterion_in_order():
    participant = person(town="Wejherowo")
    criteria = [
        ProjectCriterionFactory(kind=Kind.TOWN, value="Wejherowo", description="Mieszka w Wejherowie"),
        ProjectCriterionFactory(kind=Kind.MANUAL, description="Nie korzysta z innego projektu"),
    ]

    checks = project_checks(participant, criteria, ON)

    assert [(check.label, check.met) for check in checks] == [
        ("Mieszka w Wejherowie", True),
        ("Nie korzysta z innego projektu", None),
    ]
