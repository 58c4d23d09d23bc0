"""A change of social worker is an amendment signed by the participant and the new worker: on
signing, the new worker becomes responsible for the contract and takes the participant onto their
caseload, and from then on manages the contract in place of the old one."""

import json

import pytest
from django.utils.translation import gettext

from conftest import make_user
from contracts import services, signing
from contracts.exceptions import ContractError
from contracts.models import AmendmentStatus, ContractAmendment, SocialContract
from contracts.tests.helpers import PASSWORD, SIGNATURE, messages_of
from kis.models import AuditEvent
from kis.roles import Role
from participants.models import Participant

pytestmark = pytest.mark.django_db

NOT_A_PARTY = "Only the social worker who is a party to the contract can sign it."


@pytest.fixture
def new_worker(other_social_worker):
    """The social worker taking over (Piotr Wójcik), with no one of the contract's on their caseload."""
    return other_social_worker


@pytest.fixture
def change(signed, new_worker):
    """A draft amendment to ``signed`` handing it over to ``new_worker``."""
    return ContractAmendment.objects.create(
        contract=signed, reason="Zmiana rejonu opiekuńczego.", new_social_worker=new_worker
    )


def amendment_data(**fields) -> dict:
    return {
        "reason": "Zmiana rejonu opiekuńczego.",
        "new_period_end": "",
        "new_main_goal": "",
        "new_specific_goals": "",
        "new_social_worker": "",
        "tasks-TOTAL_FORMS": "0",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
        **fields,
    }


def sign_url(amendment) -> str:
    return f"/contracts/{amendment.contract_id}/amendments/{amendment.number}/sign/"


def sign_as(client, user, amendment, **data):
    client.force_login(user)
    return client.post(sign_url(amendment), {"password": PASSWORD, "signature": SIGNATURE, **data})


def form_errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def new_worker_only(new_worker) -> str:
    return gettext(
        "This amendment changes the social worker: only the new social worker, %(name)s, signed in as "
        "themselves, can sign it with the participant."
    ) % {"name": new_worker.get_full_name()}


def nothing_changed(signed, participant, old_worker, change):
    contract = SocialContract.objects.get(pk=signed.pk)
    assert contract.responsible_worker is None
    assert Participant.objects.get(pk=participant.pk).social_worker == old_worker
    assert ContractAmendment.objects.get(pk=change.pk).status == AmendmentStatus.DRAFT
    assert contract.snapshot_matches_hash() is True


# --- drafting -------------------------------------------------------------------------------


def test_the_amendment_form_offers_the_other_active_social_workers(client, social_worker, signed, new_worker):
    make_user(Role.SOCIAL_WORKER, username="left_worker", is_active=False)
    make_user(Role.COORDINATOR, username="a_coordinator")
    client.force_login(social_worker)

    form = client.get(f"/contracts/{signed.pk}/amendments/new/").context["form"]

    assert list(form.fields["new_social_worker"].queryset) == [new_worker]
    assert form.fields["new_social_worker"].required is False


def test_an_amendment_naming_a_new_worker_is_drafted_and_sent_to_signing(client, social_worker, signed, new_worker):
    client.force_login(social_worker)

    response = client.post(
        f"/contracts/{signed.pk}/amendments/new/", amendment_data(new_social_worker=str(new_worker.pk))
    )

    amendment = ContractAmendment.objects.get()
    assert response["Location"] == sign_url(amendment)
    assert amendment.new_social_worker == new_worker
    assert not amendment.is_empty()  # a change of worker alone is a change
    assert new_worker.get_full_name() in messages_of(response)[0]
    page = client.get(sign_url(amendment)).content.decode()
    assert f"new social worker: {new_worker.get_full_name()}" in page
    assert new_worker_only(new_worker) not in page  # the page says who signs, without the refusal wording


@pytest.mark.parametrize("who", ["current", "inactive", "coordinator", "unknown"])
def test_the_new_worker_must_be_another_active_social_worker(client, social_worker, signed, who):
    others = {
        "current": lambda: social_worker,
        "inactive": lambda: make_user(Role.SOCIAL_WORKER, username="left_worker", is_active=False),
        "coordinator": lambda: make_user(Role.COORDINATOR, username="a_coordinator"),
    }
    pk = others[who]().pk if who in others else 999_999
    client.force_login(social_worker)

    response = client.post(f"/contracts/{signed.pk}/amendments/new/", amendment_data(new_social_worker=str(pk)))

    assert response.status_code == 200
    assert response.context["form"].errors["new_social_worker"] == [
        gettext("Choose an active social worker other than the one responsible for the contract now.")
    ]
    assert not ContractAmendment.objects.exists()


