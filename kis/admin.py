from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from kis.models import AuditEvent, Location, UserPreference


class UserPreferenceInline(admin.StackedInline):
    model = UserPreference
    can_delete = False


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class KisUserAdmin(UserAdmin):
    """Django's user admin, with the user's own choice of language."""

    inlines = [UserPreferenceInline]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "street", "town", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "town"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is append-only: it can be read and searched, never changed."""

    list_display = ["timestamp", "username", "action", "object_type", "object_repr", "ip_address"]
    list_filter = ["action", "object_type"]
    search_fields = ["username", "object_repr", "object_id"]
    date_hierarchy = "timestamp"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
