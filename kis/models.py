"""The club's core: its sites (locations), the audit trail, each user's preferences and the documents
made in the background."""

import uuid

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kis.storage import private_storage


class PermissionScopedQuerySet(models.QuerySet):
    """``visible_to(user)`` and ``editable_by(user)`` for models whose rows every holder of the
    permission may reach (the catalogue, activities and their sessions, projects): all of them with
    the permission, none without. Models scoped more narrowly define their own methods."""

    view_permission = ""
    change_permission = ""

    def visible_to(self, user):
        return self if user.has_perm(self.view_permission) else self.none()

    def editable_by(self, user):
        return self if user.has_perm(self.change_permission) else self.none()


class AddressMixin:
    """``address`` in one line ("ul. Kopernika 22, 84-200 Wejherowo") of a model with ``street``
    (with the number), ``postal_code`` and ``town``; the parts left empty are left out."""

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.postal_code} {self.town}".strip()) if part)


class Location(AddressMixin, models.Model):
    """A site of the club (placówka); a centre may run several."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        blank=True,
        related_name="coordinated_locations",
        help_text=_("Coordinators who see and manage the people of this location."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name


class UserPreference(models.Model):
    """What a user chose for themselves: the language of the interface (Polish unless changed), the
    contrast version and the size of the text (kis.preferences)."""

    class Contrast(models.TextChoices):
        # Nothing chosen: the high-contrast version follows the device's "more contrast" setting.
        DEVICE = "device", _("as the device asks")
        STANDARD = "standard", _("standard colours")
        HIGH = "high", _("contrast version")

    class TextSize(models.TextChoices):
        STANDARD = "standard", _("standard text")
        LARGE = "large", _("larger text")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="preference",
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    contrast = models.CharField(_("contrast"), max_length=10, choices=Contrast.choices, default=Contrast.DEVICE)
    text_size = models.CharField(_("text size"), max_length=10, choices=TextSize.choices, default=TextSize.STANDARD)

    class Meta:
        verbose_name = _("user preferences")
        verbose_name_plural = _("user preferences")

    def __str__(self):
        return str(self.user)


class AuditEvent(models.Model):
    """One entry of the audit trail: who did what to which record, when and from where."""

    class Action(models.TextChoices):
        VIEW = "view", _("view")
        CREATE = "create", _("create")
        UPDATE = "update", _("update")
        DELETE = "delete", _("delete")
        SIGN = "sign", _("sign")
        EXPORT = "export", _("export")
        PRINT = "print", _("print")
        LOGIN = "login", _("login")
        LOGOUT = "logout", _("logout")
        LOGIN_FAILED = "login_failed", _("failed login")

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_repr}"

    @property
    def object_kind(self) -> str:
        """What the record is, in words ("participant", "social contract"), not ``app.model``: the
        model's own name, or the stored type of a model KIS no longer has."""
        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.object_type


class SubmittedForm(models.Model):
    """A create form that was sent and created a record: its one-off token, so that the same form
    sent again (a double click, a resent page) creates nothing and leads to that record."""

    token = models.CharField(_("token"), max_length=64)
    # A token is someone's own: another user's form carrying it neither finds nor blocks this one.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object ID"), max_length=64)
    url = models.CharField(_("address"), max_length=500)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="submitted_form_once")]

    def __str__(self):
        return f"{self.user} {self.object_type} {self.object_id}"


def generated_upload_to(instance, filename):
    return f"generated/{instance.created_at:%Y/%m}/{instance.pk}/{filename}"


class GeneratedDocument(models.Model):
    """A document made by the task worker (a large report PDF, a sheet, a bulk print): what was
    asked for (``kind`` and ``params``), its state, and the file once made.

    ``cache_key`` names the document and the data it was made from (kis.background.cache_key): the
    same document asked for again while the data is unchanged is this one, not a new one. Who may
    download it is who asked for it (``readers``), each after the page that offers it checked
    their permission."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict)
    title = models.CharField(_("title"), max_length=300)
    cache_key = models.CharField(_("cache key"), max_length=64, db_index=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    readers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("readers"), related_name="+")
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.FileField(_("file"), storage=private_storage, upload_to=generated_upload_to, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    attachment = models.BooleanField(default=False)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    # What a download of it is written to the audit trail as (kis.audit.log_event).
    audit_action = models.CharField(max_length=20)
    audit_object_type = models.CharField(max_length=100, blank=True)
    audit_object_id = models.CharField(max_length=64, blank=True)
    audit_object_repr = models.CharField(max_length=200, blank=True)
    audit_details = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")

    def __str__(self):
        return f"{self.title} ({self.get_state_display()})"

    @property
    def done(self) -> bool:
        return self.state in (self.State.READY, self.State.FAILED)


class FiguresVersion(models.Model):
    """A number of each project that moves on with every write to the large tables its report
    counts (participations and their people, enrolments, sessions, attendance marks), so that a
    report opened again reads this one row instead of aggregating tens of thousands. Kept by
    kis.figures; keyed by the project's id (no foreign key: kis is below projects)."""

    project = models.PositiveBigIntegerField(primary_key=True)
    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("figures version")
        verbose_name_plural = _("figures versions")

    def __str__(self):
        return f"{self.project}: {self.number}"
