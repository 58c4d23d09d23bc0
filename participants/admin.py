from django.contrib import admin

from participants.models import HouseholdMember, Participant, RiskFactor


@admin.register(RiskFactor)
class RiskFactorAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]


class HouseholdMemberInline(admin.TabularInline):
    model = HouseholdMember
    extra = 0


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "pesel", "town", "status", "social_worker", "location"]
    list_filter = ["status", "location", "sex", "risk_factors"]
    search_fields = ["last_name", "first_name", "pesel"]
    list_select_related = ["social_worker", "location"]
    autocomplete_fields = []
    filter_horizontal = ["risk_factors"]
    inlines = [HouseholdMemberInline]
    readonly_fields = ["version", "created_at", "updated_at", "created_by"]

    def get_exclude(self, request, obj=None):
        # Confidential notes stay hidden from administrators who may not read them.
        if request.user.has_perm("participants.view_confidential_notes"):
            return []
        return ["confidential_notes"]


@admin.register(HouseholdMember)
class HouseholdMemberAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "relationship", "needs_care", "participant"]
    list_filter = ["relationship", "needs_care"]
    search_fields = ["last_name", "participant__last_name"]
    list_select_related = ["participant"]
    raw_id_fields = ["participant"]
