"""Actions on social contracts that span several models: drafting, signing, amending, reviewing,
closing. Each runs in one transaction, raises ContractError with a message for the user, and writes
its own audit entry."""

from __future__ import annotations

import base64
import binascii
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.models import (
    AmendmentStatus,
    ContractAmendment,
    ContractReview,
    ContractStatus,
    ContractTask,
    SocialContract,
    canonical_json,
    sha256_hex,
)
from kis.audit import log_event
from kis.files import PNG_MAGIC, ScanRefused, check_scan
from kis.locking import EditedMeanwhile, claim_version
from kis.models import AuditEvent

MAX_SIGNATURE_BYTES = 512 * 1024


class ContractError(Exception):
    """A refused action; ``str(error)`` is a translated message for the user."""


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


def decode_signature(data_url: str) -> str:
    """Check a canvas signature (a PNG data URL) and return it normalised; raise ContractError."""
    prefix = "data:image/png;base64,"
    if not data_url or not data_url.startswith(prefix):
        raise ContractError(_("The participant's signature is missing: ask the participant to sign in the box."))
    try:
        raw = base64.b64decode(data_url[len(prefix) :], validate=True)
    except (binascii.Error, ValueError):
        raise ContractError(_("The signature could not be read; clear it and sign again.")) from None
    if not raw.startswith(PNG_MAGIC) or len(raw) > MAX_SIGNATURE_BYTES:
        raise ContractError(_("The signature could not be read; clear it and sign again."))
    return prefix + base64.b64encode(raw).decode("ascii")


def _check_worker(*, contract_worker_id: int, user, password: str) -> None:
    if user.pk != contract_worker_id:
        raise ContractError(_("Only the social worker who is a party to the contract can sign it."))
    if not password or not user.check_password(password):
        raise ContractError(_("The password is not correct. Re-enter your own password to confirm the signature."))


def overlapping_contract(contract: SocialContract, *, period_end=None) -> SocialContract | None:
    """A signed contract of the same kind for the same person whose period overlaps this one
    (ending on ``period_end`` when an amendment would move its end)."""
    return (
        SocialContract.objects.filter(
            participant_id=contract.participant_id,
            kind=contract.kind,
            status=ContractStatus.SIGNED,
            period_start__lte=period_end or contract.period_end,
            effective_period_end__gte=contract.period_start,
        )
        .exclude(pk=contract.pk)
        .first()
    )


def _signing_moment(signed_at: datetime.datetime | None) -> tuple[datetime.datetime, dict]:
    """When a text is signed (now, unless it was signed on paper earlier and is entered after the
    fact) and what the audit trail says of a back-dated signature."""
    now = timezone.now()
    if signed_at is None:
        return now, {}
    if signed_at > now:
        raise ContractError(_("The date of signing cannot be in the future."))
    return signed_at, {"signed_on": timezone.localdate(signed_at).isoformat(), "entered_at": now.isoformat()}


def contract_sign(
    *, contract_id: int, user, password: str, signature: str, version: int | None, request=None
) -> SocialContract:
    """Sign a draft now: the worker confirms it is them with their password, then ``contract_conclude``."""
    worker_id = SocialContract.objects.filter(pk=contract_id).values_list("social_worker_id", flat=True).first()
    _check_worker(contract_worker_id=worker_id, user=user, password=password)
    return contract_conclude(contract_id=contract_id, user=user, signature=signature, version=version, request=request)


def contract_conclude(
    *,
    contract_id: int,
    user,
    signature: str,
    version: int | None = None,
    signed_at: datetime.datetime | None = None,
    request=None,
) -> SocialContract:
    """Conclude a draft signed by both parties — now, or at ``signed_at`` for a contract signed on
    paper and entered after the fact — after the caller has made sure ``user`` is its social worker:
    nothing missing for signing, no signed contract of the same kind overlapping it. The text is
    frozen as a canonical snapshot with its hash."""
    signature = decode_signature(signature)
    signed_at, back_dated = _signing_moment(signed_at)
    with transaction.atomic():
        contract = (
            SocialContract.objects.select_for_update()
            .select_related("participant", "social_worker")
            .get(pk=contract_id)
        )
        if contract.status != ContractStatus.DRAFT:
            raise ContractError(_("This contract has already been signed; nothing was changed."))
        if version is not None and version != contract.version:
            raise ContractError(_("The draft changed after you opened this page. Read it again before signing."))
        if user.pk != contract.social_worker_id:
            raise ContractError(_("Only the social worker who is a party to the contract can sign it."))
        missing = contract.missing_for_signing()
        if missing:
            raise ContractError(
                _("The draft cannot be signed yet. Missing: %(missing)s.") % {"missing": ", ".join(map(str, missing))}
            )
        other = overlapping_contract(contract)
        if other is not None:
            raise ContractError(
                _("Contract %(number)s of the same kind is in force for this person in an overlapping period.")
                % {"number": other.number}
            )
        _freeze_contract(contract, signature=signature, signed_at=signed_at)
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.SIGN,
            obj=contract,
            details={"sha256": contract.snapshot_sha256, **back_dated},
        )
    return contract


