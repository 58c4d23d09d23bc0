"""The KIS certificate (zaświadczenie o uczestnictwie) and the scans of eligibility evidence as documents."""

from django.conf import settings
from django.utils import timezone

from kis.files import PDF, Document, content_type_of, file_name
from kis.pdf import render_pdf
from participation.models import EligibilityEvidence, ProjectParticipation


class CertificatePdf:
    """The certificate of a participation that has ended, in Polish, dated today."""

    def __init__(self, participation: ProjectParticipation):
        self.participation = participation

    def render(self) -> Document:
        context = {
            "participation": self.participation,
            "centre_name": settings.KIS_CENTRE_NAME,
            "today": timezone.localdate(),
        }
        content = render_pdf("participation/certificate_pdf.html", context, language=settings.LANGUAGE_CODE)
        return Document(f"zaswiadczenie-{file_name(self.participation.certificate_number)}.pdf", PDF, content)


class EvidenceScan:
    """The stored scan of a piece of eligibility evidence."""

    def __init__(self, evidence: EligibilityEvidence):
        self.evidence = evidence

    def render(self) -> Document:
        scan = self.evidence.scan
        extension = scan.name.rsplit(".", 1)[-1]
        return Document(f"dokument-{self.evidence.pk}.{extension}", content_type_of(scan.name), scan.open("rb"))
