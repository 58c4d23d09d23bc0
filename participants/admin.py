"""The participants' reference data in the Django admin: the list of exclusion-risk factors.

People, their household members and stand-in workers are not here: a person's record is read and
changed only on the site's pages, scoped to those who may see it and audited."""

from django.contrib import admin

from kis.admin import AuditedModelAdmin
from participants.models import RiskFactor


@admin.register(RiskFactor)
class RiskFactorAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]
