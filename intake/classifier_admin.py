"""Supervisors' view of the triage model: its versions, which one is active, how accurate it is."""

import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from .choices import Category
from .models import ClassifierVersion
from .selectors import classifier_confirmations
from .services.classifier import classifier_activate

logger = logging.getLogger(__name__)


def _figure(version: ClassifierVersion, field: str) -> str:
    value = (version.metrics.get(field) or {}).get("accuracy")
    return "—" if value is None else f"{value:.0%}"


@admin.register(ClassifierVersion)
class ClassifierVersionAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "created_at",
        "trained_by",
        "corpus_examples",
        "desk_examples",
        "category_accuracy",
        "severity_accuracy",
        "urgent_recall",
        "active",
        "load_error",
    ]
    list_filter = ["active"]
    fields = [
        "created_at",
        "trained_by",
        "corpus_examples",
        "desk_examples",
        "library_version",
        "checksum",
        "active",
        "load_error",
    ]
    readonly_fields = fields
    actions = ["activate"]
    change_list_template = "admin/intake/classifierversion/change_list.html"

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.active)

    @admin.display(description=_("category accuracy"))
    def category_accuracy(self, version: ClassifierVersion) -> str:
        return _figure(version, "category")

    @admin.display(description=_("severity accuracy"))
    def severity_accuracy(self, version: ClassifierVersion) -> str:
        return _figure(version, "severity")

    @admin.display(description=_("urgent recall"))
    def urgent_recall(self, version: ClassifierVersion) -> str:
        value = (version.metrics.get("urgent") or {}).get("recall")
        return "—" if value is None else f"{value:.0%}"

    @admin.action(description=_("Make the selected version active"), permissions=["change"])
    def activate(self, request, queryset) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one version to make active."), messages.ERROR)
            return
        version = classifier_activate(version=queryset.get())
        self.message_user(request, _("%(version)s now classifies new complaints.") % {"version": version})

    def changelist_view(self, request, extra_context=None):
        broken = ClassifierVersion.objects.exclude(load_error="").filter(active=True).first()
        if broken is not None:
            self.message_user(
                request,
                _("%(version)s cannot be loaded (%(error)s): the previous version classifies instead.")
                % {"version": broken, "error": broken.load_error},
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path("accuracy/", self.admin_site.admin_view(self.accuracy_view), name="intake_classifierversion_accuracy"),
            path("train/", self.admin_site.admin_view(self.train_view), name="intake_classifierversion_train"),
            *super().get_urls(),
        ]

    def accuracy_view(self, request):
        """Per category: the active version on the test split, beside the agents' decisions of the last 30 days."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        version = ClassifierVersion.objects.filter(active=True).first()
        per_label = ((version.metrics.get("category") or {}).get("per_label") or {}) if version else {}
        desk = classifier_confirmations(days=30)
        rows = []
        for value, label in Category.choices:
            test = per_label.get(value, {})
            decided = desk.get(value, {}).get("decided", 0)
            kept = desk.get(value, {}).get("kept", 0)
            rows.append(
                {
                    "label": label,
                    "precision": test.get("precision"),
                    "recall": test.get("recall"),
                    "support": test.get("support", 0),
                    "decided": decided,
                    "changed": decided - kept,
                    "kept_rate": kept / decided if decided else None,
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Classifier accuracy"),
            "version": version,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/intake/classifierversion/accuracy.html", context)

    def train_view(self, request):
        """Queue a training run now instead of waiting for the weekly job."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        return _train_queue(request)


@require_POST
def _train_queue(request):
    from .tasks import classifier_retrain

    try:
        classifier_retrain.delay()
    except Exception:  # the broker is down: say so, the weekly job still runs
        logger.warning("Broker unavailable; classifier training not queued")
        messages.error(request, _("The training could not be queued now. Please try again in a few minutes."))
    else:
        messages.success(request, _("Training queued: the new version appears here in about a minute."))
    return redirect("admin:intake_classifierversion_changelist")
