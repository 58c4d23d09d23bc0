from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from participation.models import Declaration, ExitSituation, ParticipationEvent, ProjectParticipation


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


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    """Signed declarations, to look up: they are recorded from the participation page (the service
    checks the date, the signature and the scan and writes the audit entry), never here, and what
    was signed is not edited."""

    list_display = ["participant", "project", "kind", "signed_on", "signed_how", "recorded_by", "recorded_at"]
    list_filter = ["kind", "project"]
    search_fields = ["participant__last_name", "participant__pesel", "project__code"]
    list_select_related = ["participant", "project", "recorded_by"]
    # The scan is named, not linked: it is served only by the participation's page, which checks who asks.
    fields = ["project", "participant", "kind", "signed_on", "signature_image", "scan_kept", "sha256", "recorded_by"]
    readonly_fields = fields

    @admin.display(description=_("signed"))
    def signed_how(self, declaration):
        return _("on screen") if declaration.signature else _("on paper")

    @admin.display(description=_("signature drawn on screen"))
    def signature_image(self, declaration):
        if not declaration.signature:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height: 80px">', declaration.signature)

    @admin.display(description=_("scan of the signed paper"))
    def scan_kept(self, declaration):
        return declaration.scan.name or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
