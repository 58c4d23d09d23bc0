"""Amending a signed contract through its pages: numbered amendments, each signed like the
contract, and the contract page showing the contract as amended with its history."""

import datetime
import html

import pytest
from django.utils import timezone

from contracts.models import ContractAmendment, ContractStatus, ContractTask, SocialContract
from contracts.tests.factories import ContractTaskFactory
from contracts.tests.helpers import PASSWORD, SIGNATURE, messages_of, signed_contract

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def amendment_data(*, tasks=(), **fields) -> dict:
    data = {
        "reason": "Wydłużenie okresu w związku z kursem zawodowym.",
        "new_period_end": "",
        "new_main_goal": "",
        "new_specific_goals": "",
        "tasks-TOTAL_FORMS": str(len(tasks)),
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
    }
    for index, task in enumerate(tasks):
        for name, value in task.items():
            data[f"tasks-{index}-{name}"] = value
    data.update(fields)
    return data


def sign_amendment_page(client, contract, number, **data):
    return client.post(
        f"/contracts/{contract.pk}/amendments/{number}/sign/",
        {"password": PASSWORD, "signature": SIGNATURE, **data},
    )


@pytest.fixture
def contract(participant):
    """A contract in force with two tasks."""
    return signed_contract(participant=participant, tasks=2)


def test_an_amendment_is_drafted_signed_and_shown_as_part_of_the_contract(client, social_worker, contract):
    withdrawn, kept = contract.tasks.order_by("id")
    new_end = contract.period_end + DAY * 90
    client.force_login(social_worker)

    drafted = client.post(
        f"/contracts/{contract.pk}/amendments/new/",
        amendment_data(
            new_period_end=new_end.isoformat(),
            new_main_goal="Ukończenie kursu zawodowego.",
            new_specific_goals="Egzamin ECDL.\nSpłata zadłużenia.",
            cancelled_tasks=[str(withdrawn.pk)],
            tasks=[
                {
                    "description": "Egzamin ECDL Base",
                    "responsible": "participant",
                    "institution": "",
                    "deadline": (contract.period_end + DAY * 60).isoformat(),
                }
            ],
        ),
    )

    amendment = ContractAmendment.objects.get()
    assert drafted.status_code == 302
    assert drafted["Location"] == f"/contracts/{contract.pk}/amendments/1/sign/"
    assert amendment.number == 1
    assert amendment.status == ContractStatus.DRAFT
    assert amendment.created_by == social_worker
    # Until it is signed, nothing changes in the contract.
    page = client.get(f"/contracts/{contract.pk}/").content.decode()
    assert "Ukończenie kursu zawodowego." not in page
    assert "Egzamin ECDL Base" not in page

    signing_page = html.unescape(client.get(f"/contracts/{contract.pk}/amendments/1/sign/").content.decode())
    assert "Egzamin ECDL Base" in signing_page
    assert f"task withdrawn: {withdrawn.description}" in signing_page
    signed = sign_amendment_page(client, contract, 1)

    assert signed.status_code == 302
    assert signed["Location"] == f"/contracts/{contract.pk}/"
    amendment.refresh_from_db()
    assert amendment.status == ContractStatus.SIGNED
    assert amendment.snapshot_matches_hash() is True
    contract.refresh_from_db()
    assert contract.effective_period_end == new_end
    assert contract.period_end == new_end - DAY * 90  # the signed text keeps the original period
    assert contract.snapshot_matches_hash() is True
    assert ContractTask.objects.get(pk=withdrawn.pk).status == ContractTask.Status.CANCELLED
    assert ContractTask.objects.get(pk=kept.pk).status == ContractTask.Status.OPEN

    content = html.unescape(client.get(f"/contracts/{contract.pk}/").content.decode())
    # The signed text keeps its period; the amendment is printed after it.
    signed_part, after = content.split("After signing (not part of the signed text)")
    assert f"from {contract.period_start:%d.%m.%Y} to {contract.period_end:%d.%m.%Y}" in signed_part
    assert (
        f"As amended, the contract runs until {new_end:%d.%m.%Y} (originally until {contract.period_end:%d.%m.%Y})."
        in after
    )
    assert "Ukończenie kursu zawodowego." in content
    assert "Egzamin ECDL Base <small>(added by amendment)</small>" in content
    assert "withdrawn by amendment" in content
    assert f"Amendment no. 1 of {TODAY():%d.%m.%Y}: Wydłużenie okresu w związku z kursem zawodowym." in content
    assert amendment.snapshot_sha256 in content
    # The history of amendments
    assert "History of amendments" in content
    assert "Amendment no. 1 — signed" in content


def test_the_withdrawn_task_loses_its_status_form_and_the_list_shows_the_amended_end(client, social_worker, contract):
    withdrawn = contract.tasks.order_by("id").first()
    amendment = ContractAmendment.objects.create(
        contract=contract, reason="Zmiana", new_period_end=contract.period_end + DAY * 30
    )
    amendment.cancelled_tasks.add(withdrawn)
    client.force_login(social_worker)
    sign_amendment_page(client, contract, 1)

    detail = client.get(f"/contracts/{contract.pk}/").content.decode()
    listing = client.get("/contracts/").content.decode()

    assert f"/contracts/tasks/{withdrawn.pk}/status/" not in detail
    assert f"{contract.period_end + DAY * 30:%d.%m.%Y}" in listing


