"""What is recorded after signing: reviews, the progress of tasks, and completing or terminating."""

import datetime

import pytest
from django.utils import timezone

from contracts.models import ContractReview, ContractStatus, ContractTask, SocialContract
from contracts.tests.helpers import messages_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


# --- reviews -------------------------------------------------------------------------------


def test_a_review_is_recorded_and_sets_the_next_review(client, social_worker, signed):
    client.force_login(social_worker)
    page = client.get(f"/contracts/{signed.pk}/reviews/new/")
    next_review = TODAY() + DAY * 60

    response = client.post(
        f"/contracts/{signed.pk}/reviews/new/",
        {
            "reviewed_on": TODAY().isoformat(),
            "findings": "Uczestniczka realizuje zadania.",
            "next_review_on": next_review,
        },
    )

    assert "This is the first review." in page.content.decode()
    assert signed.tasks.get().description in page.content.decode()  # the open tasks
    assert response.status_code == 302
    review = ContractReview.objects.get()
    assert (review.findings, review.reviewed_by, review.next_review_on) == (
        "Uczestniczka realizuje zadania.",
        social_worker,
        next_review,
    )
    signed.refresh_from_db()
    assert signed.next_review_on == next_review
    assert signed.snapshot_matches_hash() is True
    content = client.get(f"/contracts/{signed.pk}/").content.decode()
    assert "Uczestniczka realizuje zadania." in content
    assert f"{next_review:%d.%m.%Y}" in content


@pytest.mark.parametrize(
    ("reviewed_on", "next_review_on", "field", "message"),
    [
        (TODAY() + DAY, "", "reviewed_on", "A review cannot be dated in the future."),
        (TODAY(), TODAY(), "next_review_on", "The next review must come after this one."),
        (TODAY(), "", "findings", "This field is required."),
    ],
)
def test_an_invalid_review_is_refused(client, social_worker, signed, reviewed_on, next_review_on, field, message):
    client.force_login(social_worker)
    before = SocialContract.objects.get(pk=signed.pk).next_review_on

    response = client.post(
        f"/contracts/{signed.pk}/reviews/new/",
        {
            "reviewed_on": reviewed_on,
            "findings": "" if field == "findings" else "Ustalenia",
            "next_review_on": next_review_on,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not ContractReview.objects.exists()
    assert SocialContract.objects.get(pk=signed.pk).next_review_on == before


def test_a_draft_is_not_reviewed(client, social_worker, draft):
    client.force_login(social_worker)

    response = client.post(
        f"/contracts/{draft.pk}/reviews/new/", {"reviewed_on": TODAY().isoformat(), "findings": "Ustalenia"}
    )

    assert response.status_code == 302
    assert messages_of(response) == ["Only a contract in force is reviewed."]
    assert not ContractReview.objects.exists()


# --- task progress -------------------------------------------------------------------------


def test_the_progress_of_a_signed_contracts_task_is_recorded(client, social_worker, signed):
    task = signed.tasks.get()
    client.force_login(social_worker)

    response = client.post(f"/contracts/tasks/{task.pk}/status/", {"status": "done"})

    assert response.status_code == 302
    assert response["Location"] == f"/contracts/{signed.pk}/#tasks"
    assert ContractTask.objects.get(pk=task.pk).status == ContractTask.Status.DONE
    assert SocialContract.objects.get(pk=signed.pk).snapshot_matches_hash() is True


def test_an_unknown_task_status_is_refused_with_a_message(client, social_worker, signed):
    task = signed.tasks.get()
    client.force_login(social_worker)

    response = client.post(f"/contracts/tasks/{task.pk}/status/", {"status": "cancelled"})

    assert messages_of(response) == ["Unknown task status."]
    assert ContractTask.objects.get(pk=task.pk).status == ContractTask.Status.OPEN


def test_task_progress_is_posted_only(client, social_worker, signed):
    client.force_login(social_worker)

    assert client.get(f"/contracts/tasks/{signed.tasks.get().pk}/status/").status_code == 405


def test_the_tasks_of_a_draft_have_no_progress_yet(client, social_worker, draft):
    client.force_login(social_worker)

    response = client.post(f"/contracts/tasks/{draft.tasks.get().pk}/status/", {"status": "done"})

    assert response.status_code == 404
    assert draft.tasks.get().status == ContractTask.Status.OPEN


@pytest.mark.parametrize(("user", "status_code"), [("other_social_worker", 404), ("manager", 403)])
def test_task_progress_is_recorded_only_by_those_managing_the_contract(client, signed, request, user, status_code):
    client.force_login(request.getfixturevalue(user))

    response = client.post(f"/contracts/tasks/{signed.tasks.get().pk}/status/", {"status": "done"})

    assert response.status_code == status_code
    assert signed.tasks.get().status == ContractTask.Status.OPEN


# --- completing and terminating ------------------------------------------------------------


def test_a_contract_is_terminated_with_a_reason_and_a_date(client, social_worker, signed):
    client.force_login(social_worker)
    ended = TODAY() - DAY

    response = client.post(
        f"/contracts/{signed.pk}/close/",
        {
            "status": "terminated",
            "ended_on": ended.isoformat(),
            "reason": "Przeprowadzka do innej gminy.",
            "confirm": "on",
        },
    )

    assert response.status_code == 302
    signed.refresh_from_db()
    assert (signed.status, signed.ended_on, signed.end_reason) == (
        ContractStatus.TERMINATED,
        ended,
        "Przeprowadzka do innej gminy.",
    )
    assert signed.snapshot_matches_hash() is True
    content = client.get(f"/contracts/{signed.pk}/").content.decode()
    assert f"ended on {ended:%d.%m.%Y} — Przeprowadzka do innej gminy." in content


def test_terminating_without_a_reason_is_refused(client, social_worker, signed):
    client.force_login(social_worker)

    response = client.post(
        f"/contracts/{signed.pk}/close/",
        {"status": "terminated", "ended_on": TODAY().isoformat(), "reason": " ", "confirm": "on"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].non_field_errors()) == ["Give the reason for terminating the contract."]
    signed.refresh_from_db()
    assert (signed.status, signed.ended_on, signed.end_reason) == (ContractStatus.SIGNED, None, "")


def test_terminating_without_a_date_is_refused(client, social_worker, signed):
    client.force_login(social_worker)

    response = client.post(
        f"/contracts/{signed.pk}/close/", {"status": "terminated", "ended_on": "", "reason": "x", "confirm": "on"}
    )

    assert response.context["form"].errors == {"ended_on": ["This field is required."]}
    assert SocialContract.objects.get(pk=signed.pk).status == ContractStatus.SIGNED


def test_a_contract_is_completed(client, social_worker, signed):
    client.force_login(social_worker)

    client.post(
        f"/contracts/{signed.pk}/close/", {"status": "completed", "ended_on": TODAY().isoformat(), "confirm": "on"}
    )

    signed.refresh_from_db()
    assert (signed.status, signed.ended_on) == (ContractStatus.COMPLETED, TODAY())
    assert not SocialContract.objects.in_force().exists()


def test_a_draft_cannot_be_closed(client, social_worker, draft):
    client.force_login(social_worker)

    response = client.post(
        f"/contracts/{draft.pk}/close/",
        {"status": "terminated", "ended_on": TODAY().isoformat(), "reason": "x", "confirm": "on"},
    )

    assert list(response.context["form"].non_field_errors()) == [
        "Only a contract in force can be completed or terminated."
    ]
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT
