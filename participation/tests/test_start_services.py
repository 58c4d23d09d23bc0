"""Starting a participation: a social contract in force is required, and the ESF facts are fixed on
the start date."""

import datetime

import pytest

from contracts import services as contract_services
from contracts.models import ContractStatus
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import signed_contract
from participants.models import LabourMarketStatus
from participants.tests.factories import ParticipantFactory
from participation import services
from participation.models import ExitSituation
from participation.services import ParticipationError
from participation.tests.factories import (
    ParticipationProjectFactory,
    applied_on,
    contract_from,
    first_support,
    participation_in,
    started_on,
)
from participation.tests.test_services import DAY, TODAY, Status, state_of

pytestmark = pytest.mark.django_db


# --- Start: the contract required, the ESF rules fixed on the start date ------------------------


def no_contract(participant):
    return None


def draft_contract(participant):
    ContractTaskFactory(contract=SocialContractFactory(participant=participant, period_start=contract_from()))


def expired_contract(participant):
    # Ended the day before the start.
    signed_contract(participant=participant, period_start=TODAY() - DAY * 300, period_end=TODAY() - DAY * 31)


def future_contract(participant):
    # Signed, but in force only from the day after the start.
    signed_contract(participant=participant, period_start=TODAY() - DAY * 29)


def terminated_contract(participant):
    contract = signed_contract(participant=participant, period_start=contract_from())
    contract_services.contract_close(
        contract_id=contract.pk,
        user=contract.social_worker,
        status=ContractStatus.TERMINATED,
        ended_on=contract_from() + DAY,
        reason="Uczestniczka nie realizowała postanowień kontraktu.",
    )


@pytest.mark.parametrize(
    "make_contract", [no_contract, draft_contract, expired_contract, future_contract, terminated_contract]
)
def test_starting_without_a_signed_contract_in_force_on_the_start_date_is_refused(
    participant, project, social_worker, make_contract
):
    participation = participation_in(Status.QUALIFIED, participant=participant, project=project)
    make_contract(participant)
    before = state_of(participation)
    start = TODAY() - DAY * 30

    with pytest.raises(ParticipationError) as refused:
        services.participation_activate(participation_id=participation.pk, user=social_worker, start_date=start)

    assert str(refused.value) == (
        f"Łucja Żółkiewska has no signed social contract in force on {start:%d.%m.%Y}. Taking part in a KIS "
        "requires one (art. 18 ust. 4 of the Social Employment Act): draft and sign it first."
    )
    assert state_of(participation) == before


def test_a_contract_ending_on_the_start_date_is_enough(participant, project, social_worker):
    participation = participation_in(Status.QUALIFIED, participant=participant, project=project)
    signed_contract(participant=participant, period_start=TODAY() - DAY * 300, period_end=TODAY() - DAY * 30)

    services.participation_activate(
        participation_id=participation.pk, user=social_worker, start_date=TODAY() - DAY * 30
    )

    participation.refresh_from_db()
    assert participation.status == Status.ACTIVE


def test_starting_fixes_the_start_date_age_and_labour_market_status(contracted, project, social_worker):
    birthday = started_on() + DAY  # turns 40 the day after the start (never on a 29 February)
    birthday += DAY if (birthday.month, birthday.day) == (2, 29) else datetime.timedelta(0)
    contracted.date_of_birth = birthday.replace(year=birthday.year - 40)
    contracted.labour_market_status = LabourMarketStatus.REGISTERED_UNEMPLOYED
    contracted.unemployed_since = started_on() - DAY * 800
    contracted.save()
    participation = participation_in(Status.QUALIFIED, participant=contracted, project=project)

    services.participation_activate(participation_id=participation.pk, user=social_worker, start_date=started_on())

    # Started, awaiting the first support: not yet an ESF start.
    participation.refresh_from_db()
    assert (participation.status, participation.planned_start, participation.start_date) == (
        Status.ACTIVE,
        started_on(),
        None,
    )
    assert participation.awaiting_first_support
    first_support(participation, started_on())
    assert participation.start_date == started_on()
    assert participation.age_at_start == 39
    assert participation.labour_status_at_start == LabourMarketStatus.REGISTERED_UNEMPLOYED
    assert (participation.long_term_unemployed_esf, participation.long_term_unemployed_pup) == (True, True)

    # Later changes to the person's data do not change what was fixed on the start date.
    contracted.labour_market_status = LabourMarketStatus.EMPLOYED
    contracted.save()
    participation.refresh_from_db()
    assert (participation.age_at_start, participation.labour_status_at_start) == (
        39,
        LabourMarketStatus.REGISTERED_UNEMPLOYED,
    )


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (
            TODAY() - DAY * 201,
            f"The start must fall within the project "
            f"({TODAY() - DAY * 200:%d.%m.%Y} – {TODAY() + DAY * 300:%d.%m.%Y}).",
        ),
        (TODAY() + DAY, "The start (first support) cannot be in the future."),
        (applied_on() - DAY, "The start cannot be before the application."),
    ],
    ids=["before the project", "in the future", "before the application"],
)
def test_a_start_on_an_impossible_date_is_refused(contracted, project, social_worker, start, message):
    signed_contract(
        participant=contracted,
        period_start=TODAY() - DAY * 210,
        period_end=TODAY() - DAY * 46,
        kind="B",
        unemployment_causes="Brak kwalifikacji.",
    )
    participation = participation_in(Status.QUALIFIED, participant=contracted, project=project)
    before = state_of(participation)

    with pytest.raises(ParticipationError) as refused:
        services.participation_activate(participation_id=participation.pk, user=social_worker, start_date=start)

    assert str(refused.value) == message
    assert state_of(participation) == before


