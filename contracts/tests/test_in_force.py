"""When a social contract is in force, and signing a contract concluded on paper earlier.

DOMAIN-REFERENCE: a contract binds from the day both parties sign it, and nothing that requires a
contract in force (starting KIS participation) may be dated before it. The cases are written out by
hand: a contract for 01.09.2025–28.02.2026 signed only on 01.12.2025, terminated on 15.01.2026.
"""

import datetime

import pytest
from django.utils import timezone

from contracts import services
from contracts.models import ContractStatus, SocialContract
from contracts.services import ContractError
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import SIGNATURE, signed_contract
from kis.models import AuditEvent
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

SEPT_1, SEPT_2 = datetime.date(2025, 9, 1), datetime.date(2025, 9, 2)
NOV_30, DEC_1 = datetime.date(2025, 11, 30), datetime.date(2025, 12, 1)
JAN_14, JAN_15, JAN_16 = datetime.date(2026, 1, 14), datetime.date(2026, 1, 15), datetime.date(2026, 1, 16)
FEB_28 = datetime.date(2026, 2, 28)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def signed_late():
    return signed_contract(period_start=SEPT_1, period_end=FEB_28, signed_on=DEC_1)


def in_force_on(contract: SocialContract, day: datetime.date) -> bool:
    by_query = SocialContract.objects.filter(pk=contract.pk).in_force(day).exists()
    contract.refresh_from_db()
    assert contract.is_in_force(day) == by_query  # the row and the query agree
    return by_query


@pytest.mark.parametrize(
    ("day", "in_force"),
    [(SEPT_2, False), (NOV_30, False), (DEC_1, True), (FEB_28, True), (FEB_28 + datetime.timedelta(days=1), False)],
    ids=["02.09 (period begun, not signed)", "30.11", "01.12 (signed)", "28.02 (last day)", "01.03"],
)
def test_a_contract_is_in_force_from_its_signing_not_from_the_start_of_its_period(day, in_force):
    assert in_force_on(signed_late(), day) is in_force


@pytest.mark.parametrize(
    ("day", "in_force"),
    [(DEC_1, True), (JAN_14, True), (JAN_15, False), (JAN_16, False)],
    ids=["01.12", "14.01", "15.01 (the day it ended)", "16.01"],
)
def test_a_contract_closed_since_was_in_force_until_the_day_it_ended(day, in_force):
    contract = signed_late()
    services.contract_close(
        contract_id=contract.pk,
        user=contract.social_worker,
        status=ContractStatus.TERMINATED,
        ended_on=JAN_15,
        reason="Uczestnik nie realizował postanowień kontraktu.",
    )

    assert in_force_on(contract, day) is in_force


def test_a_draft_is_never_in_force():
    draft = SocialContractFactory(period_start=SEPT_1, period_end=FEB_28)

    assert not SocialContract.objects.in_force(DEC_1).filter(pk=draft.pk).exists()
    assert not draft.is_in_force(DEC_1)


def test_a_contract_signed_on_paper_earlier_is_concluded_on_that_day_and_the_entry_is_audited():
    draft = SocialContractFactory(period_start=DEC_1, period_end=FEB_28)
    ContractTaskFactory(contract=draft)

    contract = services.contract_conclude(
        contract_id=draft.pk, user=draft.social_worker, signature=SIGNATURE, signed_at=at(DEC_1)
    )

    assert (contract.status, contract.signed_on) == (ContractStatus.SIGNED, DEC_1)
    assert contract.snapshot_matches_hash()
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN, object_id=str(contract.pk))
    assert event.details["signed_on"] == "2025-12-01"
    assert timezone.localdate(datetime.datetime.fromisoformat(event.details["entered_at"])) == timezone.localdate()


def test_a_signature_dated_in_the_future_is_refused_and_the_draft_stays_a_draft():
    draft = SocialContractFactory()
    ContractTaskFactory(contract=draft)

    with pytest.raises(ContractError, match="The date of signing cannot be in the future."):
        services.contract_conclude(
            contract_id=draft.pk,
            user=draft.social_worker,
            signature=SIGNATURE,
            signed_at=timezone.now() + datetime.timedelta(days=1),
        )

    draft.refresh_from_db()
    assert draft.status == ContractStatus.DRAFT and draft.snapshot == ""


def test_only_the_contracts_own_social_worker_concludes_it(social_worker):
    draft = SocialContractFactory()
    ContractTaskFactory(contract=draft)

    with pytest.raises(ContractError, match="Only the social worker who is a party to the contract can sign it."):
        services.contract_conclude(contract_id=draft.pk, user=social_worker, signature=SIGNATURE)

    draft.refresh_from_db()
    assert draft.status == ContractStatus.DRAFT


def test_a_contract_cannot_end_before_it_was_signed():
    contract = signed_late()

    with pytest.raises(ContractError, match="A contract cannot end before it was signed."):
        services.contract_close(
            contract_id=contract.pk,
            user=contract.social_worker,
            status=ContractStatus.COMPLETED,
            ended_on=NOV_30,
            reason="",
        )

    contract.refresh_from_db()
    assert (contract.status, contract.ended_on) == (ContractStatus.SIGNED, None)


def test_an_amendment_cannot_be_signed_before_the_contract_it_amends():
    contract = signed_late()
    amendment = contract.amendments.create(
        reason="Wydłużenie okresu.",
        new_period_end=FEB_28 + datetime.timedelta(days=30),
        created_by=contract.social_worker,
    )

    with pytest.raises(ContractError, match="An amendment cannot be signed before the contract it amends."):
        services.amendment_conclude(
            amendment_id=amendment.pk, user=contract.social_worker, signature=SIGNATURE, signed_at=at(NOV_30)
        )

    contract.refresh_from_db()
    assert contract.effective_period_end == FEB_28


def test_a_contract_entered_after_the_fact_is_numbered_in_the_year_it_was_drafted():
    participant = ParticipantFactory()
    today = services.contract_create(
        contract=SocialContractFactory.build(participant=participant, number=""), user=participant.social_worker
    )
    draft = SocialContractFactory.build(
        participant=participant,
        number="",
        period_start=datetime.date(2016, 3, 1),
        period_end=datetime.date(2016, 9, 30),
    )

    contract = services.contract_create(contract=draft, user=participant.social_worker, today=datetime.date(2016, 3, 1))

    assert today.number == f"KS/{timezone.localdate().year}/0001"
    assert contract.number == "KS/2016/0001"
