"""The Django admin: where administrators manage users, roles, locations and reference data.

Administrators administer; they do not read case files. No model holding a person's data is
registered here or in any app's ``admin.py`` (those records are reached only through the site's
scoped, audited pages), and every ModelAdmin derives from ``AuditedModelAdmin``, so that each
addition, change and deletion made here is written to KIS's audit trail with who made it.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from kis.audit import log_event
from kis.collation import in_polish
from kis.locking import VersionedModel
from kis.models import AuditEvent, Location, UserPreference
from kis.roles import Role


class AuditedModelAdmin(admin.ModelAdmin):
    """The base of every ModelAdmin: Django's own admin log is kept, and each entry of it is also
    written to KIS's audit trail (the actor, the record, ``{"via": "admin", "changes": …}`` with
    Django's change message), which is the one trail managers and auditors read.

    A versioned record saved here moves its version on, so that a form loaded before on the site
    is refused rather than silently overwriting this change.

    The fields of a list's editable columns (``list_editable``) stand in table cells without a
    label of their own: each is named by its column and its row."""

    def get_changelist_form(self, request, **kwargs):
        form_class = super().get_changelist_form(request, **kwargs)

        class LabelledRowForm(form_class):
            def __init__(self, *args, **options):
                super().__init__(*args, **options)
                for field in self.fields.values():
                    field.widget.attrs.setdefault("aria-label", f"{field.label}: {self.instance}")

        return LabelledRowForm

    def save_model(self, request, obj, form, change):
        if change and isinstance(obj, VersionedModel):
            obj.version += 1
        super().save_model(request, obj, form, change)

    def _audit(self, request, action, obj, message=None):
        details = {"via": "admin"}
        if message is not None:
            details["changes"] = message
        log_event(request=request, action=action, obj=obj, details=details)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit(request, AuditEvent.Action.CREATE, obj, message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._audit(request, AuditEvent.Action.UPDATE, obj, message)
        return entry

    def log_deletions(self, request, queryset):
        # Called before the rows are deleted, while each still has its primary key; ``queryset``
        # is evaluated once (Django's delete action has already taken its length).
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            self._audit(request, AuditEvent.Action.DELETE, obj)
        return entries


def with_permissions_named(obj, field: str):
    """``obj`` with its permissions (``field``) loaded with their apps, for the read-only list of
    them that names each by its app (one query, not one per permission)."""
    if obj is not None:
        permissions = Permission.objects.select_related("content_type")
        prefetch_related_objects([obj], Prefetch(field, queryset=permissions))
    return obj


# Django names the permissions of every model in English when it creates them ("Can add …").
DEFAULT_ACTIONS = {
    "add": _("may add: %(model)s"),
    "change": _("may change: %(model)s"),
    "delete": _("may delete: %(model)s"),
    "view": _("may view: %(model)s"),
}


def permission_label(permission: Permission) -> str:
    """``app | model | what it allows``, in the user's language (the permission's stored name is
    Django's English, or the English msgid of an app's own permission)."""
    content_type = permission.content_type
    model = content_type.model_class()
    model_name = str(model._meta.verbose_name) if model else content_type.model
    action, _sep, rest = permission.codename.partition("_")
    if action in DEFAULT_ACTIONS and model is not None and rest == model._meta.model_name:
        name = DEFAULT_ACTIONS[action] % {"model": model_name}
    else:
        name = gettext(permission.name)
    app = model._meta.app_config.verbose_name if model else content_type.app_label
    return f"{app} | {model_name} | {name}"


class PermissionNamesMixin:
    """The permissions field named in the user's language: a list to read for an administrator, and
    a list to choose from, each permission labelled so, for a superuser."""

    permissions_field = "permissions"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == self.permissions_field and formfield is not None:
            formfield.label_from_instance = permission_label
        return formfield

    def get_readonly_fields(self, request, obj=None):
        # A list to read, not a form field (shown where the field itself is read-only to the user).
        return [*super().get_readonly_fields(request, obj), "permission_names"]

    def _named(self, request, names):
        if request.user.is_superuser:
            return names
        shown = ["permission_names" if name == self.permissions_field else name for name in names]
        return list(dict.fromkeys(shown))

    @admin.display(description=_("permissions"))
    def permission_names(self, obj):
        permissions = getattr(obj, self.permissions_field).all() if obj is not None and obj.pk else []
        labels = sorted(permission_label(permission) for permission in permissions)
        return format_html_join("", "<div>{}</div>", ((label,) for label in labels)) or "—"


def audited(model) -> None:
    """Register again, through the audited base, a model that Django or a library registered."""
    if not admin.site.is_registered(model):
        return
    current = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(model, type(f"Audited{current.__name__}", (AuditedModelAdmin, current), {}))


class UserPreferenceInline(admin.StackedInline):
    model = UserPreference
    can_delete = False


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class KisUserAdmin(PermissionNamesMixin, AuditedModelAdmin, UserAdmin):
    """Django's user admin, with the user's own choice of language.

    An administrator who is not a superuser manages accounts and their roles (groups) but cannot
    raise anyone, themselves included, above a role: superuser status and individual permissions
    are read-only to them, and a superuser's account is not theirs to change (a new password
    would let them sign in as it)."""

    inlines = [UserPreferenceInline]
    permissions_field = "user_permissions"

    def get_fieldsets(self, request, obj=None):
        return [
            (title, {**options, "fields": self._named(request, options["fields"])})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def get_object(self, request, object_id, from_field=None):
        return with_permissions_named(super().get_object(request, object_id, from_field), "user_permissions")

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


admin.site.unregister(Group)


@admin.register(Group)
class KisGroupAdmin(PermissionNamesMixin, AuditedModelAdmin, GroupAdmin):
    """Roles are Django groups. What a role may do is set by the apps' migrations: to anyone but a
    superuser a group's permissions are read-only (an administrator could otherwise give their
    own role the case files), and so are the names of the four roles, which the code looks for."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly.append("permissions")
            if obj is not None and obj.name in Role.values:
                readonly.append("name")
        return readonly

    def get_fields(self, request, obj=None):
        return self._named(request, super().get_fields(request, obj))

    def get_object(self, request, object_id, from_field=None):
        return with_permissions_named(super().get_object(request, object_id, from_field), "permissions")


# The task queue is the worker's (kis.background): its rows only name the document to make, and
# nobody runs, edits or deletes them by hand.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)

# What Django and the libraries installed before KIS registered — sign-in attempts (deleting one
# unlocks an account), second-factor devices — goes through the audited base too.
for _model, _model_admin in list(admin.site._registry.items()):
    if not isinstance(_model_admin, AuditedModelAdmin):
        audited(_model)


@admin.register(Location)
class LocationAdmin(AuditedModelAdmin):
    list_display = ["name", "street", "town", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "town"]
    filter_horizontal = ["coordinators"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "coordinators":
            # A location's coordinators see the people of that location: only coordinators are offered.
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(groups__name=Role.COORDINATOR)
                .order_by(*in_polish("last_name", "first_name"))
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ObjectTypeFilter(admin.AllValuesFieldListFilter):
    """The object types found in the trail; the events about no record (signing in, say) have an
    empty one, offered as "(no record)" rather than as a link with no text."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == "":
                choice["display"] = _("(no record)")
            yield choice


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedModelAdmin):
    """The audit trail is append-only: it can be read and searched, never changed."""

    list_display = ["timestamp", "username", "action", "object_type", "object_repr", "ip_address"]
    list_filter = ["action", ("object_type", ObjectTypeFilter)]
    search_fields = ["username", "object_repr", "object_id"]
    date_hierarchy = "timestamp"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
