"""Funded projects: their targets, indicators, eligibility criteria and retention; the partners and their roles."""

import base64

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kis.locking import VersionedModel
from kis.models import AddressMixin, Location, PermissionScopedQuerySet
from kis.storage import private_storage


def emblem_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"emblems/{instance.pk or 'new'}-{timezone.now():%Y%m%d%H%M%S}.{extension}"


class PartnerQuerySet(PermissionScopedQuerySet):
    view_permission = "projects.view_partner"
    change_permission = "projects.change_partner"


class Partner(AddressMixin, VersionedModel, models.Model):
    """An organisation the club works with: labour office, co-operative, NGO, employer…"""

    class Kind(models.TextChoices):
        LABOUR_OFFICE = "pup", _("labour office (PUP)")
        OHP = "ohp", _("Voluntary Labour Corps (OHP)")
        PCPR = "pcpr", _("county family-support centre (PCPR)")
        SOCIAL_COOPERATIVE = "coop", _("social co-operative")
        NGO = "ngo", _("non-governmental organisation")
        CHURCH = "church", _("church or charity")
        EMPLOYER = "employer", _("employer")
        TRAINING = "training", _("training institution")
        SCHOOL = "school", _("school")
        HEALTH = "health", _("health provider")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    nip = models.CharField(_("NIP"), max_length=10, blank=True, help_text=_("Tax identification number."))
    regon = models.CharField(_("REGON"), max_length=14, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["nip"], condition=~models.Q(nip=""), name="partner_nip_unique"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:detail", args=[self.pk])


class ProjectQuerySet(PermissionScopedQuerySet):
    view_permission = "projects.view_project"
    change_permission = "projects.change_project"

    def with_counts(self):
        """Annotates ``recruited`` (everyone who started: had a first form of support, whatever
        happened next) and ``completed``, from the participations, in the same query."""
        return self.annotate(
            recruited=models.Count("participations", filter=models.Q(participations__start_date__isnull=False)),
            completed=models.Count("participations", filter=models.Q(participations__status="completed")),
        )


class Project(VersionedModel, models.Model):
    """A funded project (usually ESF) the club runs, with its targets, partners and rules."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        CLOSED = "closed", _("closed")

    class EsfLayout(models.TextChoices):
        SL2014 = "sl2014", _("2014–2020 (SL2014)")
        CST2021 = "cst2021", _("2021–2027 (CST2021)")

    title = models.CharField(_("title"), max_length=300)
    code = models.CharField(_("grant agreement number"), max_length=60, unique=True)
    programme = models.CharField(
        _("funding programme and measure"), max_length=200, blank=True, help_text=_("e.g. RPO WSL 2014–2020, 9.2.1")
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    lead_organisation = models.CharField(_("lead organisation"), max_length=250, blank=True)
    locations = models.ManyToManyField(Location, verbose_name=_("locations"), blank=True, related_name="projects")
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    target_recruited = models.PositiveIntegerField(_("target: recruited"), default=0)
    target_completed = models.PositiveIntegerField(_("target: completed"), default=0)
    social_effectiveness_threshold = models.DecimalField(
        _("social effectiveness threshold (%)"), max_digits=5, decimal_places=2, default=34
    )
    employment_effectiveness_threshold = models.DecimalField(
        _("employment effectiveness threshold (%)"), max_digits=5, decimal_places=2, default=22
    )
    # The guidelines' separate pair for people with a significant or moderate disability, an
    # intellectual disability or multiple disabilities; empty: the same thresholds for everyone.
    social_effectiveness_threshold_disability = models.DecimalField(
        _("social effectiveness threshold, disability group (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "People with a significant or moderate disability, an intellectual disability or multiple disabilities."
        ),
    )
    employment_effectiveness_threshold_disability = models.DecimalField(
        _("employment effectiveness threshold, disability group (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave both empty when the call sets one pair for everyone."),
    )
    esf_layout = models.CharField(
        _("ESF participant sheet layout"), max_length=10, choices=EsfLayout.choices, default=EsfLayout.CST2021
    )
    retention_until = models.DateField(
        _("keep personal data until"), null=True, blank=True, help_text=_("Set by the grant agreement.")
    )
    legal_hold = models.BooleanField(
        _("legal hold"), default=False, help_text=_("Data is kept past the retention date.")
    )
    partners = models.ManyToManyField(Partner, through="ProjectPartner", related_name="projects", blank=True)

    # Funding visibility (art. 50 of reg. 2021/1060): printed at the top of every document for
    # participants — attendance lists, certificates, declarations, the outcome report.
    emblem = models.FileField(
        _("logo strip"),
        storage=private_storage,
        upload_to=emblem_upload_to,
        blank=True,
        help_text=_("The funding emblems as one image (PNG or JPEG, at most 2 MB), as the funder supplies them."),
    )
    cofinancing_statement = models.TextField(
        _("co-financing statement"),
        blank=True,
        help_text=_(
            "E.g. “Projekt współfinansowany ze środków Unii Europejskiej "
            "w ramach Europejskiego Funduszu Społecznego Plus”."
        ),
    )
    # Participant documents
    requires_declarations = models.BooleanField(
        _("a signed declaration and data-protection statement are required before the start"),
        default=False,
    )
    data_controller = models.CharField(
        _("controller of personal data"),
        max_length=300,
        blank=True,
        help_text=_(
            "Named in the data-protection statement: in 2014–2020 projects the managing authority, "
            "in 2021–2027 projects the beneficiary (empty: the lead organisation)."
        ),
    )
    data_protection_contact = models.CharField(
        _("data protection officer's contact"), max_length=300, blank=True, help_text=_("E-mail or address.")
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="project_dates_order")
        ]

    def __str__(self):
        return f"{self.code} — {self.title}"

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})

    @property
    def emblem_data_uri(self) -> str:
        """The logo strip inlined for a PDF (reads the stored file; empty without one)."""
        if not self.emblem:
            return ""
        with self.emblem.open("rb") as stored:
            content = stored.read()
        kind = "png" if content.startswith(b"\x89PNG") else "jpeg"
        return f"data:image/{kind};base64,{base64.b64encode(content).decode()}"

    @property
    def controller(self) -> str:
        return self.data_controller or self.lead_organisation


class ProjectIndicator(models.Model):
    """A further indicator target of a project (e.g. "12 certified qualifications"), and what the
    report counts for it (``measure``; "counted by hand" shows the target alone)."""

    class Measure(models.TextChoices):
        RECRUITED = "recruited", _("people recruited (first support in the period)")
        COMPLETED = "completed", _("people who completed their path")
        SOCIAL_PROGRESS = "social_progress", _("people with social progress within 3 months (effectiveness)")
        EMPLOYED = "employed", _("people employed within 3 months (effectiveness)")
        QUALIFICATION = "qualification", _("people with a certified qualification on leaving")
        INTERNSHIPS = "internships", _("internships completed")
        MANUAL = "manual", _("counted by hand")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=250)
    measure = models.CharField(_("counted as"), max_length=20, choices=Measure.choices, default=Measure.MANUAL)
    target = models.DecimalField(_("target"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30, blank=True, default="osób")

    class Meta:
        ordering = ["id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


class ProjectCriterion(models.Model):
    """An eligibility criterion of the project on top of the statutory ones, checked against the
    person's data where it can be (residence, age, risk factor) and by a person otherwise."""

    class Kind(models.TextChoices):
        TOWN = "town", _("lives in one of the towns")
        COMMUNE = "commune", _("lives in one of the communes")
        STREET = "street", _("lives in one of the streets (e.g. revitalisation area)")
        RISK_FACTOR = "risk_factor", _("has the exclusion-risk factor (code)")
        MIN_AGE = "min_age", _("is at least this old")
        MAX_AGE = "max_age", _("is at most this old")
        MANUAL = "manual", _("checked by the worker")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.CharField(
        _("value"), max_length=500, blank=True, help_text=_("Several values separated by semicolons.")
    )
    description = models.CharField(_("description"), max_length=300)

    class Meta:
        ordering = ["id"]
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")

    def __str__(self):
        return self.description

    @property
    def values(self) -> list[str]:
        return [v.strip() for v in self.value.split(";") if v.strip()]


class ProjectPartner(models.Model):
    """A partner's role in a project and the cooperation agreement."""

    class Role(models.TextChoices):
        LEADER = "leader", _("leader")
        PARTNER = "partner", _("partner")
        COOPERATING = "cooperating", _("cooperating")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="project_partners")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="project_roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    agreement_number = models.CharField(_("agreement number"), max_length=60, blank=True)
    agreement_start = models.DateField(_("agreement from"), null=True, blank=True)
    agreement_end = models.DateField(_("agreement until"), null=True, blank=True)
    agreement_scope = models.TextField(_("scope of cooperation"), blank=True)

    class Meta:
        ordering = ["role", "partner__name"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [models.UniqueConstraint(fields=["project", "partner"], name="project_partner_unique")]

    def __str__(self):
        return f"{self.partner} ({self.get_role_display()})"

    def clean(self):
        if self.agreement_start and self.agreement_end and self.agreement_end < self.agreement_start:
            raise ValidationError({"agreement_end": _("The end cannot be before the start.")})
