"""The reports' documents as recipes of kis.background: made in the request when small, by the task
worker when large, and reused while the project's data is unchanged.

- ``OutcomeReportDocument``: the outcome report of a period as a PDF;
- ``ParticipantSheetDocument``: the ESF participant sheet as XLSX or CSV;
- ``FigurePeopleDocument``: the people behind one figure, as a list to print (each user's own: it
  names only the people they may know of).

``project_version`` is what "unchanged" means: the project's figures version and a few small
aggregates.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, Max, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from activities.models import Activity, IndividualSupport, Internship
from kis import figures
from kis.background import Recipe, recipe
from kis.files import XLSX, Document
from kis.models import AuditEvent
from participation.models import ProjectParticipation
from projects.models import Project
from reports import activity_sheet, dashboard, indicators, outcomes, usefulwork
from reports.documents import FigurePeoplePdf, OutcomeReportPdf, ParticipantSheet
from reports.esf_columns import LAYOUTS
from reports.esf_sheet import Export
from reports.outcomes import Period
from reports.subject_access import person_name
from usefulwork.models import WorkDay


def project_version(project: Project) -> str:
    """A value that changes whenever anything a report of ``project`` reads changes: the project
    and its partners and indicators; its participations and their people, enrolments, sessions and
    attendance marks, through the project's figures version (kis.figures: one row, moved on by every
    write to them); and, counted here since they are few, its activities, individual support,
    internships and socially useful work."""
    parts = [project.version, figures.current(project.pk)]
    parts.append(
        Activity.objects.filter(project=project).aggregate(n=Count("id"), last=Max("id"), versions=Sum("version"))
    )
    parts.append(IndividualSupport.objects.filter(project=project).aggregate(n=Count("id"), last=Max("id")))
    parts.append(
        Internship.objects.filter(project=project).aggregate(n=Count("id"), last=Max("id"), versions=Sum("version"))
    )
    parts.append(
        WorkDay.objects.filter(placement__project=project).aggregate(n=Count("id"), last=Max("id"), hours=Sum("hours"))
    )
    parts.append(
        (
            project.project_partners.count(),
            list(project.indicators.values_list("id", "measure", "target")),
        )
    )
    return repr(parts)


# The report (page and PDF) lists the activities with most people; every activity is in its sheet.
TOP_ACTIVITIES = 15


def report_figures(project: Project, period: Period):
    """``indicators.build`` of the report page, kept while the project's data is unchanged
    (``project_version``) for at most ``KIS_REPORT_CACHE_SECONDS``, per period, day and language:
    a report opened again reads its version (a few aggregates) instead of counting everything."""
    seconds = settings.KIS_REPORT_CACHE_SECONDS
    if seconds <= 0:
        return page_figures(project, period)
    version = hashlib.sha256(project_version(project).encode()).hexdigest()
    day, language = timezone.localdate().isoformat(), translation.get_language()
    key = f"kis:report:{project.pk}:{period.start}:{period.end}:{day}:{language}:{version}"
    shared = caches[settings.FIGURES_CACHE]
    report = shared.get(key)
    if report is None:
        report = page_figures(project, period)
        shared.set(key, report, seconds)
    return report


def page_figures(project: Project, period: Period):
    """The report page's figures: the PDF's, and the chart of recruitment month by month."""
    report = indicators.build(project, period, top=TOP_ACTIVITIES)
    report.recruitment = dashboard.recruitment_chart(project)
    return report


def outcome_context(project: Project, period: Period, *, user, redacted: bool, kept: bool = False) -> dict:
    """What the report page and its PDF show of ``period``: the figures, the totals per track and
    the TOP_ACTIVITIES activities with most people (the rest are counted, and listed in the
    activities' sheet). ``kept``: the figures may come from ``report_figures``'s cache."""
    # The activities ranked, most people first.
    report = report_figures(project, period) if kept else indicators.build(project, period, top=TOP_ACTIVITIES)
    return {
        "project": project,
        "report": report,
        "top_activities": report.activities,
        "more_activities": max(0, report.activity_count - TOP_ACTIVITIES),
        "period": period,
        "period_query": f"start={period.start.isoformat()}&end={period.end.isoformat()}",
        "generated_at": timezone.now(),
        "generated_by": person_name(user),
        "can_see_people": user.has_perm("participants.view_participant"),
        "useful_work_hours": usefulwork.project_hours(project, period),
        "redacted": redacted,
    }


def period_params(period: Period) -> dict:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


def period_of(params: dict) -> Period:
    return Period(datetime.date.fromisoformat(params["start"]), datetime.date.fromisoformat(params["end"]))


class ProjectRecipe(Recipe):
    def __init__(self, params: dict, user, project: Project | None = None):
        super().__init__(params, user)
        self.project = project if project is not None else Project.objects.get(pk=params["project"])
        self.period = period_of(params)

    def version(self) -> str:
        return project_version(self.project)

    def rows(self) -> int:
        return ProjectParticipation.objects.filter(project=self.project).count()


@recipe
class OutcomeReportDocument(ProjectRecipe):
    kind = "outcome_report"

    @classmethod
    def of(cls, project: Project, period: Period, *, user, redacted: bool) -> OutcomeReportDocument:
        return cls({"project": project.pk, **period_params(period), "redacted": redacted}, user, project)

    def title(self) -> str:
        return _("Outcome report %(code)s, %(start)s–%(end)s (PDF)") % {
            "code": self.project.code,
            "start": f"{self.period.start:%d.%m.%Y}",
            "end": f"{self.period.end:%d.%m.%Y}",
        }

    def render(self) -> Document:
        context = outcome_context(self.project, self.period, user=self.user, redacted=self.params["redacted"])
        return OutcomeReportPdf(context).render()

    def audit(self):
        details = {"report": "outcomes", **period_params(self.period), "redacted": self.params["redacted"]}
        return AuditEvent.Action.PRINT, self.project, details


@recipe
class ParticipantSheetDocument(ProjectRecipe):
    kind = "participant_sheet"

    @classmethod
    def of(cls, project: Project, export: Export, *, user, extension: str) -> ParticipantSheetDocument:
        params = {"layout": export.layout.code, "basis": export.basis, "extension": extension}
        return cls({"project": project.pk, **period_params(export.period), **params}, user, project)

    def export(self) -> Export:
        return Export(LAYOUTS[self.params["layout"]], self.period, self.params["basis"])

    def title(self) -> str:
        return _("ESF participant sheet %(code)s, %(start)s–%(end)s (%(format)s)") % {
            "code": self.project.code,
            "start": f"{self.period.start:%d.%m.%Y}",
            "end": f"{self.period.end:%d.%m.%Y}",
            "format": self.params["extension"].upper(),
        }

    def render(self) -> Document:
        return ParticipantSheet(self.project, self.export(), self.params["extension"]).render()

    def audit(self):
        return (
            AuditEvent.Action.EXPORT,
            self.project,
            {
                "export": f"participants.{self.params['extension']}",
                "layout": self.params["layout"],
                **period_params(self.period),
                "basis": self.params["basis"],
            },
        )


@recipe
class FigurePeopleDocument(ProjectRecipe):
    kind = "figure_people"
    per_user = True

    @classmethod
    def of(cls, project: Project, period: Period, *, user, figure: str, value: str, redacted: bool):
        params = {"figure": figure, "value": value, "redacted": redacted}
        return cls({"project": project.pk, **period_params(period), **params}, user, project)

    def people(self):
        return outcomes.people(
            self.project, self.period, self.params["figure"], self.params["value"], user=self.user
        ).select_related("participant")

    def rows(self) -> int:
        return self.people().count()

    def title(self) -> str:
        return _("People of the figure “%(figure)s”, %(code)s (PDF)") % {
            "figure": self.params["figure"],
            "code": self.project.code,
        }

    def render(self) -> Document:
        context = {
            "project": self.project,
            "period": self.period,
            "figure": self.params["figure"],
            "value": self.params["value"],
            "participations": self.people(),
            "redacted": self.params["redacted"],
            "generated_at": timezone.now(),
            "generated_by": person_name(self.user),
        }
        return FigurePeoplePdf(context).render()

    def audit(self):
        details = {"report": "people", "figure": self.params["figure"], "value": self.params["value"]}
        return AuditEvent.Action.PRINT, self.project, {**details, "redacted": self.params["redacted"]}


@recipe
class ActivitySheetDocument(ProjectRecipe):
    """Every activity of the project with its figures of the period, as XLSX."""

    kind = "activity_sheet"

    @classmethod
    def of(cls, project: Project, period: Period, *, user) -> ActivitySheetDocument:
        return cls({"project": project.pk, **period_params(period)}, user, project)

    def rows(self) -> int:
        return Activity.objects.filter(project=self.project).count()

    def title(self) -> str:
        return _("Activities of %(code)s, %(start)s–%(end)s (XLSX)") % {
            "code": self.project.code,
            "start": f"{self.period.start:%d.%m.%Y}",
            "end": f"{self.period.end:%d.%m.%Y}",
        }

    def render(self) -> Document:
        report = outcomes.build(self.project, self.period)
        name = f"zajecia-{self.project.pk}-{self.period.start:%Y%m%d}-{self.period.end:%Y%m%d}.xlsx"
        return Document(name, XLSX, activity_sheet.render(report), attachment=True)

    def audit(self):
        return AuditEvent.Action.EXPORT, self.project, {"export": "activities.xlsx", **period_params(self.period)}
