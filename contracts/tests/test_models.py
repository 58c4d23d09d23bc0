"""The contract model: kinds, parties, readiness for signing, state, reads, and the freezing of
what was signed (save, update, delete — of the contract, its tasks and its family members)."""

import datetime
import hashlib
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.utils import timezone

from contracts import services
from contracts.models import (
    ContractAmendment,
    ContractFamilyMember,
    ContractFrozenError,
    ContractStatus,
    ContractTask,
    Kind,
    SocialContract,
)
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import PASSWORD, SIGNATURE, signed_contract
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


# --- kinds, parties, readiness ---------------------------------------------------------------


def test_a_complete_draft_with_a_task_lacks_nothing(draft):
    assert draft.missing_for_signing() == []


def test_an_empty_draft_lists_everything_it_lacks(participant):
    contract = SocialContractFactory(participant=participant, problems=" ", main_goal="", centre_support="")

    missing = [str(item) for item in contract.missing_for_signing()]

    assert missing == [
        "the assessment of problems and their causes",
        "the main goal",
        "the support offered by the centre",
        "at least one task",
    ]


def test_kind_b_needs_the_causes_of_unemployment_before_signing(participant):
    contract = SocialContractFactory(participant=participant, kind=Kind.B, unemployment_causes="")
    ContractTaskFactory(contract=contract)

    assert [str(item) for item in contract.missing_for_signing()] == ["the causes of unemployment (kind B)"]

    contract.unemployment_causes = "Brak kwalifikacji, długa przerwa w pracy."
    assert contract.missing_for_signing() == []


def test_kind_a_does_not_need_the_causes_of_unemployment(draft):
    assert draft.kind == Kind.A
    assert draft.unemployment_causes == ""
    assert draft.missing_for_signing() == []


def test_tasks_added_by_an_amendment_do_not_count_for_signing_the_contract(participant):
    contract = SocialContractFactory(participant=participant)
    amendment = ContractAmendment.objects.create(contract=contract, reason="x")
    ContractTaskFactory(contract=contract, amendment=amendment)

    assert [str(item) for item in contract.missing_for_signing()] == ["at least one task"]


def test_family_members_are_parties_frozen_into_the_signed_text(participant):
    contract = SocialContractFactory(participant=participant)
    ContractTaskFactory(contract=contract)
    ContractFamilyMember.objects.create(
        contract=contract, first_name="Zofia", last_name="Żółkiewska", pesel="18251500123", address="Wejherowo"
    )

    contract = services.contract_sign(
        contract_id=contract.pk, user=contract.social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )

    assert contract.snapshot_data["family_members"] == [
        {"name": "Zofia Żółkiewska", "pesel": "18251500123", "address": "Wejherowo"}
    ]
    assert contract.snapshot_data["participant"]["name"] == "Łucja Żółkiewska"


def test_the_period_end_cannot_come_before_its_start(participant):
    contract = SocialContractFactory.build(
        participant=participant, period_start=TODAY(), period_end=TODAY() - DAY, number="KS/2026/9999"
    )

    with pytest.raises(ValidationError) as error:
        contract.full_clean()

    assert error.value.message_dict["period_end"] == ["The end of the period cannot be before its start."]


def test_the_database_refuses_a_period_ending_before_it_starts(participant):
    with pytest.raises(IntegrityError):
        SocialContractFactory(participant=participant, period_start=TODAY(), period_end=TODAY() - DAY)


# --- state ---------------------------------------------------------------------------------


def test_a_draft_is_not_frozen_and_not_in_force(draft):
    assert draft.is_draft
    assert not draft.is_frozen
    assert not draft.is_in_force()
    assert not SocialContract.objects.in_force().filter(pk=draft.pk).exists()


def test_a_signed_contract_is_in_force_within_its_period_only(signed):
    assert signed.is_frozen
    assert signed.is_in_force()
    assert signed.is_in_force(signed.period_end)
    assert not signed.is_in_force(signed.period_end + DAY)
    assert not signed.is_in_force(signed.period_start - DAY)
    assert list(SocialContract.objects.in_force()) == [signed]
    assert not SocialContract.objects.in_force(signed.period_end + DAY).exists()


def test_a_completed_contract_is_no_longer_in_force(signed, social_worker):
    services.contract_close(
        contract_id=signed.pk, user=social_worker, status=ContractStatus.COMPLETED, ended_on=TODAY(), reason=""
    )

    signed.refresh_from_db()
    assert signed.status == ContractStatus.COMPLETED
    assert not signed.is_in_force()
    assert not SocialContract.objects.in_force().exists()


def test_the_effective_period_end_of_a_draft_follows_its_period_end(draft):
    draft.period_end = draft.period_start + datetime.timedelta(days=60)
    draft.save()

    draft.refresh_from_db()
    assert draft.effective_period_end == draft.period_start + datetime.timedelta(days=60)


