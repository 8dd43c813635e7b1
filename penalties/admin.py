"""Django admin for penalties. Every change of a status goes through the services, one object at a time."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from intake.choices import ServiceType

from .forms import CsvUploadForm
from .identity import identity_hash, identity_is_valid
from .models import (
    Appeal,
    BackgroundCheck,
    BlacklistEntry,
    ComplaintSubject,
    HandlerRecord,
    HistoryDisclosure,
    OfficialListing,
    OnboardingCheck,
    Penalty,
    PenaltyRule,
    PointsEntry,
    ProcessChange,
    RectificationPlan,
    ServiceOrder,
    Team,
    TrainingRecord,
    Worker,
    WorkerConsent,
)
from .services import imports
from .services.accountability import (
    process_change_record,
    process_change_verify,
    rectification_plan_create,
    rectification_plan_verify,
)
from .services.credit import worker_consent_record, worker_consent_withdraw
from .services.errors import WorkerBlacklisted
from .services.handlers import handler_record_create
from .services.penalties import penalty_approve, penalty_propose
from .services.workers import blacklist_refuse, order_upsert, worker_create


def _each_through(modeladmin, request, queryset, service, success: str) -> None:
    """Run a service per selected object so every change is checked and kept in history."""
    done = 0
    for obj in queryset:
        try:
            service(obj)
        except (ValidationError, PermissionDenied) as error:
            modeladmin.message_user(
                request, f"{obj}: {' '.join(getattr(error, 'messages', [str(error)]))}", messages.ERROR
            )
        else:
            done += 1
    if done:
        modeladmin.message_user(request, success % {"count": done}, messages.SUCCESS)


class CsvImportMixin:
    """An "Import CSV" page on the change list, running the same import as the command and the API."""

    importer = None
    csv_columns: tuple[str, ...] = ()
    change_list_template = "admin/penalties/change_list_import.html"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name=f"{opts.app_label}_{opts.model_name}_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CsvUploadForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            report = type(self).importer(content=form.cleaned_data["file"].read())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "report": report,
            "columns": self.csv_columns,
            "title": _("Import CSV"),
        }
        return TemplateResponse(request, "admin/penalties/import.html", context)


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "supervisor"]
    search_fields = ["name"]


class WorkerAdminForm(forms.ModelForm):
    identity_number = forms.CharField(
        label=_("identity number"),
        max_length=30,
        required=False,
        help_text=_("Only a keyed hash and the last four characters are kept."),
    )
    service_types = forms.MultipleChoiceField(
        label=_("service types"), choices=ServiceType.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Worker
        fields = ["name", "phone", "team", "service_types"]

    def clean_identity_number(self) -> str:
        number = self.cleaned_data["identity_number"]
        if self.instance.pk:
            return ""
        if not identity_is_valid(number):
            raise ValidationError(_("Enter a valid 18-character identity number."))
        blacklist_refuse(hashed=identity_hash(number))
        if Worker.objects.filter(identity_hash=identity_hash(number)).exists():
            raise ValidationError(_("A worker with this identity number already exists."))
        return number


@admin.register(Worker)
class WorkerAdmin(CsvImportMixin, SimpleHistoryAdmin):
    form = WorkerAdminForm
    importer = staticmethod(imports.workers_import)
    csv_columns = imports.WORKER_COLUMNS
    list_display = ["name", "identity_masked", "team", "status", "suspended_until"]
    list_filter = ["status", "team"]
    search_fields = ["name"]
    readonly_fields = ["identity_masked", "status", "suspended_until"]
    list_select_related = ["team"]

    def get_fields(self, request, obj=None):
        fields = ["name", "phone", "team", "service_types", "status", "suspended_until"]
        return ["identity_masked", *fields] if obj else ["identity_number", *fields]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            obj.save()
            return
        try:
            worker = worker_create(
                name=obj.name,
                identity_number=form.cleaned_data["identity_number"],
                phone=obj.phone,
                team=obj.team,
                service_types=obj.service_types,
            )
        except WorkerBlacklisted:  # listed between the form check and now
            raise PermissionDenied
        obj.pk = worker.pk
        obj.identity_hash, obj.identity_last_four = worker.identity_hash, worker.identity_last_four
        obj._state.adding = False


@admin.register(ServiceOrder)
class ServiceOrderAdmin(CsvImportMixin, SimpleHistoryAdmin):
    importer = staticmethod(imports.orders_import)
    csv_columns = imports.ORDER_COLUMNS
    list_display = ["order_number", "service_type", "worker", "team", "service_date", "amount"]
    list_filter = ["service_type", "team"]
    search_fields = ["order_number"]
    autocomplete_fields = ["worker", "team"]
    list_select_related = ["worker", "team"]

    def save_model(self, request, obj, form, change) -> None:
        order, _created = order_upsert(
            order_number=obj.order_number,
            service_type=obj.service_type,
            service_date=obj.service_date,
            amount=obj.amount,
            worker=obj.worker,
            team=obj.team,
            customer_phone=obj.customer_phone,
        )
        obj.pk = order.pk
        obj._state.adding = False


@admin.register(ComplaintSubject)
class ComplaintSubjectAdmin(SimpleHistoryAdmin):
    list_display = ["complaint", "order", "worker", "team", "matched_at"]
    readonly_fields = ["complaint", "order", "worker", "team", "matched_at"]
    list_select_related = ["complaint", "order", "worker", "team"]

    def has_add_permission(self, request) -> bool:
        return False


class _ReadOnly:
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BlacklistEntry)
class BlacklistEntryAdmin(_ReadOnly, SimpleHistoryAdmin):
    list_display = ["__str__", "reason_category", "penalty", "created_at"]
    list_filter = ["reason_category"]
    list_select_related = ["penalty__worker"]


@admin.register(OnboardingCheck)
class OnboardingCheckAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["checked_at", "checked_by"]
    list_select_related = ["checked_by"]


@admin.register(PointsEntry)
class PointsEntryAdmin(_ReadOnly, SimpleHistoryAdmin):
    list_display = ["worker", "year", "delta", "note", "created_at"]
    list_filter = ["year"]
    list_select_related = ["worker"]


@admin.register(PenaltyRule)
class PenaltyRuleAdmin(SimpleHistoryAdmin):
    list_display = ["category", "kind", "points", "fine_amount", "suspension_days"]


_PENALTY_FIELDS = [
    "worker",
    "complaint",
    "kind",
    "category",
    "reason",
    "points",
    "fine_amount",
    "suspension_days",
    "authority",
    "reported_on",
    "authority_reference",
]


@admin.register(Penalty)
class PenaltyAdmin(SimpleHistoryAdmin):
    list_display = ["worker", "kind", "points", "status", "proposed_at", "decided_by"]
    list_filter = ["status", "kind"]
    search_fields = ["worker__name"]
    autocomplete_fields = ["worker"]
    raw_id_fields = ["complaint"]
    list_select_related = ["worker", "decided_by"]
    actions = ["approve_selected"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return _PENALTY_FIELDS
        return [*_PENALTY_FIELDS, "status", "starts_on", "ends_on", "proposed_by", "decided_by", "decided_at"]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj) if obj else []

    def save_model(self, request, obj, form, change) -> None:
        if change:  # a penalty changes only through its decisions
            return
        penalty = penalty_propose(actor=request.user, **{name: getattr(obj, name) for name in _PENALTY_FIELDS})
        obj.pk = penalty.pk
        obj._state.adding = False

    def has_add_permission(self, request) -> bool:
        return request.user.has_perm("penalties.propose_penalty")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Approve the selected penalties"), permissions=["decide"])
    def approve_selected(self, request, queryset) -> None:
        _each_through(
            self,
            request,
            queryset,
            lambda penalty: penalty_approve(penalty=penalty, actor=request.user),
            gettext("%(count)s penalties approved."),
        )

    def has_decide_permission(self, request) -> bool:
        return request.user.has_perm("penalties.decide_penalty")


@admin.register(Appeal)
class AppealAdmin(_ReadOnly, SimpleHistoryAdmin):
    """Appeals are recorded and decided on the worker's page, where the second-supervisor rule is shown."""

    list_display = ["penalty", "submitted_at", "outcome", "decided_by", "decided_at"]
    list_filter = ["outcome"]
    list_select_related = ["penalty__worker", "decided_by"]


