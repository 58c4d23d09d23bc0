"""Consents per purpose (GDPR art. 6(1)(a) and 7), with their withdrawal.

The club's processing of a person's data rests on the law (the Social Assistance Act, the Social
Employment Act, a project's funding rules), not on consent; consent is asked only for what the law
does not require: publishing the person's image, contacting them by text message or e-mail about
activities, sharing their data with a partner beyond the statutory duty, or another purpose
described in the scope. A consent is withdrawn as easily as it was given (art. 7(3)): the
withdrawal is recorded with its date and who recorded it, and the consent is kept, never deleted,
as the proof of what the person agreed to and until when.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kis.audit import back_dated, log_event
from kis.models import AuditEvent


class ConsentError(Exception):
    """A consent change that cannot be made; ``str(error)`` is a translated message for the user."""


class ConsentQuerySet(models.QuerySet):
    def visible_to(self, user) -> ConsentQuerySet:
        from participants.models import Participant

        if not user.has_perm("participants.view_consent"):
            return self.none()
        return self.filter(participant__in=Participant.objects.visible_to(user))

    def editable_by(self, user) -> ConsentQuerySet:
        """Consents of the people ``user`` may edit (their caseload and stand-ins, a coordinator's
        locations): a consent is recorded and withdrawn by whoever works the case."""
        from participants.models import Participant

        if not user.has_perm("participants.change_consent"):
            return self.none()
        return self.filter(participant__in=Participant.objects.editable_by(user))

    def in_force(self) -> ConsentQuerySet:
        return self.filter(withdrawn_on__isnull=True)


class Consent(models.Model):
    class Purpose(models.TextChoices):
        IMAGE = "image", _("publishing the person's image (photos and recordings from activities)")
        CONTACT = "contact", _("contact by text message or e-mail about activities")
        PARTNER = "partner", _("sharing data with a named partner beyond the statutory duty")
        OTHER = "other", _("other purpose (described in the scope)")

    # The scope must say with whom or for what when the purpose alone does not.
    SCOPE_REQUIRED = {
        Purpose.PARTNER: _("Name the partner and the data shared with it."),
        Purpose.OTHER: _("Describe the purpose the person agreed to."),
    }

    participant = models.ForeignKey(
        "participants.Participant", verbose_name=_("participant"), on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    scope = models.CharField(
        _("scope"),
        max_length=300,
        blank=True,
        help_text=_("What exactly the person agreed to; for sharing with a partner, the partner's name."),
    )
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    withdrawal_note = models.CharField(
        _("withdrawal note"),
        max_length=300,
        blank=True,
        help_text=_("How the person withdrew it (in writing, by phone, in person), if worth noting."),
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True) | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            )
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.given_on:%d.%m.%Y})"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None

    @property
    def effect(self) -> str:
        """What the withdrawal means from its date on (empty while the consent is in force)."""
        if self.withdrawn_on is None:
            return ""
        date = formats.date_format(self.withdrawn_on, "d.m.Y")
        if self.purpose == self.Purpose.IMAGE:
            text = gettext(
                "From %(date)s the person's image may not be published; what was published earlier need not be removed."
            )
        elif self.purpose == self.Purpose.CONTACT:
            text = gettext("From %(date)s no more text messages or e-mails about activities may be sent to the person.")
        elif self.purpose == self.Purpose.PARTNER:
            text = gettext(
                "From %(date)s no data may be passed to %(scope)s beyond what the law requires; what was passed "
                "earlier was passed lawfully."
            )
        else:
            text = gettext(
                "From %(date)s the data may no longer be used for this purpose (%(scope)s); what was done "
                "earlier was done lawfully."
            )
        return text % {"date": date, "scope": self.scope}

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.given_on and self.given_on > today:
            errors["given_on"] = _("The date of consent cannot be in the future.")
        if self.purpose in self.SCOPE_REQUIRED and not self.scope.strip():
            errors["scope"] = self.SCOPE_REQUIRED[self.purpose]
        if self.withdrawn_on:
            if self.withdrawn_on > today:
                errors["withdrawn_on"] = _("A withdrawal is recorded once it has been made: not with a future date.")
            elif self.given_on and self.withdrawn_on < self.given_on:
                errors["withdrawn_on"] = _("A consent cannot be withdrawn before it was given.")
        if errors:
            raise ValidationError(errors)


def consent_record(*, consent: Consent, user, request=None) -> Consent:
    """Keep a consent the person gave (validated by its form) and write the audit entry."""
    consent.recorded_by = user
    with transaction.atomic():
        consent.save()
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.CREATE,
            obj=consent,
            details={"participant": consent.participant_id, "purpose": consent.purpose, **back_dated(consent.given_on)},
        )
    return consent


def consent_withdraw(*, consent: Consent, withdrawn_on, note: str = "", user, request=None) -> Consent:
    """Record the withdrawal of a consent on ``withdrawn_on``; the consent itself is kept.

    Raises ConsentError when it was withdrawn already (a second submit of the same page)."""
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.withdrawn_on is not None:
            raise ConsentError(
                gettext("This consent was withdrawn already, on %(date)s.")
                % {"date": consent.withdrawn_on.strftime("%d.%m.%Y")}
            )
        consent.withdrawn_on = withdrawn_on
        consent.withdrawal_note = note
        consent.withdrawal_recorded_by = user
        consent.full_clean()
        consent.save(update_fields=["withdrawn_on", "withdrawal_note", "withdrawal_recorded_by"])
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.UPDATE,
            obj=consent,
            details={
                "participant": consent.participant_id,
                "purpose": consent.purpose,
                "withdrawn_on": withdrawn_on.isoformat(),
                **back_dated(withdrawn_on),
            },
        )
    return consent
