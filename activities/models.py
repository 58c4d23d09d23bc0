"""The programme: tracks, the catalogue of services, activities, sessions, enrolment and
attendance, and the personal support records (individual support, internships, volunteering)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kis.expressions import count_of
from kis.figures import CountedInReports
from kis.locking import VersionedModel
from kis.models import PermissionScopedQuerySet
from participants.models import Participant
from projects.models import Project

# An enrolment whose record ends with this many unexcused absences in a row is flagged, when its
# latest mark is no older than the window (an old run is history, not a person to call).
CONSECUTIVE_ABSENCES_FLAG = 3
ABSENCE_WINDOW = datetime.timedelta(days=90)


class Track(models.TextChoices):
    SOCIAL = "social", _("social activation")
    VOCATIONAL = "vocational", _("vocational activation")
    COMMUNITY = "community", _("community activation")


class ServiceTypeQuerySet(PermissionScopedQuerySet):
    view_permission = "activities.view_servicetype"
    change_permission = "activities.change_servicetype"


class SessionQuerySet(CountedInReports, PermissionScopedQuerySet):
    project_path = "activity__project"
    counters = frozenset({"present_count", "marked_count"})  # mark_attendance moves the version on
    view_permission = "activities.view_session"
    change_permission = "activities.change_attendance"  # what is changed on a session's page


class EnrollmentQuerySet(CountedInReports):
    """A person's place in an activity: read by whom may read the person, changed by whom may edit them."""

    project_path = "activity__project"
    counters = frozenset({"absence_streak", "last_marked_on"})  # as the sessions' counters

    def visible_to(self, user) -> EnrollmentQuerySet:
        if not user.has_perm("activities.view_enrollment"):
            return self.none()
        return self.filter(participant__in=Participant.objects.visible_to(user))

    def editable_by(self, user) -> EnrollmentQuerySet:
        if not user.has_perm("activities.change_enrollment"):
            return self.none()
        return self.filter(participant__in=Participant.objects.editable_by(user))

    def with_time_present(self, *, since: datetime.date | None, until: datetime.date) -> EnrollmentQuerySet:
        """Annotates ``time_present``: the length of the sessions from ``since`` to ``until`` at which
        the person was marked present, as a duration (None without any)."""
        present = Q(attendances__status=Attendance.Status.PRESENT, attendances__session__date__lte=until)
        if since is not None:
            present &= Q(attendances__session__date__gte=since)
        length = models.ExpressionWrapper(
            models.F("attendances__session__end_time") - models.F("attendances__session__start_time"),
            output_field=models.DurationField(),
        )
        return self.annotate(time_present=models.Sum(length, filter=present))

    def absent_in_a_row(self, at_least: int = CONSECUTIVE_ABSENCES_FLAG) -> EnrollmentQuerySet:
        """Enrolments still running whose record ends with ``at_least`` unexcused absences in a row
        (``absence_streak``), the latest marked within ABSENCE_WINDOW of today."""
        return self.filter(
            status=Enrollment.Status.ENROLLED,
            absence_streak__gte=at_least,
            last_marked_on__gte=timezone.localdate() - ABSENCE_WINDOW,
        )


class PersonalRecordQuerySet(models.QuerySet):
    """Individual support, internships, volunteering: read only by those who may read the person's
    record, changed only by those who may edit the person."""

    def visible_to(self, user):
        view = f"{self.model._meta.app_label}.view_{self.model._meta.model_name}"
        if not user.has_perm(view):
            return self.none()
        return self.filter(participant__in=Participant.objects.visible_to(user))

    def editable_by(self, user):
        change = f"{self.model._meta.app_label}.change_{self.model._meta.model_name}"
        if not user.has_perm(change):
            return self.none()
        return self.filter(participant__in=Participant.objects.editable_by(user))


class SupportKind(models.TextChoices):
    """Who a one-to-one meeting (IndividualSupport) is with; a specialist's service of the catalogue
    names the kind its meetings are recorded as."""

    PSYCHOLOGIST = "psychologist", _("psychologist")
    LAWYER = "lawyer", _("lawyer")
    CAREER_ADVISER = "career_adviser", _("career adviser")
    FAMILY_ASSISTANT = "family_assistant", _("family assistant")
    ADDICTION_COUNSELLOR = "addiction_counsellor", _("addiction counsellor")
    SOCIAL_WORKER = "social_worker", _("social counselling")
    OTHER = "other", _("other specialist")


class ServiceType(VersionedModel, models.Model):
    """An entry of the catalogue of services, under one track (editable by coordinators).

    A specialist's service names the kind of individual support its meetings are recorded as
    (``support_kind``, one service per kind): people are referred to such services, and one marked
    ``by_referral_only`` is recorded only for people with an open referral to it.
    """

    class Mode(models.TextChoices):
        INDIVIDUAL = "individual", _("individual")
        GROUP = "group", _("group")

    name = models.CharField(_("name"), max_length=150, unique=True)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    mode = models.CharField(_("form"), max_length=20, choices=Mode.choices, default=Mode.GROUP)
    counts_hours = models.BooleanField(_("counted in hours"), default=True)
    is_active = models.BooleanField(_("in use"), default=True)
    support_kind = models.CharField(
        _("a specialist's service, recorded as"),
        max_length=20,
        choices=SupportKind.choices,
        blank=True,
        help_text=_(
            "For one-to-one help of a specialist (a psychologist, a lawyer…): the kind of individual "
            "support its meetings are recorded as. People are referred only to such services."
        ),
    )
    by_referral_only = models.BooleanField(
        _("by referral only"),
        default=False,
        help_text=_("Its meetings are recorded only for people with an open referral to it."),
    )

    objects = ServiceTypeQuerySet.as_manager()

    class Meta:
        ordering = ["track", "name"]
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        constraints = [
            models.UniqueConstraint(
                fields=["support_kind"],
                condition=~Q(support_kind=""),
                name="servicetype_one_per_support_kind",
                violation_error_message=_("Another service of the catalogue is already recorded as this kind."),
            ),
            models.CheckConstraint(
                condition=Q(by_referral_only=False) | ~Q(support_kind=""),
                name="servicetype_referral_only_for_specialists",
                violation_error_message=_(
                    "Only a specialist's service (recorded as a kind of individual support) can be by referral only."
                ),
            ),
        ]

    def __str__(self):
        return self.name