# --- who signs ------------------------------------------------------------------------------


def test_the_new_worker_opens_the_signing_page_before_the_contract_is_theirs(client, new_worker, signed, change):
    client.force_login(new_worker)

    assert client.get(f"/contracts/{signed.pk}/").status_code == 404  # not theirs yet
    page = client.get(sign_url(change))

    assert page.status_code == 200
    assert page.context["is_party"] is True


def test_another_worker_cannot_reach_the_signing_page_of_a_change(client, signed, change):
    stranger = make_user(Role.SOCIAL_WORKER, username="stranger")

    response = sign_as(client, stranger, change)

    assert response.status_code == 404


def test_the_current_worker_cannot_sign_the_change(client, social_worker, participant, signed, change, new_worker):
    page = sign_as(client, social_worker, change)

    assert form_errors(page) == [new_worker_only(new_worker)]
    nothing_changed(signed, participant, social_worker, change)


def test_a_coordinator_cannot_sign_the_change(client, coordinator, social_worker, participant, signed, change):
    coordinator.set_password(PASSWORD)
    coordinator.save()

    page = sign_as(client, coordinator, change)

    assert len(form_errors(page)) == 1
    nothing_changed(signed, participant, social_worker, change)


def test_the_new_workers_wrong_password_changes_nothing(client, new_worker, social_worker, participant, signed, change):
    page = sign_as(client, new_worker, change, password="not-mine")

    assert form_errors(page) == [
        gettext("The password is not correct. Re-enter your own password to confirm the signature.")
    ]
    nothing_changed(signed, participant, social_worker, change)


def test_a_new_worker_who_has_left_cannot_take_the_contract_over(
    social_worker, participant, signed, change, new_worker
):
    new_worker.is_active = False
    new_worker.save()

    with pytest.raises(ContractError, match="no longer an active social worker"):
        services.amendment_conclude(amendment_id=change.pk, user=new_worker, signature=SIGNATURE)

    nothing_changed(signed, participant, social_worker, change)


# --- signing the change ---------------------------------------------------------------------


def test_the_new_worker_signs_and_takes_the_contract_and_the_caseload_over(
    client, new_worker, social_worker, participant, signed, change
):
    version = participant.version

    response = sign_as(client, new_worker, change)

    assert response.status_code == 302
    assert response["Location"] == f"/contracts/{signed.pk}/"
    change.refresh_from_db()
    assert (change.status, change.signed_by) == (AmendmentStatus.SIGNED, new_worker)
    assert change.snapshot_matches_hash() is True
    snapshot = json.loads(change.snapshot)
    assert snapshot["new_social_worker"] == {"name": "Piotr Wójcik"}
    assert snapshot["signed_by"] == "Piotr Wójcik"
    contract = SocialContract.objects.get(pk=signed.pk)
    assert contract.responsible_worker == new_worker
    assert contract.social_worker == social_worker  # the signed text keeps its party
    assert contract.snapshot_matches_hash() is True
    participant.refresh_from_db()
    assert participant.social_worker == new_worker
    assert participant.version == version + 1  # an edit of the participant opened before is refused
    sign = AuditEvent.objects.get(
        action=AuditEvent.Action.SIGN, object_type="contracts.contractamendment", object_id=str(change.pk)
    )
    assert (sign.user, sign.details["new_social_worker"]) == (new_worker, new_worker.pk)
    moved = AuditEvent.objects.get(
        action=AuditEvent.Action.UPDATE, object_type="participants.participant", object_id=str(participant.pk)
    )
    assert moved.details == {
        "social_worker": new_worker.pk,
        "previous_social_worker": social_worker.pk,
        "contract": signed.number,
        "amendment": change.number,
    }
    assert client.get(f"/contracts/{signed.pk}/").status_code == 200