class _DeadlineForm(forms.ModelForm):
    """A plan or change is given a deadline that has not passed (checked here so the form shows it)."""

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline is None:
            raise ValidationError(_("Give the deadline."))
        if deadline < timezone.localdate():
            raise ValidationError(_("The deadline cannot be in the past."))
        return deadline


class RectificationPlanAdminForm(_DeadlineForm):
    class Meta:
        model = RectificationPlan
        fields = ["team", "complaint", "owner", "actions", "deadline"]


class ProcessChangeAdminForm(_DeadlineForm):
    class Meta:
        model = ProcessChange
        fields = ["complaint", "description", "owner", "deadline"]


@admin.register(RectificationPlan)
class RectificationPlanAdmin(SimpleHistoryAdmin):
    form = RectificationPlanAdminForm
    list_display = ["team", "owner", "deadline", "status", "verified_by"]
    list_filter = ["status", "team"]
    fields = ["team", "complaint", "owner", "actions", "deadline"]
    raw_id_fields = ["complaint"]
    actions = ["verify_selected"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.fields, "status", "verified_by", "verified_at", "verification_note"] if obj else []

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) or self.fields

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return
        plan = rectification_plan_create(
            team=obj.team,
            owner=obj.owner,
            actions=obj.actions,
            deadline=obj.deadline,
            actor=request.user,
            complaint=obj.complaint,
        )
        obj.pk = plan.pk
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Mark the selected plans verified"), permissions=["verify"])
    def verify_selected(self, request, queryset) -> None:
        _each_through(
            self,
            request,
            queryset,
            lambda plan: rectification_plan_verify(
                plan=plan, actor=request.user, note=gettext("Verified in administration")
            ),
            gettext("%(count)s plans verified."),
        )

    def has_verify_permission(self, request) -> bool:
        return request.user.has_perm("penalties.verify_rectificationplan")


