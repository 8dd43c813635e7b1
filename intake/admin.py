"""Admin for supervisors: complaints are only read here (the classifier's versions are in ``admin_classifier``).

Every change of a complaint goes through the services and the state machine, so the complaint
admin offers no edit form and no bulk action; its history comes from simple-history.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.privacy import can_see_personal_data, mask_phone, personal_data_access_log

from .choices import Demand
from .models import (
    Attachment,
    Complaint,
    ComplaintEvent,
    ContactAttempt,
    Emergency,
    ManagementDecision,
    ManagementReport,
    State,
)
from .models.lifecycle import TRANSITION_LABELS

PERSONAL_FIELDS = {"complainant_name", "phone", "landline", "email", "address"}


class ReadOnlyAdminMixin:
    """Whoever may read complaints may read their files' metadata and timeline here; nobody writes."""

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("intake.view_complaint")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AttachmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Attachment
    fields = ["original_name", "kind", "content_type", "size", "sha256", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    show_change_link = False


class EventLabelsMixin:
    """Transitions and states by their names, never their codes."""

    @admin.display(description=_("transition"))
    def transition_label(self, event: ComplaintEvent) -> str:
        return str(TRANSITION_LABELS.get(event.transition, event.transition)) if event.transition else "—"

    @admin.display(description=_("from"))
    def from_label(self, event: ComplaintEvent) -> str:
        return str(dict(State.choices).get(event.from_state, event.from_state)) or "—"

    @admin.display(description=_("to"))
    def to_label(self, event: ComplaintEvent) -> str:
        return str(dict(State.choices).get(event.to_state, event.to_state)) or "—"


class ComplaintEventInline(EventLabelsMixin, ReadOnlyAdminMixin, admin.TabularInline):
    model = ComplaintEvent
    fields = ["at", "kind", "actor", "transition_label", "from_label", "to_label", "note", "public"]
    readonly_fields = fields
    extra = 0


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["tracking_number", "received_at", "channel", "category", "severity", "urgent", "state"]
    list_filter = ["state", "channel", "category", "severity", "urgent"]
    search_fields = ["tracking_number", "order_number"]
    date_hierarchy = "received_at"
    list_select_related = ["assigned_to", "assigned_team"]
    inlines = [AttachmentInline, ComplaintEventInline]
    actions = None
    show_full_result_count = False

    def get_list_display(self, request):
        phone = "phone" if can_see_personal_data(request.user) else "masked_phone"
        return [*self.list_display, phone]

    #: Lists stored as JSON are shown as words.
    LABELLED = {"demands": "demand_labels", "proposal_keywords": "keyword_list"}

    def get_fields(self, request, obj=None):
        fields = [self.LABELLED.get(field.name, field.name) for field in Complaint._meta.fields]
        if not can_see_personal_data(request.user):
            fields = [name for name in fields if name not in PERSONAL_FIELDS]
        return fields

    @admin.display(description=_("demands"))
    def demand_labels(self, obj: Complaint) -> str:
        return "、".join(str(dict(Demand.choices).get(value, value)) for value in obj.demands or []) or "—"

    @admin.display(description=_("keywords found"))
    def keyword_list(self, obj: Complaint) -> str:
        return "、".join(obj.proposal_keywords or []) or "—"

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description=_("mobile phone"))
    def masked_phone(self, obj: Complaint) -> str:
        return mask_phone(obj.phone)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        complaint = self.get_object(request, object_id)
        if complaint is not None and can_see_personal_data(request.user):
            personal_data_access_log(user=request.user, complaint=complaint, purpose="admin")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(ComplaintEvent)
class ComplaintEventAdmin(EventLabelsMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "complaint", "kind", "transition_label", "actor", "public"]
    exclude = ["transition", "from_state", "to_state"]
    readonly_fields = ["transition_label", "from_label", "to_label"]
    list_filter = ["kind", "public"]
    search_fields = ["complaint__tracking_number"]
    list_select_related = ["complaint", "actor"]
    raw_id_fields = ["complaint"]


@admin.register(Emergency)
class EmergencyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read here, written on the workbench: the acknowledgement and follow-up carry clocks."""

    list_display = ["complaint", "opened_at", "acknowledged_at", "acknowledged_by", "followed_up_at"]
    list_filter = [("acknowledged_at", admin.EmptyFieldListFilter), ("followed_up_at", admin.EmptyFieldListFilter)]
    search_fields = ["complaint__tracking_number"]
    list_select_related = ["complaint", "acknowledged_by"]
    raw_id_fields = ["complaint"]
    actions = None


@admin.register(ManagementReport)
class ManagementReportAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["complaint", "reported_at", "reported_by", "reported_to"]
    search_fields = ["complaint__tracking_number"]
    list_select_related = ["complaint", "reported_by"]
    raw_id_fields = ["complaint"]
    actions = None


@admin.register(ManagementDecision)
class ManagementDecisionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["complaint", "kind", "decided_at", "decided_by"]
    list_filter = ["kind"]
    search_fields = ["complaint__tracking_number"]
    list_select_related = ["complaint", "decided_by"]
    raw_id_fields = ["complaint"]
    actions = None


@admin.register(ContactAttempt)
class ContactAttemptAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["complaint", "attempted_at", "channel", "outcome", "recorded_by"]
    list_filter = ["channel", "outcome"]
    search_fields = ["complaint__tracking_number"]
    list_select_related = ["complaint", "recorded_by"]
    raw_id_fields = ["complaint"]
    actions = None


from . import classifier_admin  # noqa: E402,F401  (registers the classifier's admin)
