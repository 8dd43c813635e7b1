"""Read-mostly admin: evidence is append-only, so admin can look but never add, change or delete it."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.singleton import SingletonAdmin

from .models import (
    Department,
    DepartmentReferral,
    EvidenceItem,
    ExtensionRequest,
    ExternalTeamMember,
    Investigation,
    InvestigationReport,
    InvestigationSettings,
    JointHandlingGroup,
    SiteVisit,
    Statement,
)
from .privacy import external_member_phone


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
    list_display = ["investigation", "working_days", "hours", "status", "requested_by", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["investigation__complaint", "requested_by", "decided_by"]


@admin.register(ExternalTeamMember)
class ExternalTeamMemberAdmin(ReadOnlyAdmin):
    """Added and removed on the workbench by the lead or a supervisor; the phone stays masked here."""

    list_display = ["investigation", "name", "role", "masked_phone", "added_by", "added_at"]
    list_filter = ["role"]
    list_select_related = ["investigation__complaint", "added_by"]
    exclude = ["phone"]
    readonly_fields = ["masked_phone"]

    @admin.display(description=_("mobile phone"))
    def masked_phone(self, obj) -> str:
        return external_member_phone(obj)


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    """Departments, their head and members are kept here (seed 004: the departments that help)."""

    list_display = ["name", "kind", "head", "is_active"]
    list_filter = ["kind", "is_active"]
    filter_horizontal = ["members"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status=DepartmentReferral.Status.OPEN, due_on__lt=timezone.localdate())
        return queryset


@admin.register(DepartmentReferral)
class DepartmentReferralAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "department", "status", "due_on", "is_overdue", "referred_by", "responded_by"]
    list_filter = ["status", OverdueFilter, "department"]
    list_select_related = ["complaint", "department", "referred_by", "responded_by"]
    search_fields = ["complaint__tracking_number"]

    @admin.display(description=_("overdue"), boolean=True)
    def is_overdue(self, obj) -> bool:
        return obj.overdue


@admin.register(JointHandlingGroup)
class JointHandlingGroupAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "leader", "formed_by", "formed_at"]
    list_select_related = ["complaint", "leader", "formed_by"]


@admin.register(InvestigationSettings)
class InvestigationSettingsAdmin(SingletonAdmin):
    pass
