"""Socially useful work (prace społecznie użyteczne): a registered unemployed person without a right
to unemployment benefit, referred by the labour office, works a few hours a week for a placement
organisation; the hours are recorded day by day and settled month by month with the labour office.

Who may be placed, and how many hours may be recorded, is decided in ``usefulwork.services``.
"""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kis.locking import VersionedModel
from participants.models import Participant
from projects.models import Partner, Project


def month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user) -> PlacementQuerySet:
        """Placements of the people whose record ``user`` may read (``Participant.visible_to``)."""
        if not user.has_perm("usefulwork.view_placement"):
            return self.none()
        return self.filter(participant__in=Participant.objects.visible_to(user))

    def editable_by(self, user) -> PlacementQuerySet:
        """Placements of the people ``user`` may edit: a social worker's caseload, everyone for a coordinator."""
        if not user.has_perm("usefulwork.change_placement"):
            return self.none()
        return self.filter(participant__in=Participant.objects.editable_by(user))

    def in_month(self, month: datetime.date) -> PlacementQuerySet:
        """Placements running at any time in the month of ``month``."""
        return self.filter(start_date__lte=month_end(month), end_date__gte=month.replace(day=1))

    def for_list(self) -> PlacementQuerySet:
        """What the list shows, in one query: the person, the organisations, the project and
        ``hours_total`` (all hours recorded)."""
        return self.select_related("participant", "organisation", "labour_office", "project").annotate(
            hours_total=Sum("days__hours")
        )


class Placement(VersionedModel, models.Model):
    """A referral of one person to socially useful work at one organisation, for a period."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="useful_work_placements"
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="useful_work_placements",
        help_text=_("Leave empty when the work is not part of a project."),
    )
    referral_number = models.CharField(_("labour office referral number"), max_length=60)
    referral_date = models.DateField(_("referral date"))
    labour_office = models.ForeignKey(
        Partner,
        verbose_name=_("labour office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Partner.Kind.LABOUR_OFFICE},
        help_text=_("The labour office that issued the referral."),
    )
    organisation = models.ForeignKey(
        Partner,
        verbose_name=_("placement organisation"),
        on_delete=models.PROTECT,
        related_name="useful_work_placements",
        help_text=_("Where the person works."),
    )
    kind_of_work = models.CharField(
        _("kind of work"), max_length=200, blank=True, help_text=_("E.g. care of green areas, help in a day centre.")
    )
    schedule = models.CharField(
        _("schedule"), max_length=200, help_text=_("Days and hours of work, e.g. Monday–Thursday 8:00–12:00.")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    no_unemployment_benefit = models.BooleanField(
        _("the person has no right to unemployment benefit (confirmed by the labour office)"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("socially useful work placement")
        verbose_name_plural = _("socially useful work placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="placement_dates_order",
                violation_error_message=_("The end cannot be before the start."),
            ),
        ]

    def __str__(self):
        return f"{self.participant} — {self.organisation} ({self.referral_number})"

    def get_absolute_url(self):
        return reverse("usefulwork:detail", args=[self.pk])

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date


class WorkDayQuerySet(models.QuerySet):
    def visible_to(self, user) -> WorkDayQuerySet:
        """Entries of the placements ``user`` may read."""
        if not user.has_perm("usefulwork.view_workday"):
            return self.none()
        return self.filter(placement__participant__in=Participant.objects.visible_to(user))

    def editable_by(self, user) -> WorkDayQuerySet:
        """Entries ``user`` may correct (remove): of the people they may edit."""
        if not user.has_perm("usefulwork.delete_workday"):
            return self.none()
        return self.filter(placement__participant__in=Participant.objects.editable_by(user))


class WorkDay(models.Model):
    """The hours one person worked on one day of a placement."""

    placement = models.ForeignKey(Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=3, decimal_places=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = WorkDayQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("day of socially useful work")
        verbose_name_plural = _("days of socially useful work")
        constraints = [
            models.UniqueConstraint(fields=["placement", "date"], name="workday_once_a_day"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="workday_hours_positive"),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.hours} h"