@admin.register(ProcessChange)
class ProcessChangeAdmin(SimpleHistoryAdmin):
    form = ProcessChangeAdminForm
    list_display = ["__str__", "owner", "deadline", "status", "recorded_by", "verified_by"]
    list_filter = ["status"]
    fields = ["complaint", "description", "owner", "deadline"]
    raw_id_fields = ["complaint"]
    actions = ["verify_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [*self.fields, "status", "recorded_by", "recorded_at", "verified_by", "verified_at", "verification_note"]

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) or self.fields

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return
        change_record = process_change_record(
            description=obj.description,
            owner=obj.owner,
            deadline=obj.deadline,
            actor=request.user,
            complaint=obj.complaint,
        )
        obj.pk = change_record.pk
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Mark the selected changes verified"), permissions=["verify"])
    def verify_selected(self, request, queryset) -> None:
        _each_through(
            self,
            request,
            queryset,
            lambda change: process_change_verify(
                change=change, actor=request.user, note=gettext("Verified in administration")
            ),
            gettext("%(count)s changes verified."),
        )

    def has_verify_permission(self, request) -> bool:
        return request.user.has_perm("penalties.verify_processchange")


class _RecordedByAdmin(SimpleHistoryAdmin):
    """Checks and trainings are entered here by supervisors; who entered each is kept."""

    readonly_fields = ["recorded_by", "recorded_at"]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BackgroundCheck)
