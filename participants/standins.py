"""Stand-ins: a coordinator hands a person's case to another social worker for a while (leave,
sickness), and until the end date that worker sees and works the case as their own."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kis.expressions import InFewOf


class StandInQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> StandInQuerySet:
        """Stand-ins in force on ``on`` (today by default): from their start to their end date."""
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on, ends_on__gte=on)


class StandIn(models.Model):
    participant = models.ForeignKey(
        "participants.Participant", verbose_name=_("participant"), on_delete=models.CASCADE, related_name="stand_ins"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("standing-in social worker"),
        on_delete=models.PROTECT,
        related_name="stand_ins",
        limit_choices_to={"groups__name": "social_worker", "is_active": True},
    )
    starts_on = models.DateField(_("from"), default=datetime.date.today)
    ends_on = models.DateField(_("until"), help_text=_("The last day the stand-in may see the case."))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = StandInQuerySet.as_manager()

    class Meta:
        ordering = ["-ends_on", "-id"]
        verbose_name = _("stand-in")
        verbose_name_plural = _("stand-ins")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="stand_in_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.worker} → {self.participant} ({self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y})"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})
        if self.participant_id and self.worker_id and self.participant.social_worker_id == self.worker_id:
            raise ValidationError({"worker": _("This worker already has the case on their caseload.")})


def caseload_condition(user) -> Q:
    """The people ``user`` is the social worker of, or stands in for today, as a condition on
    participants: answered from the worker's index and the stand-ins' (``kis.expressions.InFewOf``;
    an OR with ``pk IN (…)`` would read every person)."""
    standing_in = StandIn.objects.active().filter(worker=user).order_by().values("participant")
    return Q(social_worker=user) | Q(InFewOf("pk", standing_in))
