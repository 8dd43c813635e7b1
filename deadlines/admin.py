from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarOverride, Deadline, DeadlineNotice, DeadlinePause, SlaPolicy


@admin.register(SlaPolicy)
class SlaPolicyAdmin(SimpleHistoryAdmin):
    list_display = ["step", "severity", "amount", "clock", "red_at_percent", "escalation_interval", "active", "version"]
    list_filter = ["step", "clock", "active"]
    list_editable = ["active"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"


class DeadlinePauseInline(admin.TabularInline):
    model = DeadlinePause
    extra = 0
    can_delete = False
    readonly_fields = ["amount", "reason", "by", "at", "due_before", "due_after"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class DeadlineNoticeInline(DeadlinePauseInline):
    model = DeadlineNotice
    readonly_fields = ["kind", "level", "recipient", "at"]


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    """Read-only: deadlines change only through the lifecycle and the sweep."""

    list_display = ["complaint", "step", "due_at", "met_at", "warned_at", "breached_at", "escalation_level"]
    list_filter = ["step", "escalation_level"]
    list_select_related = ["complaint"]
    raw_id_fields = ["complaint"]
    inlines = [DeadlinePauseInline, DeadlineNoticeInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
