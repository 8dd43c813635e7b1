"""Admin for supervisors: group incidents and complainant flags, read here with their history;
written on the desk's pages through their services (the statement meets a clock, a flag needs a reason)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ComplainantFlag, Incident, IncidentCheck


class _ReadOnly:
    view_permission = ""

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm(self.view_permission)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class IncidentCheckInline(_ReadOnly, admin.TabularInline):
    model = IncidentCheck
    view_permission = "intake.view_incident"
    fields = ["item", "ticked_by", "ticked_at"]
    extra = 0


@admin.register(Incident)
class IncidentAdmin(_ReadOnly, SimpleHistoryAdmin):
    view_permission = "intake.view_incident"
    list_display = ["title", "kind", "lead", "opened_at", "statement_at"]
    list_filter = ["kind", ("statement_at", admin.EmptyFieldListFilter)]
    search_fields = ["title"]
    list_select_related = ["lead"]
    inlines = [IncidentCheckInline]
    actions = None


@admin.register(ComplainantFlag)
class ComplainantFlagAdmin(_ReadOnly, SimpleHistoryAdmin):
    view_permission = "intake.flag_complainant"
    list_display = ["complaint", "set_at", "set_by", "review_on", "reviewed_at", "lifted_at"]
    list_filter = [("lifted_at", admin.EmptyFieldListFilter), "review_on"]
    search_fields = ["complaint__tracking_number"]
    list_select_related = ["complaint", "set_by"]
    raw_id_fields = ["complaint"]
    actions = None
