"""Read-mostly admin: evidence is append-only, so admin can look but never add, change or delete it."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import EvidenceItem, ExtensionRequest, Investigation, InvestigationReport, SiteVisit, Statement


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Writes go through the services (chain, locking, signals); admin only reads."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Investigation)
class InvestigationAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "round", "lead", "opened_at"]
    list_select_related = ["complaint", "lead"]
    search_fields = ["complaint__tracking_number"]


@admin.register(EvidenceItem)
class EvidenceItemAdmin(admin.ModelAdmin):
    list_display = ["complaint", "sequence", "kind", "provided_by", "added_by", "added_at"]
    list_filter = ["kind", "provided_by"]
    list_select_related = ["complaint", "added_by"]
    search_fields = ["complaint__tracking_number"]
    exclude = ["file"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ["investigation", "party", "person_name", "taken_by", "taken_at"]
    list_select_related = ["investigation__complaint", "taken_by"]


@admin.register(SiteVisit)
class SiteVisitAdmin(ReadOnlyAdmin):
    list_display = ["investigation", "visited_at", "place", "recorded_by"]
    list_select_related = ["investigation__complaint", "recorded_by"]


@admin.register(InvestigationReport)
class InvestigationReportAdmin(ReadOnlyAdmin):
    list_display = ["investigation", "responsibility", "fault_degree", "submitted_by", "submitted_at"]
    list_filter = ["responsibility", "fault_degree"]
    list_select_related = ["investigation__complaint", "submitted_by"]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnlyAdmin):
    list_display = ["investigation", "hours", "status", "requested_by", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["investigation__complaint", "requested_by", "decided_by"]