def amendment_sign(*, amendment_id: int, user, password: str, signature: str, request=None) -> ContractAmendment:
    """Sign an amendment now: the worker's password, then ``amendment_conclude``."""
    worker_id = (
        ContractAmendment.objects.filter(pk=amendment_id).values_list("contract__social_worker_id", flat=True).first()
    )
    _check_worker(contract_worker_id=worker_id, user=user, password=password)
    return amendment_conclude(amendment_id=amendment_id, user=user, signature=signature, request=request)


def amendment_conclude(
    *, amendment_id: int, user, signature: str, signed_at: datetime.datetime | None = None, request=None
) -> ContractAmendment:
    """Conclude an amendment (now, or at ``signed_at`` when entered after the fact): freeze it with
    its own hash, then apply it to the contract as amended."""
    signature = decode_signature(signature)
    signed_at, back_dated = _signing_moment(signed_at)
    with transaction.atomic():
        amendment = (
            ContractAmendment.objects.select_for_update().select_related("contract__participant").get(pk=amendment_id)
        )
        contract = SocialContract.objects.select_for_update().get(pk=amendment.contract_id)
        if amendment.status != AmendmentStatus.DRAFT:
            raise ContractError(_("This amendment has already been signed; nothing was changed."))
        if contract.status != ContractStatus.SIGNED:
            raise ContractError(_("Only a contract in force can be amended."))
        if user.pk != contract.social_worker_id:
            raise ContractError(_("Only the social worker who is a party to the contract can sign it."))
        if contract.signed_on and timezone.localdate(signed_at) < contract.signed_on:
            raise ContractError(_("An amendment cannot be signed before the contract it amends."))
        if amendment.is_empty():
            raise ContractError(_("The amendment changes nothing: add a change before signing it."))
        new_end = amendment.new_period_end
        other = overlapping_contract(contract, period_end=new_end) if new_end else None
        if other is not None:
            raise ContractError(
                _("Contract %(number)s of the same kind is in force for this person in an overlapping period.")
                % {"number": other.number}
            )
        _freeze_amendment(amendment, contract=contract, signature=signature, signed_at=signed_at)
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.SIGN,
            obj=amendment,
            details={"contract": contract.number, "sha256": amendment.snapshot_sha256, **back_dated},
        )
    return amendment


def _freeze_contract(contract: SocialContract, *, signature: str, signed_at) -> None:
    """Freeze a draft as signed: snapshot, hash and status in one UPDATE (``mark_signed``). The
    caller has checked everything and holds the row lock."""
    signed_on = timezone.localdate(signed_at)
    contract.signed_at, contract.signed_on, contract.participant_signature = signed_at, signed_on, signature
    snapshot = canonical_json(contract.build_snapshot())
    contract.mark_signed(
        signed_at=signed_at,
        signed_on=signed_on,
        participant_signature=signature,
        snapshot=snapshot,
        snapshot_sha256=sha256_hex(snapshot),
        next_review_on=contract.next_review_on or min(contract.period_end, signed_on + datetime.timedelta(days=90)),
        effective_period_end=contract.period_end,
        status=ContractStatus.SIGNED,
        version=contract.version + 1,
        updated_at=timezone.now(),
    )


def _freeze_amendment(amendment: ContractAmendment, *, contract: SocialContract, signature: str, signed_at) -> None:
    """Freeze an amendment as signed (``mark_signed``) and apply it to the contract as amended
    (checks done by the caller)."""
    signed_on = timezone.localdate(signed_at)
    amendment.signed_at, amendment.signed_on, amendment.participant_signature = signed_at, signed_on, signature
    snapshot = canonical_json(amendment.build_snapshot())
    amendment.mark_signed(
        signed_at=signed_at,
        signed_on=signed_on,
        participant_signature=signature,
        snapshot=snapshot,
        snapshot_sha256=sha256_hex(snapshot),
        status=AmendmentStatus.SIGNED,
    )
    amendment.cancelled_tasks.update(status=ContractTask.Status.CANCELLED)
    if amendment.new_period_end:
        SocialContract.objects.filter(pk=contract.pk).update(effective_period_end=amendment.new_period_end)
        contract.effective_period_end = amendment.new_period_end


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
    """Store the scan of the signed paper original outside any public URL."""
    try:
        kind = check_scan(upload, name="scan")
    except ScanRefused as refusal:
        raise ContractError(str(refusal)) from None
    with transaction.atomic():
        old = contract.scan.name if contract.scan else ""
        contract.scan.save(upload.name, upload, save=False)
        contract.scan_uploaded_at = timezone.now()
        contract.save(update_fields=["scan", "scan_uploaded_at", "updated_at"])
        log_event(request=request, user=user, action=AuditEvent.Action.UPDATE, obj=contract, details={"scan": kind})
    if old and old != contract.scan.name:
        transaction.on_commit(lambda: contract.scan.storage.delete(old))
    return contract
