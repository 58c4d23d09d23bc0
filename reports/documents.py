"""The outcome report as a PDF and the ESF participant sheet as XLSX: the reports' renderers."""

from django.conf import settings

from kis.files import PDF, XLSX, Document
from kis.pdf import render_pdf
from projects.models import Project
from reports import esf_sheet


class OutcomeReportPdf:
    """The outcome report of one period, as the page shows it (``context`` is the page's)."""

    def __init__(self, context: dict):
        self.context = context

    def render(self) -> Document:
        content = render_pdf("reports/project_report_pdf.html", self.context, language=settings.LANGUAGE_CODE)
        return Document(f"raport-{self.context['project'].pk}-{self.context['period'].start}.pdf", PDF, content)


class ParticipantSheetXlsx:
    """The ESF participant sheet of a project, in the layout of its programme period."""

    def __init__(self, project: Project):
        self.project = project

    def render(self) -> Document:
        return Document(
            f"uczestnicy-{self.project.pk}.xlsx", XLSX, esf_sheet.render_xlsx(self.project), attachment=True
        )
