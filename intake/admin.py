"""Admin for supervisors (the classifier's versions are in ``classifier_admin``).

Every change of a complaint goes through the services and the state machine, so the complaint
admin has no edit form: its change page offers the state changes open to the supervisor as the
workbench's own action forms (posted to the same views, so the same services and permission
checks), the list a bulk reassignment through ``complaint_assign``, and the history the field
changes from simple-history. Archived complaints offer nothing.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.models import StaffTeam
from core.privacy import can_see_personal_data, mask_phone, personal_data_access_log

from .access import complaints_visible_to
from .choices import Demand
from .locking import ComplaintChanged
from .models import (
    Attachment,
    Complaint,
    ComplaintEvent,
    ContactAttempt,
    Emergency,
    ManagementDecision,
    ManagementReport,
    PrivacyRequest,
    State,
    Transfer,
    TransferPause,
)
from .models.lifecycle import TRANSITION_LABELS
from .services.assignment import ASSIGN_PERMISSION, assignees, complaint_assign

PERSONAL_FIELDS = {"complainant_name", "phone", "landline", "email", "address"}
#: Derived for the search only (it holds the names cut into words): never shown.
HIDDEN_FIELDS = {"search_document"}


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


class ReassignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(label=_("Handler"), queryset=None, required=False)
    assigned_team = forms.ModelChoiceField(label=_("Team"), queryset=StaffTeam.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = assignees()

    def clean(self):
        data = super().clean()
        if not data.get("assigned_to") and not data.get("assigned_team"):
            raise forms.ValidationError(_("Choose a handler or a team."))
        return data


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "tracking_number",
        "received_at",
        "channel",
        "category",
        "severity",
        "urgent",
        "state",
        "assigned_to",
        "assigned_team",
    ]
    list_filter = ["state", "channel", "category", "severity", "urgent"]
    search_fields = ["tracking_number", "order_number"]
    date_hierarchy = "received_at"
    list_select_related = ["assigned_to", "assigned_team"]
    inlines = [AttachmentInline, ComplaintEventInline]
    actions = ["reassign"]
    show_full_result_count = False
    change_form_template = "admin/intake/complaint/change_form.html"

    def get_queryset(self, request):
        return complaints_visible_to(request.user, super().get_queryset(request))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(ASSIGN_PERMISSION):
            actions.pop("reassign", None)
        return actions

    @admin.action(description=_("Reassign the selected complaints"))
    def reassign(self, request, queryset):
        """An intermediate page asks for the handler and team; each complaint then goes through
        the service on its own, so one archived complaint does not stop the others."""
        if not request.user.has_perm(ASSIGN_PERMISSION):
            raise PermissionDenied
        form = ReassignForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": _("Reassign the selected complaints"),
                "opts": self.model._meta,
                "form": form,
                "complaints": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/intake/complaint/reassign.html", context)
        done, refused = 0, []
        for complaint in queryset:
            try:
                complaint_assign(complaint_id=complaint.pk, actor=request.user, **form.cleaned_data)
            except (ComplaintChanged, ValidationError) as error:
                message = error.message if isinstance(error, ComplaintChanged) else " ".join(error.messages)
                refused.append(f"{complaint.tracking_number}: {message}")
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d complaint reassigned.", "%(count)d complaints reassigned.", done) % {"count": done},
                messages.SUCCESS,
            )
        for line in refused:
            self.message_user(request, line, messages.ERROR)
        return None

    def get_list_display(self, request):
        phone = "phone" if can_see_personal_data(request.user) else "masked_phone"
        return [*self.list_display, phone]

    #: Lists stored as JSON are shown as words.
    LABELLED = {"demands": "demand_labels", "proposal_keywords": "keyword_list"}

    def get_fields(self, request, obj=None):
        fields = [
            self.LABELLED.get(field.name, field.name)
            for field in Complaint._meta.fields
            if field.name not in HIDDEN_FIELDS
        ]
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
        from .views.workbench import workbench_actions

        complaint = self.get_object(request, object_id)
        if complaint is not None and can_see_personal_data(request.user):
            personal_data_access_log(user=request.user, complaint=complaint, purpose="admin")
        if complaint is not None:
            extra_context = {
                **(extra_context or {}),
                "transition_actions": workbench_actions(request, complaint),
                "archived": complaint.state == State.ARCHIVED,
                "may_decide": complaint.state == State.SUBMITTED and request.user.has_perm("intake.accept_complaint"),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        complaint = self.get_object(request, object_id)
        if complaint is not None and can_see_personal_data(request.user):
            personal_data_access_log(user=request.user, complaint=complaint, purpose="admin history")
        return super().history_view(request, object_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Field changes between versions; personal data only for those who may see it."""
        excluded = ["version"]
        if not can_see_personal_data(request.user):
            excluded += sorted(PERSONAL_FIELDS)
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=excluded, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


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


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Answered on the complaint's workbench; here to read and to follow their history."""

    list_display = ["complaint", "kind", "channel", "received_at", "due_at", "status", "decided_by"]
    list_filter = ["status", "kind", "channel"]
    search_fields = ["complaint__tracking_number"]
    list_select_related = ["complaint", "decided_by"]
    raw_id_fields = ["complaint"]
    actions = None


class TransferPauseInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TransferPause
    fields = readonly_fields = ["kind", "started_on", "ended_on", "recorded_by", "recorded_at"]
    extra = 0


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read here, written on the workbench: the pauses and the outcome move and meet the body's clock."""

    list_display = ["complaint", "received_on", "accepted_on", "outcome_at", "mediation_end", "outcome_by"]
    list_filter = [("outcome_at", admin.EmptyFieldListFilter), "mediation_end"]
    search_fields = ["complaint__tracking_number", "complaint__transfer_case_number"]
    list_select_related = ["complaint", "outcome_by"]
    raw_id_fields = ["complaint"]
    inlines = [TransferPauseInline]
    actions = None


# Registers the classifier's admin, automatic assignment and saved views.
from . import classifier_admin, desk_admin, supervision_admin  # noqa: E402,F401
