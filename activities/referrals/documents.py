"""The referral letter the person takes to the specialist: who is referred, to which service and to
whom, on which day, by which worker, and the appointment booked — never the confidential reason."""

from __future__ import annotations

from django.conf import settings

from activities.models import Appointment, Referral
from kis.files import PDF, Document
from kis.pdf import render_pdf


class ReferralLetterPdf:
    def __init__(self, referral: Referral):
        self.referral = referral

    def render(self) -> Document:
        referral = self.referral
        next_appointment = (
            referral.appointments.filter(status=Appointment.Status.BOOKED)
            .select_related("slot__location")
            .order_by("date", "slot__start_time")
            .first()
        )
        worker = referral.issued_by
        context = {
            "referral": referral,
            "participant": referral.participant,
            "project": referral.project,
            "appointment": next_appointment,
            "worker": (worker.get_full_name() or worker.get_username()) if worker else "",
            "centre_name": settings.KIS_CENTRE_NAME,
        }
        content = render_pdf("activities/referrals/referral_letter_pdf.html", context, language=settings.LANGUAGE_CODE)
        return Document(f"skierowanie-{referral.pk}-{referral.issued_on:%Y-%m-%d}.pdf", PDF, content)
