"""The municipal programmes a centre works with — socially useful work, leaving homelessness, alcohol
problems, the Niebieska Karta (domestic violence) procedure and others — and the links of
participants to them.

A link to a programme of a sensitive kind (Niebieska Karta) is seen only by the worker responsible
for it and by coordinators; ``ProgrammeLinkQuerySet.visible_to`` is the one place that says so, and
every page, tag and count of people reads the links through it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kis.collation import in_polish
from kis.locking import VersionedModel
from kis.models import Location, PermissionScopedQuerySet
from kis.roles import Role
from participants.models import Participant


class ProgrammeKind(models.TextChoices):
    USEFUL_WORK = "useful_work", _("socially useful work")
    HOMELESSNESS = "homelessness", _("leaving homelessness")
    ALCOHOL = "alcohol", _("alcohol problems")
    NIEBIESKA_KARTA = "niebieska_karta", _("Niebieska Karta (domestic violence procedure)")
    OTHER = "other", _("other")


# Kinds whose links only the responsible worker and coordinators see, which no document prints and
# reports show as counts only.
SENSITIVE_KINDS = frozenset({ProgrammeKind.NIEBIESKA_KARTA})
# The roles a link's responsible worker may have.
RESPONSIBLE_ROLES = (Role.SOCIAL_WORKER, Role.COORDINATOR)


def sees_every_sensitive_link(user) -> bool:
    """Coordinators see the Niebieska Karta links of the people they may see (``visible_to``). A
    superuser does not, although Django gives them every permission: the procedure's data is for
    the people working on it, not for IT."""
    return not user.is_superuser and user.has_perm("programmes.view_sensitive_programmelink")


def responsible_workers():
    """The active staff who may be responsible for a link: social workers and coordinators."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[role.value for role in RESPONSIBLE_ROLES])
        .distinct()
        .order_by(*in_polish("last_name", "first_name"), "username")
    )


class ProgrammeQuerySet(PermissionScopedQuerySet):
    view_permission = "programmes.view_programme"
    change_permission = "programmes.change_programme"

    def active(self) -> ProgrammeQuerySet:
        return self.filter(is_active=True)

    def open_to(self, participant: Participant) -> ProgrammeQuerySet:
        """The active programmes a person may be linked to: those of the whole centre and those of
        the person's own site."""
        return self.active().filter(Q(location__isnull=True) | Q(location_id=participant.location_id))


