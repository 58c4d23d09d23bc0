"""Signing a social contract or an amendment.

The participant signs one of three ways (``SignatureMethod``): a signature drawn on screen, their
full name typed with a tick that this is their signature (for whoever cannot use the drawing box),
or on paper, entered afterwards with the date it was signed and the scan of the original. The
social worker who is the other party confirms every way with their own password.

Everything that stops a signing is collected before anything is written and raised together
(``ContractError.messages``), so the user learns every problem at once; nothing is saved unless
all is in order. The text signed is frozen with its hash in the same transaction (``mark_signed``).
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.exceptions import ContractError
from contracts.models import (
    AmendmentStatus,
    ContractAmendment,
    ContractStatus,
    ContractTask,
    SignatureMethod,
    SocialContract,
    canonical_json,
    sha256_hex,
)
from contracts.signatures import (
    ParticipantSignature,
    not_a_party,
    paper_refusals,
    paper_signed_at,
    signature_refusals,
    signing_moment,
    store_scan,
    worker_name,
    worker_refusals,
)
from kis.audit import log_event
from kis.models import AuditEvent
from kis.roles import Role
from participants.models import Participant


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


def _overlap_refusals(contract: SocialContract, *, period_end=None) -> list[str]:
    other = overlapping_contract(contract, period_end=period_end)
    if other is None:
        return []
    return [
        _("Contract %(number)s of the same kind is in force for this person in an overlapping period.")
        % {"number": other.number}
    ]


def contract_refusals(contract: SocialContract, *, user, signed_on: datetime.date | None = None) -> list[str]:
    """What stops ``user`` concluding the draft ``contract`` on ``signed_on`` (today by default),
    the participant's signature apart (queries the tasks and the person's other contracts)."""
    signed_on = signed_on or timezone.localdate()
    refusals = [] if user.pk == contract.social_worker_id else [not_a_party()]
    missing = contract.missing_for_signing()
    if missing:
        refusals.append(
            _("The draft cannot be signed yet. Missing: %(missing)s.") % {"missing": ", ".join(map(str, missing))}
        )
    if signed_on > contract.period_end:
        refusals.append(
            _(
                "The contract's period ended on %(end)s, before the day it is signed: it would never be in force. "
                "Correct its period first."
            )
            % {"end": contract.period_end.strftime("%d.%m.%Y")}
        )
    return refusals + _overlap_refusals(contract)


def contract_signing_refusals(contract: SocialContract, *, user, password: str | None, signed_on=None) -> list[str]:
    """Everything but the participant's signature that stops ``user`` signing ``contract``, for a
    page that reports every problem at once. No lock is taken: the signing itself checks again."""
    worker = worker_refusals(may_sign=user.pk == contract.social_worker_id, user=user, password=password)
    return list(dict.fromkeys(worker + contract_refusals(contract, user=user, signed_on=signed_on)))


# --- contracts --------------------------------------------------------------------------


def contract_sign(
    *,
    contract_id: int,
    user,
    password: str,
    signature: str = "",
    version: int | None = None,
    method: str = SignatureMethod.DRAWN,
    typed_name: str = "",
    confirmed: bool = False,
    request=None,
) -> SocialContract:
    """Sign a draft now, the participant's signature drawn (``signature``) or their name typed
    (``typed_name``, ``confirmed``); the worker confirms it is them with their password."""
    if method == SignatureMethod.PAPER:
        raise ContractError(_("A contract signed on paper is entered with its date and scan."))
    worker_id = SocialContract.objects.filter(pk=contract_id).values_list("social_worker_id", flat=True).first()
    refusals = worker_refusals(may_sign=user.pk == worker_id, user=user, password=password)
    signed = ParticipantSignature(method=method, image=signature, typed_name=typed_name, confirmed=confirmed)
    return _conclude(
        contract_id=contract_id, user=user, signature=signed, version=version, refusals=refusals, request=request
    )


def contract_sign_on_paper(
    *,
    contract_id: int,
    user,
    password: str,
    signed_on: datetime.date | None,
    scan,
    version: int | None = None,
    request=None,
) -> SocialContract:
    """Enter a draft that the participant and the worker signed on paper on ``signed_on``: it is
    concluded on that day (audited as back-dated when earlier), and the scan of the original (a
    PDF, JPEG or PNG) is stored with the SHA-256 of the bytes stored. The worker confirms with
    their password."""
    worker_id = SocialContract.objects.filter(pk=contract_id).values_list("social_worker_id", flat=True).first()
    refusals = worker_refusals(may_sign=user.pk == worker_id, user=user, password=password)
    problems = paper_refusals(signed_on=signed_on, scan=scan)
    refusals += problems.values()
    if "signed_on" in problems:
        raise ContractError(*refusals)  # without the day of signing nothing else can be checked
    return _conclude(
        contract_id=contract_id,
        user=user,
        signature=ParticipantSignature(method=SignatureMethod.PAPER),
        version=version,
        signed_at=paper_signed_at(signed_on),
        refusals=refusals,
        scan=scan if "scan" not in problems else None,
        request=request,
    )


def contract_conclude(
    *,
    contract_id: int,
    user,
    signature: str,
    version: int | None = None,
    signed_at: datetime.datetime | None = None,
    request=None,
) -> SocialContract:
    """Conclude a draft signed by both parties, the participant's signature drawn — now, or at
    ``signed_at`` when it is entered after the fact — after the caller has made sure ``user`` is
    its social worker."""
    return _conclude(
        contract_id=contract_id,
        user=user,
        signature=ParticipantSignature(image=signature),
        version=version,
        signed_at=signed_at,
        request=request,
    )


def _conclude(
    *,
    contract_id: int,
    user,
    signature: ParticipantSignature,
    version: int | None,
    signed_at: datetime.datetime | None = None,
    refusals=(),
    scan=None,
    request=None,
) -> SocialContract:
    """Conclude a draft unless anything stops it (``refusals``: what the caller found already):
    nothing missing for signing, no signed contract of the same kind overlapping it. The text is
    frozen as a canonical snapshot with its hash; ``scan``, a checked upload, is stored with it."""
    refusals = list(refusals)
    try:
        signed_at, back_dated = signing_moment(signed_at)
    except ContractError as error:
        raise ContractError(*dict.fromkeys(refusals + error.messages)) from None
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
        values, problems = signature_refusals(signature, contract.participant)
        refusals += problems + contract_refusals(contract, user=user, signed_on=timezone.localdate(signed_at))
        if refusals:
            raise ContractError(*dict.fromkeys(refusals))
        _freeze_contract(contract, values=values, signed_at=signed_at)
        details = {"sha256": contract.snapshot_sha256, "signature_method": signature.method, **back_dated}
        old_scan = contract.scan.name if contract.scan else ""
        try:
            if scan is not None:
                version = store_scan(contract, scan, user=user)
                details.update(scan_sha256=contract.scan_sha256, scan_version=version.number)
            log_event(request=request, user=user, action=AuditEvent.Action.SIGN, obj=contract, details=details)
        except BaseException:
            if contract.scan and contract.scan.name != old_scan:
                contract.scan.storage.delete(contract.scan.name)  # the signing is undone, and so is the file
            raise
    return contract


def _freeze_contract(contract: SocialContract, *, values: dict, signed_at) -> None:
    """Freeze a draft as signed: snapshot, hash and status in one UPDATE (``mark_signed``). The
    caller has checked everything and holds the row lock."""
    signed_on = timezone.localdate(signed_at)
    contract.signed_at, contract.signed_on = signed_at, signed_on
    for name, value in values.items():
        setattr(contract, name, value)
    snapshot = canonical_json(contract.build_snapshot())
    contract.mark_signed(
        signed_at=signed_at,
        signed_on=signed_on,
        **values,
        snapshot=snapshot,
        snapshot_sha256=sha256_hex(snapshot),
        next_review_on=contract.next_review_on or min(contract.period_end, signed_on + datetime.timedelta(days=90)),
        effective_period_end=contract.period_end,
        status=ContractStatus.SIGNED,
        version=contract.version + 1,
        updated_at=timezone.now(),
    )


# --- amendments -------------------------------------------------------------------------


def amendment_signer_refusals(amendment: ContractAmendment, *, user, password: str | None) -> list[str]:
    """What stops ``user`` signing ``amendment`` for the centre: an amendment that changes the
    social worker is signed by the new worker, any other by the worker responsible for the
    contract."""
    not_allowed = ""
    if amendment.new_social_worker_id:
        not_allowed = _(
            "This amendment changes the social worker: only the new social worker, %(name)s, signed in as "
            "themselves, can sign it with the participant."
        ) % {"name": worker_name(amendment.new_social_worker)}
    return worker_refusals(
        may_sign=user.pk == amendment.signer_id, user=user, password=password, not_allowed=not_allowed
    )


def amendment_signing_refusals(amendment: ContractAmendment, *, user, password: str | None) -> list[str]:
    """Everything but the participant's signature that stops ``user`` signing ``amendment``, for a
    page that reports every problem at once (queries its tasks; the signing itself checks again)."""
    refusals = amendment_signer_refusals(amendment, user=user, password=password)
    if amendment.is_empty():
        refusals.append(_nothing_amended())
    return refusals


def _nothing_amended() -> str:
    return _("The amendment changes nothing: add a change before signing it.")


def amendment_sign(
    *,
    amendment_id: int,
    user,
    password: str,
    signature: str = "",
    method: str = SignatureMethod.DRAWN,
    typed_name: str = "",
    confirmed: bool = False,
    request=None,
) -> ContractAmendment:
    """Sign an amendment now, the participant's signature drawn or their name typed; the worker
    who signs it (``ContractAmendment.signer_id``) confirms with their password."""
    if method == SignatureMethod.PAPER:
        raise ContractError(_("An amendment is signed on screen: draw the signature or type the name."))
    amendment = (
        ContractAmendment.objects.select_related("contract", "new_social_worker").filter(pk=amendment_id).first()
    )
    if amendment is None:
        raise ContractError(not_a_party())
    refusals = amendment_signer_refusals(amendment, user=user, password=password)
    signed = ParticipantSignature(method=method, image=signature, typed_name=typed_name, confirmed=confirmed)
    return _conclude_amendment(
        amendment_id=amendment_id, user=user, signature=signed, refusals=refusals, request=request
    )


def amendment_conclude(
    *, amendment_id: int, user, signature: str, signed_at: datetime.datetime | None = None, request=None
) -> ContractAmendment:
    """Conclude an amendment with a drawn signature (now, or at ``signed_at`` when entered after
    the fact) after the caller has made sure ``user`` signs it."""
    return _conclude_amendment(
        amendment_id=amendment_id,
        user=user,
        signature=ParticipantSignature(image=signature),
        signed_at=signed_at,
        request=request,
    )


def _conclude_amendment(
    *,
    amendment_id: int,
    user,
    signature: ParticipantSignature,
    signed_at: datetime.datetime | None = None,
    refusals=(),
    request=None,
) -> ContractAmendment:
    """Freeze an amendment with its own hash and apply it to the contract as amended — including a
    change of social worker — unless anything stops it."""
    refusals = list(refusals)
    try:
        signed_at, back_dated = signing_moment(signed_at)
    except ContractError as error:
        raise ContractError(*dict.fromkeys(refusals + error.messages)) from None
    with transaction.atomic():
        amendment = ContractAmendment.objects.select_for_update().get(pk=amendment_id)
        contract = (
            SocialContract.objects.select_for_update().select_related("participant").get(pk=amendment.contract_id)
        )
        amendment.contract = contract
        if amendment.status != AmendmentStatus.DRAFT:
            raise ContractError(_("This amendment has already been signed; nothing was changed."))
        if contract.status != ContractStatus.SIGNED:
            raise ContractError(_("Only a contract in force can be amended."))
        refusals += amendment_signer_refusals(amendment, user=user, password=None)
        new_worker, problems = _new_worker(amendment, contract)
        refusals += problems
        if contract.signed_on and timezone.localdate(signed_at) < contract.signed_on:
            refusals.append(_("An amendment cannot be signed before the contract it amends."))
        if amendment.is_empty():
            refusals.append(_nothing_amended())
        if amendment.new_period_end:
            refusals += _overlap_refusals(contract, period_end=amendment.new_period_end)
        values, problems = signature_refusals(signature, contract.participant)
        refusals += problems
        if refusals:
            raise ContractError(*dict.fromkeys(refusals))
        _freeze_amendment(amendment, contract=contract, values=values, signed_at=signed_at, user=user)
        details = {
            "contract": contract.number,
            "sha256": amendment.snapshot_sha256,
            "signature_method": signature.method,
            **back_dated,
        }
        if new_worker is not None:
            details["new_social_worker"] = new_worker.pk
            _change_worker(contract, new_worker, amendment=amendment, user=user, request=request)
        log_event(request=request, user=user, action=AuditEvent.Action.SIGN, obj=amendment, details=details)
    return amendment


def _new_worker(amendment: ContractAmendment, contract: SocialContract):
    """The new social worker an amendment names, if they can still take the contract over, and
    what stops it otherwise."""
    if not amendment.new_social_worker_id:
        return None, []
    worker = (
        get_user_model()
        .objects.filter(pk=amendment.new_social_worker_id, is_active=True, groups__name=Role.SOCIAL_WORKER)
        .first()
    )
    if worker is None:
        return None, [
            _(
                "The new social worker named in the amendment is no longer an active social worker: "
                "draft a new amendment."
            )
        ]
    if worker.pk == (contract.responsible_worker_id or contract.social_worker_id):
        return None, [_("The new social worker named in the amendment is already responsible for the contract.")]
    return worker, []


def _freeze_amendment(amendment: ContractAmendment, *, contract: SocialContract, values: dict, signed_at, user):
    """Freeze an amendment as signed (``mark_signed``) and apply it to the contract as amended
    (checks done by the caller)."""
    signed_on = timezone.localdate(signed_at)
    amendment.signed_at, amendment.signed_on, amendment.signed_by = signed_at, signed_on, user
    for name, value in values.items():
        setattr(amendment, name, value)
    snapshot = canonical_json(amendment.build_snapshot())
    amendment.mark_signed(
        signed_at=signed_at,
        signed_on=signed_on,
        signed_by=user,
        **values,
        snapshot=snapshot,
        snapshot_sha256=sha256_hex(snapshot),
        status=AmendmentStatus.SIGNED,
    )
    amendment.cancelled_tasks.update(status=ContractTask.Status.CANCELLED)
    if amendment.new_period_end:
        SocialContract.objects.filter(pk=contract.pk).update(effective_period_end=amendment.new_period_end)
        contract.effective_period_end = amendment.new_period_end


def _change_worker(contract: SocialContract, worker, *, amendment: ContractAmendment, user, request) -> None:
    """The new social worker becomes responsible for the contract (not part of its signed text: the
    amendment is) and takes the participant onto their caseload; an open edit of the participant
    is then refused rather than putting the old worker back."""
    SocialContract.objects.filter(pk=contract.pk).update(responsible_worker=worker)
    contract.responsible_worker = worker
    participant = contract.participant
    previous = participant.social_worker_id
    Participant.objects.filter(pk=participant.pk).update(
        social_worker=worker, version=F("version") + 1, updated_at=timezone.now()
    )
    participant.social_worker = worker
    log_event(
        request=request,
        user=user,
        action=AuditEvent.Action.UPDATE,
        obj=participant,
        details={
            "social_worker": worker.pk,
            "previous_social_worker": previous,
            "contract": contract.number,
            "amendment": amendment.number,
        },
    )
