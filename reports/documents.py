"""The reports' renderers: the outcome report as a PDF, the ESF participant sheet as XLSX or CSV, and
the subject-access export of one person as a PDF and as JSON."""

import json

from django.conf import settings

from kis.files import CSV, PDF, XLSX, Document
from kis.pdf import render_pdf
from projects.models import Project
from reports import esf_sheet, subject_access

JSON = "application/json"


class OutcomeReportPdf:
    """The outcome report of one period, as the page shows it (``context`` is the page's)."""

    def __init__(self, context: dict):
        self.context = context

    def render(self) -> Document:
        content = render_pdf("reports/project_report_pdf.html", self.context, language=settings.LANGUAGE_CODE)
        return Document(f"raport-{self.context['project'].pk}-{self.context['period'].start}.pdf", PDF, content)


class FigurePeoplePdf:
    """The people behind one figure, as a list to print (``context`` is the list page's, with every
    person; ``redacted``: names as initials, PESEL masked)."""

    def __init__(self, context: dict):
        self.context = context

    def render(self) -> Document:
        content = render_pdf("reports/figure_people_pdf.html", self.context, language=settings.LANGUAGE_CODE)
        suffix = "-bez-danych" if self.context["redacted"] else ""
        return Document(f"osoby-{self.context['project'].pk}-{self.context['figure']}{suffix}.pdf", PDF, content)


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


class SubjectAccessPdf:
    """Everything held about one person (GDPR art. 15), as a printed document to hand over."""

    def __init__(self, export: subject_access.SubjectAccess):
        self.export = export

    def render(self) -> Document:
        content = render_pdf("reports/subject_access.html", {"export": self.export}, language=settings.LANGUAGE_CODE)
        return Document(f"dane-osoby-{self.export.participant.pk}.pdf", PDF, content)


class SubjectAccessJson:
    """The same as JSON, in the structure ``reports.subject_access`` documents."""

    def __init__(self, export: subject_access.SubjectAccess):
        self.export = export

    def render(self) -> Document:
        content = json.dumps(subject_access.as_json(self.export), ensure_ascii=False, indent=2).encode()
        return Document(f"dane-osoby-{self.export.participant.pk}.json", JSON, content, attachment=True)
