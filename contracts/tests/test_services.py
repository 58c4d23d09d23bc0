"""The actions on contracts: numbering, signing, amending, reviewing, closing, task progress."""

import base64
import datetime
import json

import pytest
from django.utils import timezone

from contracts import services
from contracts.models import ContractAmendment, ContractReview, ContractStatus, ContractTask, Kind, SocialContract
from contracts.services import ContractError
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import PASSWORD, SIGNATURE, signed_contract
from kis.models import AuditEvent
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def sign(contract, *, user=None, password=PASSWORD, signature=SIGNATURE, version=None):
    return services.contract_sign(
        contract_id=contract.pk,
        user=user or contract.social_worker,
        password=password,
        signature=signature,
        version=version,
    )


def sign_amendment(amendment, *, user, password=PASSWORD, signature=SIGNATURE):
    return services.amendment_sign(amendment_id=amendment.pk, user=user, password=password, signature=signature)


def sign_events(obj):
    return AuditEvent.objects.filter(
        action=AuditEvent.Action.SIGN, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    )


# --- numbering -----------------------------------------------------------------------------


def test_new_drafts_are_numbered_in_sequence_within_the_year(participant, social_worker):
    year = TODAY().year

    first = services.contract_create(contract=SocialContractFactory.build(participant=participant), user=social_worker)
    second = services.contract_create(contract=SocialContractFactory.build(participant=participant), user=social_worker)

    assert (first.number, second.number) == (f"KS/{year}/0001", f"KS/{year}/0002")
    assert first.created_by == social_worker
    assert first.status == ContractStatus.DRAFT
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_id=str(first.pk)).count() == 1


def test_numbering_continues_after_the_highest_number_of_the_year(participant, social_worker):
    year = TODAY().year
    SocialContractFactory(participant=participant, number=f"KS/{year}/0041")
    SocialContractFactory(participant=participant, number=f"KS/{year - 1}/0099")

    contract = services.contract_create(
        contract=SocialContractFactory.build(participant=participant), user=social_worker
    )

    assert contract.number == f"KS/{year}/0042"


# --- signing -------------------------------------------------------------------------------


def test_signing_freezes_the_text_and_records_who_signed(draft, social_worker):
    contract = sign(draft)

    contract.refresh_from_db()
    assert contract.status == ContractStatus.SIGNED
    assert contract.signed_on == TODAY()
    assert contract.participant_signature == SIGNATURE
    assert contract.snapshot_matches_hash() is True
    assert len(contract.snapshot_sha256) == 64
    assert contract.version == 2
    # A first review is planned when none was set: 90 days on, or the end of the period if sooner.
    assert contract.next_review_on == min(contract.period_end, TODAY() + datetime.timedelta(days=90))
    [event] = sign_events(contract)
    assert event.user == social_worker
    assert event.details == {"sha256": contract.snapshot_sha256, "signature_method": "drawn"}


def test_signing_keeps_a_review_date_set_in_the_draft(draft):
    draft.next_review_on = TODAY() + datetime.timedelta(days=20)
    draft.save()

    assert sign(draft).next_review_on == TODAY() + datetime.timedelta(days=20)


def test_signing_refuses_a_wrong_password(draft):
    with pytest.raises(ContractError, match="The password is not correct"):
        sign(draft, password="not-my-password")

    draft.refresh_from_db()
    assert draft.status == ContractStatus.DRAFT
    assert draft.snapshot == ""
    assert not sign_events(draft).exists()


def test_only_the_contracts_social_worker_can_sign_it(draft, coordinator):
    coordinator.set_password(PASSWORD)
    coordinator.save()

    with pytest.raises(ContractError, match="Only the social worker who is a party to the contract can sign it"):
        sign(draft, user=coordinator)

    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


@pytest.mark.parametrize(
    ("signature", "message"),
    [
        ("", "The participant's signature is missing"),
        ("data:image/jpeg;base64,/9j/4AAQ", "The participant's signature is missing"),
        ("data:image/png;base64,not base64!", "The signature could not be read"),
        ("data:image/png;base64," + base64.b64encode(b"GIF89a not a png").decode(), "The signature could not be read"),
    ],
)
def test_signing_needs_a_drawn_png_signature(draft, signature, message):
    with pytest.raises(ContractError, match=message):
        sign(draft, signature=signature)

    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_an_empty_draft_cannot_be_signed_and_the_message_lists_what_is_missing(participant):
    contract = SocialContractFactory(participant=participant, main_goal="")

    with pytest.raises(ContractError) as error:
        sign(contract)

    assert str(error.value) == "The draft cannot be signed yet. Missing: the main goal, at least one task."
    assert SocialContract.objects.get(pk=contract.pk).status == ContractStatus.DRAFT


