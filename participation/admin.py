"""Participation's reference data in the Django admin: the situations on leaving a project, whose
list differs between funders' calls.

Participations, their events, eligibility evidence and signed declarations are not here: they are
recorded from the participation's pages, through the audited services, never in the admin."""

from django.contrib import admin

from kis.admin import AuditedModelAdmin
from participation.models import ExitSituation


@admin.register(ExitSituation)
class ExitSituationAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "counts_as_employment", "counts_as_social_progress", "order"]
    list_editable = ["order"]
