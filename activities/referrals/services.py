"""Services of referrals: issue one, move it on (accepted, closed, declined), book a specialist's
weekly slot for it and mark the appointment, and link a meeting recorded as individual support to
the referral it is given under.

Every write runs in one transaction, writes its audit entry, and raises ReferralError with a
translated message for the user. Dates are the days things happened: one before today is entered
after the fact (and audited as such), one after today is refused.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import IndividualSupport, ServiceType
from activities.referrals.models import Appointment, Referral, SpecialistSlot
from kis.audit import back_dated, log_event
from kis.models import AuditEvent
from participants.models import Participant

Status = Referral.Status
Visit = Appointment.Status


class ReferralError(Exception):
    """A refused action; ``str(error)`` is a translated message, ``field`` the form field it is about."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def day_text(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def not_in_future(on: datetime.date, *, field: str) -> None:
    if on > timezone.localdate():
        raise ReferralError(_("The date cannot be in the future."), field=field)


def not_before(on: datetime.date, earlier: datetime.date | None, what: str, *, field: str) -> None:
    if earlier is not None and on < earlier:
        raise ReferralError(
            _("The date cannot be before %(what)s (%(date)s).") % {"what": what, "date": day_text(earlier)}, field=field
        )


def locked(referral: Referral) -> Referral:
    """The referral's row, locked for the rest of the transaction, as it is now."""
    return Referral.objects.select_for_update(of=("self",)).select_related("participant", "service").get(pk=referral.pk)


def referral_issue(
    *,
    participant: Participant,
    service: ServiceType,
    issued_on: datetime.date,
    user,
    specialist: str = "",
    partner=None,
    project=None,
    reason: str = "",
    request=None,
) -> Referral:
    """Refer ``participant`` to a specialist's ``service``, to a named specialist or a partner."""
    specialist = specialist.strip()
    if not service.support_kind:
        raise ReferralError(_("People are referred only to a specialist's service."), field="service")
    if not service.is_active:
        raise ReferralError(_("This service is no longer offered."), field="service")
    if not specialist and partner is None:
        raise ReferralError(
            _("Name the specialist, or the partner organisation the person is referred to."), field="specialist"
        )
    not_in_future(issued_on, field="issued_on")
    with transaction.atomic():
        Participant.objects.select_for_update().filter(pk=participant.pk).first()  # one open referral at a time
        if Referral.objects.open().filter(participant=participant, service=service).exists():
            raise ReferralError(
                _("%(name)s already has an open referral to %(service)s.")
                % {"name": participant.full_name, "service": service.name},
                field="service",
            )
        referral = Referral.objects.create(
            participant=participant,
            service=service,
            issued_on=issued_on,
            issued_by=user,
            specialist=specialist,
            partner=partner,
            project=project,
            reason=reason.strip(),
        )
        # The reason is confidential: the audit entry does not copy it.
        log_event(
            request=request, user=user, action=AuditEvent.Action.CREATE, obj=referral, details=back_dated(issued_on)
        )
    return referral


def referral_accept(*, referral: Referral, on: datetime.date, user, request=None) -> Referral:
    """The specialist (or partner) took the person on, on ``on``."""
    not_in_future(on, field="on")
    with transaction.atomic():
        referral = locked(referral)
        if referral.status != Status.ISSUED:
            raise ReferralError(
                _("Only an issued referral can be accepted; this one is %(status)s.")
                % {"status": referral.get_status_display()}
            )
        not_before(on, referral.issued_on, _("the day it was issued"), field="on")
        referral.status, referral.accepted_on = Status.ACCEPTED, on
        referral.save(update_fields=["status", "accepted_on"])
        audit(referral, user=user, request=request, on=on)
    return referral


def referral_decline(*, referral: Referral, on: datetime.date, reason: str, user, request=None) -> Referral:
    """The specialist or the person declined, before any meeting; booked appointments are cancelled."""
    reason = reason.strip()
    if not reason:
        raise ReferralError(_("Say why the referral was declined."), field="reason")
    not_in_future(on, field="on")
    with transaction.atomic():
        referral = locked(referral)
        if referral.status not in (Status.ISSUED, Status.ACCEPTED):
            raise ReferralError(
                _("Only a referral not yet in progress can be declined; this one is %(status)s.")
                % {"status": referral.get_status_display()}
            )
        not_before(on, referral.accepted_on or referral.issued_on, _("its last change"), field="on")
        referral.status, referral.ended_on, referral.decline_reason = Status.DECLINED, on, reason
        referral.save(update_fields=["status", "ended_on", "decline_reason"])
        cancelled = cancel_booked(referral, after=on)
        audit(referral, user=user, request=request, on=on, cancelled_appointments=cancelled)
    return referral