class BackgroundCheckAdmin(_RecordedByAdmin):
    list_display = ["worker", "kind", "checked_on", "result", "reference"]
    list_filter = ["kind", "result"]
    search_fields = ["worker__name", "reference"]
    autocomplete_fields = ["worker"]
    fields = ["worker", "kind", "checked_on", "result", "reference", "note", "recorded_by", "recorded_at"]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(_RecordedByAdmin):
    list_display = ["topic", "worker", "staff", "trained_on", "trainer"]
    search_fields = ["topic", "worker__name", "staff__username"]
    autocomplete_fields = ["worker"]
    raw_id_fields = ["complaint"]
    fields = ["worker", "staff", "topic", "trained_on", "trainer", "complaint", "recorded_by", "recorded_at"]


@admin.register(HandlerRecord)
class HandlerRecordAdmin(SimpleHistoryAdmin):
    """Supervisors praise or hold desk staff to account here (双追责); a record is kept as written."""

    list_display = ["staff", "kind", "complaint", "team", "recorded_by", "recorded_at"]
    list_filter = ["kind"]
    list_select_related = ["staff", "complaint", "team", "recorded_by"]
    search_fields = ["staff__username", "complaint__tracking_number", "reason"]
    raw_id_fields = ["complaint"]
    fields = ["staff", "kind", "complaint", "team", "reason"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.fields, "recorded_by", "recorded_at"] if obj else []

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) or self.fields

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return
        record = handler_record_create(
            staff=obj.staff,
            complaint=obj.complaint,
            kind=obj.kind,
            reason=obj.reason,
            team=obj.team,
            actor=request.user,
        )
        obj.pk = record.pk
        obj._state.adding = False

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


_CONSENT_FIELDS = ["worker", "scope", "method", "given_at", "reference"]


@admin.register(WorkerConsent)
class WorkerConsentAdmin(SimpleHistoryAdmin):
    """Recorded once; afterwards only its withdrawal can be entered (the model refuses a withdrawal
    dated before the consent or in the future, so the form shows it)."""

    list_display = ["worker", "scope", "method", "given_at", "withdrawn_at", "recorded_by"]
    list_filter = ["scope", "method", ("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = ["worker__name", "reference"]
    autocomplete_fields = ["worker"]
    list_select_related = ["worker", "recorded_by"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return _CONSENT_FIELDS
        return [*_CONSENT_FIELDS, "recorded_by", "recorded_at", "withdrawn_at", "withdrawn_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fields = self.get_fields(request, obj)
        return fields if obj.withdrawn_at else [name for name in fields if name != "withdrawn_at"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            if "withdrawn_at" in form.changed_data and obj.withdrawn_at:
                worker_consent_withdraw(consent=obj, actor=request.user, withdrawn_at=obj.withdrawn_at)
            return
        consent = worker_consent_record(actor=request.user, **{name: getattr(obj, name) for name in _CONSENT_FIELDS})
        obj.pk = consent.pk
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(HistoryDisclosure)
class HistoryDisclosureAdmin(_ReadOnly, SimpleHistoryAdmin):
    """The log of what left the company; disclosures are produced on the worker's page."""

    list_display = ["disclosed_at", "worker", "recipient_kind", "recipient", "disclosed_by"]
    list_filter = ["recipient_kind"]
    search_fields = ["worker__name", "recipient"]
    list_select_related = ["worker", "disclosed_by"]


@admin.register(OfficialListing)
class OfficialListingAdmin(_ReadOnly, SimpleHistoryAdmin):
    """Proposed on the worker's page, reviewed and exported on the listings page (second supervisor, consent)."""

    list_display = ["worker", "status", "proposed_by", "proposed_at", "reviewed_by", "exported_at"]
    list_filter = ["status"]
    search_fields = ["worker__name"]
    list_select_related = ["worker", "proposed_by", "reviewed_by"]
