"""The programme a person follows: participation in projects, from application to exit.

Participation lives here, right of ``contracts``, because starting it requires a signed social
contract in force (Social Employment Act art. 18 ust. 4).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kis.models import Project
from participants.models import LabourMarketStatus, Participant


class ExitSituation(models.Model):
    """A value of the editable list "situation on leaving" (the funder's list changes by call)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    counts_as_employment = models.BooleanField(_("counts as employment"), default=False)
    counts_as_social_progress = models.BooleanField(_("counts as social progress"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("situation on leaving")
        verbose_name_plural = _("situations on leaving")

    def __str__(self):
        return self.name


class ParticipationQuerySet(models.QuerySet):
    def visible_to(self, user) -> ParticipationQuerySet:
        if user.has_perm("activities.view_projectparticipation"):
            return self
        return self.none()

    def recruited(self) -> ParticipationQuerySet:
        """Everyone who started the project (had a first form of support)."""
        return self.filter(start_date__isnull=False)


class ProjectParticipation(models.Model):
    """One person's path through one project: applied → qualified | reserve | rejected → active →
    completed | dropped out. Every move is recorded as a ParticipationEvent."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        QUALIFIED = "qualified", _("qualified")
        RESERVE = "reserve", _("reserve list")
        REJECTED = "rejected", _("rejected")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")
        DROPPED_OUT = "dropped_out", _("dropped out")

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
    applied_on = models.DateField(_("applied on"))

    # Qualification
    eligibility_categories = models.JSONField(_("eligibility categories"), default=list, blank=True)
    eligibility_note = models.TextField(_("justification of the decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Start (ESF: the date of the first form of support; age and status fixed on that day)
    start_date = models.DateField(_("start (first support)"), null=True, blank=True)
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
    # Three-month follow-up (effectiveness)
    followup_on = models.DateField(_("follow-up date"), null=True, blank=True)
    followup_employed = models.BooleanField(_("employed at least half-time for at least 3 months"), default=False)
    followup_looking_for_work = models.BooleanField(_("looking for work"), default=False)
    followup_in_education = models.BooleanField(_("in education or training"), default=False)
    followup_qualification = models.BooleanField(_("gained a certified qualification"), default=False)
    followup_social_progress = models.BooleanField(_("social progress"), default=False)

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
            models.UniqueConstraint(fields=["project", "participant"], name="participation_once_per_project"),
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
        return reverse("activities:participation_detail", args=[self.pk])

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    @property
    def is_started(self) -> bool:
        """Whether the person had a first form of support (one who drops out before it never started)."""
        return self.start_date is not None


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


# --- The programme: tracks, catalogue, activities, sessions, attendance ---------------------------


class Track(models.TextChoices):
    SOCIAL = "social", _("social activation")
    VOCATIONAL = "vocational", _("vocational activation")
    COMMUNITY = "community", _("community activation")


class ServiceType(models.Model):
    """An entry of the catalogue of services, under one track (editable by coordinators)."""

    class Mode(models.TextChoices):
        INDIVIDUAL = "individual", _("individual")
        GROUP = "group", _("group")

    name = models.CharField(_("name"), max_length=150, unique=True)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    mode = models.CharField(_("form"), max_length=20, choices=Mode.choices, default=Mode.GROUP)
    counts_hours = models.BooleanField(_("counted in hours"), default=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["track", "name"]
        verbose_name = _("service type")
        verbose_name_plural = _("service types")

    def __str__(self):
        return self.name


class ActivityQuerySet(models.QuerySet):
    def with_enrolment_counts(self) -> ActivityQuerySet:
        """Annotates ``enrolled_count`` (places taken: enrolled or completed, not waiting or dropped
        out) and ``waiting_count``."""
        return self.annotate(
            enrolled_count=models.Count(
                "enrollments",
                filter=Q(enrollments__status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED]),
                distinct=True,
            ),
            waiting_count=models.Count(
                "enrollments", filter=Q(enrollments__status=Enrollment.Status.WAITING), distinct=True
            ),
        )

    def under_filled(self, ratio: float = 0.75) -> ActivityQuerySet:
        """Running activities with fewer enrolled than ``ratio`` of their capacity."""
        return self.with_enrolment_counts().filter(
            capacity__gt=0, enrolled_count__lt=models.F("capacity") * ratio, end_date__gte=timezone.localdate()
        )


class Activity(models.Model):
    """A concrete offering: a course, a group, a cycle of workshops, a community action."""

    name = models.CharField(_("name"), max_length=200)
    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("service type"), on_delete=models.PROTECT, related_name="activities"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="activities", null=True, blank=True
    )
    provider = models.ForeignKey(
        "kis.Partner",
        verbose_name=_("provider (partner)"),
        on_delete=models.PROTECT,
        related_name="activities",
        null=True,
        blank=True,
        help_text=_("Leave empty when the club's own staff run it."),
    )
    trainer = models.CharField(_("trainer or specialist"), max_length=150, blank=True)
    location = models.ForeignKey(
        "kis.Location", verbose_name=_("location"), on_delete=models.PROTECT, related_name="activities"
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    capacity = models.PositiveSmallIntegerField(_("places"), default=12)
    planned_hours = models.DecimalField(_("planned hours"), max_digits=6, decimal_places=1, default=0)
    completion_attendance = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"), default=80, help_text=_("Completion is proposed when it is met.")
    )
    certificate_body = models.CharField(
        _("body issuing the certificate"),
        max_length=200,
        blank=True,
        help_text=_("For courses ending with a certified qualification (counts for the ESF only with one)."),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="activity_dates_order")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.pk])

    @property
    def track(self) -> str:
        return self.service_type.track


class Session(models.Model):
    """One meeting of an activity."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    trainer = models.CharField(_("trainer"), max_length=150, blank=True)
    headcount_others = models.PositiveSmallIntegerField(
        _("others present (family, neighbours)"),
        default=0,
        help_text=_("A headcount only, for community work: no personal data."),
    )
    cared_dependants = models.ManyToManyField(
        "participants.HouseholdMember",
        verbose_name=_("dependants cared for during the session"),
        blank=True,
        related_name="care_sessions",
    )

    class Meta:
        ordering = ["date", "start_time", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="session_time_order")
        ]

    def __str__(self):
        return f"{self.activity} {self.date:%d.%m.%Y} {self.start_time:%H:%M}"

    @property
    def hours(self) -> float:
        delta = datetime.datetime.combine(self.date, self.end_time) - datetime.datetime.combine(
            self.date, self.start_time
        )
        return round(delta.total_seconds() / 3600, 2)


class Enrollment(models.Model):
    """A participant in an activity (or on its waiting list), with the result."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("enrolled")
        WAITING = "waiting", _("waiting list")
        COMPLETED = "completed", _("completed")
        DROPPED = "dropped", _("dropped out")

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="enrollments"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="enrollments"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ENROLLED)
    enrolled_on = models.DateField(_("enrolled on"))
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    certificate_body = models.CharField(_("issued by"), max_length=200, blank=True)

    class Meta:
        ordering = ["enrolled_on", "id"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [models.UniqueConstraint(fields=["activity", "participant"], name="enrollment_once")]

    def __str__(self):
        return f"{self.participant} — {self.activity}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")
        EXCUSED = "excused", _("excused")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "enrollment"], name="attendance_once")]
        indexes = [models.Index(fields=["enrollment", "status"])]

    def __str__(self):
        return f"{self.session}: {self.enrollment.participant} {self.status}"


# --- Individual support, internships, volunteering ------------------------------------------------


class IndividualSupport(models.Model):
    """A one-to-one meeting with a specialist."""

    class Kind(models.TextChoices):
        PSYCHOLOGIST = "psychologist", _("psychologist")
        LAWYER = "lawyer", _("lawyer")
        CAREER_ADVISER = "career_adviser", _("career adviser")
        FAMILY_ASSISTANT = "family_assistant", _("family assistant")
        SOCIAL_WORKER = "social_worker", _("social counselling")
        OTHER = "other", _("other specialist")

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="individual_support"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    specialist = models.CharField(_("specialist"), max_length=150)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, default=1)
    confidential_note = models.TextField(
        _("confidential note"), blank=True, help_text=_("Seen only by the assigned social worker and coordinators.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("individual support")
        verbose_name_plural = _("individual support")

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"


class Internship(models.Model):
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="internships"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    employer = models.ForeignKey(
        "kis.Partner", verbose_name=_("employer"), on_delete=models.PROTECT, related_name="internships"
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, default=0)
    completed = models.BooleanField(_("completed"), default=False)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("internship")
        verbose_name_plural = _("internships")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="internship_dates_order")
        ]

    def __str__(self):
        return f"{self.employer} {self.start_date:%d.%m.%Y}"


class VolunteerAgreement(models.Model):
    """A volunteering agreement (porozumienie wolontariackie)."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="volunteer_agreements"
    )
    organisation = models.ForeignKey(
        "kis.Partner",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteers",
        help_text=_("Leave empty when the club itself is the organisation."),
    )
    number = models.CharField(_("agreement number"), max_length=60, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    scope = models.CharField(_("scope"), max_length=300)
    hours = models.DecimalField(_("hours worked"), max_digits=6, decimal_places=1, default=0)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("volunteer agreement")
        verbose_name_plural = _("volunteer agreements")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="volunteering_dates_order")
        ]

    def __str__(self):
        return f"{self.participant} {self.start_date:%d.%m.%Y}"
