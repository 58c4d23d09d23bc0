"""Referrals to a specialist's service, the specialists' weekly slots and the appointments booked
in them (imported by ``activities.models``, where Django finds them)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kis.locking import VersionedModel
from kis.models import PermissionScopedQuerySet
from participants.models import Participant

# A referral issued longer ago than this and neither accepted nor in progress is flagged.
WAITING_DAYS = 14


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReferralQuerySet:
        """Referrals of the people whose record the user may read (``Participant.visible_to``); the
        confidential reason is shown only to whom may read the person's confidential notes."""
        if not user.has_perm("activities.view_referral"):
            return self.none()
        return self.filter(participant__in=Participant.objects.visible_to(user))

    def editable_by(self, user) -> ReferralQuerySet:
        """Referrals of the people the user may edit (a social worker's caseload; coordinators any)."""
        if not user.has_perm("activities.change_referral"):
            return self.none()
        return self.filter(participant__in=Participant.objects.editable_by(user))

    def open(self) -> ReferralQuerySet:
        return self.filter(status__in=Referral.OPEN)

    def waiting(self, *, days: int = WAITING_DAYS, today: datetime.date | None = None) -> ReferralQuerySet:
        """Issued more than ``days`` days ago and still neither accepted nor in progress."""
        today = today or timezone.localdate()
        return self.filter(status=Referral.Status.ISSUED, issued_on__lt=today - datetime.timedelta(days=days))

    def covering(self, *, participant, service, on: datetime.date) -> ReferralQuerySet:
        """The referrals of ``participant`` to ``service`` under which a meeting on ``on`` is given:
        issued by that day, and still open, or closed no earlier than that day (a meeting entered
        after the fact). Most recent first."""
        return (
            self.filter(participant=participant, service=service, issued_on__lte=on)
            .filter(Q(status__in=Referral.OPEN) | Q(status=Referral.Status.CLOSED, ended_on__gte=on))
            .order_by("-issued_on", "-pk")
        )

    def attended(self, *, until: datetime.date | None = None) -> ReferralQuerySet:
        return self.filter(attended_condition(until=until))


def attended_condition(*, until: datetime.date | None = None) -> Q:
    """A referral was attended (by ``until``) when a meeting was recorded under it or one of its
    appointments was attended: the one condition behind every "attended" figure."""
    from activities.models import IndividualSupport  # defined in the module that imports this one

    meetings = IndividualSupport.objects.filter(referral=OuterRef("pk"))
    visits = Appointment.objects.filter(referral=OuterRef("pk"), status=Appointment.Status.ATTENDED)
    if until is not None:
        meetings, visits = meetings.filter(date__lte=until), visits.filter(date__lte=until)
    return Q(Exists(meetings)) | Q(Exists(visits))


class Referral(models.Model):
    """A person referred to a specialist's service: issued → accepted → in progress → closed (with
    its outcome), or declined (with the reason). Changed only through ``activities.referrals.services``."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("issued")
        ACCEPTED = "accepted", _("accepted")
        IN_PROGRESS = "in_progress", _("in progress")
        CLOSED = "closed", _("closed")
        DECLINED = "declined", _("declined")

    OPEN = (Status.ISSUED, Status.ACCEPTED, Status.IN_PROGRESS)

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="referrals"
    )
    service = models.ForeignKey(
        "activities.ServiceType", verbose_name=_("service"), on_delete=models.PROTECT, related_name="referrals"
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    specialist = models.CharField(_("specialist"), max_length=150, blank=True)
    partner = models.ForeignKey(
        "projects.Partner",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Confidential: seen only by the assigned social worker and coordinators.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ISSUED)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    started_on = models.DateField(_("first meeting on"), null=True, blank=True)
    ended_on = models.DateField(_("closed or declined on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(condition=~Q(specialist="") | Q(partner__isnull=False), name="referral_to_someone"),
            models.CheckConstraint(
                condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=F("issued_on")),
                name="referral_accepted_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(started_on__gte=F("issued_on")),
                name="referral_started_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("issued_on")),
                name="referral_ended_after_issue",
            ),
        ]
        indexes = [models.Index(fields=["status", "issued_on"])]

    def __str__(self):
        return f"{self.service} {self.issued_on:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("activities:referral_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def to_whom(self) -> str:
        """The specialist, the partner organisation, or both ("Anna Kowalska, PUP w Wejherowie")."""
        return ", ".join(part for part in (self.specialist, self.partner.name if self.partner_id else "") if part)

    @property
    def days_waiting(self) -> int | None:
        """Days since it was issued, while it waits to be accepted."""
        if self.status != self.Status.ISSUED:
            return None
        return (timezone.localdate() - self.issued_on).days

    @property
    def is_overdue(self) -> bool:
        return (self.days_waiting or 0) > WAITING_DAYS


class SpecialistSlotQuerySet(PermissionScopedQuerySet):
    view_permission = "activities.view_specialistslot"
    change_permission = "activities.change_specialistslot"


class SpecialistSlot(VersionedModel, models.Model):
    """A specialist's weekly hours for a service (every Tuesday 10:00–14:00), taking up to
    ``capacity`` appointments on each of its days."""

    service = models.ForeignKey(
        "activities.ServiceType", verbose_name=_("service"), on_delete=models.PROTECT, related_name="slots"
    )
    specialist = models.CharField(_("specialist"), max_length=150)
    partner = models.ForeignKey(
        "projects.Partner",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="specialist_slots",
        help_text=_("Leave empty when the specialist is on the club's own staff."),
    )
    location = models.ForeignKey(
        "kis.Location",
        verbose_name=_("location"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="specialist_slots",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    capacity = models.PositiveSmallIntegerField(
        _("appointments per day"), default=1, help_text=_("How many people the specialist sees in these hours.")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    objects = SpecialistSlotQuerySet.as_manager()

    class Meta:
        ordering = ["service__name", "weekday", "start_time", "specialist"]
        verbose_name = _("specialist's weekly slot")
        verbose_name_plural = _("specialists' weekly slots")
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="slot_time_order"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="slot_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.specialist}, {self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class AppointmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> AppointmentQuerySet:
        """Appointments of the people whose record the user may read."""
        if not user.has_perm("activities.view_appointment"):
            return self.none()
        return self.filter(referral__participant__in=Participant.objects.visible_to(user))

    def editable_by(self, user) -> AppointmentQuerySet:
        """Appointments of the people the user may edit."""
        if not user.has_perm("activities.change_appointment"):
            return self.none()
        return self.filter(referral__participant__in=Participant.objects.editable_by(user))

    def holding_a_place(self) -> AppointmentQuerySet:
        return self.exclude(status=Appointment.Status.CANCELLED)


class Appointment(models.Model):
    """A person's appointment in a specialist's slot on one of its days, for a referral."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("booked")
        ATTENDED = "attended", _("attended")
        MISSED = "missed", _("did not come")
        CANCELLED = "cancelled", _("cancelled")

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.PROTECT, related_name="appointments"
    )
    slot = models.ForeignKey(
        SpecialistSlot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="appointments"
    )
    date = models.DateField(_("date"), db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BOOKED)
    booked_on = models.DateField(_("booked on"))
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["date", "slot__start_time", "id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "slot", "date"],
                condition=~Q(status="cancelled"),
                name="appointment_once_per_slot_day",
            ),
            models.CheckConstraint(condition=Q(date__gte=F("booked_on")), name="appointment_not_before_booking"),
        ]
        indexes = [models.Index(fields=["slot", "date"])]

    def __str__(self):
        return f"{self.slot.specialist} {self.date:%d.%m.%Y} {self.slot.start_time:%H:%M}"