@pytest.mark.parametrize(
    ("next_review_in_days", "due", "overdue"),
    [(-1, False, True), (0, True, False), (14, True, False), (15, False, False)],
)
def test_review_due_within_14_days_or_overdue(signed, next_review_in_days, due, overdue):
    SocialContract.objects.filter(pk=signed.pk).update(next_review_on=TODAY() + datetime.timedelta(next_review_in_days))
    signed.refresh_from_db()

    assert signed.review_due_soon is due
    assert signed.review_overdue is overdue
    assert SocialContract.objects.review_due().filter(pk=signed.pk).exists() is due
    assert SocialContract.objects.review_overdue().filter(pk=signed.pk).exists() is overdue


def test_a_draft_has_no_review_due(participant):
    contract = SocialContractFactory(participant=participant, next_review_on=TODAY() - DAY)

    assert not contract.review_overdue
    assert not SocialContract.objects.review_overdue().exists()


def test_overdue_task_count_counts_open_tasks_past_their_deadline(participant):
    contract = SocialContractFactory(participant=participant, period_start=TODAY() - datetime.timedelta(days=60))
    ContractTaskFactory(contract=contract, deadline=TODAY() - DAY)  # overdue
    ContractTaskFactory(contract=contract, deadline=TODAY() - DAY * 2)  # overdue
    ContractTaskFactory(contract=contract, deadline=TODAY() - DAY, status=ContractTask.Status.DONE)
    ContractTaskFactory(contract=contract, deadline=TODAY() - DAY, status=ContractTask.Status.NOT_DONE)
    ContractTaskFactory(contract=contract, deadline=TODAY())  # due today: not yet overdue
    services.contract_sign(
        contract_id=contract.pk, user=contract.social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )
    draft_amendment = ContractAmendment.objects.create(contract=contract, reason="projekt aneksu")
    ContractTaskFactory(contract=contract, amendment=draft_amendment, deadline=TODAY() - DAY)  # not agreed yet

    annotated = SocialContract.objects.with_overdue_tasks().get(pk=contract.pk)

    assert annotated.overdue_task_count == 2
    assert [t.is_overdue for t in contract.tasks.order_by("id")] == [True, True, False, False, False, True]


def test_the_tasks_of_a_draft_are_not_flagged_as_overdue(participant):
    contract = SocialContractFactory(participant=participant, period_start=TODAY() - datetime.timedelta(days=60))
    ContractTaskFactory(contract=contract, deadline=TODAY() - DAY)

    assert SocialContract.objects.with_overdue_tasks().get(pk=contract.pk).overdue_task_count == 0


def test_tasks_added_by_a_signed_amendment_count_as_overdue(signed, social_worker):
    amendment = ContractAmendment.objects.create(contract=signed, reason="Nowe zadanie")
    ContractTaskFactory(contract=signed, amendment=amendment, deadline=TODAY() - DAY)
    assert SocialContract.objects.with_overdue_tasks().get(pk=signed.pk).overdue_task_count == 0

    services.amendment_sign(amendment_id=amendment.pk, user=social_worker, password=PASSWORD, signature=SIGNATURE)

    assert SocialContract.objects.with_overdue_tasks().get(pk=signed.pk).overdue_task_count == 1


def test_visible_to_and_manageable_by_follow_the_caseload(
    signed, social_worker, other_social_worker, coordinator, manager, admin_user
):
    others = signed_contract(participant=ParticipantFactory(social_worker=other_social_worker))

    def visible(user):
        return set(SocialContract.objects.visible_to(user))

    def manageable(user):
        return set(SocialContract.objects.manageable_by(user))

    assert visible(social_worker) == manageable(social_worker) == {signed}
    assert visible(other_social_worker) == manageable(other_social_worker) == {others}
    assert visible(coordinator) == manageable(coordinator) == {signed, others}
    assert visible(manager) == {signed, others}
    assert manageable(manager) == set()
    assert visible(admin_user) == manageable(admin_user) == set()


def test_a_worker_sees_the_contracts_of_people_on_their_caseload_signed_by_a_colleague_who_no_longer_does(
    social_worker, other_social_worker
):
    # The participant moved to social_worker's caseload after other_social_worker signed with them.
    participant = ParticipantFactory(social_worker=other_social_worker)
    contract = signed_contract(participant=participant)
    participant.social_worker = social_worker
    participant.save()

    assert list(SocialContract.objects.visible_to(social_worker)) == [contract]
    # Need to know: having signed it is not enough once the case has moved to another worker.
    assert list(SocialContract.objects.visible_to(other_social_worker)) == []


# --- the signed text ---------------------------------------------------------------------


