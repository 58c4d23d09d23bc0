"""Project outcome reports: the list, one project's report (HTML and PDF from the same template),
the people behind each figure, frozen snapshots, the ESF participant sheet (XLSX), and the
subject-access export of one person (PDF, JSON)."""

from __future__ import annotations

import hashlib
import json

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from kis.audit import log_event
from kis.background import offer
from kis.files import PDF, Document, file_response
from kis.models import AuditEvent
from kis.views import RoleRequiredMixin, ScopedObjectMixin, query_without_page
from participants.models import Participant
from projects.models import Project
from reports import outcomes, subject_access
from reports.background import (
    ActivitySheetDocument,
    FigurePeopleDocument,
    OutcomeReportDocument,
    ParticipantSheetDocument,
    outcome_context,
)
from reports.documents import OutcomeReportPdf, SubjectAccessPdf
from reports.forms import SheetExportForm
from reports.models import ReportSnapshot
from reports.outcomes import Period
from reports.periods import period_from_query, quick_picks

PEOPLE_PER_PAGE = 50


def is_redacted(request) -> bool:
    """Whether the page or PDF is asked for without personal data (names as initials, no PESEL)."""
    return request.GET.get("redacted") == "1"


class ReportListView(RoleRequiredMixin, ListView):
    permission_required = "reports.view_outcome_report"
    template_name = "reports/report_list.html"
    context_object_name = "projects"

    def get_queryset(self):
        return Project.objects.with_counts().order_by("-start_date", "title")


class ProjectReportMixin(ScopedObjectMixin):
    """A report of one project, from the projects the user may see."""

    model = Project

    def get_queryset(self):
        # The report's permission (checked first) opens the figures of every project, also to
        # staff who may not open the project's own page; who sees the people behind them is
        # decided per page.
        return Project.objects.all()

    def get_project(self):
        return self.get_object()

    def report_context(self, project, query=None):
        period, warnings = period_from_query(project, self.request.GET if query is None else query)
        context = outcome_context(
            project, period, user=self.request.user, redacted=is_redacted(self.request), kept=query is None
        )
        context["period_warnings"] = warnings
        return context


class ProjectReportView(ProjectReportMixin, TemplateView):
    permission_required = "reports.view_outcome_report"
    action_permissions = {"keep_snapshot": "reports.add_reportsnapshot", "export": "reports.export_participant_sheet"}
    template_name = "reports/project_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.get_project()
        context.update(self.report_context(project))
        for warning in context["period_warnings"]:
            messages.warning(self.request, warning)
        context["quick_picks"] = quick_picks(project)
        context["sheet_form"] = SheetExportForm(project=project, period=context["period"])
        context["snapshots"] = ReportSnapshot.objects.filter(project=project).select_related("created_by")[:20]
        context.update(context["report"].recruitment)
        return context


class ProjectReportPdfView(ProjectReportMixin, View):
    """The report as a PDF: sent at once for a small project, made in the background for a large
    one (kis.background), and written to the audit trail as a print when it is downloaded."""

    permission_required = "reports.view_outcome_report"

    def get(self, request, pk):
        project = self.get_project()
        period, _warnings = period_from_query(project, request.GET)
        return offer(
            request, OutcomeReportDocument.of(project, period, user=request.user, redacted=is_redacted(request))
        )


class ActivitySheetView(ProjectReportMixin, View):
    """Every activity of the report's period with its figures, as XLSX."""

    permission_required = "reports.view_outcome_report"

    def get(self, request, pk):
        project = self.get_project()
        period, _warnings = period_from_query(project, request.GET)
        return offer(request, ActivitySheetDocument.of(project, period, user=request.user))


class SnapshotCreateView(ProjectReportMixin, View):
    """POST only: keep the report of a period as a dated, frozen PDF with its figures and hash."""

    permission_required = "reports.add_reportsnapshot"
    http_method_names = ["post"]

    def post(self, request, pk):
        project = self.get_project()
        context = self.report_context(project, request.POST)  # the period comes with the form
        pdf = OutcomeReportPdf(context).render().content
        report = context["report"]
        figures = {key: figure.value for key, figure in report.headline.items()}
        figures["effectiveness"] = {
            group.code or "all": {"social_rate": str(group.social.rate), "employment_rate": str(group.employment.rate)}
            for group in report.effectiveness
        }
        digest = hashlib.sha256(pdf).hexdigest()
        snapshot = ReportSnapshot(
            project=project,
            period_start=context["period"].start,
            period_end=context["period"].end,
            created_by=request.user,
            figures=json.loads(json.dumps(figures)),
            sha256=digest,
        )
        snapshot.pdf.save(f"{timezone.now():%Y%m%d-%H%M%S}-{digest[:12]}.pdf", ContentFile(pdf), save=False)
        snapshot.save()
        log_event(request=request, action=AuditEvent.Action.EXPORT, obj=project, details={"snapshot": snapshot.pk})
        messages.success(
            request, _("The report has been kept as a snapshot (SHA-256 %(hash)s…).") % {"hash": digest[:16]}
        )
        return HttpResponseRedirect(
            f"/reports/projects/{project.pk}/?start={snapshot.period_start.isoformat()}&end={snapshot.period_end.isoformat()}"
        )


