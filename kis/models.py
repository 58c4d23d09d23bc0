"""The club's core: its sites (locations), the audit trail and each user's preferences."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    """What a user chose for themselves: the language of the interface (Polish unless changed)."""

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
