"""The participant's signature and the worker's confirmation of it, as a contract or an amendment
is signed (``contracts.signing``): a signature drawn on screen, the participant's full name typed
and confirmed, or a paper original entered with its scan; the worker's own password; the moment
recorded. Each check raises or returns translated messages for the user."""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import unicodedata
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.exceptions import ContractError
from contracts.models import ContractScan, SignatureMethod, SocialContract
from kis.files import PNG_MAGIC, ScanRefused, check_scan

MAX_SIGNATURE_BYTES = 512 * 1024


def not_a_party() -> str:
    return _("Only the social worker who is a party to the contract can sign it.")


def wrong_password() -> str:
    return _("The password is not correct. Re-enter your own password to confirm the signature.")


def worker_name(user) -> str:
    return user.get_full_name() or user.get_username()


# --- the participant's signature ---------------------------------------------------------


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


def comparable_name(text: str) -> str:
    """A name as a typed signature is compared: one Unicode form, case folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def check_typed_name(typed: str, *, participant) -> str:
    """The participant's name as they typed it (spaces tidied) when it is their full name as the
    contract gives it, whatever the case and spacing; raise ContractError otherwise."""
    name = " ".join((typed or "").split())
    if not name:
        raise ContractError(
            _("The participant has not typed their name: ask them to type their first name and surname.")
        )
    if comparable_name(name) != comparable_name(participant.full_name):
        raise ContractError(
            _(
                "The name typed does not match the participant's full name in the contract (%(name)s). "
                "Ask the participant to type their first name and surname as they are written there."
            )
            % {"name": participant.full_name}
        )
    return name


def typed_confirmation_missing() -> str:
    return _("The participant has not confirmed that typing their name is their signature: ask them to tick the box.")


@dataclass(frozen=True)
class ParticipantSignature:
    """How the participant signs and what they give: ``image``, a drawn PNG data URL; or
    ``typed_name`` with ``confirmed`` (they ticked that typing it is their signature); or, on
    paper, nothing here (the scan goes with the contract)."""

    method: str = SignatureMethod.DRAWN
    image: str = ""
    typed_name: str = ""
    confirmed: bool = False

    def frozen_values(self, participant) -> dict:
        """The fields this signature freezes with the signed text; raise ContractError with every
        problem of it."""
        if self.method == SignatureMethod.DRAWN:
            return self._values(participant_signature=decode_signature(self.image))
        if self.method == SignatureMethod.TYPED:
            problems, name = [], ""
            try:
                name = check_typed_name(self.typed_name, participant=participant)
            except ContractError as error:
                problems += error.messages
            if not self.confirmed:
                problems.append(typed_confirmation_missing())
            if problems:
                raise ContractError(*problems)
            return self._values(participant_typed_name=name)
        if self.method == SignatureMethod.PAPER:
            return self._values()
        raise ContractError(_("Choose how the participant signs."))

    def _values(self, *, participant_signature: str = "", participant_typed_name: str = "") -> dict:
        return {
            "participant_signature": participant_signature,
            "participant_typed_name": participant_typed_name,
            "signature_method": self.method,
        }


def signature_refusals(signature: ParticipantSignature, participant) -> tuple[dict, list[str]]:
    try:
        return signature.frozen_values(participant), []
    except ContractError as error:
        return {}, error.messages


# --- who signs, and when ------------------------------------------------------------------


def worker_refusals(*, may_sign: bool, user, password: str | None, not_allowed: str = "") -> list[str]:
    """What stops ``user`` confirming a signature: not being the worker who signs it
    (``may_sign``), or not their password (checking it costs a password hash; ``None`` leaves the
    password out, for a form that asks for it anyway)."""
    if not may_sign:
        return [not_allowed or not_a_party()]
    if password is not None and not (password and user.check_password(password)):
        return [wrong_password()]
    return []


def paper_signed_at(signed_on: datetime.date) -> datetime.datetime:
    """The moment recorded for a paper original signed on ``signed_on`` (the hour is not known)."""
    if signed_on >= timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(signed_on, datetime.time(12, 0)))


def signing_moment(signed_at: datetime.datetime | None) -> tuple[datetime.datetime, dict]:
    """When a text is signed (now, unless it was signed on paper earlier and is entered after the
    fact) and what the audit trail says of a back-dated signature."""
    now = timezone.now()
    if signed_at is None:
        return now, {}
    if signed_at > now:
        raise ContractError(_("The date of signing cannot be in the future."))
    return signed_at, {"signed_on": timezone.localdate(signed_at).isoformat(), "entered_at": now.isoformat()}


def paper_refusals(*, signed_on: datetime.date | None, scan) -> dict[str, str]:
    """What is wrong with a paper original as entered — ``signed_on``, the date it was signed, and
    ``scan``, the upload of the scan (checked and named by ``check_scan``) — by what it concerns."""
    problems = {}
    if signed_on is None:
        problems["signed_on"] = _("Enter the date the contract was signed on paper.")
    elif signed_on > timezone.localdate():
        problems["signed_on"] = _("The date of signing cannot be in the future.")
    if not scan:
        problems["scan"] = _("Attach the scan of the signed paper original.")
    else:
        try:
            check_scan(scan, name="scan")
        except ScanRefused as refusal:
            problems["scan"] = str(refusal)
    return problems


def file_sha256(field_file) -> str:
    """The SHA-256 of a stored file, read back from the storage."""
    digest = hashlib.sha256()
    with field_file.storage.open(field_file.name, "rb") as stored:
        for chunk in iter(lambda: stored.read(64 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def store_scan(contract: SocialContract, upload, *, user=None) -> ContractScan:
    """Store ``upload`` (already checked by ``check_scan``) as the next version of the contract's
    scan, with the SHA-256 of the bytes stored and who uploaded it, and make it the current scan;
    earlier versions are kept. Runs in the caller's transaction, which holds the contract's row
    (``select_for_update``) so that two uploads cannot take the same number."""
    last = contract.scans.aggregate(last=models.Max("number"))["last"] or 0
    version = ContractScan(
        contract=contract,
        number=last + 1,
        original_name=getattr(upload, "kis_original_name", "")[:255],
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    version.file.save(upload.name, upload, save=False)
    try:
        version.sha256 = file_sha256(version.file)
        version.save()
        contract.scan, contract.scan_sha256, contract.scan_uploaded_at = (
            version.file.name,
            version.sha256,
            version.uploaded_at,
        )
        contract.save(update_fields=["scan", "scan_uploaded_at", "scan_sha256", "updated_at"])
    except BaseException:
        version.file.storage.delete(version.file.name)  # nothing refers to the file any more
        raise
    return version
