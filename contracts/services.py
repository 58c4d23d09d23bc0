"""Actions on social contracts that span several models: drafting, signing, amending, reviewing,
closing. Each runs in one transaction, raises ContractError with a message for the user, and writes
its own audit entry. Signing a contract or an amendment lives in ``contracts.signing``; its actions
are reached here too, with every other action on contracts."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.exceptions import ContractError
from contracts.models import (
    ContractReview,
    ContractStatus,
    ContractTask,
    SocialContract,
)
from contracts.signatures import decode_signature, store_scan  # noqa: F401  (decode_signature: for others)
from contracts.signing import (  # noqa: F401  (the signing actions, reached from here as well)
    amendment_conclude,
    amendment_sign,
    contract_conclude,
    contract_sign,
    contract_sign_on_paper,
    overlapping_contract,
)
from kis.audit import log_event
from kis.files import ScanRefused, check_scan
from kis.locking import EditedMeanwhile, claim_version
from kis.models import AuditEvent


def next_contract_number(year: int) -> str:
    prefix = f"KS/{year}/"
    last = (
        SocialContract.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True)
    ).first()
    sequence = int(last.rsplit("/", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


def contract_create(
    *, contract: SocialContract, user, today: datetime.date | None = None, request=None
) -> SocialContract:
    """Save a new draft with the next free number of the year it is drafted (``today``, given when a
    paper contract is entered after the fact); the caller saves the formsets after."""
    year = (today or timezone.localdate()).year
    for _attempt in range(5):
        contract.number = next_contract_number(year)
        try:
            with transaction.atomic():
                contract.created_by = user
                contract.save()
                break
        except IntegrityError:
            contract.pk = None  # another draft took the number: try the next one
    else:
        raise ContractError(_("Could not give the contract a number; try again."))
    log_event(request=request, user=user, action=AuditEvent.Action.CREATE, obj=contract)
    return contract


def contract_claim_version(*, contract: SocialContract, submitted_version) -> None:
    """Optimistic locking for drafts: bump the version only if nobody saved in the meantime."""
    try:
        claim_version(contract, submitted_version, queryset=SocialContract.objects.filter(status=ContractStatus.DRAFT))
    except EditedMeanwhile:
        current = SocialContract.objects.filter(pk=contract.pk).values_list("status", flat=True).first()
        if current and current != ContractStatus.DRAFT:
            raise ContractError(
                _("This contract has been signed meanwhile; it can only be changed by an amendment.")
            ) from None
        raise ContractError(
            _(
                "Someone else changed this draft while you were editing it. Your changes were not saved: "
                "open the draft again to see the current text."
            )
        ) from None


def review_add(*, review: ContractReview, user, request=None) -> ContractReview:
    """Record a review and move the contract's next review date."""
    with transaction.atomic():
        contract = SocialContract.objects.select_for_update().get(pk=review.contract_id)
        if contract.status != ContractStatus.SIGNED:
            raise ContractError(_("Only a contract in force is reviewed."))
        review.reviewed_by = user
        review.save()
        SocialContract.objects.filter(pk=contract.pk).update(next_review_on=review.next_review_on)
        log_event(request=request, user=user, action=AuditEvent.Action.CREATE, obj=review)
    return review


def contract_close(
    *,
    contract_id: int,
    user,
    status: str,
    ended_on: datetime.date,
    reason: str,
    today: datetime.date | None = None,
    request=None,
):
    """Complete or terminate a contract in force (``today``: the day it is recorded)."""
    if status not in (ContractStatus.COMPLETED, ContractStatus.TERMINATED):
        raise ContractError(_("Choose whether the contract was completed or terminated."))
    if status == ContractStatus.TERMINATED and not reason.strip():
        raise ContractError(_("Give the reason for terminating the contract."))
    with transaction.atomic():
        contract = SocialContract.objects.select_for_update().get(pk=contract_id)
        if contract.status != ContractStatus.SIGNED:
            raise ContractError(_("Only a contract in force can be completed or terminated."))
        if ended_on < contract.period_start:
            raise ContractError(_("The end date cannot be before the contract's period starts."))
        if ended_on > (today or timezone.localdate()):
            raise ContractError(_("The end date cannot be in the future."))
        if contract.signed_on and ended_on < contract.signed_on:
            raise ContractError(_("A contract cannot end before it was signed."))
        contract.status = status
        contract.ended_on = ended_on
        contract.end_reason = reason.strip()
        contract.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
        log_event(request=request, user=user, action=AuditEvent.Action.UPDATE, obj=contract, details={"status": status})
    return contract


def task_set_status(*, task: ContractTask, status: str, user, request=None) -> ContractTask:
    if status not in (ContractTask.Status.OPEN, ContractTask.Status.DONE, ContractTask.Status.NOT_DONE):
        raise ContractError(_("Unknown task status."))
    if task.status == ContractTask.Status.CANCELLED:
        raise ContractError(_("This task was withdrawn by an amendment."))
    task.status = status
    task.save(update_fields=["status"])
    log_event(
        request=request,
        user=user,
        action=AuditEvent.Action.UPDATE,
        obj=task.contract,
        details={"task": task.pk, "status": status},
    )
    return task


def scan_attach(*, contract: SocialContract, upload, user, request=None) -> SocialContract:
    """Store the scan of the signed paper original outside any public URL, as the next version
    with the SHA-256 of the bytes stored; the scans before it are kept as earlier versions (the
    audit entry names the hash of the one it follows)."""
    try:
        kind = check_scan(upload, name="scan")
    except ScanRefused as refusal:
        raise ContractError(str(refusal)) from None
    with transaction.atomic():
        contract = SocialContract.objects.select_for_update().get(pk=contract.pk)
        previous_sha256 = contract.scan_sha256
        version = store_scan(contract, upload, user=user)
        details = {"scan": kind, "scan_sha256": version.sha256, "scan_version": version.number}
        if previous_sha256:
            details["previous_scan_sha256"] = previous_sha256
        log_event(request=request, user=user, action=AuditEvent.Action.UPDATE, obj=contract, details=details)
    return contract