def test_a_start_after_the_projects_end_is_refused(contracted, social_worker):
    project = ParticipationProjectFactory(end_date=TODAY() - DAY * 35)
    participation = participation_in(Status.QUALIFIED, participant=contracted, project=project)

    with pytest.raises(ParticipationError, match="The start must fall within the project"):
        services.participation_activate(
            participation_id=participation.pk, user=social_worker, start_date=TODAY() - DAY * 34
        )

    participation.refresh_from_db()
    assert (participation.status, participation.start_date) == (Status.QUALIFIED, None)


def months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    return day.replace(year=month_index // 12, month=month_index % 12 + 1)


START = datetime.date(2026, 3, 30)  # 6 months before is 30.09 (181 days), 12 months 30.03 (365 days)
UNDER_25 = datetime.date(2001, 3, 31)  # 24 on START, 25 the next day
TURNS_25 = datetime.date(2001, 3, 30)  # 25 on START

# (born, labour-market status, unemployed since, ESF long-term, labour-office long-term)
LONG_TERM = [
    # Under 25: over 6 months continuously.
    (UNDER_25, "registered_unemployed", months_before(START, 6), False, False),
    (UNDER_25, "registered_unemployed", months_before(START, 6) - DAY, True, False),
    (UNDER_25, "registered_unemployed", months_before(START, 12) - DAY, True, True),
    # 25 and over (25 on the start date itself): over 12 months.
    (TURNS_25, "registered_unemployed", months_before(START, 6) - DAY, False, False),
    (TURNS_25, "registered_unemployed", months_before(START, 12), False, False),
    (TURNS_25, "registered_unemployed", months_before(START, 12) - DAY, True, True),
    # Not registered at the labour office: long-term for the ESF, not for the labour office.
    (datetime.date(1970, 1, 1), "unregistered_unemployed", datetime.date(2025, 2, 1), True, False),
    # Without a date, nothing shows it (a labour office's certificate does: below).
    (datetime.date(1970, 1, 1), "registered_unemployed", None, False, False),
    # Not unemployed.
    (datetime.date(1970, 1, 1), "employed", months_before(START, 24), False, False),
    (datetime.date(1970, 1, 1), "inactive", None, False, False),
]


@pytest.mark.parametrize(
    ("born", "status", "since", "esf", "labour_office"),
    LONG_TERM,
    ids=[f"{born.year} {status} since {since}" for born, status, since, _e, _l in LONG_TERM],
)
def test_long_term_unemployment_by_the_esf_and_by_the_labour_office(born, status, since, esf, labour_office):
    participant = ParticipantFactory.build(date_of_birth=born, labour_market_status=status, unemployed_since=since)

    assert participant.long_term_unemployment_on(START) == (esf, labour_office)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("registered_unemployed", (True, True)),
        # Registration and long-term unemployment are two facts: not registered, so not the
        # labour office's long-term unemployed.
        ("unregistered_unemployed", (True, False)),
        ("employed", (False, False)),
    ],
)
def test_without_the_date_a_labour_office_certificate_shows_long_term_unemployment(status, expected):
    participant = ParticipantFactory.build(
        date_of_birth=datetime.date(1970, 1, 1),
        labour_market_status=status,
        unemployed_since=None,
        long_term_unemployed_certified=True,
    )

    assert participant.long_term_unemployment_on(START) == expected


