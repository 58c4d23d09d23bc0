"""The attendance list of a session as a document, to be signed by each person present."""

from django.conf import settings

from activities.models import Enrollment, Session
from kis.files import PDF, Document
from kis.pdf import render_pdf


class AttendanceListPdf:
    """The paper list funders require: everyone enrolled (or who completed), by surname."""

    def __init__(self, session: Session):
        self.session = session

    def render(self) -> Document:
        session = self.session
        rows = list(
            session.activity.enrollments.filter(status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED])
            .select_related("participant")
            .order_by("participant__last_name", "participant__first_name")
        )
        context = {
            "session": session,
            "activity": session.activity,
            "rows": rows,
            "centre_name": settings.KIS_CENTRE_NAME,
        }
        content = render_pdf("activities/attendance_pdf.html", context, language=settings.LANGUAGE_CODE)
        return Document(f"lista-obecnosci-{session.date:%Y-%m-%d}.pdf", PDF, content)