class Programme(VersionedModel, models.Model):
    """A programme of the city or commune that the centre's participants take part in."""

    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        error_messages={"unique": _("A programme of this name is already on the list.")},
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        help_text=_("Leave empty for a programme the whole centre works with."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Who runs it and on what basis (e.g. a resolution of the city council), and whom it is for."),
    )
    is_active = models.BooleanField(
        pgettext_lazy("programme", "active"),
        default=True,
        help_text=_("Only an active programme can be given new participants."),
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipal programme")
        verbose_name_plural = _("municipal programmes")
        permissions = [("view_programme_counts", _("Can see how many people take part in each programme"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:detail", args=[self.pk])

    @property
    def is_sensitive(self) -> bool:
        return self.kind in SENSITIVE_KINDS

    @property
    def has_individual_programme(self) -> bool:
        """Whether its links may carry an individual programme of leaving homelessness (IPWB)."""
        return self.kind == ProgrammeKind.HOMELESSNESS


class ProgrammeLinkQuerySet(models.QuerySet):
    def visible_to(self, user, *, records_open: bool = False) -> ProgrammeLinkQuerySet:
        """The links of the people whose record ``user`` may see (``Participant.visible_to``) and
        those they are responsible for, except the Niebieska Karta links: those only their
        responsible worker and the coordinators of the person's location see (not the person's
        other workers, not managers, not administrators).

        ``records_open``: the caller knows that the user sees the record of every person of these
        links (``of_participant_visible_to``), so the condition on the people is left out."""
        if not user.has_perm("programmes.view_programmelink"):
            return self.none()
        links = self
        if not records_open and not user.has_perm("participants.view_any_participant"):
            links = links.filter(Q(participant__in=Participant.objects.visible_to(user)) | Q(worker=user))
        if sees_every_sensitive_link(user):
            return links
        return links.filter(~Q(programme__kind__in=SENSITIVE_KINDS) | Q(worker=user))

    def of_participant_visible_to(self, participant, user) -> ProgrammeLinkQuerySet:
        """``visible_to(user)`` of one person's links. When ``user`` may edit the person (asked once
        per page, ``Participant.can_be_edited_by``), their record is open to the user, so the
        condition on the people is met by each link and is left out of the query."""
        records_open = user.has_perm("participants.view_participant") and participant.can_be_edited_by(user)
        return self.filter(participant=participant).visible_to(user, records_open=records_open)

    def editable_by(self, user) -> ProgrammeLinkQuerySet:
        """The links ``user`` sees of the people they may edit (a social worker's caseload and
        stand-ins, a coordinator's locations), and those they are responsible for themselves."""
        if not user.has_perm("programmes.change_programmelink"):
            return self.none()
        editable = Participant.objects.editable_by(user)
        return self.visible_to(user).filter(Q(participant__in=editable) | Q(worker=user))

    def current(self, on: datetime.date | None = None) -> ProgrammeLinkQuerySet:
        on = on or timezone.localdate()
        return self.filter(started_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))

    def overlapping(self, start: datetime.date, end: datetime.date | None) -> ProgrammeLinkQuerySet:
        """Links running at any time from ``start`` to ``end`` (open-ended when None)."""
        links = self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        return links if end is None else links.filter(started_on__lte=end)

    def for_list(self) -> ProgrammeLinkQuerySet:
        """What the lists show, in one query: the programme, the person and the responsible worker."""
        return self.select_related("programme", "participant", "worker")


class ProgrammeLink(VersionedModel, models.Model):
    """A participant taking part in a municipal programme, from one day to another."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="links"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="programme_links"
    )
    started_on = models.DateField(_("in the programme from"))
    ended_on = models.DateField(
        _("in the programme until"), null=True, blank=True, help_text=_("Leave empty while the end is not known.")
    )
    end_reason = models.CharField(_("reason for the end"), max_length=300, blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible worker"),
        on_delete=models.PROTECT,
        related_name="programme_links",
    )
    note = models.TextField(_("note"), blank=True)
    ipwb_number = models.CharField(
        _("number of the individual programme of leaving homelessness"), max_length=60, blank=True
    )
    ipwb_date = models.DateField(_("date of the individual programme of leaving homelessness"), null=True, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = ProgrammeLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("programme link")
        verbose_name_plural = _("programme links")
        permissions = [
            ("view_sensitive_programmelink", _("Can see the Niebieska Karta links of every participant")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="programmelink_ends_after_it_starts",
                violation_error_message=_("The end is before the start."),
            ),
        ]

    def __str__(self):
        # The audit trail, which managers read, names the object by this: a Niebieska Karta link
        # names neither the person nor the programme.
        if self.is_sensitive:
            return gettext("Confidential programme link no. %(number)s") % {"number": self.pk}
        return f"{self.participant.full_name} — {self.programme.name}"

    def get_absolute_url(self):
        return reverse("programmes:link", args=[self.pk])

    @property
    def is_sensitive(self) -> bool:
        return self.programme.is_sensitive

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.started_on <= on and (self.ended_on is None or self.ended_on >= on)

    def has_ended(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.ended_on is not None and self.ended_on < on

    def rule_errors(self, *, today: datetime.date) -> dict[str, str]:
        """What is wrong with the link's dates, worker and individual programme, by field (queries
        the responsible worker's roles)."""
        errors = {}
        if self.started_on > today:
            errors["started_on"] = _("A link to a programme cannot start in the future.")
        if self.ended_on is not None and self.ended_on < self.started_on:
            errors["ended_on"] = _("The end is before the start.")
        if not self.programme.has_individual_programme and (self.ipwb_number or self.ipwb_date):
            errors["ipwb_number"] = _(
                "An individual programme of leaving homelessness belongs only to a link of that kind of programme."
            )
        elif self.ipwb_date is not None and self.ipwb_date > today:
            errors["ipwb_date"] = _("The date of the individual programme cannot be in the future.")
        if not responsible_workers().filter(pk=self.worker_id).exists():
            errors["worker"] = _("The responsible worker must be an active social worker or coordinator.")
        return errors
