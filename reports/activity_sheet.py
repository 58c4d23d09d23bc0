"""The activities of a project's report as a sheet: one row per activity with its track, people
enrolled and completed, hours delivered and attendance rate — the table the report itself
shortens to the activities with most people."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reports.esf_sheet import safe, write_xlsx
from reports.outcomes import OutcomeReport


def header() -> list[str]:
    return [
        _("Activity"),
        _("Track"),
        _("Enrolled"),
        _("Completed"),
        _("Hours delivered"),
        _("Attendance rate (%)"),
    ]


def lines(report: OutcomeReport):
    for activity in report.activities:
        yield [
            safe(activity.name),
            str(activity.service_type.get_track_display()),
            activity.enrolled,
            activity.completed,
            float(activity.hours_delivered),
            activity.attendance_rate if activity.attendance_rate is not None else "",
        ]


def render(report: OutcomeReport) -> bytes:
    title = _("Activities")
    period = f"{report.period.start:%d.%m.%Y} – {report.period.end:%d.%m.%Y}"
    return write_xlsx(title, [[f"{report.project.code} · {period}"], header()], lines(report))
