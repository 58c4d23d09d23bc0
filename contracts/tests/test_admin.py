"""The Django admin cannot change what was signed either: a superuser posting the change form of
a signed contract, amendment or task changes only what may change after signing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from zeal import zeal_ignore

from contracts import services
from contracts.models import ContractAmendment, ContractFamilyMember, ContractStatus, ContractTask, SocialContract
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import PASSWORD, SIGNATURE, page_post_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def superuser_client(client):
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "root-password-123")
    client.force_login(superuser)
    return client


def admin_post_data(response, **changes) -> dict:
    """The change form as the admin page rendered it (with its inlines), with ``changes``."""
    forms = [response.context["adminform"].form]
    forms += [inline.formset for inline in response.context["inline_admin_formsets"]]
    return page_post_data(*forms, **changes)


@pytest.fixture
def signed_with_family(participant):
    contract = SocialContractFactory(participant=participant)
    ContractTaskFactory(contract=contract, description="Udział w warsztatach")
    ContractFamilyMember.objects.create(contract=contract, first_name="Zofia", last_name="Żółkiewska")
    return services.contract_sign(
        contract_id=contract.pk, user=contract.social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )


def test_the_admin_changes_only_the_next_review_of_a_signed_contract(superuser_client, signed_with_family):
    contract = signed_with_family
    url = f"/admin/contracts/socialcontract/{contract.pk}/change/"
    page = superuser_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert set(form.fields) == {"next_review_on"}
    before = SocialContract.objects.values().get(pk=contract.pk)
    new_review = TODAY() + DAY * 30

    response = superuser_client.post(
        url,
        {
            **admin_post_data(
                page,
                next_review_on=new_review.isoformat(),
                **{"tasks-0-description": "Zmienione w adminie", "family_members-0-first_name": "Zuzanna"},
            ),
            # Fields the page does not offer, posted anyway.
            "main_goal": "Zmienione w adminie",
            "status": ContractStatus.DRAFT,
            "period_end": "2099-12-31",
            "snapshot": "{}",
        },
    )

    assert response.status_code == 302
    after = SocialContract.objects.values().get(pk=contract.pk)
    assert after["next_review_on"] == new_review
    changed = {field for field in before if before[field] != after[field]}
    assert changed <= {"next_review_on", "updated_at"}
    assert contract.tasks.get().description == "Udział w warsztatach"
    assert contract.family_members.get().first_name == "Zofia"
    assert SocialContract.objects.get(pk=contract.pk).snapshot_matches_hash() is True


def test_the_admin_offers_no_deletion_of_a_signed_contract(superuser_client, signed_with_family):
    contract = signed_with_family

    delete_page = superuser_client.post(f"/admin/contracts/socialcontract/{contract.pk}/delete/", {"post": "yes"})
    bulk = superuser_client.post(
        "/admin/contracts/socialcontract/",
        {"action": "delete_selected", "_selected_action": [contract.pk], "post": "yes"},
    )

    assert delete_page.status_code == 403
    assert bulk.status_code == 403
    assert SocialContract.objects.filter(pk=contract.pk).exists()
    assert contract.tasks.exists()


def test_the_admin_may_change_a_draft(superuser_client, draft):
    url = f"/admin/contracts/socialcontract/{draft.pk}/change/"
    # zeal takes the User.get() of the signed-in user and of the raw-id social worker for an N+1:
    # both are reached from the same line of project code, this one.
    with zeal_ignore([{"model": "auth.User", "field": "get()"}]):
        page = superuser_client.get(url)
        response = superuser_client.post(url, admin_post_data(page, main_goal="Zmieniony szkic"))

    assert response.status_code == 302
    assert SocialContract.objects.get(pk=draft.pk).main_goal == "Zmieniony szkic"


def test_the_admin_cannot_change_a_signed_amendment(superuser_client, signed, social_worker):
    amendment = ContractAmendment.objects.create(contract=signed, reason="Zmiana celu", new_main_goal="Nowy cel")
    services.amendment_sign(amendment_id=amendment.pk, user=social_worker, password=PASSWORD, signature=SIGNATURE)
    url = f"/admin/contracts/contractamendment/{amendment.pk}/change/"
    page = superuser_client.get(url)
    assert page.status_code == 200
    assert not page.context["adminform"].form.fields
    assert not page.context["has_change_permission"]

    response = superuser_client.post(
        url, {"reason": "Inny powód", "new_main_goal": "Inny cel", "cancelled_tasks": str(signed.tasks.get().pk)}
    )

    assert response.status_code == 403
    amendment.refresh_from_db()
    assert (amendment.reason, amendment.new_main_goal) == ("Zmiana celu", "Nowy cel")
    assert not amendment.cancelled_tasks.exists()
    assert amendment.snapshot_matches_hash() is True


def test_the_admin_records_only_the_progress_of_a_signed_task(superuser_client, signed):
    task = signed.tasks.get()
    url = f"/admin/contracts/contracttask/{task.pk}/change/"
    page = superuser_client.get(url)
    assert set(page.context["adminform"].form.fields) == {"status", "remarks", "order"}

    response = superuser_client.post(
        url,
        admin_post_data(
            page, status=ContractTask.Status.DONE, description="Zmienione w adminie", deadline="2099-01-01"
        ),
    )

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == ContractTask.Status.DONE
    assert task.description != "Zmienione w adminie"
    assert task.deadline != datetime.date(2099, 1, 1)


def test_the_admin_offers_no_deletion_of_a_signed_task(superuser_client, signed):
    task = signed.tasks.get()

    delete_page = superuser_client.post(f"/admin/contracts/contracttask/{task.pk}/delete/", {"post": "yes"})
    bulk = superuser_client.post(
        "/admin/contracts/contracttask/", {"action": "delete_selected", "_selected_action": [task.pk], "post": "yes"}
    )

    assert (delete_page.status_code, bulk.status_code) == (403, 403)
    assert ContractTask.objects.filter(pk=task.pk).exists()
