"""A signed contract once its person's data is anonymised: the masked text, still verifiable.

The signed text (``snapshot``) names the person and their family and describes their situation. At
anonymisation the stored text is first checked against its hash: a text that no longer matches is
refused (that is a matter for an investigation, and masking it would hide the change). Then it is
replaced by the same structure with the personal fields masked, which records the hash of the text
it was made from; the hash of the masked form is stored beside the original one
(``masked_sha256``). From then on the contract's verification checks the masked text against that
hash (``contracts.models.contract.snapshot_verifies``), so a change to the masked text is detected
as a change to the signed one was, and a paper original can still be compared with the original
hash.

This is the one write to a signed contract outside signing, and it bypasses the freezing on
purpose (``_base_manager``: no ``FrozenQuerySet``); nothing else may.
"""

from __future__ import annotations

import datetime
import json

from django.db import transaction
from django.utils.translation import gettext as _

from contracts.exceptions import ContractError
from contracts.models import ContractAmendment, ContractFamilyMember, ContractReview, ContractTask, SocialContract
from contracts.models.contract import FREE_TEXTS, canonical_json, sha256_hex
from contracts.models.scan import ContractScan

# The free texts of a contract: cleared in the row and in the text.
CONTRACT_TEXTS = FREE_TEXTS
AMENDMENT_TEXTS = ("reason", "new_main_goal", "new_specific_goals")


def _anonymised(original_sha256: str, on: datetime.date) -> dict:
    return {"original_sha256": original_sha256, "on": on.isoformat()}


def family_name(name: str, index: int) -> str:
    """The token of the ``index``-th (from 1) family member covered by the contract of ``name``."""
    return f"{name}-R{index}"


def mask_contract_text(data: dict, *, name: str, on: datetime.date, original_sha256: str) -> dict:
    """The contract's signed text with the parties named by tokens (``name`` and its family
    names) and every free text about the person emptied; numbers, dates, kind, place, the worker
    and the statutory clause stay as signed."""
    masked = dict(data)
    masked["participant"] = {"name": name, "pesel": "", "address": ""}
    masked["family_members"] = [
        {"name": family_name(name, index), "pesel": "", "address": ""}
        for index, _member in enumerate(data.get("family_members", []), start=1)
    ]
    masked["assessment"] = dict.fromkeys(data.get("assessment", {}), "")
    for key in ("main_goal", "specific_goals", "centre_support", "assessment_method", "participant_typed_name"):
        if key in masked:
            masked[key] = ""
    masked["tasks"] = [{**task, "description": ""} for task in data.get("tasks", [])]
    masked["anonymised"] = _anonymised(original_sha256, on)
    return masked


def mask_amendment_text(data: dict, *, on: datetime.date, original_sha256: str) -> dict:
    """An amendment's signed text with its free texts emptied."""
    masked = dict(data)
    for key in ("reason", "new_main_goal", "new_specific_goals", "participant_typed_name"):
        if key in masked:
            masked[key] = ""
    masked["added_tasks"] = [{**task, "description": ""} for task in data.get("added_tasks", [])]
    masked["withdrawn_tasks"] = ["" for _task in data.get("withdrawn_tasks", [])]
    masked["anonymised"] = _anonymised(original_sha256, on)
    return masked


def _refuse_changed(number: str) -> None:
    raise ContractError(
        _(
            "The signed text of contract %(number)s no longer matches its SHA-256, so it was not anonymised: "
            "compare it with the paper original first."
        )
        % {"number": number}
    )


def contract_anonymise(*, contract: SocialContract, name: str, on: datetime.date) -> list[str]:
    """Mask one contract of an anonymised person: its parties, free texts, signatures, amendments,
    reviews and scan (``name``: the person's token). Returns the names of the stored files to
    delete once the transaction commits. A contract already masked is left as it is."""
    rows = SocialContract._base_manager.filter(pk=contract.pk)
    values = dict.fromkeys(CONTRACT_TEXTS, "")
    values.update(participant_signature="", participant_typed_name="", end_reason="", scan="")
    if contract.snapshot and not contract.masked_sha256:
        if not contract.snapshot_matches_hash():
            _refuse_changed(contract.number)
        text = canonical_json(
            mask_contract_text(contract.snapshot_data, name=name, on=on, original_sha256=contract.snapshot_sha256)
        )
        values.update(snapshot=text, masked_sha256=sha256_hex(text))
    # Every scan of the paper original goes: the versions' files and rows (their file names may
    # quote the person), and the current one the contract names.
    scans = ContractScan.objects.filter(contract=contract)
    files = [contract.scan.name] if contract.scan else []
    files += [name for name in scans.values_list("file", flat=True) if name and name not in files]
    with transaction.atomic():
        scans.delete()
        rows.update(**values)
        # In the order the text lists them (``build_snapshot``: by id), so row and text agree.
        family = ContractFamilyMember._base_manager.filter(contract=contract).order_by("id")
        for index, member_id in enumerate(family.values_list("pk", flat=True), start=1):
            ContractFamilyMember._base_manager.filter(pk=member_id).update(
                first_name=family_name(name, index), last_name="", pesel="", address=""
            )
        ContractTask._base_manager.filter(contract=contract).update(description="", remarks="")
        ContractReview.objects.filter(contract=contract).update(findings="")
        for amendment in ContractAmendment._base_manager.filter(contract=contract):
            _amendment_anonymise(amendment, contract.number, on)
    return files


def _amendment_anonymise(amendment: ContractAmendment, number: str, on: datetime.date) -> None:
    values = dict.fromkeys(AMENDMENT_TEXTS, "")
    values.update(participant_signature="", participant_typed_name="")
    if amendment.snapshot and not amendment.masked_sha256:
        if not amendment.snapshot_matches_hash():
            _refuse_changed(f"{number}/{amendment.number}")
        text = canonical_json(
            mask_amendment_text(json.loads(amendment.snapshot), on=on, original_sha256=amendment.snapshot_sha256)
        )
        values.update(snapshot=text, masked_sha256=sha256_hex(text))
    ContractAmendment._base_manager.filter(pk=amendment.pk).update(**values)