def test_long_term_unemployment_counts_calendar_months_across_a_leap_day():
    # 30.03.2027 → 30.03.2028 is 366 days but exactly 12 months: not over 12 months.
    participant = ParticipantFactory.build(
        date_of_birth=datetime.date(1970, 1, 1),
        labour_market_status="registered_unemployed",
        unemployed_since=datetime.date(2027, 3, 30),
    )

    assert participant.long_term_unemployment_on(datetime.date(2028, 3, 30)) == (False, False)
    assert participant.long_term_unemployment_on(datetime.date(2028, 3, 31)) == (True, True)


def test_a_start_before_the_contract_was_signed_is_refused_with_the_day_it_can_start(
    participant, project, social_worker
):
    # The contract's period covers the start, but it was signed ten days after it.
    participation = participation_in(Status.QUALIFIED, participant=participant, project=project)
    contract = signed_contract(participant=participant, period_start=contract_from(), signed_on=started_on() + DAY * 10)
    before = state_of(participation)

    with pytest.raises(ParticipationError) as refused:
        services.participation_activate(participation_id=participation.pk, user=social_worker, start_date=started_on())

    signed = started_on() + DAY * 10
    assert str(refused.value) == (
        f"Contract {contract.number} was signed on {signed:%d.%m.%Y}, after {started_on():%d.%m.%Y}: a social "
        f"contract is in force from its signing, so the participation can start on {signed:%d.%m.%Y} at the earliest."
    )
    assert state_of(participation) == before

    services.participation_activate(participation_id=participation.pk, user=social_worker, start_date=signed)
    participation.refresh_from_db()
    assert (participation.status, participation.planned_start) == (Status.ACTIVE, signed)


def test_a_start_entered_after_the_fact_takes_the_situation_of_that_day(contracted, project, social_worker):
    # Registered unemployed since 200 days before the start (under 12 months: not long-term then),
    # employed today.
    contracted.labour_market_status = LabourMarketStatus.EMPLOYED
    contracted.unemployed_since = None
    contracted.save()
    participation = participation_in(Status.QUALIFIED, participant=contracted, project=project)

    services.participation_activate(
        participation_id=participation.pk,
        user=social_worker,
        start_date=started_on(),
        labour_status=LabourMarketStatus.REGISTERED_UNEMPLOYED,
        unemployed_since=started_on() - DAY * 200,
    )

    participation.refresh_from_db()
    assert participation.labour_status_at_start == LabourMarketStatus.REGISTERED_UNEMPLOYED
    assert (participation.long_term_unemployed_esf, participation.long_term_unemployed_pup) == (False, False)


def test_the_age_is_that_of_the_first_support_not_of_the_recorded_start(contracted, project, social_worker):
    # Turns 40 the day after the recorded start; the first support comes two days after it.
    birthday = started_on() + DAY
    birthday += DAY if (birthday.month, birthday.day) == (2, 29) else datetime.timedelta(0)
    contracted.date_of_birth = birthday.replace(year=birthday.year - 40)
    contracted.save()
    participation = participation_in(Status.QUALIFIED, participant=contracted, project=project)
    services.participation_activate(participation_id=participation.pk, user=social_worker, start_date=started_on())

    participation = first_support(participation, started_on() + DAY * 2)

    assert (participation.start_date, participation.age_at_start) == (started_on() + DAY * 2, 40)


def test_a_path_without_any_support_cannot_be_completed_but_can_be_left(contracted, project, social_worker):
    participation = participation_in(Status.QUALIFIED, participant=contracted, project=project)
    services.participation_activate(participation_id=participation.pk, user=social_worker, start_date=started_on())

    with pytest.raises(ParticipationError, match="No support has been recorded for this participation yet"):
        services.participation_complete(
            participation_id=participation.pk,
            user=social_worker,
            end_date=TODAY() - DAY,
            completed_as_planned=True,
            exit_situation=ExitSituation.objects.get(code="other"),
        )

    left = services.participation_drop_out(
        participation_id=participation.pk, user=social_worker, end_date=TODAY() - DAY, reason="resigned"
    )
    # Never started by the ESF rules: not recruited, no certificate.
    assert (left.status, left.start_date, left.certificate_number) == (Status.DROPPED_OUT, None, "")
