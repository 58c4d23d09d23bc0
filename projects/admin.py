from django.contrib import admin

from projects.forms import PartnerForm
from projects.models import Partner, Project, ProjectCriterion, ProjectIndicator, ProjectPartner


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
