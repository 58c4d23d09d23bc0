"""The tasks of both parties of a contract (with their progress) and the contract's reviews."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contracts.freezing import FrozenModel, FrozenQuerySet
from contracts.models.amendment import ContractAmendment
from contracts.models.contract import AmendmentStatus, ContractStatus, SocialContract


class ContractTaskQuerySet(FrozenQuerySet):
    def manageable_by(self, user) -> ContractTaskQuerySet:
        """Tasks whose progress ``user`` may record: those of contracts in force they manage."""
        contracts = SocialContract.objects.manageable_by(user).filter(status=ContractStatus.SIGNED)
        return self.filter(contract__in=contracts)


class ContractTask(FrozenModel):
    """A task of one party, with a deadline; tasks are added by the contract or an amendment."""

    class Responsible(models.TextChoices):
        PARTICIPANT = "participant", _("participant")
        FAMILY = "family", _("family member")
        SOCIAL_WORKER = "social_worker", _("social worker")
        INSTITUTION = "institution", _("other institution")

    class Status(models.TextChoices):
        OPEN = "open", _("to do")
        DONE = "done", _("done")
        NOT_DONE = "not_done", _("not done")
        CANCELLED = "cancelled", _("withdrawn by amendment")

    contract = models.ForeignKey(
        SocialContract, verbose_name=_("contract"), on_delete=models.CASCADE, related_name="tasks"
    )
    amendment = models.ForeignKey(
        ContractAmendment,
        verbose_name=_("added by amendment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
    )
    responsible = models.CharField(_("who"), max_length=20, choices=Responsible.choices)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    description = models.TextField(_("task"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    remarks = models.CharField(_("remarks"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    TEXT_FIELDS = ("contract_id", "amendment_id", "responsible", "institution", "description", "deadline")

    objects = ContractTaskQuerySet.as_manager()

    class Meta:
        ordering = ["order", "deadline", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self):
        return self.description[:80]

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.deadline < timezone.localdate()

    # Once signed, a task's text is fixed; only its progress (status, remarks) is recorded.
    frozen_message = "The tasks of a signed contract are changed only by an amendment"

    @classmethod
    def signed_text(cls) -> Q:
        return (Q(amendment__isnull=True) & ~Q(contract__status=ContractStatus.DRAFT)) | Q(
            amendment__status=AmendmentStatus.SIGNED
        )

    def belongs_to_signed_text(self) -> bool:
        if self.amendment_id:
            return ContractAmendment._base_manager.filter(pk=self.amendment_id, status=AmendmentStatus.SIGNED).exists()
        return SocialContract._base_manager.filter(pk=self.contract_id).filter(SocialContract.signed_text()).exists()


class ContractReview(models.Model):
    """A periodic review (ocena realizacji) of a signed contract."""

    contract = models.ForeignKey(
        SocialContract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="reviews"
    )
    reviewed_on = models.DateField(_("date of review"), default=datetime.date.today)
    findings = models.TextField(_("findings"))
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.contract.number} {self.reviewed_on:%d.%m.%Y}"

    def clean(self):
        errors = {}
        if self.reviewed_on and self.reviewed_on > timezone.localdate():
            errors["reviewed_on"] = _("A review cannot be dated in the future.")
        if self.next_review_on and self.reviewed_on and self.next_review_on <= self.reviewed_on:
            errors["next_review_on"] = _("The next review must come after this one.")
        if errors:
            raise ValidationError(errors)
