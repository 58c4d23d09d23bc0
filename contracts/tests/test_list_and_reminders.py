"""The contract list with its filters, and the reminders of reviews and overdue tasks on the
list and on the home page."""

import datetime

import pytest
from django.utils import timezone
from zeal import zeal_ignore

from contracts import services
from contracts.models import ContractStatus, SocialContract
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import PASSWORD, SIGNATURE, signed_contract
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def set_next_review(contract, days_from_today):
    SocialContract.objects.filter(pk=contract.pk).update(next_review_on=TODAY() + DAY * days_from_today)


@pytest.fixture
def contracts(social_worker, other_social_worker):
    """Three contracts: two of social_worker (one signed with a review due in 5 days, one kind B
    draft), one of other_social_worker (signed, review overdue, two tasks past their deadline)."""
    due = signed_contract(participant=ParticipantFactory(social_worker=social_worker, last_name="Adamska"))
    set_next_review(due, 5)
    draft = SocialContractFactory(participant=ParticipantFactory(social_worker=social_worker), kind="B")
    overdue = SocialContractFactory(
        participant=ParticipantFactory(social_worker=other_social_worker, last_name="Zawadzki"),
        period_start=TODAY() - DAY * 60,
    )
    ContractTaskFactory(contract=overdue, deadline=TODAY() - DAY * 3)
    ContractTaskFactory(contract=overdue, deadline=TODAY() - DAY * 2)
    ContractTaskFactory(contract=overdue, deadline=TODAY() + DAY * 2)
    overdue = services.contract_sign(
        contract_id=overdue.pk, user=other_social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )
    set_next_review(overdue, -1)
    return {"due": due, "draft": draft, "overdue": overdue}


def listed(client, query=""):
    response = client.get(f"/contracts/{query}")
    assert response.status_code == 200
    return set(response.context["object_list"])


def test_a_social_worker_sees_their_own_contracts_by_default(client, social_worker, contracts):
    client.force_login(social_worker)

    response = client.get("/contracts/")

    assert set(response.context["object_list"]) == {contracts["due"], contracts["draft"]}
    assert 'aria-current="page" href="?scope=mine"' in response.content.decode()


def test_a_social_worker_may_list_all_the_contracts_they_may_see(client, social_worker, contracts):
    # A worker sees the contracts they are party to or of people on their caseload: here, their own.
    client.force_login(social_worker)

    assert listed(client, "?scope=all") == {contracts["due"], contracts["draft"]}


def test_a_coordinator_sees_all_contracts_by_default(client, coordinator, contracts):
    client.force_login(coordinator)

    response = client.get("/contracts/")

    assert set(response.context["object_list"]) == set(contracts.values())
    assert 'aria-current="page" href="?scope=all"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=draft", {"draft"}),
        ("?status=signed", {"due", "overdue"}),
        ("?kind=B", {"draft"}),
        ("?kind=A", {"due", "overdue"}),
        ("?review=due", {"due"}),
        ("?review=overdue", {"overdue"}),
        ("?overdue_tasks=true", {"overdue"}),
        ("?q=Zawadzki", {"overdue"}),
        ("?status=signed&kind=A&review=overdue", {"overdue"}),
    ],
)
def test_the_list_filters(client, coordinator, contracts, query, expected):
    client.force_login(coordinator)

    assert listed(client, query) == {contracts[name] for name in expected}


def test_the_list_filters_by_social_worker(client, coordinator, other_social_worker, contracts):
    client.force_login(coordinator)

    # zeal takes the two User.get() of this request (the signed-in user, the chosen worker) for an
    # N+1: both are reached from the same line of project code, this one.
    with zeal_ignore([{"model": "auth.User", "field": "get()"}]):
        assert listed(client, f"?social_worker={other_social_worker.pk}") == {contracts["overdue"]}


def test_the_list_finds_a_contract_by_its_number(client, coordinator, contracts):
    client.force_login(coordinator)

    assert listed(client, f"?q={contracts['draft'].number}") == {contracts["draft"]}


def test_the_list_flags_overdue_reviews_and_tasks(client, coordinator, contracts):
    client.force_login(coordinator)

    response = client.get("/contracts/?review=overdue")

    content = response.content.decode()
    [row] = response.context["object_list"]
    assert row.overdue_task_count == 2
    assert '<span class="badge text-bg-danger">2</span>' in content
    assert f'{TODAY() - DAY:%d.%m.%Y} <span class="badge text-bg-danger">overdue</span>' in content


def test_the_list_flags_a_review_due_soon(client, social_worker, contracts):
    client.force_login(social_worker)

    content = client.get("/contracts/?review=due").content.decode()

    assert f'{TODAY() + DAY * 5:%d.%m.%Y} <span class="badge text-bg-warning">due soon</span>' in content


def test_the_home_page_reminds_a_worker_of_their_own_reviews_and_overdue_tasks(
    client, social_worker, other_social_worker, contracts
):
    client.force_login(social_worker)

    response = client.get("/")

    assert list(response.context["reviews_due"]) == [contracts["due"]]
    assert list(response.context["reviews_overdue"]) == []
    assert list(response.context["contracts_with_overdue_tasks"]) == []
    content = response.content.decode()
    assert f'<a href="/contracts/{contracts["due"].pk}/">' in content
    assert "/contracts/?scope=mine&amp;review=due" in content

    client.force_login(other_social_worker)
    response = client.get("/")

    assert list(response.context["reviews_overdue"]) == [contracts["overdue"]]
    assert list(response.context["contracts_with_overdue_tasks"]) == [contracts["overdue"]]
    assert f'<a href="/contracts/{contracts["overdue"].pk}/#tasks">' in response.content.decode()
    assert "2 tasks" in response.content.decode()


def test_the_home_page_reminds_the_coordinator_of_every_review_and_overdue_task(client, coordinator, contracts):
    client.force_login(coordinator)

    response = client.get("/")

    assert list(response.context["reviews_due"]) == [contracts["due"]]
    assert list(response.context["reviews_overdue"]) == [contracts["overdue"]]
    assert list(response.context["contracts_with_overdue_tasks"]) == [contracts["overdue"]]
    content = response.content.decode()
    assert "/contracts/?scope=all&amp;review=overdue" in content
    assert "/contracts/?scope=all&amp;overdue_tasks=true" in content


def test_closed_contracts_are_not_reminded(client, coordinator, other_social_worker, contracts):
    services.contract_close(
        contract_id=contracts["overdue"].pk,
        user=other_social_worker,
        status=ContractStatus.TERMINATED,
        ended_on=TODAY(),
        reason="Rezygnacja",
    )
    client.force_login(coordinator)

    response = client.get("/")

    assert list(response.context["reviews_overdue"]) == []
    assert list(response.context["contracts_with_overdue_tasks"]) == []
    assert listed(client, "?overdue_tasks=true") == set()
