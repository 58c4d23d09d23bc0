"""The outcome report as a PDF and the ESF participant sheet as XLSX or CSV: the reports' renderers."""

from django.conf import settings

from kis.files import CSV, PDF, XLSX, Document
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


class ParticipantSheet:
    """The ESF participant sheet of a project as XLSX or CSV, in the layout and for the period chosen."""

    FORMATS = {"xlsx": (XLSX, esf_sheet.render_xlsx), "csv": (CSV, esf_sheet.render_csv)}

    def __init__(self, project: Project, export: esf_sheet.Export, extension: str = "xlsx"):
        self.project, self.export, self.extension = project, export, extension

    def render(self) -> Document:
        content_type, render = self.FORMATS[self.extension]
        period = self.export.period
        name = f"uczestnicy-{self.project.pk}-{self.export.layout.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        return Document(f"{name}.{self.extension}", content_type, render(self.project, self.export), attachment=True)
