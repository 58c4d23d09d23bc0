from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from kis.forms import PartnerForm
from kis.models import (
    AuditEvent,
    Location,
    Partner,
    Project,
    ProjectCriterion,
    ProjectIndicator,
    ProjectPartner,
    UserPreference,
)


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


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    # The same form as on the site: NIP, REGON and postal code are checked and stored as digits.
    form = PartnerForm
    list_display = ["name", "kind", "nip", "regon", "town", "contact_person"]
    list_filter = ["kind"]
    search_fields = ["name", "nip", "regon", "town"]


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0
    autocomplete_fields = ["partner"]


class ProjectIndicatorInline(admin.TabularInline):
    model = ProjectIndicator
    extra = 0


class ProjectCriterionInline(admin.TabularInline):
    model = ProjectCriterion
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "funder", "start_date", "end_date", "status"]
    list_filter = ["status", "esf_layout", "legal_hold"]
    search_fields = ["code", "title", "funder"]
    date_hierarchy = "start_date"
    filter_horizontal = ["locations"]
    inlines = [ProjectPartnerInline, ProjectIndicatorInline, ProjectCriterionInline]
