"""Every scan of a contract's paper original, kept as a version.

A new scan never replaces an earlier one: each upload is a numbered version with the SHA-256 of
the bytes stored, who uploaded it and when. The contract's own ``scan`` fields name the current
(latest) version, which shares its file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contracts.models.contract import SocialContract
from kis.storage import private_storage


def scan_version_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"contract_scans/{instance.contract_id}/{timezone.now():%Y%m%d%H%M%S}.{extension}"


class ContractScanQuerySet(models.QuerySet):
    def visible_to(self, user) -> ContractScanQuerySet:
        """The scans of the contracts ``user`` may see (``SocialContract.objects.visible_to``)."""
        return self.filter(contract__in=SocialContract.objects.visible_to(user))


class ContractScan(models.Model):
    """One scan of the paper original of ``contract``: version ``number`` (1, 2, …)."""

    contract = models.ForeignKey(
        SocialContract, verbose_name=_("social contract"), on_delete=models.CASCADE, related_name="scans"
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), storage=private_storage, upload_to=scan_version_upload_to)
    sha256 = models.CharField(_("SHA-256 of the scan"), max_length=64)
    original_name = models.CharField(_("name of the file uploaded"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    objects = ContractScanQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "-number"]
        verbose_name = _("scan of a contract")
        verbose_name_plural = _("scans of contracts")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="contract_scan_number_unique"),
        ]

    def __str__(self):
        return f"{self.contract.number} — {self.number}"

    def get_absolute_url(self):
        return reverse("contracts:scan_version", args=[self.contract_id, self.number])

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].lower()
