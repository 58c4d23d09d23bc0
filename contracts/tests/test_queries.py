"""The number of queries of the contract list and the contract page does not grow with the
number of contracts, tasks, family members, amendments or reviews shown."""

import datetime

import pytest
from django.utils import timezone

from contracts import services
from contracts.models import ContractAmendment, ContractFamilyMember, ContractReview, SocialContract
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import PASSWORD, SIGNATURE, signed_contract
from kis.tests.helpers import SIGNED_IN
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

SIZES = [1, 30]
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize("size", SIZES)
def test_the_contract_list_makes_the_same_queries_for_1_and_30_contracts(
    client, social_worker, size, django_assert_num_queries
):
    for index in range(size):
        participant = ParticipantFactory(social_worker=social_worker)
        if index % 2:
            ContractTaskFactory(contract=SocialContractFactory(participant=participant))
        else:
            signed_contract(participant=participant, tasks=2)
    client.force_login(social_worker)

    # SIGNED_IN (the user's roles among it: the default scope) + COUNT for the paginator + the social
    # workers of the filter's choices + the page of contracts with participant, worker and
    # overdue-task count.
    with django_assert_num_queries(SIGNED_IN + 3):
        response = client.get("/contracts/")

    assert len(response.context["object_list"]) == min(size, 25)


@pytest.mark.parametrize("size", SIZES)
def test_the_coordinators_contract_list_makes_the_same_queries_for_1_and_30_contracts(
    client, coordinator, social_worker, size, django_assert_num_queries
):
    for _index in range(size):
        contract = signed_contract(participant=ParticipantFactory(social_worker=social_worker), tasks=2)
        SocialContract.objects.filter(pk=contract.pk).update(next_review_on=TODAY() + DAY * 5)
    client.force_login(coordinator)

    # SIGNED_IN (with the user's roles) + COUNT + the filter's social workers + the page of contracts.
    with django_assert_num_queries(SIGNED_IN + 3):
        response = client.get("/contracts/?review=due&overdue_tasks=false")

    assert len(response.context["object_list"]) == min(size, 25)


def signed_with_everything(participant, size: int):
    """A contract in force with ``size`` tasks, family members, reviews and signed amendments
    (each amendment adding a task and withdrawing one)."""
    contract = SocialContractFactory(participant=participant, period_start=TODAY() - DAY * 30)
    for index in range(size):
        ContractTaskFactory(contract=contract, deadline=TODAY() + DAY * index)
        ContractFamilyMember.objects.create(contract=contract, first_name=f"Dziecko {index}", last_name="Żółkiewska")
    services.contract_sign(
        contract_id=contract.pk, user=contract.social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )
    tasks = list(contract.tasks.all())
    for index in range(size):
        amendment = ContractAmendment.objects.create(contract=contract, reason=f"Aneks {index + 1}")
        ContractTaskFactory(contract=contract, amendment=amendment, deadline=TODAY() + DAY * 40)
        amendment.cancelled_tasks.add(tasks[index])
        services.amendment_sign(
            amendment_id=amendment.pk, user=contract.social_worker, password=PASSWORD, signature=SIGNATURE
        )
        ContractReview.objects.create(
            contract=contract,
            reviewed_on=TODAY() - DAY * index,
            findings="Bez uwag",
            reviewed_by=contract.social_worker,
        )
    return contract


@pytest.mark.parametrize("size", SIZES)
def test_the_contract_page_makes_the_same_queries_for_1_and_30_of_everything(
    client, social_worker, participant, size, django_assert_num_queries
):
    contract = signed_with_everything(participant, size)
    client.force_login(social_worker)

    # SIGNED_IN + the contract with participant and worker + its tasks (prefetched, for their
    # progress) + the signed amendments with their new worker + their added tasks + their withdrawn
    # tasks + all amendments (history) + the reviews with their reviewer + the versions of the scan
    # with who uploaded them + the audit INSERT + whether the user may edit the person (recruiting)
    # and may manage the contract (need-to-know, one EXISTS each). The signed text, family members
    # included, is read from the snapshot: no query.
    with django_assert_num_queries(SIGNED_IN + 11):
        response = client.get(f"/contracts/{contract.pk}/")

    assert len(response.context["task_progress"]) == 2 * size
    assert len(response.context["text"].tasks) == size
    assert len(response.context["signed_amendments"]) == size
    assert len(response.context["reviews"]) == size
    assert len(response.context["text"].family) == size


@pytest.mark.parametrize("size", SIZES)
def test_the_page_of_a_draft_makes_the_same_queries_for_1_and_30_tasks(
    client, social_worker, participant, size, django_assert_num_queries
):
    contract = SocialContractFactory(participant=participant)
    for _index in range(size):
        ContractTaskFactory(contract=contract)
        ContractFamilyMember.objects.create(contract=contract, first_name="Zofia", last_name="Żółkiewska")
    client.force_login(social_worker)

    # SIGNED_IN + the contract + its tasks (prefetched, for their progress) + the signed amendments
    # (none) + the text it would freeze now: its family members and its tasks + all amendments +
    # whether a task exists (what the draft lacks) + the versions of the scan + the audit INSERT +
    # whether the user may edit the person and manage the contract (one EXISTS each). (No reviews
    # before signing.)
    with django_assert_num_queries(SIGNED_IN + 11):
        response = client.get(f"/contracts/{contract.pk}/")

    assert len(response.context["text"].tasks) == size
    assert len(response.context["text"].family) == size
