"""Signing a contract on its signing page: the participant's drawn signature and the worker's
password; refusals leave the draft as it was."""

import html

import pytest

from contracts.models import ContractStatus, SocialContract
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import PASSWORD, SIGNATURE, messages_of
from kis.models import AuditEvent

pytestmark = pytest.mark.django_db


def sign_page(client, contract, **data):
    return client.post(
        f"/contracts/{contract.pk}/sign/",
        {"password": PASSWORD, "signature": SIGNATURE, "version": str(contract.version), **data},
    )


def form_errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def sign_events(contract):
    return AuditEvent.objects.filter(
        action=AuditEvent.Action.SIGN, object_type="contracts.socialcontract", object_id=str(contract.pk)
    )


def test_the_signing_page_shows_the_contract_and_the_signature_pad(client, social_worker, draft):
    client.force_login(social_worker)

    response = client.get(f"/contracts/{draft.pk}/sign/")

    content = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert 'id="signature-pad"' in content
    assert 'name="signature"' in content
    assert 'name="password"' in content
    assert f'name="version" value="{draft.version}"' in content
    assert "Udział w warsztatach kompetencji społecznych" in content
    assert "Only the social worker who is a party" not in content


def test_the_worker_and_the_participant_sign_the_contract(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft)

    assert response.status_code == 302
    assert response["Location"] == f"/contracts/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.status == ContractStatus.SIGNED
    assert draft.participant_signature == SIGNATURE
    assert draft.snapshot_matches_hash() is True
    assert messages_of(response) == [
        f"Contract {draft.number} signed. Its text is frozen (SHA-256 {draft.snapshot_sha256[:16]}…)."
    ]
    assert sign_events(draft).get().user == social_worker
    # The page shows the hash and the drawn signature.
    content = client.get(f"/contracts/{draft.pk}/").content.decode()
    assert draft.snapshot_sha256 in content
    assert f'<img src="{SIGNATURE}"' in content


def test_a_wrong_password_is_refused(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, password="not-my-password")

    assert response.status_code == 200
    assert form_errors(response) == [
        "The password is not correct. Re-enter your own password to confirm the signature."
    ]
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT
    assert not sign_events(draft).exists()


def test_a_missing_signature_is_refused(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, signature="")

    assert form_errors(response) == ["The participant's signature is missing: ask the participant to sign in the box."]
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_a_coordinator_who_is_not_the_contracts_worker_cannot_sign(client, coordinator, draft):
    coordinator.set_password(PASSWORD)
    coordinator.save()
    client.force_login(coordinator)

    page = client.get(f"/contracts/{draft.pk}/sign/")
    response = sign_page(client, draft)

    assert "Only the social worker who is a party to the contract can sign it." in page.content.decode()
    assert form_errors(response) == ["Only the social worker who is a party to the contract can sign it."]
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_another_social_worker_cannot_reach_the_signing_page(client, other_social_worker, draft):
    client.force_login(other_social_worker)

    assert sign_page(client, draft).status_code == 404
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_an_empty_draft_is_not_signed_and_the_message_lists_what_is_missing(client, social_worker, participant):
    contract = SocialContractFactory(participant=participant, main_goal="", problems="")
    client.force_login(social_worker)

    page = client.get(f"/contracts/{contract.pk}/sign/")
    response = sign_page(client, contract)

    assert "Before signing, the draft needs: the assessment of problems and their causes, the main goal" in (
        page.content.decode()
    )
    assert form_errors(response) == [
        "The draft cannot be signed yet. Missing: the assessment of problems and their causes, the main goal, "
        "at least one task."
    ]
    assert SocialContract.objects.get(pk=contract.pk).status == ContractStatus.DRAFT


def test_a_kind_b_draft_without_causes_of_unemployment_is_not_signed(client, social_worker, participant):
    contract = SocialContractFactory(participant=participant, kind="B")
    ContractTaskFactory(contract=contract)
    client.force_login(social_worker)

    response = sign_page(client, contract)

    assert form_errors(response) == ["The draft cannot be signed yet. Missing: the causes of unemployment (kind B)."]
    assert SocialContract.objects.get(pk=contract.pk).status == ContractStatus.DRAFT


def test_a_contract_overlapping_one_in_force_is_not_signed(client, social_worker, participant, signed):
    # Drafted before the first was signed (the draft form would refuse it now).
    second = SocialContractFactory(participant=participant, period_start=signed.period_start)
    ContractTaskFactory(contract=second)
    client.force_login(social_worker)

    response = sign_page(client, second)

    assert form_errors(response) == [
        f"Contract {signed.number} of the same kind is in force for this person in an overlapping period."
    ]
    assert SocialContract.objects.get(pk=second.pk).status == ContractStatus.DRAFT


def test_a_double_submitted_signature_signs_once(client, social_worker, draft):
    client.force_login(social_worker)
    assert sign_page(client, draft).status_code == 302
    client.get(f"/contracts/{draft.pk}/")  # shows (and consumes) the success message
    draft.refresh_from_db()
    first = (draft.snapshot_sha256, draft.signed_at, draft.version)

    response = sign_page(client, draft)

    assert response.status_code == 302
    assert response["Location"] == f"/contracts/{draft.pk}/"
    assert messages_of(response) == ["This contract has already been signed."]
    draft.refresh_from_db()
    assert (draft.snapshot_sha256, draft.signed_at, draft.version) == first
    assert sign_events(draft).count() == 1


def test_a_draft_changed_after_the_signing_page_was_opened_is_not_signed(client, social_worker, draft):
    client.force_login(social_worker)
    stale_version = draft.version
    SocialContract.objects.filter(pk=draft.pk).update(main_goal="Zmieniony w międzyczasie", version=stale_version + 1)

    response = sign_page(client, draft, version=str(stale_version))

    assert form_errors(response) == ["The draft changed after you opened this page. Read it again before signing."]
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT
