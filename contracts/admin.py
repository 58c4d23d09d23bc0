"""Admin for contracts: a signed contract, its parties, tasks and signed amendments are read-only
here as everywhere (the model refuses the change too)."""

from django.contrib import admin

from contracts.models import (
    ContractAmendment,
    ContractFamilyMember,
    ContractReview,
    ContractStatus,
    ContractTask,
    SocialContract,
)


class FrozenWhenSignedMixin:
    def _frozen(self, obj):
        return obj is not None and getattr(obj, "status", ContractStatus.DRAFT) != ContractStatus.DRAFT

    def get_readonly_fields(self, request, obj=None):
        if self._frozen(obj):
            opts = self.model._meta
            fields = [*opts.fields, *opts.many_to_many]  # an amendment's withdrawn tasks are signed too
            return [f.name for f in fields if f.name not in self.editable_after_signing]
        return super().get_readonly_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        # Nothing may change after signing (an amendment): the admin shows it read-only, no Save.
        if self._frozen(obj) and not self.editable_after_signing:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class FamilyInline(admin.TabularInline):
    model = ContractFamilyMember
    extra = 0

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.is_draft) and super().has_change_permission(request, obj)

    has_add_permission = has_delete_permission = has_change_permission


class TaskInline(admin.TabularInline):
    model = ContractTask
    extra = 0
    fields = ["responsible", "institution", "description", "deadline", "status", "amendment"]
    readonly_fields = ["amendment"]

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.is_draft) and super().has_change_permission(request, obj)

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(SocialContract)
class SocialContractAdmin(FrozenWhenSignedMixin, admin.ModelAdmin):
    editable_after_signing = {"next_review_on"}
    list_display = ["number", "participant", "kind", "status", "period_start", "period_end", "social_worker"]
    list_filter = ["status", "kind"]
    search_fields = ["number", "participant__last_name", "participant__pesel"]
    list_select_related = ["participant", "social_worker"]
    raw_id_fields = ["participant", "social_worker"]
    readonly_fields = ["number", "snapshot_sha256", "signed_at", "version"]
    inlines = [FamilyInline, TaskInline]


@admin.register(ContractAmendment)
class ContractAmendmentAdmin(FrozenWhenSignedMixin, admin.ModelAdmin):
    editable_after_signing = set()
    list_display = ["contract", "number", "status", "signed_on"]
    list_filter = ["status"]
    list_select_related = ["contract__participant"]
    raw_id_fields = ["contract", "cancelled_tasks"]


@admin.register(ContractReview)
class ContractReviewAdmin(admin.ModelAdmin):
    list_display = ["contract", "reviewed_on", "next_review_on", "reviewed_by"]
    list_select_related = ["contract__participant", "reviewed_by"]
    raw_id_fields = ["contract", "reviewed_by"]


@admin.register(ContractTask)
class ContractTaskAdmin(admin.ModelAdmin):
    list_display = ["description", "contract", "responsible", "deadline", "status"]
    list_filter = ["status", "responsible"]
    list_select_related = ["contract__participant"]
    raw_id_fields = ["contract", "amendment"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.belongs_to_signed_text():
            return ["contract", "amendment", "responsible", "institution", "description", "deadline"]
        return []

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and obj.belongs_to_signed_text()) and super().has_delete_permission(request, obj)
