"""The social contract as a document: what its page and PDF show, and the files sent for it."""

from django.conf import settings

from contracts.models import CONSEQUENCE_CLAUSE, SocialContract
from kis.files import PDF, Document, content_type_of, file_name
from kis.pdf import render_pdf


def contract_document_context(contract: SocialContract) -> dict:
    """What the contract document template shows: the contract as amended (queries the tasks,
    family members and signed amendments once each)."""
    amendments = list(contract.amendments.signed().prefetch_related("tasks", "cancelled_tasks"))
    tasks = [t for t in contract.tasks.all() if t.amendment_id is None or t.amendment_id in {a.pk for a in amendments}]
    main_goal = contract.main_goal
    specific_goals = contract.specific_goals
    period_end = contract.period_end
    for amendment in amendments:
        main_goal = amendment.new_main_goal or main_goal
        specific_goals = amendment.new_specific_goals or specific_goals
        period_end = amendment.new_period_end or period_end
    return {
        "contract": contract,
        "family_members": list(contract.family_members.all()),
        "tasks": tasks,
        "signed_amendments": amendments,
        "amended_main_goal": main_goal,
        "amended_specific_goals": specific_goals,
        "amended_period_end": period_end,
        "consequence_clause": CONSEQUENCE_CLAUSE,
        "integrity": contract.snapshot_matches_hash(),
        "centre_name": settings.KIS_CENTRE_NAME,
    }


class ContractPdf:
    """The contract as amended, as a PDF in Polish."""

    def __init__(self, contract: SocialContract):
        self.contract = contract

    def render(self) -> Document:
        content = render_pdf(
            "contracts/socialcontract_pdf.html",
            contract_document_context(self.contract),
            language=settings.LANGUAGE_CODE,
        )
        return Document(f"kontrakt-{file_name(self.contract.number)}.pdf", PDF, content)


class ContractScan:
    """The stored scan of the signed paper original."""

    def __init__(self, contract: SocialContract):
        self.contract = contract

    def render(self) -> Document:
        scan = self.contract.scan
        extension = scan.name.rsplit(".", 1)[-1]
        return Document(
            f"skan-{file_name(self.contract.number)}.{extension}", content_type_of(scan.name), scan.open("rb")
        )
