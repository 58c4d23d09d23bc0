"""The KIS certificate (zaświadczenie o uczestnictwie) as a document."""

from django.conf import settings
from django.utils import timezone

from kis.files import PDF, Document, file_name
from kis.pdf import render_pdf
from participation.models import ProjectParticipation


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