def test_the_signed_text_is_canonical_json_with_its_sha256(signed):
    data = json.loads(signed.snapshot)

    assert signed.snapshot == json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert signed.snapshot_sha256 == hashlib.sha256(signed.snapshot.encode("utf-8")).hexdigest()
    assert signed.snapshot_matches_hash() is True
    assert data["number"] == signed.number
    assert data["kind"] == "A"
    assert data["main_goal"] == "Podjęcie zatrudnienia."
    assert data["period"] == [signed.period_start.isoformat(), signed.period_end.isoformat()]
    assert [t["description"] for t in data["tasks"]] == [t.description for t in signed.tasks.all()]
    assert "art. 11 ust. 2" in data["consequence_clause"]
    assert data["participant_signature_sha256"] == hashlib.sha256(SIGNATURE.encode()).hexdigest()


def test_a_draft_has_no_hash_to_check(draft):
    assert draft.snapshot_matches_hash() is None


def test_altering_the_stored_text_in_the_database_breaks_the_hash(signed):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE contracts_socialcontract SET snapshot = REPLACE(snapshot, %s, %s) WHERE id = %s",
            ["Podjęcie zatrudnienia.", "Cokolwiek innego.", signed.pk],
        )

    tampered = SocialContract.objects.get(pk=signed.pk)
    assert "Cokolwiek innego." in tampered.snapshot
    assert tampered.snapshot_matches_hash() is False


# --- frozen after signing ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("main_goal", "Zmieniony cel"),
        ("problems", "Inne problemy"),
        ("period_end", datetime.date(2099, 1, 1)),
        ("kind", Kind.B),
        ("snapshot_sha256", "0" * 64),
        ("place", "Reda"),
    ],
)
def test_save_refuses_to_change_a_signed_contract(signed, field, value):
    original = SocialContract.objects.values_list(field, flat=True).get(pk=signed.pk)
    setattr(signed, field, value)

    with pytest.raises(ContractFrozenError):
        signed.save()

    assert SocialContract.objects.values_list(field, flat=True).get(pk=signed.pk) == original


def test_save_refuses_to_move_a_signed_contract_to_another_participant(signed):
    signed.participant = ParticipantFactory(social_worker=signed.social_worker)

    with pytest.raises(ContractFrozenError):
        signed.save()


def test_save_refuses_to_return_a_signed_contract_to_draft(signed):
    signed.status = ContractStatus.DRAFT

    with pytest.raises(ContractFrozenError):
        signed.save()

    assert SocialContract.objects.get(pk=signed.pk).status == ContractStatus.SIGNED


@pytest.mark.parametrize(
    ("field", "value"), [("main_goal", "Zmieniony cel"), ("period_end", datetime.date(2099, 1, 1))]
)
def test_queryset_update_refuses_to_change_a_signed_contract(signed, field, value):
    with pytest.raises(ContractFrozenError):
        SocialContract.objects.filter(pk=signed.pk).update(**{field: value})

    assert SocialContract.objects.get(pk=signed.pk).snapshot_matches_hash()
    assert getattr(SocialContract.objects.get(pk=signed.pk), field) != value


def test_queryset_update_refuses_to_return_a_signed_contract_to_draft(signed):
    with pytest.raises(ContractFrozenError):
        SocialContract.objects.filter(pk=signed.pk).update(status=ContractStatus.DRAFT)

    assert SocialContract.objects.get(pk=signed.pk).status == ContractStatus.SIGNED


def test_queryset_update_may_still_change_drafts(draft):
    SocialContract.objects.filter(pk=draft.pk).update(main_goal="Nowy cel")

    assert SocialContract.objects.get(pk=draft.pk).main_goal == "Nowy cel"


def test_a_signed_contract_cannot_be_deleted(signed):
    with pytest.raises(ContractFrozenError):
        signed.delete()
    with pytest.raises(ContractFrozenError):
        SocialContract.objects.filter(pk=signed.pk).delete()

    assert SocialContract.objects.filter(pk=signed.pk).exists()
    assert signed.tasks.count() == 1


def test_a_draft_can_be_deleted_with_its_tasks(draft):
    draft.delete()

    assert not SocialContract.objects.exists()
    assert not ContractTask.objects.exists()


def test_the_next_review_date_and_the_scan_time_may_change_after_signing(signed):
    signed.next_review_on = TODAY() + datetime.timedelta(days=30)
    signed.scan_uploaded_at = timezone.now()
    signed.save()
    SocialContract.objects.filter(pk=signed.pk).update(next_review_on=TODAY() + datetime.timedelta(days=40))

    assert SocialContract.objects.get(pk=signed.pk).next_review_on == TODAY() + datetime.timedelta(days=40)