def test_a_kind_b_draft_without_the_causes_of_unemployment_cannot_be_signed(participant):
    contract = SocialContractFactory(participant=participant, kind=Kind.B)
    ContractTaskFactory(contract=contract)

    with pytest.raises(ContractError, match=r"Missing: the causes of unemployment \(kind B\)"):
        sign(contract)

    contract.unemployment_causes = "Brak doświadczenia zawodowego."
    contract.save()
    assert sign(contract).status == ContractStatus.SIGNED


def test_a_second_contract_of_the_same_kind_overlapping_one_in_force_cannot_be_signed(signed, participant):
    second = SocialContractFactory(participant=participant, period_start=signed.period_end)
    ContractTaskFactory(contract=second)

    with pytest.raises(ContractError, match=f"Contract {signed.number} of the same kind is in force"):
        sign(second)

    assert SocialContract.objects.get(pk=second.pk).status == ContractStatus.DRAFT


def test_a_contract_of_the_other_kind_or_after_the_period_may_be_signed(signed, participant):
    other_kind = SocialContractFactory(participant=participant, kind=Kind.B, unemployment_causes="Brak ofert pracy.")
    ContractTaskFactory(contract=other_kind)
    later = SocialContractFactory(participant=participant, period_start=signed.period_end + DAY)
    ContractTaskFactory(contract=later)

    assert sign(other_kind).status == ContractStatus.SIGNED
    assert sign(later).status == ContractStatus.SIGNED


def test_signing_twice_is_refused_and_signs_once(draft):
    contract = sign(draft)
    first_hash = contract.snapshot_sha256

    with pytest.raises(ContractError, match="This contract has already been signed; nothing was changed."):
        sign(draft)

    contract.refresh_from_db()
    assert contract.snapshot_sha256 == first_hash
    assert sign_events(contract).count() == 1


def test_signing_a_draft_that_changed_after_the_page_was_opened_is_refused(draft):
    with pytest.raises(ContractError, match="The draft changed after you opened this page"):
        sign(draft, version=draft.version - 1)

    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_claiming_a_stale_version_of_a_draft_is_refused(draft):
    services.contract_claim_version(contract=draft, submitted_version=1)
    assert SocialContract.objects.get(pk=draft.pk).version == 2

    with pytest.raises(ContractError, match="Someone else changed this draft while you were editing it"):
        services.contract_claim_version(contract=SocialContract.objects.get(pk=draft.pk), submitted_version=1)


def test_claiming_a_version_of_a_contract_signed_meanwhile_is_refused(signed):
    with pytest.raises(ContractError, match="This contract has been signed meanwhile"):
        services.contract_claim_version(contract=signed, submitted_version=signed.version)


# --- amendments ----------------------------------------------------------------------------


def test_an_amendment_is_signed_with_its_own_hash_and_applied(signed, social_worker):
    original_task = signed.tasks.get()
    amendment = ContractAmendment.objects.create(
        contract=signed,
        reason="Wydłużenie okresu w związku z kursem.",
        new_period_end=signed.period_end + datetime.timedelta(days=90),
        new_main_goal="Ukończenie kursu zawodowego.",
    )
    added = ContractTaskFactory(contract=signed, amendment=amendment, description="Egzamin ECDL")
    amendment.cancelled_tasks.add(original_task)

    sign_amendment(amendment, user=social_worker)

    amendment.refresh_from_db()
    signed.refresh_from_db()
    assert amendment.status == ContractStatus.SIGNED
    assert amendment.number == 1
    assert amendment.snapshot_matches_hash() is True
    assert amendment.snapshot_sha256 != signed.snapshot_sha256
    data = json.loads(amendment.snapshot)
    assert data["contract_sha256"] == signed.snapshot_sha256
    assert data["withdrawn_tasks"] == [original_task.description]
    assert [t["description"] for t in data["added_tasks"]] == ["Egzamin ECDL"]
    # The contract's own text is unchanged; the amendment is applied around it.
    assert signed.snapshot_matches_hash() is True
    assert signed.period_end == signed.period_start + datetime.timedelta(days=180)
    assert signed.effective_period_end == signed.period_end + datetime.timedelta(days=90)
    assert signed.is_in_force(signed.period_end + DAY)
    original_task.refresh_from_db()
    assert original_task.status == ContractTask.Status.CANCELLED
    assert ContractTask.objects.get(pk=added.pk).status == ContractTask.Status.OPEN
    assert sign_events(amendment).get().details["contract"] == signed.number