class ActivityQuerySet(PermissionScopedQuerySet):
    view_permission = "activities.view_activity"
    change_permission = "activities.change_activity"

    def with_enrolment_counts(self) -> ActivityQuerySet:
        """Annotates ``enrolled_count`` (places taken: enrolled or completed, not waiting or dropped
        out) and ``waiting_count``, each a subquery on the activity's own enrolments (no grouping)."""

        def enrolments(*statuses):
            return count_of(Enrollment.objects.filter(activity=OuterRef("pk"), status__in=statuses), "activity")

        return self.annotate(
            enrolled_count=enrolments(Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED),
            waiting_count=enrolments(Enrollment.Status.WAITING),
        )

    def under_filled(self, ratio: float = 0.75) -> ActivityQuerySet:
        """Running activities with fewer enrolled than ``ratio`` of their capacity."""
        return self.with_enrolment_counts().filter(
            capacity__gt=0, enrolled_count__lt=models.F("capacity") * ratio, end_date__gte=timezone.localdate()
        )


class Activity(VersionedModel, models.Model):
    """A concrete offering: a course, a group, a cycle of workshops, a community action."""

    name = models.CharField(_("name"), max_length=200)
    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("service type"), on_delete=models.PROTECT, related_name="activities"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="activities", null=True, blank=True
    )
    provider = models.ForeignKey(
        "projects.Partner",
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

    def clean(self):
        super().clean()
        # Its people, their attendance and the first support they count as belong to its project.
        if self.pk and self.enrollments.exists():
            before = Activity.objects.filter(pk=self.pk).values_list("project_id", flat=True).first()
            if before != self.project_id:
                raise ValidationError(
                    {"project": _("People are enrolled in this activity: its project cannot be changed.")}
                )

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
    # Kept by activities.counters whenever a mark is written, so that rates over many sessions
    # are sums of these instead of counts over every mark.
    present_count = models.PositiveIntegerField(default=0, editable=False)
    marked_count = models.PositiveIntegerField(default=0, editable=False)

    objects = SessionQuerySet.as_manager()

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
    """A participant in an activity (or on its waiting list), with the result (in neutral words)."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", translation.pgettext_lazy("status of a person, in neutral words", "enrolled")
        WAITING = "waiting", _("waiting list")
        COMPLETED = "completed", translation.pgettext_lazy("status of a person, in neutral words", "completed")
        DROPPED = "dropped", translation.pgettext_lazy("status of a person, in neutral words", "dropped out")

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
    # Kept by activities.counters whenever a mark is written: the run of unexcused absences at the
    # end of this enrolment's record (by session date and time; a presence or an excused absence
    # ends it) and the day of the latest session marked.
    absence_streak = models.PositiveSmallIntegerField(default=0, editable=False)
    last_marked_on = models.DateField(null=True, editable=False)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["enrolled_on", "id"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [models.UniqueConstraint(fields=["activity", "participant"], name="enrollment_once")]
        # The home page's "absent in a row": the few running enrolments with a run at all.
        indexes = [
            models.Index(
                fields=["absence_streak", "last_marked_on"],
                condition=Q(status="enrolled", absence_streak__gt=0),
                name="enrollment_absent_in_a_row",
            )
        ]

    def __str__(self):
        return f"{self.participant} — {self.activity}"


class Attendance(VersionedModel, models.Model):
    """One person's mark at one session; its ``version`` lets two people marking the same session
    at once see each other's marks instead of overwriting them."""

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

    Kind = SupportKind

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
    # Set by the service that saves the meeting: the person's open referral to its service, if any.
    referral = models.ForeignKey(
        "activities.Referral",
        verbose_name=_("referral"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="support_records",
    )

    objects = PersonalRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("individual support")
        verbose_name_plural = _("individual support")

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"


class Internship(VersionedModel, models.Model):
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="internships"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    employer = models.ForeignKey(
        "projects.Partner", verbose_name=_("employer"), on_delete=models.PROTECT, related_name="internships"
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, default=0)
    completed = models.BooleanField(_("completed"), default=False)

    objects = PersonalRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("internship")
        verbose_name_plural = _("internships")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="internship_dates_order")
        ]

    def __str__(self):
        return f"{self.employer} {self.start_date:%d.%m.%Y}"


class VolunteerAgreement(VersionedModel, models.Model):
    """A volunteering agreement (porozumienie wolontariackie)."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="volunteer_agreements"
    )
    organisation = models.ForeignKey(
        "projects.Partner",
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

    objects = PersonalRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("volunteer agreement")
        verbose_name_plural = _("volunteer agreements")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="volunteering_dates_order")
        ]

    def __str__(self):
        return f"{self.participant} {self.start_date:%d.%m.%Y}"


# Referrals to specialists, their weekly slots and appointments live in a module of their own.
from activities.referrals.models import Appointment, Referral, SpecialistSlot  # noqa: E402,F401
