"""Socially useful work in the Django admin: for looking records up; changes go through the pages,
whose services check who may be placed and the limits of hours."""

from django.contrib import admin

from usefulwork.models import Placement, WorkDay


class WorkDayInline(admin.TabularInline):
    model = WorkDay
    extra = 0
    fields = ["date", "hours", "recorded_by", "recorded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["participant", "organisation", "referral_number", "start_date", "end_date", "project"]
    list_filter = ["organisation", "project"]
    search_fields = ["participant__last_name", "participant__first_name", "referral_number"]
    date_hierarchy = "start_date"
    list_select_related = ["participant", "organisation", "project"]
    inlines = [WorkDayInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