def test_after_the_change_the_new_worker_manages_the_contract_and_the_old_one_does_not(
    client, new_worker, social_worker, signed, change
):
    sign_as(client, new_worker, change)
    contract = SocialContract.objects.select_related("participant").get(pk=signed.pk)

    assert list(SocialContract.objects.manageable_by(new_worker)) == [contract]
    assert list(SocialContract.objects.manageable_by(social_worker)) == []
    assert contract.can_be_managed_by(new_worker) is True
    assert contract.can_be_managed_by(social_worker) is False
    client.force_login(social_worker)
    assert client.get(f"/contracts/{signed.pk}/close/").status_code == 404
    client.force_login(new_worker)
    assert client.get(f"/contracts/{signed.pk}/close/").status_code == 200


def test_my_contracts_follow_the_change(client, new_worker, social_worker, coordinator, signed, change):
    sign_as(client, new_worker, change)

    client.force_login(new_worker)
    theirs = client.get("/contracts/?scope=mine").context["object_list"]
    client.force_login(social_worker)
    mine = client.get("/contracts/?scope=mine").context["object_list"]
    # Need to know: the case has moved on, so the worker who handed it over no longer reads it.
    anywhere = client.get("/contracts/?scope=all").context["object_list"]

    assert [c.pk for c in theirs] == [signed.pk]
    assert list(mine) == list(anywhere) == []
    client.force_login(coordinator)
    by_worker = client.get(f"/contracts/?scope=all&social_worker={new_worker.pk}")
    assert [c.pk for c in by_worker.context["object_list"]] == [signed.pk]
    assert new_worker.get_full_name() in by_worker.content.decode()
    assert not client.get(f"/contracts/?scope=all&social_worker={social_worker.pk}").context["object_list"]


def test_a_later_amendment_is_signed_by_the_new_worker_not_the_old(client, new_worker, social_worker, signed, change):
    sign_as(client, new_worker, change)
    later = ContractAmendment.objects.create(contract=signed, reason="Nowy cel", new_main_goal="Podjęcie pracy.")
    later = ContractAmendment.objects.select_related("contract").get(pk=later.pk)
    social_worker_refused = signing.amendment_signer_refusals(later, user=social_worker, password=PASSWORD)

    response = sign_as(client, new_worker, later)

    assert social_worker_refused == [gettext(NOT_A_PARTY)]
    assert response.status_code == 302
    later.refresh_from_db()
    assert (later.status, later.signed_by) == (AmendmentStatus.SIGNED, new_worker)


def test_an_amendment_naming_the_worker_now_responsible_is_refused_at_signing(
    new_worker, social_worker, participant, signed, change
):
    services.amendment_conclude(amendment_id=change.pk, user=new_worker, signature=SIGNATURE)
    back = ContractAmendment.objects.create(contract=signed, reason="Powrót", new_social_worker=new_worker)

    with pytest.raises(ContractError, match="already responsible for the contract"):
        services.amendment_conclude(amendment_id=back.pk, user=new_worker, signature=SIGNATURE)

    assert ContractAmendment.objects.get(pk=back.pk).status == AmendmentStatus.DRAFT


def test_the_change_is_all_or_nothing(monkeypatch, new_worker, social_worker, participant, signed, change):
    real_log_event = signing.log_event

    def failing_log_event(**kwargs):
        if kwargs["obj"]._meta.label_lower == "participants.participant":
            raise RuntimeError("the audit trail is unavailable")
        return real_log_event(**kwargs)

    monkeypatch.setattr(signing, "log_event", failing_log_event)

    with pytest.raises(RuntimeError):
        services.amendment_sign(amendment_id=change.pk, user=new_worker, password=PASSWORD, signature=SIGNATURE)

    nothing_changed(signed, participant, social_worker, change)
    assert SocialContract.objects.get(pk=signed.pk).effective_period_end == signed.effective_period_end


def test_an_ordinary_amendment_records_the_contracts_worker_as_signer(client, social_worker, signed):
    amendment = ContractAmendment.objects.create(contract=signed, reason="Nowy cel", new_main_goal="Podjęcie pracy.")

    sign_as(client, social_worker, amendment)

    amendment.refresh_from_db()
    assert (amendment.status, amendment.signed_by) == (AmendmentStatus.SIGNED, social_worker)
    assert json.loads(amendment.snapshot)["new_social_worker"] is None