def test_amendments_are_numbered_and_each_signed_with_its_own_hash(client, social_worker, contract):
    client.force_login(social_worker)
    for goal in ("Cel po aneksie 1", "Cel po aneksie 2"):
        client.post(f"/contracts/{contract.pk}/amendments/new/", amendment_data(reason=goal, new_main_goal=goal))
        number = ContractAmendment.objects.latest("id").number
        assert sign_amendment_page(client, contract, number).status_code == 302

    first, second = ContractAmendment.objects.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.snapshot_sha256 != second.snapshot_sha256
    content = client.get(f"/contracts/{contract.pk}/").content.decode()
    assert first.snapshot_sha256 in content
    assert second.snapshot_sha256 in content
    # The latest amendment's goal is the contract's goal now.
    assert "new main goal: Cel po aneksie 2" in content.split("After signing")[1]


def test_an_empty_amendment_can_be_drafted_but_not_signed(client, social_worker, contract):
    client.force_login(social_worker)
    client.post(f"/contracts/{contract.pk}/amendments/new/", amendment_data(reason="Nic się nie zmienia"))

    response = sign_amendment_page(client, contract, 1)

    assert response.status_code == 200
    assert list(response.context["form"].non_field_errors()) == [
        "The amendment changes nothing: add a change before signing it."
    ]
    assert ContractAmendment.objects.get().status == ContractStatus.DRAFT
    assert SocialContract.objects.get(pk=contract.pk).effective_period_end == contract.period_end


def test_an_amendment_needs_the_workers_password(client, social_worker, contract):
    client.force_login(social_worker)
    client.post(f"/contracts/{contract.pk}/amendments/new/", amendment_data(new_main_goal="Nowy cel"))

    response = sign_amendment_page(client, contract, 1, password="wrong")

    assert list(response.context["form"].non_field_errors()) == [
        "The password is not correct. Re-enter your own password to confirm the signature."
    ]
    assert ContractAmendment.objects.get().status == ContractStatus.DRAFT


def test_a_signed_amendment_is_not_signed_again(client, social_worker, contract):
    client.force_login(social_worker)
    client.post(f"/contracts/{contract.pk}/amendments/new/", amendment_data(new_main_goal="Nowy cel"))
    sign_amendment_page(client, contract, 1, follow=True)
    signed_hash = ContractAmendment.objects.get().snapshot_sha256

    response = sign_amendment_page(client, contract, 1)

    assert response.status_code == 302
    assert "This amendment has already been signed." in messages_of(response)
    assert ContractAmendment.objects.get().snapshot_sha256 == signed_hash


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reason": ""}, "reason", "This field is required."),
        (
            {"new_period_end": "2000-01-01"},
            "new_period_end",
            "The end of the period cannot be before its start.",
        ),
    ],
)
def test_an_invalid_amendment_is_refused_and_nothing_is_saved(client, social_worker, contract, fields, field, message):
    client.force_login(social_worker)

    response = client.post(
        f"/contracts/{contract.pk}/amendments/new/",
        amendment_data(
            new_main_goal="Nowy cel",
            tasks=[{"description": "X", "responsible": "participant", "deadline": TODAY().isoformat()}],
            **fields,
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not ContractAmendment.objects.exists()
    assert ContractTask.objects.filter(amendment__isnull=False).count() == 0


def test_an_amendment_task_after_the_amended_period_is_refused(client, social_worker, contract):
    client.force_login(social_worker)
    too_late = contract.period_end + DAY * 31

    response = client.post(
        f"/contracts/{contract.pk}/amendments/new/",
        amendment_data(
            new_period_end=(contract.period_end + DAY * 30).isoformat(),
            tasks=[{"description": "Za późno", "responsible": "participant", "deadline": too_late.isoformat()}],
        ),
    )

    assert response.status_code == 200
    assert response.context["tasks"].errors[0]["deadline"][0].startswith("The deadline must fall within")
    assert not ContractAmendment.objects.exists()


def test_only_a_contract_in_force_is_amended(client, social_worker, draft):
    client.force_login(social_worker)

    response = client.post(f"/contracts/{draft.pk}/amendments/new/", amendment_data(new_main_goal="Nowy cel"))

    assert response.status_code == 302
    assert response["Location"] == f"/contracts/{draft.pk}/"
    assert messages_of(response) == ["Only a contract in force can be amended."]
    assert not ContractAmendment.objects.exists()


def test_only_open_tasks_may_be_withdrawn(client, social_worker, contract):
    done, still_open = contract.tasks.order_by("id")
    ContractTask.objects.filter(pk=done.pk).update(status=ContractTask.Status.DONE)
    client.force_login(social_worker)

    form = client.get(f"/contracts/{contract.pk}/amendments/new/").context["form"]

    assert list(form.fields["cancelled_tasks"].queryset) == [still_open]


def test_the_tasks_of_a_signed_amendment_may_be_withdrawn_by_a_later_one(client, social_worker, contract):
    first = ContractAmendment.objects.create(contract=contract, reason="Nowe zadanie")
    added = ContractTaskFactory(contract=contract, amendment=first, description="Zadanie z aneksu 1")
    client.force_login(social_worker)
    sign_amendment_page(client, contract, 1)

    form = client.get(f"/contracts/{contract.pk}/amendments/new/").context["form"]

    assert added in form.fields["cancelled_tasks"].queryset
