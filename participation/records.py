"""What is recorded about a participation beside its moves: a correction of the situation at the
start (an audited edit with its reason) and the evidence of the criteria that qualified the person.
Each runs in one transaction, writes its audit entry and raises ParticipationError."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kis.audit import log_event
from kis.files import ScanRefused, check_scan
from kis.models import AuditEvent
from participants.models import DETAILS_OF_STATUS, LabourMarketStatus
from participation.models import EligibilityEvidence, ProjectParticipation
from participation.results import ParticipationError
from participation.services import fix_entry, locked

# What a correction of the situation at start may change: field -> how a submitted value is stored.
CORRECTABLE = (
    "labour_status_at_start",
    "unemployed_since_at_start",
    "disability_at_start",
    "disability_group_at_start",
    "education",
    "area_type",
    "labour_status_detail",
    "occupation",
    "employer",
    "citizenship_group",
    "foreign_origin",
    "third_country_national",
    "minority",
    "homeless",
    "other_disadvantage",
)


def participation_correct_entry(*, participation_id: int, user, changes: dict, reason: str, request=None):
    """Correct the situation recorded at the start (e.g. from the recruitment documents): an audited
    edit with its reason, the old and new values in the audit trail; age and long-term unemployment
    are worked out again for the ESF start."""
    if not reason.strip():
        raise ParticipationError(_("Give the reason for correcting the situation at the start."))
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ParticipationError(_("These data cannot be corrected here."))
    with transaction.atomic():
        participation = locked(participation_id)
        if participation.planned_start is None:
            raise ParticipationError(_("The situation at the start is recorded when the participation starts."))
        entry = dict(participation.entry)
        corrected = {}
        for field, value in changes.items():
            old = getattr(participation, field) if hasattr(ProjectParticipation, field) else entry.get(field)
            if old == value or (old in (None, "") and value in (None, "")):
                continue
            corrected[field] = [str(old) if old is not None else None, str(value) if value is not None else None]
            if hasattr(ProjectParticipation, field):
                setattr(participation, field, value)
            else:
                entry[field] = value
        if not corrected:
            raise ParticipationError(_("Nothing was changed."))
        # The same rules as the person's record: the detail goes with the status, and only the
        # employed have an occupation and an employer.
        status = participation.labour_status_at_start
        if entry.get("labour_status_detail") and entry["labour_status_detail"] not in DETAILS_OF_STATUS.get(status, ()):
            raise ParticipationError(_("This detail does not go with the labour-market status chosen."))
        if status != LabourMarketStatus.EMPLOYED:
            entry["occupation"] = entry["employer"] = ""
        participation.entry = entry
        fix_entry(participation)
        participation.save()
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.UPDATE,
            obj=participation,
            details={"entry_corrected": corrected, "reason": reason.strip()[:300]},
        )
    return participation


def evidence_add(*, participation_id: int, user, evidence: EligibilityEvidence, upload=None, request=None):
    """Record what shows a criterion that qualified the person; a scan (PDF, JPEG or PNG, at most
    10 MB) is kept in private storage."""
    if evidence.issued_on > timezone.localdate():
        raise ParticipationError(_("The document cannot be dated in the future."))
    if upload is not None:
        try:
            check_scan(upload, name="evidence")
        except ScanRefused as refusal:
            raise ParticipationError(str(refusal)) from None
    with transaction.atomic():
        participation = locked(participation_id)
        evidence.participation = participation
        evidence.added_by = user
        if upload is not None:
            evidence.scan.save(upload.name, upload, save=False)
        evidence.save()
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.CREATE,
            obj=evidence,
            details={"participation": participation.pk, "scan": upload is not None},
        )
    return evidence