def test_amendments_are_numbered_and_each_has_its_own_hash(signed, social_worker):
    first = ContractAmendment.objects.create(contract=signed, reason="1", new_main_goal="Cel po aneksie 1")
    sign_amendment(first, user=social_worker)
    second = ContractAmendment.objects.create(contract=signed, reason="2", new_main_goal="Cel po aneksie 2")
    sign_amendment(second, user=social_worker)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.snapshot_sha256 != second.snapshot_sha256
    assert first.snapshot_matches_hash() and second.snapshot_matches_hash()


def test_an_empty_amendment_cannot_be_signed(signed, social_worker):
    amendment = ContractAmendment.objects.create(contract=signed, reason="Bez zmian")

    with pytest.raises(ContractError, match="The amendment changes nothing"):
        sign_amendment(amendment, user=social_worker)

    assert ContractAmendment.objects.get(pk=amendment.pk).status == ContractStatus.DRAFT


def test_an_amendment_needs_the_contracts_worker_and_their_password(signed, social_worker, coordinator):
    amendment = ContractAmendment.objects.create(contract=signed, reason="Zmiana celu", new_main_goal="Nowy cel")

    with pytest.raises(ContractError, match="The password is not correct"):
        sign_amendment(amendment, user=social_worker, password="wrong")
    with pytest.raises(ContractError, match="Only the social worker who is a party"):
        sign_amendment(amendment, user=coordinator)

    assert ContractAmendment.objects.get(pk=amendment.pk).status == ContractStatus.DRAFT


def test_an_amendment_is_signed_once(signed, social_worker):
    amendment = ContractAmendment.objects.create(contract=signed, reason="Zmiana celu", new_main_goal="Nowy cel")
    sign_amendment(amendment, user=social_worker)

    with pytest.raises(ContractError, match="This amendment has already been signed"):
        sign_amendment(amendment, user=social_worker)

    assert sign_events(amendment).count() == 1


def test_only_a_contract_in_force_can_be_amended(signed, social_worker):
    amendment = ContractAmendment.objects.create(contract=signed, reason="Zmiana celu", new_main_goal="Nowy cel")
    services.contract_close(
        contract_id=signed.pk, user=social_worker, status=ContractStatus.COMPLETED, ended_on=TODAY(), reason=""
    )

    with pytest.raises(ContractError, match="Only a contract in force can be amended"):
        sign_amendment(amendment, user=social_worker)


# --- reviews -------------------------------------------------------------------------------


def test_a_review_moves_the_next_review_date(signed, social_worker):
    review = ContractReview(
        contract=signed, reviewed_on=TODAY(), findings="Realizacja zgodnie z planem.", next_review_on=TODAY() + DAY * 60
    )

    services.review_add(review=review, user=social_worker)

    signed.refresh_from_db()
    assert signed.next_review_on == TODAY() + DAY * 60
    assert review.reviewed_by == social_worker
    assert signed.reviews.get() == review


def test_a_draft_is_not_reviewed(draft, social_worker):
    review = ContractReview(contract=draft, findings="—", next_review_on=TODAY() + DAY * 60)

    with pytest.raises(ContractError, match="Only a contract in force is reviewed"):
        services.review_add(review=review, user=social_worker)

    assert not ContractReview.objects.exists()


# --- closing -------------------------------------------------------------------------------


def test_a_contract_is_completed(signed, social_worker):
    services.contract_close(
        contract_id=signed.pk,
        user=social_worker,
        status=ContractStatus.COMPLETED,
        ended_on=TODAY(),
        reason="Cele osiągnięte",
    )

    signed.refresh_from_db()
    assert (signed.status, signed.ended_on, signed.end_reason) == (ContractStatus.COMPLETED, TODAY(), "Cele osiągnięte")
    assert signed.snapshot_matches_hash() is True


def test_a_contract_is_terminated_with_a_reason_and_a_date(signed, social_worker):
    ended = TODAY() - DAY

    services.contract_close(
        contract_id=signed.pk,
        user=social_worker,
        status=ContractStatus.TERMINATED,
        ended_on=ended,
        reason="  Przeprowadzka  ",
    )

    signed.refresh_from_db()
    assert (signed.status, signed.ended_on, signed.end_reason) == (ContractStatus.TERMINATED, ended, "Przeprowadzka")