class SnapshotDownloadView(ScopedObjectMixin, View):
    permission_required = "reports.view_reportsnapshot"
    model = ReportSnapshot

    def get_base_queryset(self):
        return ReportSnapshot.objects.select_related("project")

    def get(self, request, pk):
        snapshot = self.get_object()
        document = Document(f"raport-{snapshot.pk}.pdf", PDF, snapshot.pdf.open("rb"))
        return file_response(
            request, document, action=AuditEvent.Action.VIEW, obj=snapshot.project, details={"snapshot": snapshot.pk}
        )


class FigurePeopleView(ProjectReportMixin, TemplateView):
    """The people behind one figure of the report."""

    permission_required = ("reports.view_outcome_report", "participants.view_participant")
    template_name = "reports/figure_people.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.get_project()
        period, warnings = period_from_query(project, self.request.GET)
        key = self.request.GET.get("figure", "")
        value = self.request.GET.get("value", "")
        queryset = outcomes.people(project, period, key, value, user=self.request.user)
        if queryset is None:
            raise Http404(_("Unknown figure."))
        page = Paginator(queryset, PEOPLE_PER_PAGE).get_page(self.request.GET.get("page"))
        # The figure counts everyone; the names are only of the people the user may know of (a
        # manager knows of everyone: nothing to count).
        context["not_listed"] = (
            0
            if self.request.user.has_perm("participants.view_any_participant")
            else outcomes.people(project, period, key, value).count() - page.paginator.count
        )
        context.update(
            {
                "project": project,
                "period": period,
                "figure": key,
                "value": value,
                "page_obj": page,
                "participations": page.object_list,
                "query_without_page": query_without_page(self.request),
                "redacted": is_redacted(self.request),
            }
        )
        self.audit(project, {"figure": key, "value": value, **({"redacted": True} if context["redacted"] else {})})
        return context

    def audit(self, project, details: dict) -> None:
        log_event(request=self.request, action=AuditEvent.Action.VIEW, obj=project, details=details)


class FigurePeoplePdfView(FigurePeopleView):
    """The people behind one figure as a PDF to print (every page of them), with or without their
    personal data (``?redacted=1``); written to the audit trail as a print."""

    def audit(self, project, details: dict) -> None:
        pass  # the print itself is the entry (below)

    def get(self, request, *args, **kwargs):
        project = self.get_project()
        period, _warnings = period_from_query(project, request.GET)
        figure, value = request.GET.get("figure", ""), request.GET.get("value", "")
        if outcomes.people(project, period, figure, value) is None:
            raise Http404(_("Unknown figure."))
        document = FigurePeopleDocument.of(
            project, period, user=request.user, figure=figure, value=value, redacted=is_redacted(request)
        )
        return offer(request, document)


class ParticipantSheetView(ProjectReportMixin, View):
    """The ESF participant sheet as XLSX or CSV (managers only), in the layout, period and basis
    chosen on the report page; every download is written to the audit trail with those choices."""

    permission_required = "reports.export_participant_sheet"
    extension = "xlsx"

    def get(self, request, pk):
        project = self.get_project()
        form = SheetExportForm(request.GET, project=project, period=Period.of_project(project))
        if not form.is_valid():
            messages.error(request, _("The sheet could not be made: %(errors)s") % {"errors": form_errors(form)})
            return HttpResponseRedirect(reverse("reports:project", args=[project.pk]))
        return offer(
            request, ParticipantSheetDocument.of(project, form.export(), user=request.user, extension=self.extension)
        )


def form_errors(form) -> str:
    """The form's errors as one line, each named by its field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return "; ".join(parts)


class SubjectAccessView(ScopedObjectMixin, View):
    """Everything held about one person (GDPR art. 15), as a PDF or as JSON.

    The right of access is exercised through the centre: whoever works the case — the assigned
    worker or a stand-in, a coordinator of the person's location — hands the export over. Another
    worker gets 404; a manager, who reads records but works no case, 403 (no change permission).
    Every export is written to the audit trail."""

    permission_required = "participants.change_participant"
    model = Participant
    scope = "editable_by"
    renderer = SubjectAccessPdf

    def get(self, request, pk):
        participant = self.get_object()
        export = subject_access.gather(participant, user=request.user)
        document = self.renderer(export).render()
        return file_response(
            request,
            document,
            action=AuditEvent.Action.EXPORT,
            obj=participant,
            details={"export": "subject_access", "file": document.filename.rsplit(".", 1)[-1]},
        )
