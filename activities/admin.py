"""The programme's reference data in the Django admin: the catalogue of services (with which of them
are a specialist's, and which are given by referral only) and the specialists' weekly hours.

People's records (referrals, appointments, support) are changed only on the site's pages, through
their services, never here."""

from django.contrib import admin

from activities.models import ServiceType, SpecialistSlot
from kis.audit import log_event
from kis.models import AuditEvent


class AuditedVersionedAdmin(admin.ModelAdmin):
    """A change saved here moves the record's version on (so a form loaded before it on the site
    is refused, not overwritten) and is written to the audit trail like any other."""

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
        log_event(
            request=request,
            action=AuditEvent.Action.UPDATE if change else AuditEvent.Action.CREATE,
            obj=obj,
            details={"fields": sorted(form.changed_data), "admin": True},
        )


@admin.register(ServiceType)
class ServiceTypeAdmin(AuditedVersionedAdmin):
    list_display = ["name", "track", "mode", "support_kind", "by_referral_only", "is_active"]
    list_editable = ["by_referral_only"]
    list_filter = ["track", "mode", "by_referral_only", "is_active"]
    search_fields = ["name"]


@admin.register(SpecialistSlot)
class SpecialistSlotAdmin(AuditedVersionedAdmin):
    list_display = ["specialist", "service", "weekday", "start_time", "end_time", "capacity", "is_active"]
    list_filter = ["service", "weekday", "is_active"]
    search_fields = ["specialist"]
