from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.singleton import SingletonAdmin

from .forms import HolidayNoticeForm
from .models import (
    CalendarOverride,
    Deadline,
    DeadlineNotice,
    DeadlinePause,
    DeadlineSettings,
    HolidayNotice,
    SlaPolicy,
)
from .notice import notice_parse
from .notice_preview import DAY_KIND_LABELS, month_grid, notice_plan
from .services import holiday_notice_save


@admin.register(SlaPolicy)
class SlaPolicyAdmin(SimpleHistoryAdmin):
    """Supervisors edit the limits; every change bumps the version and stays in history, and the
    deadlines already running keep the version they started with."""

    list_display = [
        "step",
        "severity",
        "channel",
        "amount",
        "clock",
        "amount_outside_hours",
        "red_at_percent",
        "escalation_interval",
        "active",
        "version",
    ]
    list_filter = ["step", "severity", "channel", "clock", "active"]
    list_editable = ["active"]
    search_fields = ["rule"]


@admin.register(DeadlineSettings)
class DeadlineSettingsAdmin(SingletonAdmin):
    """One row: the company's switches (the review chain after a finding)."""

    list_display = ["__str__", "review_chain"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(SimpleHistoryAdmin):
    list_display = ["date", "is_working_day", "note", "notice"]
    list_filter = ["is_working_day", "notice"]
    date_hierarchy = "date"
    readonly_fields = ["notice"]
    change_list_template = "admin/deadlines/calendaroverride/change_list.html"

    def save_model(self, request, obj, form, change) -> None:
        """A day corrected by hand is no longer the notice's."""
        if change and form.has_changed():
            obj.notice = None
        super().save_model(request, obj, form, change)


class NoticeOverrideInline(admin.TabularInline):
    model = CalendarOverride
    fields = ["date", "is_working_day", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(HolidayNotice)
class HolidayNoticeAdmin(SimpleHistoryAdmin):
    """Read-only once saved; a year is (re)loaded through the paste → preview → confirm page."""

    list_display = ["year", "saved_by", "saved_at"]
    fields = ["year", "saved_by", "saved_at", "source_text"]
    readonly_fields = fields
    inlines = [NoticeOverrideInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        return [
            path("paste/", self.admin_site.admin_view(self.paste_view), name="deadlines_holidaynotice_paste"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:deadlines_holidaynotice_paste"))

    def paste_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        year = request.GET.get("year", "")
        form = HolidayNoticeForm(request.POST or None, initial={"year": int(year)} if year.isdigit() else None)
        preview = None
        if request.method == "POST" and form.is_valid():
            year, text = form.cleaned_data["year"], form.cleaned_data["text"]
            if "confirm" in request.POST:
                try:
                    notice = holiday_notice_save(
                        year=year, text=text, by=request.user, expected_digest=form.cleaned_data["digest"]
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(
                        request, gettext("The calendar of %(year)d was saved.") % {"year": year}, messages.SUCCESS
                    )
                    return HttpResponseRedirect(reverse("admin:deadlines_holidaynotice_change", args=[notice.pk]))
            parsed = notice_parse(text, year=year)
            plan = notice_plan(parsed)
            preview = {"parsed": parsed, "plan": plan, "grid": month_grid(parsed, plan)}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Load a year from the State Council's notice"),
            "form": form,
            "preview": preview,
            "kind_labels": DAY_KIND_LABELS,
        }
        return TemplateResponse(request, "admin/deadlines/holidaynotice/paste.html", context)


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
class DeadlineAdmin(SimpleHistoryAdmin):
    """Read-only: deadlines change only through the lifecycle and the sweep; the history says who
    (nobody: the sweep), when and why."""

    list_display = ["complaint", "step", "due_at", "met_at", "warned_at", "breached_at", "escalation_level"]
    list_filter = ["step", "escalation_level"]
    list_select_related = ["complaint"]
    raw_id_fields = ["complaint"]
    inlines = [DeadlinePauseInline, DeadlineNoticeInline]
    history_list_display = ["due_at", "met_at", "stopped_at", "warned_at", "breached_at", "escalation_level"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
