"""A person in a project: recruitment to exit, the dated events on the way, the situations on leaving.

Participation sits right of ``contracts``: starting it requires a signed social contract in force
(Social Employment Act art. 18 ust. 4).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kis.figures import CountedInReports
from kis.storage import private_storage
from participants.models import DisabilityDegree, LabourMarketStatus, Participant, RiskFactor
from projects.models import Project


class ExitSituation(models.Model):
    """A value of the editable list "situation on leaving" (the funder's list changes by call)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    counts_as_employment = models.BooleanField(_("counts as employment"), default=False)
    counts_as_social_progress = models.BooleanField(_("counts as social progress"), default=False)
    is_qualification = models.BooleanField(
        _("a qualification"),
        default=False,
        help_text=_("Counts as a result only when certified by an authorised body (not an internal certificate)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("situation on leaving")
        verbose_name_plural = _("situations on leaving")

    def __str__(self):
        return self.name


class EmploymentType(models.TextChoices):
    """The employment the guidelines count in employment effectiveness (DOMAIN-REFERENCE)."""

    EMPLOYMENT_CONTRACT = "employment_contract", _("employment contract (at least 3 months, at least half-time)")
    CIVIL_LAW = "civil_law", _("civil-law contract (at least 3 months, at least the minimum wage)")
    SELF_EMPLOYMENT = "self_employment", _("self-employment")


# Social progress the guidelines name (DOMAIN-REFERENCE): code -> label.
SOCIAL_PROGRESS = {
    "education": _("started education or training"),
    "motivation": _("stronger motivation"),
    "self_confidence": _("more self-confidence"),
    "problem_solving": _("solves problems better"),
    "volunteering": _("took up volunteering"),
    "health": _("better health"),
    "less_addiction": _("less addiction"),
}

# The labour-market statuses at entry among which employment effectiveness is measured.
OUT_OF_WORK = (
    LabourMarketStatus.REGISTERED_UNEMPLOYED,
    LabourMarketStatus.UNREGISTERED_UNEMPLOYED,
    LabourMarketStatus.INACTIVE,
)
FULL_TIME_HOURS = 40
EXIT_RESULT_DAYS = 28  # immediate results: up to 4 weeks after leaving
FOLLOW_UP_MONTHS = 3  # effectiveness: within 3 months after leaving


class ParticipationQuerySet(CountedInReports):
    def visible_to(self, user) -> ParticipationQuerySet:
        """Participations of the people whose record ``user`` may see (``Participant.visible_to``)."""
        if not user.has_perm("participation.view_projectparticipation"):
            return self.none()
        if user.has_perm("participants.view_any_participant"):
            return self
        return self.filter(participant__in=Participant.objects.visible_to(user))

    def editable_by(self, user) -> ParticipationQuerySet:
        """Participations ``user`` may move on: of the people they may edit (a worker's caseload)."""
        if not user.has_perm("participation.change_projectparticipation"):
            return self.none()
        return self.filter(participant__in=Participant.objects.editable_by(user))

    def recruited(self) -> ParticipationQuerySet:
        """Everyone who started the project (had a first form of support), once: a person who
        re-joined counts with their first episode that started."""
        return self.filter(start_date__isnull=False).filter(first_started_episode())


def later_episodes(**conditions):
    return ProjectParticipation.objects.filter(
        project=models.OuterRef("project"),
        participant=models.OuterRef("participant"),
        episode__gt=models.OuterRef("episode"),
        **conditions,
    )


def last_started_episode() -> Q:
    """No later episode of the same person that started too (the ESF sheet's one row)."""
    return ~Q(models.Exists(later_episodes(start_date__isnull=False)))


def first_started_episode() -> Q:
    """No earlier episode of the same person that started: the person is recruited once."""
    return ~Q(
        models.Exists(
            ProjectParticipation.objects.filter(
                project=models.OuterRef("project"),
                participant=models.OuterRef("participant"),
                episode__lt=models.OuterRef("episode"),
                start_date__isnull=False,
            )
        )
    )


class ProjectParticipation(models.Model):
    """One person's path through one project: applied → qualified | reserve | rejected → active →
    completed | dropped out. Every move is recorded as a ParticipationEvent."""

    class Status(models.TextChoices):
        # Said of the person in words that fit any gender ("Agnieszka — udział przerwany").
        APPLIED = "applied", pgettext_lazy("status of a person, in neutral words", "applied")
        QUALIFIED = "qualified", pgettext_lazy("status of a person, in neutral words", "qualified")
        RESERVE = "reserve", _("reserve list")
        REJECTED = "rejected", pgettext_lazy("status of a person, in neutral words", "rejected")
        ACTIVE = "active", pgettext_lazy("status of a person, in neutral words", "active")
        COMPLETED = "completed", pgettext_lazy("status of a person, in neutral words", "completed")
        DROPPED_OUT = "dropped_out", pgettext_lazy("status of a person, in neutral words", "dropped out")

    class DropoutReason(models.TextChoices):
        FOUND_JOB = "found_job", _("found a job")
        HEALTH = "health", _("health")
        MOVED = "moved", _("moved away")
        RESIGNED = "resigned", _("resigned")
        REMOVED = "removed", _("removed from the project")
        OTHER = "other", _("other")

    # Legal moves of the state machine.
    TRANSITIONS = {
        Status.APPLIED: {Status.QUALIFIED, Status.RESERVE, Status.REJECTED},
        Status.RESERVE: {Status.QUALIFIED, Status.REJECTED},
        Status.QUALIFIED: {Status.ACTIVE, Status.DROPPED_OUT},
        Status.ACTIVE: {Status.COMPLETED, Status.DROPPED_OUT},
        Status.REJECTED: set(),
        Status.COMPLETED: set(),
        Status.DROPPED_OUT: set(),
    }

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="participations"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="participations"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLIED)
    episode = models.PositiveSmallIntegerField(
        _("episode"), default=1, help_text=_("2 and more: the person re-joined the project after dropping out.")
    )
    applied_on = models.DateField(_("applied on"))

    # Qualification
    eligibility_categories = models.JSONField(_("eligibility categories"), default=list, blank=True)
    eligibility_note = models.TextField(_("justification of the decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Start. The worker records the start (``planned_start``, under a contract in force); the ESF
    # start is the day of the first support actually recorded after it (present at a session, an
    # individual meeting, an internship), and the age and long-term unemployment are those of that
    # day. Until then the participation is "started, awaiting first support" and not recruited.
    planned_start = models.DateField(_("start recorded"), null=True, blank=True)
    start_date = models.DateField(_("start (first support)"), null=True, blank=True)
    unemployed_since_at_start = models.DateField(_("unemployed since (at start)"), null=True, blank=True)
    age_at_start = models.PositiveSmallIntegerField(_("age at start"), null=True, blank=True)
    labour_status_at_start = models.CharField(
        _("labour-market status at start"), max_length=30, choices=LabourMarketStatus.choices, blank=True
    )
    long_term_unemployed_esf = models.BooleanField(
        _("long-term unemployed (ESF definition)"),
        default=False,
        help_text=_("Under 25: over 6 months continuously; 25 and over: over 12 months."),
    )
    long_term_unemployed_pup = models.BooleanField(
        _("long-term unemployed (labour office definition)"),
        default=False,
        help_text=_("Over 12 months in the last 24 months."),
    )
    sex_at_start = models.CharField(_("sex at start"), max_length=1, blank=True)
    # The rest of what the ESF records on the start (Participant.entry_snapshot): residence,
    # education, the disadvantage answers. Reports and the ESF sheet read these, never today's record;
    # a correction is an audited edit with its reason (``participation_correct_entry``).
    entry = models.JSONField(_("situation at start"), default=dict, blank=True)
    risk_factors_at_start = models.ManyToManyField(
        RiskFactor,
        verbose_name=_("exclusion-risk factors at start"),
        blank=True,
        related_name="participations_at_start",
    )
    disability_at_start = models.CharField(
        _("disability at start"), max_length=20, choices=DisabilityDegree.choices, blank=True
    )
    disability_group_at_start = models.BooleanField(
        _("in the disability group at start"),
        default=False,
        help_text=_("A significant or moderate disability, an intellectual disability or multiple disabilities."),
    )

    # Exit
    end_date = models.DateField(_("end of participation"), null=True, blank=True)
    completed_as_planned = models.BooleanField(_("completed the planned path"), null=True, blank=True)
    dropout_reason = models.CharField(
        _("reason for dropping out"), max_length=20, choices=DropoutReason.choices, blank=True
    )
    dropout_note = models.CharField(_("note on dropping out"), max_length=300, blank=True)
    exit_situation = models.ForeignKey(
        ExitSituation,
        verbose_name=_("situation on leaving (within 4 weeks)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    exit_situation_on = models.DateField(
        _("date of the situation on leaving"),
        null=True,
        blank=True,
        help_text=_("Counted as an immediate result only up to 4 weeks after leaving."),
    )
    exit_qualification_certified = models.BooleanField(
        _("qualification certified by an authorised body"), null=True, blank=True
    )
    exit_qualification_body = models.CharField(_("certified by"), max_length=200, blank=True)
    # Worked out on leaving (``participation.results``): within 4 weeks, a qualification certified.
    exit_result_counts = models.BooleanField(_("counts as an immediate result"), default=False)
    # Three-month follow-up (effectiveness)
    followup_on = models.DateField(_("follow-up date"), null=True, blank=True)
    # Worked out from the employment recorded (``employment_counts``): the guidelines' employment.
    followup_employed = models.BooleanField(_("employed as the guidelines count it"), default=False)
    followup_looking_for_work = models.BooleanField(_("looking for work"), default=False)
    followup_in_education = models.BooleanField(_("in education or training"), default=False)
    followup_qualification = models.BooleanField(_("gained a certified qualification"), default=False)
    followup_social_progress = models.BooleanField(_("social progress"), default=False)
    followup_social_progress_kinds = models.JSONField(_("kinds of social progress"), default=list, blank=True)
    followup_employment_type = models.CharField(
        _("type of employment"), max_length=30, choices=EmploymentType.choices, blank=True
    )
    followup_employment_start = models.DateField(_("employment from"), null=True, blank=True)
    followup_employment_end = models.DateField(
        _("employment until"), null=True, blank=True, help_text=_("Empty for an open-ended contract.")
    )
    followup_hours_per_week = models.DecimalField(
        _("hours a week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    followup_minimum_wage = models.BooleanField(_("pays at least the minimum wage"), null=True, blank=True)
    followup_evidence = models.CharField(
        _("evidence"), max_length=200, blank=True, help_text=_("E.g. a copy of the contract, an entry in CEIDG.")
    )

    certificate_number = models.CharField(_("KIS certificate number"), max_length=40, blank=True)
    certificate_issued_on = models.DateField(_("certificate issued on"), null=True, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_on", "-id"]
        verbose_name = _("project participation")
        verbose_name_plural = _("project participations")
        constraints = [
            # A person who dropped out may re-join the project: a new episode of the same participation.
            models.UniqueConstraint(fields=["project", "participant", "episode"], name="participation_episode_unique"),
            models.UniqueConstraint(
                fields=["certificate_number"], condition=~Q(certificate_number=""), name="certificate_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="participation_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.participant} — {self.project.code}"

    def get_absolute_url(self):
        return reverse("participation:detail", args=[self.pk])

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    @property
    def is_started(self) -> bool:
        """Whether the person had a first form of support (one who drops out before it never started)."""
        return self.start_date is not None

    @property
    def awaiting_first_support(self) -> bool:
        return self.status == self.Status.ACTIVE and self.start_date is None


class ParticipationEvent(models.Model):
    """One dated move of a participation, and who made it."""

    participation = models.ForeignKey(ProjectParticipation, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=ProjectParticipation.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ProjectParticipation.Status.choices)
    date = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("participation event")
        verbose_name_plural = _("participation events")

    def __str__(self):
        return f"{self.date}: {self.from_status} → {self.to_status}"


def evidence_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"eligibility_evidence/{instance.participation_id}/{timezone.now():%Y%m%d%H%M%S}.{extension}"


class EligibilityEvidence(models.Model):
    """What shows that a criterion which qualified the person applies (a labour-office certificate,
    a disability decision, the person's statement…), with its number, date and issuer; optionally
    a scan, kept outside any public URL."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", pgettext_lazy("document", "certificate")
        DECISION = "decision", _("decision or ruling")
        STATEMENT = "statement", _("statement of the person")
        OTHER = "other", _("other document")

    participation = models.ForeignKey(ProjectParticipation, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.CharField(_("criterion it shows"), max_length=250)
    kind = models.CharField(_("kind of document"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.CharField(_("issued by"), max_length=200, blank=True)
    scan = models.FileField(_("scan"), storage=private_storage, upload_to=evidence_upload_to, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("eligibility evidence")
        verbose_name_plural = _("eligibility evidence")

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}".strip()


def declaration_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    stamp = f"{timezone.now():%Y%m%d%H%M%S}"
    return f"declarations/{instance.project_id}/{instance.participant_id}-{instance.kind}-{stamp}.{extension}"


class Declaration(models.Model):
    """A document a participant signs for a project before the first support: the participation
    declaration and the data-protection information statement. Recorded once per person and
    project, with the signing date and the signature drawn on screen or a scan of the paper one."""

    class Kind(models.TextChoices):
        PARTICIPATION = "participation", _("participation declaration")
        DATA_PROTECTION = "data_protection", _("data-protection information statement")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="declarations")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="declarations")
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    signed_on = models.DateField(_("signed on"))
    signature = models.TextField(_("signature drawn on screen"), blank=True, help_text=_("A PNG data URL."))
    scan = models.FileField(
        _("scan of the signed paper"), storage=private_storage, upload_to=declaration_upload_to, blank=True
    )
    sha256 = models.CharField(_("SHA-256 of the signed text"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["project", "kind"]
        verbose_name = _("signed declaration")
        verbose_name_plural = _("signed declarations")
        constraints = [
            models.UniqueConstraint(fields=["project", "participant", "kind"], name="declaration_once_per_project"),
            models.CheckConstraint(condition=~Q(signature="") | ~Q(scan=""), name="declaration_signed_somehow"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.participant} ({self.project.code})"