def referral_close(*, referral: Referral, on: datetime.date, outcome: str, user, request=None) -> Referral:
    """The help under the referral ended, with ``outcome``; appointments booked later are cancelled."""
    outcome = outcome.strip()
    if not outcome:
        raise ReferralError(_("Write down the outcome of the referral."), field="outcome")
    not_in_future(on, field="on")
    with transaction.atomic():
        referral = locked(referral)
        if referral.status != Status.IN_PROGRESS:
            raise ReferralError(
                _(
                    "Only a referral in progress can be closed: it is in progress from its first meeting. "
                    "A referral nobody came to is declined."
                )
            )
        last = (
            IndividualSupport.objects.filter(referral=referral).order_by("-date").values_list("date", flat=True).first()
        )
        latest = max((day for day in (referral.started_on, last) if day), default=None)
        not_before(on, latest, _("its last meeting"), field="on")
        referral.status, referral.ended_on, referral.outcome = Status.CLOSED, on, outcome
        referral.save(update_fields=["status", "ended_on", "outcome"])
        cancelled = cancel_booked(referral, after=on)
        audit(referral, user=user, request=request, on=on, cancelled_appointments=cancelled)
    return referral


def cancel_booked(referral: Referral, *, after: datetime.date) -> int:
    """Free the places of the appointments still booked after ``after`` (call inside a transaction)."""
    return referral.appointments.filter(status=Visit.BOOKED, date__gt=after).update(status=Visit.CANCELLED)


def audit(referral: Referral, *, user, request, on: datetime.date, **details) -> None:
    details = {"status": referral.status, **back_dated(on), **{k: v for k, v in details.items() if v}}
    log_event(request=request, user=user, action=AuditEvent.Action.UPDATE, obj=referral, details=details)


def start(referral: Referral, *, on: datetime.date) -> bool:
    """A first meeting on ``on`` puts an issued or accepted referral in progress (an issued one is
    accepted by that day, since the specialist saw the person); a meeting before the recorded first
    one moves it earlier. Call on a locked row inside a transaction. True when it changed."""
    changed = []
    if referral.status in (Status.ISSUED, Status.ACCEPTED):
        referral.status = Status.IN_PROGRESS
        changed.append("status")
    if referral.accepted_on is None or referral.accepted_on > on:
        referral.accepted_on = on
        changed.append("accepted_on")
    if referral.started_on is None or referral.started_on > on:
        referral.started_on = on
        changed.append("started_on")
    if changed:
        referral.save(update_fields=changed)
    return bool(changed)


def support_recorded(*, support: IndividualSupport, user, request=None) -> Referral | None:
    """Link a meeting just recorded to the referral it is given under (the person's referral to the
    service recorded as its kind, covering its day), put that referral in progress, and mark the
    appointment booked for that day attended. Called within the save of the meeting, whose audit
    entry the referral's own entry accompanies. None when no referral covers it."""
    service = ServiceType.objects.filter(support_kind=support.kind).first()
    if service is None:
        return None
    referral = (
        Referral.objects.covering(participant=support.participant, service=service, on=support.date)
        .select_for_update()
        .first()
    )
    if referral is None:
        return None
    support.referral = referral
    support.save(update_fields=["referral"])
    visited = referral.appointments.filter(date=support.date, status=Visit.BOOKED).update(status=Visit.ATTENDED)
    if start(referral, on=support.date) or visited:
        audit(referral, user=user, request=request, on=support.date, meeting=support.pk, attended=visited)
    return referral


# --- Appointments in the specialists' weekly slots ---------------------------------------------


