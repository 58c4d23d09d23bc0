"""The amendments (aneks) of a signed contract: numbered, drafted, then signed and frozen."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from contracts.freezing import FrozenModel, FrozenQuerySet
from contracts.models.contract import (
    AmendmentStatus,
    SignatureMethod,
    SocialContract,
    masked_sha256_field,
    sha256_hex,
    snapshot_verifies,
)


class ContractAmendmentQuerySet(FrozenQuerySet):
    def signed(self):
        return self.filter(status=AmendmentStatus.SIGNED)


class ContractAmendment(FrozenModel):
    """A numbered, separately signed change to a signed contract (aneks)."""

    contract = models.ForeignKey(
        SocialContract, verbose_name=_("contract"), on_delete=models.PROTECT, related_name="amendments"
    )
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    reason = models.TextField(_("reason for the amendment"))
    new_period_end = models.DateField(_("new end of the period"), null=True, blank=True)
    new_main_goal = models.TextField(_("new main goal"), blank=True, help_text=_("Leave empty to keep it."))
    new_specific_goals = models.TextField(_("new specific goals"), blank=True, help_text=_("Leave empty to keep them."))
    cancelled_tasks = models.ManyToManyField(
        "ContractTask", verbose_name=_("tasks withdrawn"), blank=True, related_name="cancelled_by"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AmendmentStatus.choices, default=AmendmentStatus.DRAFT
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True, editable=False)
    signed_on = models.DateField(_("date"), null=True, blank=True, editable=False)
    participant_signature = models.TextField(_("participant's signature"), blank=True, editable=False)
    signature_method = models.CharField(
        _("way of signing"), max_length=10, choices=SignatureMethod.choices, blank=True, editable=False
    )
    participant_typed_name = models.CharField(
        _("full name typed by the participant"), max_length=200, blank=True, editable=False
    )
    # A change of social worker: the amendment is signed by the participant and the new worker.
    new_social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("new social worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Only when the social worker changes: the new worker signs this amendment."),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    snapshot = models.TextField(_("signed text"), blank=True, editable=False)
    snapshot_sha256 = models.CharField(_("SHA-256 of the signed text"), max_length=64, blank=True, editable=False)
    masked_sha256 = masked_sha256_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ContractAmendmentQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "number"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="amendment_number_unique")]

    def __str__(self):
        return _("Amendment no. %(number)s to %(contract)s") % {"number": self.number, "contract": self.contract.number}

    def get_absolute_url(self):
        return reverse("contracts:detail", args=[self.contract_id]) + f"#amendment-{self.number}"

    frozen_message = "A signed amendment cannot be changed or deleted"

    @classmethod
    def signed_text(cls) -> Q:
        return Q(status=AmendmentStatus.SIGNED)

    def belongs_to_signed_text(self) -> bool:
        signed = ContractAmendment._base_manager.filter(pk=self.pk, status=AmendmentStatus.SIGNED)
        return bool(self.pk) and signed.exists()

    def save(self, *args, **kwargs):
        if self.number:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            # The next number under the contract's row lock: two amendments drafted at the same
            # moment get numbers one after the other, never the same one.
            list(SocialContract._base_manager.select_for_update().filter(pk=self.contract_id).values_list("pk"))
            last = ContractAmendment._base_manager.filter(contract_id=self.contract_id).aggregate(m=Max("number"))["m"]
            self.number = (last or 0) + 1
            return super().save(*args, **kwargs)

    def clean(self):
        contract = self.contract
        errors = {}
        if self.new_period_end and self.new_period_end < contract.period_start:
            errors["new_period_end"] = _("The end of the period cannot be before its start.")
        if self.new_social_worker_id and self.new_social_worker_id == (
            contract.responsible_worker_id or contract.social_worker_id
        ):
            errors["new_social_worker"] = _("This social worker is already responsible for the contract.")
        if errors:
            raise ValidationError(errors)

    @property
    def signer_id(self) -> int | None:
        """The worker who signs this amendment for the centre: the new social worker it names, or
        else the worker responsible for the contract now."""
        contract = self.contract
        return self.new_social_worker_id or contract.responsible_worker_id or contract.social_worker_id

    def build_snapshot(self) -> dict:
        """The text of the amendment, for freezing at signing (queries its tasks, and the new social
        worker and the signer when not loaded)."""
        new_worker = self.new_social_worker
        return {
            "document": "aneks do kontraktu socjalnego",
            "contract": self.contract.number,
            "contract_sha256": self.contract.snapshot_sha256,
            "number": self.number,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
            "reason": self.reason,
            "new_period_end": self.new_period_end.isoformat() if self.new_period_end else None,
            "new_main_goal": self.new_main_goal,
            "new_specific_goals": self.new_specific_goals,
            "added_tasks": [
                {
                    "responsible": t.responsible,
                    "institution": t.institution,
                    "description": t.description,
                    "deadline": t.deadline.isoformat() if t.deadline else None,
                }
                for t in self.tasks.order_by("order", "id")
            ],
            "withdrawn_tasks": [t.description for t in self.cancelled_tasks.order_by("id")],
            "new_social_worker": {"name": new_worker.get_full_name() or new_worker.get_username()}
            if new_worker
            else None,
            "signed_by": (self.signed_by.get_full_name() or self.signed_by.get_username()) if self.signed_by else "",
            "signature_method": self.signature_method,
            "participant_typed_name": self.participant_typed_name,
            "participant_signature_sha256": sha256_hex(self.participant_signature)
            if self.participant_signature
            else "",
        }

    def snapshot_matches_hash(self) -> bool | None:
        return snapshot_verifies(self.snapshot, self.snapshot_sha256, self.masked_sha256)

    def is_empty(self) -> bool:
        """Queries the added tasks and withdrawn tasks."""
        return not (
            self.new_period_end
            or self.new_social_worker_id
            or self.new_main_goal.strip()
            or self.new_specific_goals.strip()
            or self.tasks.exists()
            or self.cancelled_tasks.exists()
        )
