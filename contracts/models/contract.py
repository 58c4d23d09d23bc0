"""Social contracts (kontrakt socjalny, art. 6 pkt 6 and art. 108 of the Social Assistance Act).

A contract is drafted, then signed by both parties: at that moment its full text is frozen as a
canonical JSON snapshot whose SHA-256 is stored. A signed contract is never edited in place —
not through a form, the admin, ``save()`` or ``QuerySet.update()``: changes are numbered,
separately signed amendments (aneks). Only the progress of tasks, reviews, the closing of the
contract and the scan of the paper original are recorded after signing.
"""

from __future__ import annotations

import datetime
import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from contracts.freezing import FrozenModel, FrozenQuerySet
from kis.locking import VersionedModel
from kis.storage import PrivateStorage  # noqa: F401  (re-exported for older imports)
from kis.storage import private_storage as kis_private_storage
from participants.models import Participant

REVIEW_DUE_DAYS = 14

# The consequence clause (art. 11 ust. 2): the statutory text every contract carries.
CONSEQUENCE_CLAUSE = _(
    "Refusing to conclude a social contract, or not keeping its terms, may be grounds to refuse a "
    "benefit, to revoke a decision granting a benefit, or to suspend cash benefits (art. 11 ust. 2 of "
    "the Social Assistance Act). Any such decision is taken individually by an authorised person "
    "after assessing the circumstances; nothing follows automatically from this contract."
)


def consequence_clause_text() -> str:
    """The clause in the documents' language (Polish), whatever the signer's interface language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(CONSEQUENCE_CLAUSE)


# Kept importable here: the initial migration refers to contracts.models.private_storage.
private_storage = kis_private_storage


def scan_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"contract_scans/{instance.pk}/{timezone.now():%Y%m%d%H%M%S}.{extension}"


def canonical_json(data: dict) -> str:
    """The canonical text of a snapshot: sorted keys, no insignificant whitespace, UTF-8."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def masked_sha256_field() -> models.CharField:
    """The hash of the masked signed text: one definition for the contract and its amendments."""
    return models.CharField(
        _("SHA-256 of the anonymised signed text"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Set when the person's data was anonymised: the signed text is then kept masked."),
    )


def snapshot_verifies(snapshot: str, sha256: str, masked_sha256: str) -> bool | None:
    """None without a signed text; whether it is the text signed (its hash is ``sha256``) or, once
    anonymised, the masked text made from it (its hash is ``masked_sha256`` and it names ``sha256``
    as the hash of the text it was made from)."""
    if not snapshot:
        return None
    if not masked_sha256:
        return sha256_hex(snapshot) == sha256
    if sha256_hex(snapshot) != masked_sha256:
        return False
    return json.loads(snapshot).get("anonymised", {}).get("original_sha256") == sha256


class Kind(models.TextChoices):
    A = "A", _("A — person or family: overcoming a difficult life situation")
    B = "B", _("B — one person: strengthening life and work activity")


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SIGNED = "signed", _("signed")
    COMPLETED = "completed", _("completed")
    TERMINATED = "terminated", _("terminated")


class SignatureMethod(models.TextChoices):
    """How the participant signed (the worker confirms every way with their password, or, for a
    paper original, records its date and scan)."""

    DRAWN = "drawn", _("signature drawn on screen")
    TYPED = "typed", _("full name typed by the participant, witnessed by the worker")
    PAPER = "paper", _("signed on paper (the scan is attached)")


class AmendmentStatus(models.TextChoices):
    """An amendment (aneks) is drafted, then signed; it ends with the contract it amends."""

    DRAFT = "draft", _("draft")
    SIGNED = "signed", _("signed")


def responsible(worker) -> Q:
    """The contracts ``worker`` is responsible for: signed by them, unless an amendment changed the
    worker since, or taken over by them through such an amendment."""
    return Q(responsible_worker=worker) | Q(responsible_worker__isnull=True, social_worker=worker)


class SocialContractQuerySet(FrozenQuerySet):
    def visible_to(self, user) -> SocialContractQuerySet:
        """Need-to-know, as for the person's record: managers read every contract; others those of
        the people within their reach, and those an amendment made theirs. Having signed it is not
        enough: once the case has moved on, its old worker no longer reads it (nor its PESEL)."""
        if not user.has_perm("contracts.view_socialcontract"):
            return self.none()
        if user.has_perm("participants.view_any_participant"):
            return self
        return self.filter(Q(responsible_worker=user) | Q(participant__in=Participant.objects.visible_to(user)))

    def manageable_by(self, user) -> SocialContractQuerySet:
        """The contracts ``user`` is responsible for (the worker who signed it, or the new worker
        once an amendment changed the worker) and those of the people they may edit (a worker's
        caseload and stand-ins, a coordinator's locations)."""
        if not user.has_perm("contracts.change_socialcontract"):
            return self.none()
        return self.visible_to(user).filter(
            responsible(user) | Q(participant__in=Participant.objects.editable_by(user))
        )

    def in_force(self, on: datetime.date | None = None) -> SocialContractQuerySet:
        """Contracts in force on ``on``: concluded (signed) by then, within their period as amended,
        and not yet ended (from the day a contract is completed or terminated it no longer binds)
        — so a contract closed since counts as in force on the days before it ended, and a
        contract signed late only from its signing."""
        on = on or timezone.localdate()
        return self.exclude(status=ContractStatus.DRAFT).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=on),
            signed_on__lte=on,
            period_start__lte=on,
            effective_period_end__gte=on,
        )

    def review_overdue(self) -> SocialContractQuerySet:
        return self.filter(status=ContractStatus.SIGNED, next_review_on__lt=timezone.localdate())

    def review_due(self, days: int = REVIEW_DUE_DAYS) -> SocialContractQuerySet:
        today = timezone.localdate()
        return self.filter(
            status=ContractStatus.SIGNED,
            next_review_on__gte=today,
            next_review_on__lte=today + datetime.timedelta(days=days),
        )

    def with_overdue_tasks(self) -> SocialContractQuerySet:
        """Annotates ``overdue_task_count``: open tasks past their deadline of a contract in force
        (tasks of the contract itself or of a signed amendment), in the same query."""
        today = timezone.localdate()
        from contracts.models.task import ContractTask  # defined after the contract it belongs to

        overdue = Q(status=ContractStatus.SIGNED, tasks__status=ContractTask.Status.OPEN, tasks__deadline__lt=today) & (
            Q(tasks__amendment__isnull=True) | Q(tasks__amendment__status=AmendmentStatus.SIGNED)
        )
        return self.annotate(overdue_task_count=Count("tasks", filter=overdue, distinct=True))

    def for_list(self) -> SocialContractQuerySet:
        return self.select_related("participant", "social_worker").with_overdue_tasks().order_by("-period_start", "-id")