def appointment_book(
    *,
    referral: Referral,
    slot: SpecialistSlot,
    on: datetime.date,
    user,
    booked_on: datetime.date | None = None,
    request=None,
) -> Appointment:
    """Book the person of an open referral into ``slot`` on the day ``on`` (one of the slot's
    weekdays, not before the day of booking — today, unless a booking made earlier is entered after
    the fact), while it has a free place and the person has no other appointment at that time."""
    booked_on = booked_on or timezone.localdate()
    not_in_future(booked_on, field="booked_on")
    if slot.service_id != referral.service_id:
        raise ReferralError(_("This slot is for another service than the referral."), field="slot")
    if not slot.is_active:
        raise ReferralError(_("This slot is no longer in use."), field="slot")
    if on.weekday() != slot.weekday:
        raise ReferralError(
            _("The specialist's hours are on %(weekday)s; %(date)s is a %(other)s.")
            % {
                "weekday": slot.get_weekday_display(),
                "date": day_text(on),
                "other": SpecialistSlot(weekday=on.weekday()).get_weekday_display(),
            },
            field="date",
        )
    if on < booked_on:
        raise ReferralError(_("An appointment cannot be booked for a day that has passed."), field="date")
    with transaction.atomic():
        referral = locked(referral)
        if not referral.is_open:
            raise ReferralError(
                _("Appointments are booked only for an open referral; this one is %(status)s.")
                % {"status": referral.get_status_display()}
            )
        not_before(on, referral.issued_on, _("the day the referral was issued"), field="date")
        # The slot's row and the person's are locked, so two bookings cannot both take the last
        # place, or put the person in two places at once.
        slot = SpecialistSlot.objects.select_for_update().get(pk=slot.pk)
        Participant.objects.select_for_update().filter(pk=referral.participant_id).first()
        taken = Appointment.objects.holding_a_place().filter(slot=slot, date=on).count()
        if taken >= slot.capacity:
            raise ReferralError(
                _("All %(capacity)s places of %(slot)s on %(date)s are taken: choose another day.")
                % {"capacity": slot.capacity, "slot": slot, "date": day_text(on)},
                field="date",
            )
        clash = (
            Appointment.objects.holding_a_place()
            .filter(
                referral__participant_id=referral.participant_id,
                date=on,
                slot__start_time__lt=slot.end_time,
                slot__end_time__gt=slot.start_time,
            )
            .select_related("slot__service")
            .first()
        )
        if clash is not None:
            raise ReferralError(
                _("%(name)s already has an appointment at that time: %(service)s with %(slot)s.")
                % {"name": referral.participant.full_name, "service": clash.slot.service.name, "slot": clash.slot},
                field="date",
            )
        try:
            with transaction.atomic():
                appointment = Appointment.objects.create(
                    referral=referral, slot=slot, date=on, booked_on=booked_on, booked_by=user
                )
        except IntegrityError:
            raise ReferralError(_("This appointment is already booked."), field="date") from None
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.CREATE,
            obj=appointment,
            details={"referral": referral.pk, "date": on.isoformat(), **back_dated(booked_on)},
        )
    return appointment


def appointment_mark(*, appointment: Appointment, status: str, user, request=None) -> Appointment:
    """Record what became of an appointment: attended (which puts its referral in progress), the
    person did not come, or cancelled (which frees the place)."""
    if status not in (Visit.ATTENDED, Visit.MISSED, Visit.CANCELLED):
        raise ReferralError(_("Choose attended, did not come or cancelled."))
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update(of=("self",)).select_related("slot").get(pk=appointment.pk)
        if appointment.status == status:
            return appointment
        if status == Visit.CANCELLED and appointment.status != Visit.BOOKED:
            raise ReferralError(_("Only a booked appointment can be cancelled."))
        if status != Visit.CANCELLED and appointment.date > timezone.localdate():
            raise ReferralError(_("Whether the person came can be recorded once the day has come."))
        referral = locked(appointment.referral)
        if status == Visit.ATTENDED and referral.status not in (*Referral.OPEN, Status.CLOSED):
            raise ReferralError(_("The referral was declined: nobody attended under it."))
        appointment.status = status
        appointment.save(update_fields=["status"])
        if status == Visit.ATTENDED and referral.is_open and start(referral, on=appointment.date):
            audit(referral, user=user, request=request, on=appointment.date, appointment=appointment.pk)
        log_event(
            request=request, user=user, action=AuditEvent.Action.UPDATE, obj=appointment, details={"status": status}
        )
    return appointment
