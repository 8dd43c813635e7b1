from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    MonthlySnapshot,
    QuarterlyReview,
    Reconciliation,
    ReviewFinding,
    SupervisionCallback,
    TypicalCase,
    WarningBulletinEntry,
)


@admin.register(TypicalCase)
class TypicalCaseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "month", "published", "created_by"]
    list_filter = ["published", "month"]
    fields = ["month", "title", "summary", "published"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(MonthlySnapshot)
class MonthlySnapshotAdmin(admin.ModelAdmin):
    list_display = ["month", "scope", "computed_at", "computed_by"]
    readonly_fields = ["month", "scope", "figures", "computed_at", "computed_by"]

    def has_add_permission(self, request):
        return False


@admin.register(SupervisionCallback)
class SupervisionCallbackAdmin(SimpleHistoryAdmin):
    list_display = ["complaint", "month", "result", "called_by", "called_at"]
    list_filter = ["result", "month"]
    readonly_fields = ["complaint", "month", "result", "note", "called_by", "called_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Reconciliation)
class ReconciliationAdmin(SimpleHistoryAdmin):
    """Read only: a reconciliation is kept as it was found; a new run is made on the reports page."""

    list_display = ["half_year", "run_at", "run_by", "finance_file_name"]
    list_filter = ["half_year"]
    readonly_fields = ["half_year", "finance_file_name", "finance_file_sha256", "result", "note", "run_by", "run_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WarningBulletinEntry)
class WarningBulletinEntryAdmin(SimpleHistoryAdmin):
    """Supervisors write the internal warning bulletin here; staff read it on the reports' bulletin page."""

    list_display = ["title", "month", "complaint", "written_by"]
    list_filter = ["month"]
    list_select_related = ["complaint", "written_by"]
    raw_id_fields = ["complaint"]
    fields = ["month", "title", "complaint", "what_happened", "lesson"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.written_by = request.user
        super().save_model(request, obj, form, change)


class ReviewFindingInline(admin.TabularInline):
    model = ReviewFinding
    fields = ["complaint", "result", "note", "recorded_by", "recorded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(QuarterlyReview)
class QuarterlyReviewAdmin(SimpleHistoryAdmin):
    """Read only: a review is started and its findings recorded on the reports' review page, so the
    sample is drawn by the service and never chosen by hand."""

    list_display = ["quarter", "legal_reviewer", "quality_reviewer", "customer_representative", "sample_size"]
    readonly_fields = [
        "quarter",
        "legal_reviewer",
        "quality_reviewer",
        "customer_representative",
        "sample_size",
        "started_by",
        "started_at",
    ]
    inlines = [ReviewFindingInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
