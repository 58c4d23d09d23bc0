"""The social contract as a document: what its page and PDF show, and the files sent for it.

The signed part is read from the frozen snapshot of a signed contract (never from today's person
or worker record: a later change of surname or address must not appear under the old hash); a
draft shows what it would freeze now. What happened after signing — amendments with their own
hashes, reviews, the progress of the tasks, the end — is printed after the signed part, outside it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy

from contracts.models import ContractScan, ContractStatus, ContractTask, Kind, SocialContract
from kis.files import PDF, Document, content_type_of, file_name
from kis.pdf import render_pdf
from participants import pesel as pesel_rules

RESPONSIBLE = dict(ContractTask.Responsible.choices)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Party:
    name: str
    pesel: str = ""
    address: str = ""
    adult: bool = True  # signs the contract (a family member under 18 does not)


@dataclass(frozen=True)
class TextTask:
    description: str
    responsible: object  # a lazy translated label
    deadline: datetime.date | None


@dataclass(frozen=True)
class SignedText:
    """The text of the contract as frozen at signing (or as a draft would freeze now)."""

    number: str
    kind: str
    place: str
    signed_on: datetime.date | None
    period_start: datetime.date
    period_end: datetime.date
    centre: str
    participant: Party
    family: list[Party]
    worker: Party
    worker_phone: str
    assessment: dict
    main_goal: str
    specific_goals: str
    centre_support: str
    assessment_method: str
    tasks: list[TextTask] = field(default_factory=list)
    consequence_clause: str = ""

    @property
    def is_kind_b(self) -> bool:
        return self.kind == Kind.B

    @classmethod
    def of(cls, snapshot: dict) -> SignedText:
        signed_on = _date(snapshot.get("signed_on"))
        worker = snapshot["social_worker"]
        return cls(
            number=snapshot["number"],
            kind=snapshot["kind"],
            place=snapshot["place"],
            signed_on=signed_on,
            period_start=_date(snapshot["period"][0]),
            period_end=_date(snapshot["period"][1]),
            centre=snapshot.get("centre", ""),
            participant=Party(**snapshot["participant"]),
            family=[
                Party(m["name"], m.get("pesel", ""), m.get("address", ""), adult=_adult(m.get("pesel", ""), signed_on))
                for m in snapshot.get("family_members", [])
            ],
            worker=Party(worker["name"]),
            worker_phone=worker.get("phone", ""),
            assessment=snapshot.get("assessment", {}),
            main_goal=snapshot.get("main_goal", ""),
            specific_goals=snapshot.get("specific_goals", ""),
            centre_support=snapshot.get("centre_support", ""),
            assessment_method=snapshot.get("assessment_method", ""),
            tasks=[
                TextTask(
                    description=t["description"],
                    # Lazy: worded in the language the document is rendered in.
                    responsible=format_lazy(
                        "{}{}",
                        RESPONSIBLE.get(t["responsible"], t["responsible"]),
                        f": {t['institution']}" if t.get("institution") else "",
                    ),
                    deadline=_date(t.get("deadline")),
                )
                for t in snapshot.get("tasks", [])
            ],
            consequence_clause=snapshot.get("consequence_clause", ""),
        )


def _adult(pesel: str, on: datetime.date | None) -> bool:
    """Whether a family member signs: 18 or over on the day of signing, by the PESEL (without a
    valid one the line is printed: the worker knows)."""
    try:
        born = pesel_rules.validate(pesel)
    except pesel_rules.PeselError:
        return True
    day = on or timezone.localdate()
    return (day.year - born.year - ((day.month, day.day) < (born.month, born.day))) >= 18


def contract_document_context(contract: SocialContract) -> dict:
    """What the contract document template shows: the signed part from the snapshot (a draft: as
    it would be frozen now) and what followed signing (queries the tasks, family members, signed
    amendments and reviews once each)."""
    snapshot = contract.snapshot_data if contract.snapshot else contract.build_snapshot()
    amendments = list(
        contract.amendments.signed()
        .select_related("new_social_worker", "signed_by")
        .prefetch_related("tasks", "cancelled_tasks")
    )
    signed = {a.pk for a in amendments}
    progress = [t for t in contract.tasks.all() if t.amendment_id is None or t.amendment_id in signed]
    period_end = contract.period_end
    for amendment in amendments:
        period_end = amendment.new_period_end or period_end
    return {
        "contract": contract,
        "text": SignedText.of(snapshot),
        "signed": contract.status != ContractStatus.DRAFT,
        "signed_amendments": amendments,
        "task_progress": progress,
        "reviews": list(contract.reviews.select_related("reviewed_by")) if contract.snapshot else [],
        "amended_period_end": period_end,
        "ended": contract.status in (ContractStatus.COMPLETED, ContractStatus.TERMINATED),
        "integrity": contract.snapshot_matches_hash(),
        "centre_name": settings.KIS_CENTRE_NAME,
    }


class ContractPdf:
    """The contract as signed, then what followed, as a PDF in Polish."""

    def __init__(self, contract: SocialContract):
        self.contract = contract

    def render(self) -> Document:
        content = render_pdf(
            "contracts/socialcontract_pdf.html",
            contract_document_context(self.contract),
            language=settings.LANGUAGE_CODE,
        )
        return Document(f"kontrakt-{file_name(self.contract.number)}.pdf", PDF, content)


class ScanFile:
    """One stored version of the scan of the signed paper original, sent to be saved, never shown
    in the browser (a file that is anything but what it claims cannot run as a page of KIS)."""

    def __init__(self, scan: ContractScan):
        self.scan = scan

    def render(self) -> Document:
        name = f"skan-{file_name(self.scan.contract.number)}-v{self.scan.number}.{self.scan.extension}"
        return Document(name, content_type_of(self.scan.file.name), self.scan.file.open("rb"), attachment=True)
