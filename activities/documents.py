"""The attendance lists as documents to be signed: one session's, and the monthly list of an
activity (a sheet per month, a column per session)."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models import Exists, OuterRef

from activities.models import Activity, Enrollment, Session
from kis.files import PDF, Document
from kis.pdf import render_pdf

# What one landscape A4 page holds under the emblems and the header: beyond it a month takes
# more sheets, each with its own header and trainer's signature.
DATES_PER_SHEET = 16
PEOPLE_PER_SHEET = 12


def listed(enrollments, people) -> tuple[list[Enrollment], int]:
    """The enrollments whose person is among ``people`` (all of them with None), and how many were
    left out: one query either way. A list printed by someone who may not know of everyone is an
    extract, and says on paper how many it leaves out, so it is never filed as the full list."""
    if people is None:
        return list(enrollments), 0
    rows = list(enrollments.annotate(listed=Exists(people.filter(pk=OuterRef("participant_id")))))
    shown = [row for row in rows if row.listed]
    return shown, len(rows) - len(shown)


class AttendanceListPdf:
    """The paper list funders require: everyone enrolled (or who completed), by surname — or, with
    ``people``, those of them among ``people`` (see ``listed``)."""

    def __init__(self, session: Session, *, people=None):
        self.session = session
        self.people = people

    def render(self) -> Document:
        session = self.session
        rows, omitted = listed(
            session.activity.enrollments.filter(status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED])
            .select_related("participant")
            .order_by("participant__last_name", "participant__first_name"),
            self.people,
        )
        context = {
            "session": session,
            "activity": session.activity,
            "rows": rows,
            "omitted": omitted,
            "centre_name": settings.KIS_CENTRE_NAME,
        }
        content = render_pdf("activities/attendance_pdf.html", context, language=settings.LANGUAGE_CODE)
        return Document(f"lista-obecnosci-{session.date:%Y-%m-%d}.pdf", PDF, content)


def month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


@dataclass(frozen=True)
class SheetRow:
    number: int
    enrollment: Enrollment
    cells: list[bool]  # per session of the sheet: whether the person was enrolled that day (to sign)


@dataclass(frozen=True)
class Sheet:
    month: datetime.date
    sessions: list[Session]
    rows: list[SheetRow]


def chunks(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)] or [[]]


class MonthlyAttendanceListPdf:
    """The monthly list funders ask for: for each month of ``months`` (first days, in order) with
    sessions, its sessions as columns and the people enrolled (or who completed) during it as rows,
    by surname, a cell to sign at each date — crossed out where the person was not yet, or no
    longer, enrolled; with ``people``, only those among them (see ``listed``). Two queries,
    whatever the number of people and sessions."""

    def __init__(self, activity: Activity, months: list[datetime.date], *, people=None):
        self.activity = activity
        self.months = months
        self.people = people
        self.omitted = 0

    @cached_property
    def sheets(self) -> list[Sheet]:
        sessions = list(
            self.activity.sessions.filter(date__gte=self.months[0], date__lte=month_end(self.months[-1])).order_by(
                "date", "start_time", "pk"
            )
        )
        if not sessions:
            return []
        people, self.omitted = listed(
            self.activity.enrollments.filter(status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED])
            .select_related("participant")
            .order_by("participant__last_name", "participant__first_name", "pk"),
            self.people,
        )
        sheets = []
        for month in self.months:
            held = [
                session for session in sessions if (session.date.year, session.date.month) == (month.year, month.month)
            ]
            if not held:
                continue
            present = [e for e in people if e.enrolled_on <= held[-1].date and not ended_before(e, held[0].date)]
            for columns in chunks(held, DATES_PER_SHEET):
                for start, group in enumerate(chunks(present, PEOPLE_PER_SHEET)):
                    rows = [
                        SheetRow(
                            number=start * PEOPLE_PER_SHEET + index,
                            enrollment=enrollment,
                            cells=[enrolled_on(enrollment, session.date) for session in columns],
                        )
                        for index, enrollment in enumerate(group, start=1)
                    ]
                    sheets.append(Sheet(month=month, sessions=columns, rows=rows))
        return sheets

    def render(self) -> Document:
        context = {
            "activity": self.activity,
            "sheets": self.sheets,
            "omitted": self.omitted,
            "centre_name": settings.KIS_CENTRE_NAME,
        }
        content = render_pdf("activities/attendance_monthly_pdf.html", context, language=settings.LANGUAGE_CODE)
        first, last = self.months[0], self.months[-1]
        months = f"{first:%Y-%m}" if first == last else f"{first:%Y-%m}_{last:%Y-%m}"
        return Document(f"lista-obecnosci-{self.activity.pk}-{months}.pdf", PDF, content)


def ended_before(enrollment: Enrollment, day: datetime.date) -> bool:
    return enrollment.finished_on is not None and enrollment.finished_on < day


def enrolled_on(enrollment: Enrollment, day: datetime.date) -> bool:
    return enrollment.enrolled_on <= day and not ended_before(enrollment, day)