@pytest.mark.parametrize("reason", ["", "   "])
def test_terminating_needs_a_reason(signed, social_worker, reason):
    with pytest.raises(ContractError, match="Give the reason for terminating the contract"):
        services.contract_close(
            contract_id=signed.pk, user=social_worker, status=ContractStatus.TERMINATED, ended_on=TODAY(), reason=reason
        )

    assert SocialContract.objects.get(pk=signed.pk).status == ContractStatus.SIGNED


@pytest.mark.parametrize(
    ("days_from_today", "message"),
    [(1, "The end date cannot be in the future"), (-11, "The end date cannot be before the contract's period starts")],
)
def test_the_end_date_must_fall_between_the_start_and_today(signed, social_worker, days_from_today, message):
    # The signed fixture's period started 10 days ago.
    with pytest.raises(ContractError, match=message):
        services.contract_close(
            contract_id=signed.pk,
            user=social_worker,
            status=ContractStatus.COMPLETED,
            ended_on=TODAY() + DAY * days_from_today,
            reason="",
        )

    assert SocialContract.objects.get(pk=signed.pk).status == ContractStatus.SIGNED


def test_a_draft_or_a_closed_contract_cannot_be_closed(draft, signed, social_worker):
    services.contract_close(
        contract_id=signed.pk, user=social_worker, status=ContractStatus.COMPLETED, ended_on=TODAY(), reason=""
    )

    for contract in (draft, signed):
        with pytest.raises(ContractError, match="Only a contract in force can be completed or terminated"):
            services.contract_close(
                contract_id=contract.pk,
                user=social_worker,
                status=ContractStatus.TERMINATED,
                ended_on=TODAY(),
                reason="x",
            )


def test_closing_needs_an_outcome(signed, social_worker):
    with pytest.raises(ContractError, match="Choose whether the contract was completed or terminated"):
        services.contract_close(
            contract_id=signed.pk, user=social_worker, status=ContractStatus.DRAFT, ended_on=TODAY(), reason=""
        )


# --- task progress -------------------------------------------------------------------------


def test_the_progress_of_a_task_is_recorded(signed, social_worker):
    task = signed.tasks.get()

    services.task_set_status(task=task, status=ContractTask.Status.DONE, user=social_worker)

    assert ContractTask.objects.get(pk=task.pk).status == ContractTask.Status.DONE
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE, details__task=task.pk).exists()


@pytest.mark.parametrize("status", [ContractTask.Status.CANCELLED, "finished", ""])
def test_a_task_cannot_be_given_an_unknown_status_or_withdrawn_by_hand(signed, social_worker, status):
    task = signed.tasks.get()

    with pytest.raises(ContractError, match="Unknown task status"):
        services.task_set_status(task=task, status=status, user=social_worker)

    assert ContractTask.objects.get(pk=task.pk).status == ContractTask.Status.OPEN


def test_a_task_withdrawn_by_an_amendment_keeps_its_status(signed, social_worker):
    task = signed.tasks.get()
    amendment = ContractAmendment.objects.create(contract=signed, reason="Wycofanie zadania")
    amendment.cancelled_tasks.add(task)
    sign_amendment(amendment, user=social_worker)
    task.refresh_from_db()

    with pytest.raises(ContractError, match="This task was withdrawn by an amendment"):
        services.task_set_status(task=task, status=ContractTask.Status.DONE, user=social_worker)

    assert ContractTask.objects.get(pk=task.pk).status == ContractTask.Status.CANCELLED


def test_overlap_is_checked_against_contracts_in_force_only(participant, social_worker):
    signed_first = signed_contract(participant=participant)
    services.contract_close(
        contract_id=signed_first.pk,
        user=social_worker,
        status=ContractStatus.TERMINATED,
        ended_on=TODAY(),
        reason="Zmiana",
    )
    again = SocialContractFactory(participant=participant)

    assert services.overlapping_contract(again) is None
    assert services.overlapping_contract(SocialContractFactory(participant=ParticipantFactory())) is None


def test_an_amendment_cannot_extend_a_contract_into_the_next_one_of_the_same_kind(signed, participant, social_worker):
    following = signed_contract(
        participant=participant, period_start=signed.period_end + DAY, period_end=signed.period_end + DAY * 90
    )
    amendment = ContractAmendment.objects.create(
        contract=signed, reason="Wydłużenie", new_period_end=signed.period_end + DAY * 30
    )

    with pytest.raises(ContractError, match=f"Contract {following.number} of the same kind is in force"):
        sign_amendment(amendment, user=social_worker)

    assert ContractAmendment.objects.get(pk=amendment.pk).status == ContractStatus.DRAFT
    assert SocialContract.objects.get(pk=signed.pk).effective_period_end == signed.period_end