# The free texts of a contract: written in its form, frozen when signed, emptied when anonymised.
FREE_TEXTS = (
    "problems",
    "strengths",
    "limitations",
    "unemployment_causes",
    "work_barriers",
    "earlier_activation",
    "main_goal",
    "specific_goals",
    "centre_support",
    "assessment_method",
)


class SocialContract(FrozenModel, VersionedModel, models.Model):
    # The fields that make up the signed text; frozen once the contract leaves the draft state.
    FROZEN_FIELDS = (
        "participant",
        "kind",
        "number",
        "place",
        "period_start",
        "period_end",
        "social_worker",
        "social_worker_phone",
        *FREE_TEXTS,
        "signed_at",
        "signed_on",
        "participant_signature",
        "signature_method",
        "participant_typed_name",
        "snapshot",
        "snapshot_sha256",
        "masked_sha256",
    )
    TEXT_FIELDS = tuple(f"{name}_id" if name in ("participant", "social_worker") else name for name in FROZEN_FIELDS)
    frozen_message = "A signed contract cannot be changed or deleted: it is changed only by an amendment"

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="contracts"
    )
    kind = models.CharField(_("kind"), max_length=1, choices=Kind.choices, default=Kind.A)
    number = models.CharField(_("number"), max_length=30, unique=True, editable=False)
    place = models.CharField(_("place of conclusion"), max_length=100)
    period_start = models.DateField(_("valid from"))
    period_end = models.DateField(_("valid until"))
    # Period end as amended (kept in step by amendment signing), so "in force" is one query.
    effective_period_end = models.DateField(_("valid until (as amended)"), editable=False)
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("social worker"),
        on_delete=models.PROTECT,
        related_name="social_contracts",
        limit_choices_to={"groups__name": "social_worker"},
    )
    social_worker_phone = models.CharField(_("social worker's phone"), max_length=20, blank=True)

    # Assessment of the situation (plan of social work)
    problems = models.TextField(_("problems and their causes"), blank=True)
    strengths = models.TextField(_("strengths and resources"), blank=True)
    limitations = models.TextField(_("limitations and barriers"), blank=True)
    # Kind B: the diagnosis of unemployment
    unemployment_causes = models.TextField(_("causes of unemployment"), blank=True)
    work_barriers = models.TextField(_("barriers to finding work"), blank=True)
    earlier_activation = models.TextField(_("earlier activation and why it failed"), blank=True)

    main_goal = models.TextField(_("main goal"), blank=True)
    specific_goals = models.TextField(_("specific goals"), blank=True, help_text=_("One goal per line."))
    centre_support = models.TextField(
        _("support offered by the centre"), blank=True, help_text=_("Form, scope and time of the support.")
    )
    assessment_method = models.TextField(_("how achievement will be assessed"), blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.DRAFT, db_index=True
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True, editable=False)
    signed_on = models.DateField(_("date of conclusion"), null=True, blank=True, editable=False)
    participant_signature = models.TextField(_("participant's signature"), blank=True, editable=False)
    signature_method = models.CharField(
        _("way of signing"), max_length=10, choices=SignatureMethod.choices, blank=True, editable=False
    )
    participant_typed_name = models.CharField(
        _("full name typed by the participant"), max_length=200, blank=True, editable=False
    )
    snapshot = models.TextField(_("signed text"), blank=True, editable=False)
    snapshot_sha256 = models.CharField(_("SHA-256 of the signed text"), max_length=64, blank=True, editable=False)
    masked_sha256 = masked_sha256_field()
    # The worker responsible now, after an amendment changed the social worker (empty: the worker
    # who signed the contract). Not part of the signed text: the amendment is.
    responsible_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("social worker now responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    next_review_on = models.DateField(_("next review"), null=True, blank=True, db_index=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)

    scan = models.FileField(
        _("scan of the paper original"), storage=private_storage, upload_to=scan_upload_to, blank=True
    )
    scan_uploaded_at = models.DateTimeField(_("scan uploaded"), null=True, blank=True)
    scan_sha256 = models.CharField(_("SHA-256 of the scan"), max_length=64, blank=True, editable=False)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = SocialContractQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-id"]
        verbose_name = _("social contract")
        verbose_name_plural = _("social contracts")
        permissions = [
            ("view_any_contract", _("Can see every social contract")),
            ("manage_any_contract", _("Can manage social contracts on any caseload")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="contract_period_order"),
        ]

    def __str__(self):
        return f"{self.number} — {self.participant}"

    def get_absolute_url(self):
        return reverse("contracts:detail", args=[self.pk])

    # --- state ---------------------------------------------------------------------------

    @property
    def is_draft(self) -> bool:
        return self.status == ContractStatus.DRAFT

    @property
    def is_frozen(self) -> bool:
        return self.status != ContractStatus.DRAFT

    def is_in_force(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (
            self.status != ContractStatus.DRAFT
            and self.signed_on is not None
            and max(self.signed_on, self.period_start) <= on <= self.effective_period_end
            and (self.ended_on is None or on < self.ended_on)
        )

    @property
    def is_expired(self) -> bool:
        """Signed, but its period (as amended) is over and it was not closed."""
        return self.status == ContractStatus.SIGNED and self.effective_period_end < timezone.localdate()

    @property
    def review_overdue(self) -> bool:
        return bool(
            self.status == ContractStatus.SIGNED and self.next_review_on and self.next_review_on < timezone.localdate()
        )

    @property
    def review_due_soon(self) -> bool:
        today = timezone.localdate()
        return bool(
            self.status == ContractStatus.SIGNED
            and self.next_review_on
            and today <= self.next_review_on <= today + datetime.timedelta(days=REVIEW_DUE_DAYS)
        )

    def can_be_managed_by(self, user) -> bool:
        """As ``SocialContractQuerySet.manageable_by``, for one contract (one query)."""
        return SocialContract.objects.manageable_by(user).filter(pk=self.pk).exists()

    # --- integrity ---------------------------------------------------------------------

    @classmethod
    def signed_text(cls) -> Q:
        return ~Q(status=ContractStatus.DRAFT)

    def belongs_to_signed_text(self) -> bool:
        return bool(self.pk) and SocialContract._base_manager.filter(pk=self.pk).filter(self.signed_text()).exists()

    @classmethod
    def touches_text(cls, values: dict) -> bool:
        # Back to draft would unfreeze the signed text.
        return super().touches_text(values) or values.get("status") == ContractStatus.DRAFT

    def changes_signed_text(self, stored: dict) -> bool:
        # Back to draft would unfreeze the signed text.
        return self.is_draft or super().changes_signed_text(stored)

    def save(self, *args, **kwargs):
        if self.effective_period_end is None or self.is_draft:
            self.effective_period_end = self.period_end
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The end of the period cannot be before its start.")
        if errors:
            raise ValidationError(errors)

    def build_snapshot(self) -> dict:
        """The full text of the contract as it stands, for freezing at signing (queries the tasks
        and family members)."""
        return {
            "document": "kontrakt socjalny",
            "number": self.number,
            "kind": self.kind,
            "place": self.place,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
            "period": [self.period_start.isoformat(), self.period_end.isoformat()],
            "centre": settings.KIS_CENTRE_NAME,
            "participant": {
                "name": self.participant.full_name,
                "pesel": self.participant.pesel or "",
                "address": self.participant.address,
            },
            "family_members": [
                {"name": f"{m.first_name} {m.last_name}", "pesel": m.pesel, "address": m.address}
                for m in self.family_members.all()
            ],
            "social_worker": {
                "name": self.social_worker.get_full_name() or self.social_worker.get_username(),
                "phone": self.social_worker_phone,
            },
            "assessment": {
                "problems": self.problems,
                "strengths": self.strengths,
                "limitations": self.limitations,
                "unemployment_causes": self.unemployment_causes,
                "work_barriers": self.work_barriers,
                "earlier_activation": self.earlier_activation,
            },
            "main_goal": self.main_goal,
            "specific_goals": self.specific_goals,
            "centre_support": self.centre_support,
            "assessment_method": self.assessment_method,
            "tasks": [
                {
                    "responsible": t.responsible,
                    "institution": t.institution,
                    "description": t.description,
                    "deadline": t.deadline.isoformat() if t.deadline else None,
                }
                for t in self.tasks.filter(amendment__isnull=True).order_by("order", "id")
            ],
            "consequence_clause": consequence_clause_text(),
            "signature_method": self.signature_method,
            "participant_typed_name": self.participant_typed_name,
            "participant_signature_sha256": sha256_hex(self.participant_signature)
            if self.participant_signature
            else "",
        }

    @cached_property
    def snapshot_data(self) -> dict | None:
        return json.loads(self.snapshot) if self.snapshot else None

    def snapshot_matches_hash(self) -> bool | None:
        """None for a draft; True when the stored text still has the stored hash (once anonymised:
        the masked text, the hash of the masked form — see ``contracts.masking``)."""
        return snapshot_verifies(self.snapshot, self.snapshot_sha256, self.masked_sha256)

    def missing_for_signing(self) -> list[str]:
        """What a draft lacks before it can be signed (empty list: ready). Queries the tasks."""
        missing = []
        if not self.problems.strip():
            missing.append(_("the assessment of problems and their causes"))
        if not self.main_goal.strip():
            missing.append(_("the main goal"))
        if not self.centre_support.strip():
            missing.append(_("the support offered by the centre"))
        if self.kind == Kind.B and not self.unemployment_causes.strip():
            missing.append(_("the causes of unemployment (kind B)"))
        if not self.tasks.filter(amendment__isnull=True).exists():
            missing.append(_("at least one task"))
        if self.kind == Kind.B and self.family_members.exists():
            missing.append(_("no family members (a kind B contract is with one person)"))
        return missing


class ContractFamilyMember(FrozenModel):
    """A family member covered by a kind A contract, a party to it."""

    contract = models.ForeignKey(SocialContract, on_delete=models.CASCADE, related_name="family_members")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("surname"), max_length=100)
    pesel = models.CharField(_("PESEL"), max_length=11, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    objects = FrozenQuerySet.as_manager()
    frozen_message = "The parties of a signed contract cannot be changed"

    class Meta:
        ordering = ["id"]
        verbose_name = _("family member covered by the contract")
        verbose_name_plural = _("family members covered by the contract")

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @classmethod
    def signed_text(cls) -> Q:
        return ~Q(contract__status=ContractStatus.DRAFT)

    def belongs_to_signed_text(self) -> bool:
        return SocialContract._base_manager.filter(pk=self.contract_id).filter(SocialContract.signed_text()).exists()