@pytest.mark.parametrize(
    ("field", "value"),
    [("description", "Inne zadanie"), ("deadline", datetime.date(2099, 1, 1)), ("responsible", "institution")],
)
def test_the_text_of_a_signed_contracts_task_is_frozen(signed, field, value):
    task = signed.tasks.get()
    original = getattr(task, field)
    setattr(task, field, value)

    with pytest.raises(ContractFrozenError):
        task.save()
    with pytest.raises(ContractFrozenError):
        ContractTask.objects.filter(pk=task.pk).update(**{field: value})

    assert getattr(ContractTask.objects.get(pk=task.pk), field) == original


def test_tasks_cannot_be_added_to_or_removed_from_a_signed_contract(signed):
    with pytest.raises(ContractFrozenError):
        ContractTaskFactory(contract=signed)
    with pytest.raises(ContractFrozenError):
        signed.tasks.get().delete()
    with pytest.raises(ContractFrozenError):
        ContractTask.objects.filter(contract=signed).delete()

    assert signed.tasks.count() == 1


def test_the_status_of_a_signed_contracts_task_may_change(signed):
    task = signed.tasks.get()
    task.status = ContractTask.Status.DONE
    task.remarks = "Zaświadczenie z 12.03."
    task.save()

    task.refresh_from_db()
    assert task.status == ContractTask.Status.DONE
    assert task.remarks == "Zaświadczenie z 12.03."


def test_the_family_members_of_a_signed_contract_are_frozen(participant):
    contract = SocialContractFactory(participant=participant)
    ContractTaskFactory(contract=contract)
    member = ContractFamilyMember.objects.create(contract=contract, first_name="Zofia", last_name="Żółkiewska")
    services.contract_sign(
        contract_id=contract.pk, user=contract.social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )

    member.first_name = "Zuzanna"
    with pytest.raises(ContractFrozenError):
        member.save()
    with pytest.raises(ContractFrozenError):
        member.delete()
    with pytest.raises(ContractFrozenError):
        ContractFamilyMember.objects.create(contract=contract, first_name="Adam", last_name="Żółkiewski")
    with pytest.raises(ContractFrozenError):
        ContractFamilyMember.objects.filter(pk=member.pk).update(first_name="Zuzanna")
    with pytest.raises(ContractFrozenError):
        ContractFamilyMember.objects.filter(pk=member.pk).delete()

    assert list(contract.family_members.values_list("first_name", flat=True)) == ["Zofia"]


def test_the_family_members_of_a_draft_may_change(draft):
    member = ContractFamilyMember.objects.create(contract=draft, first_name="Zofia", last_name="Żółkiewska")
    member.first_name = "Zuzanna"
    member.save()

    assert draft.family_members.get().first_name == "Zuzanna"
    member.delete()
    assert not draft.family_members.exists()


# --- amendments ----------------------------------------------------------------------------


def test_amendments_are_numbered_per_contract(signed, social_worker):
    other = signed_contract(participant=ParticipantFactory(social_worker=social_worker))

    first = ContractAmendment.objects.create(contract=signed, reason="pierwszy")
    second = ContractAmendment.objects.create(contract=signed, reason="drugi")
    elsewhere = ContractAmendment.objects.create(contract=other, reason="inny kontrakt")

    assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
    assert str(second) == f"Amendment no. 2 to {signed.number}"


def test_an_amendment_is_empty_until_it_changes_something(signed):
    amendment = ContractAmendment.objects.create(contract=signed, reason="Bez zmian")
    assert amendment.is_empty()

    amendment.new_main_goal = "Nowy cel"
    assert not amendment.is_empty()

    amendment.new_main_goal = ""
    amendment.cancelled_tasks.add(signed.tasks.get())
    assert not amendment.is_empty()


def test_a_signed_amendment_cannot_be_changed_or_deleted(signed, social_worker):
    amendment = ContractAmendment.objects.create(contract=signed, reason="Przedłużenie", new_period_end=TODAY())
    services.amendment_sign(amendment_id=amendment.pk, user=social_worker, password=PASSWORD, signature=SIGNATURE)
    amendment.refresh_from_db()

    amendment.reason = "Inny powód"
    with pytest.raises(ContractFrozenError):
        amendment.save()
    with pytest.raises(ContractFrozenError):
        amendment.delete()

    assert ContractAmendment.objects.get(pk=amendment.pk).reason == "Przedłużenie"
    assert amendment.snapshot_matches_hash() is True


def test_a_signed_contract_is_marked_signed_only_once(signed):
    with pytest.raises(ContractFrozenError):
        signed.mark_signed(status=ContractStatus.SIGNED, snapshot="{}")

    assert SocialContract.objects.get(pk=signed.pk).snapshot_matches_hash() is True


def test_amendments_are_numbered_one_after_the_other(signed):
    first = ContractAmendment.objects.create(contract=signed, reason="Zmiana celu")
    second = ContractAmendment.objects.create(contract=signed, reason="Przedłużenie")

    assert (first.number, second.number) == (1, 2)
