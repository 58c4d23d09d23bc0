"""The programme's reference data in the Django admin: the catalogue of services (with which of them
are a specialist's, and which are given by referral only) and the specialists' weekly hours.

People's records (enrolments, attendance, individual support, internships, volunteering,
referrals, appointments) are not here: they are changed only on the site's pages, through their
services, by those whose caseload they are."""

from django.contrib import admin

from activities.models import ServiceType, SpecialistSlot
from kis.admin import AuditedModelAdmin


@admin.register(ServiceType)
class ServiceTypeAdmin(AuditedModelAdmin):
    list_display = ["name", "track", "mode", "support_kind", "by_referral_only", "is_active"]
    list_editable = ["by_referral_only"]
    list_filter = ["track", "mode", "by_referral_only", "is_active"]
    search_fields = ["name"]


@admin.register(SpecialistSlot)
class SpecialistSlotAdmin(AuditedModelAdmin):
    list_display = ["specialist", "service", "weekday", "start_time", "end_time", "capacity", "is_active"]
    list_filter = ["service", "weekday", "is_active"]
    search_fields = ["specialist"]
