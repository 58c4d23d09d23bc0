"""Social contracts (kontrakt socjalny, art. 6 pkt 6 and art. 108 of the Social Assistance Act), by
noun: the contract with its parties (``contract``), its amendments (``amendment``), its tasks and
reviews (``task``), the scans of its paper original (``scan``). Everything is importable from ``contracts.models``."""

from contracts.freezing import ContractFrozenError
from contracts.models.amendment import ContractAmendment, ContractAmendmentQuerySet
from contracts.models.contract import (
    CONSEQUENCE_CLAUSE,
    REVIEW_DUE_DAYS,
    AmendmentStatus,
    ContractFamilyMember,
    ContractStatus,
    Kind,
    PrivateStorage,
    SignatureMethod,
    SocialContract,
    SocialContractQuerySet,
    canonical_json,
    consequence_clause_text,
    private_storage,
    scan_upload_to,
    sha256_hex,
)
from contracts.models.scan import ContractScan, ContractScanQuerySet
from contracts.models.task import ContractReview, ContractTask, ContractTaskQuerySet

__all__ = [
    "CONSEQUENCE_CLAUSE",
    "REVIEW_DUE_DAYS",
    "AmendmentStatus",
    "ContractAmendment",
    "ContractAmendmentQuerySet",
    "ContractFamilyMember",
    "ContractFrozenError",
    "ContractReview",
    "ContractScan",
    "ContractScanQuerySet",
    "ContractStatus",
    "ContractTask",
    "ContractTaskQuerySet",
    "Kind",
    "PrivateStorage",
    "SocialContract",
    "SignatureMethod",
    "SocialContractQuerySet",
    "canonical_json",
    "consequence_clause_text",
    "private_storage",
    "scan_upload_to",
    "sha256_hex",
]
