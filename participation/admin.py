from django.contrib import admin

from participation.models import ExitSituation, ParticipationEvent, ProjectParticipation


@admin.register(ExitSituation)
class ExitSituationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "counts_as_employment", "counts_as_social_progress", "order"]
    list_editable = ["order"]


class EventInline(admin.TabularInline):
    model = ParticipationEvent
    extra = 0
    readonly_fields = ["from_status", "to_status", "date", "by", "note", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProjectParticipation)
class ProjectParticipationAdmin(admin.ModelAdmin):
    list_display = ["participant", "project", "status", "applied_on", "start_date", "end_date"]
    list_filter = ["status", "project", "dropout_reason"]
    search_fields = ["participant__last_name", "participant__pesel", "project__code"]
    list_select_related = ["participant", "project"]
    raw_id_fields = ["participant", "project", "decided_by"]
    inlines = [EventInline]


@admin.register(ParticipationEvent)
class ParticipationEventAdmin(admin.ModelAdmin):
    list_display = ["participation", "from_status", "to_status", "date", "by"]
    list_select_related = ["participation__participant", "participation__project", "by"]
    raw_id_fields = ["participation", "by"]
