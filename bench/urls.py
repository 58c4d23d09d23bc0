"""KIS's URLs plus ``/bench-admin/``: an admin site whose participant changelist shows what the
participant list shows (name, PESEL, birth date, town, status, worker, location, risk factors), 25
to a page, searched on the same fields. Participants are deliberately not in the production admin;
this site exists only so that the benchmark can compare the list with Django's own changelist."""

from django.contrib import admin
from django.urls import path

from kis.urls import urlpatterns as kis_urlpatterns
from participants.models import Participant


class BenchAdminSite(admin.AdminSite):
    site_header = site_title = "KIS benchmark"

    def has_permission(self, request):
        # The users of the participant list (coordinators, say) are not staff: let them in, so
        # that the two pages are asked for by the same user.
        return request.user.is_active and request.user.has_perm("participants.view_participant")


site = BenchAdminSite(name="bench_admin")


@admin.register(Participant, site=site)
class ParticipantChangelist(admin.ModelAdmin):
    list_display = [
        "last_name",
        "first_name",
        "pesel",
        "date_of_birth",
        "town",
        "status",
        "social_worker",
        "location",
        "risk_factor_names",
    ]
    list_select_related = ["social_worker", "location"]
    # The list's search: surname or first name containing the word, PESEL starting with it.
    search_fields = ["last_name", "first_name", "^pesel"]
    ordering = ["last_name", "first_name", "id"]
    list_per_page = 25

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("risk_factors")

    @admin.display(description="risk factors")
    def risk_factor_names(self, obj):
        return ", ".join(factor.name for factor in obj.risk_factors.all())


urlpatterns = [path("bench-admin/", site.urls), *kis_urlpatterns]
