"""The list of programmes in the Django admin. Links to programmes are not there: they are added,
ended and corrected on their pages, through the audited services, and a Niebieska Karta link is not
for administrators to see."""

from django.contrib import admin

from kis.admin import AuditedModelAdmin
from programmes.models import Programme


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "location", "is_active"]
    list_filter = ["kind", "is_active", "location"]
    search_fields = ["name"]
    # A programme's page is its coordinators' and social workers': "View on site" would lead the
    # administrator to a refusal.
    view_on_site = False

    def get_readonly_fields(self, request, obj=None):
        # A Niebieska Karta programme turned into another kind would show its links to everyone.
        return ["kind"] if obj is not None and obj.links.exists() else []
