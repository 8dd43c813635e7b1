"""Admin of how the desk organises its work: each team's automatic assignment with its members'
skills, canned replies and the quick path (supervisors configure them), and the saved inbox views
(read, and removed when needed)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.singleton import SingletonAdmin

from .choices import ServiceType
from .models import AcceptanceSettings, AssignmentRule, AssignmentSkill, CannedReply, QuickPathSettings, SavedView
from .services.assignment import assignees


class AssignmentSkillForm(forms.ModelForm):
    """Skills are read only for members of the rule's team; others are never picked."""

    service_types = forms.MultipleChoiceField(
        label=_("service types"),
        choices=ServiceType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: this member takes every service type."),
    )

    class Meta:
        model = AssignmentSkill
        fields = ["user", "service_types"]


class AssignmentSkillInline(admin.TabularInline):
    model = AssignmentSkill
    form = AssignmentSkillForm
    extra = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = assignees()  # only members who handle complaints are ever picked
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AssignmentRule)
class AssignmentRuleAdmin(SimpleHistoryAdmin):
    list_display = ["team", "method", "enabled", "last_assigned"]
    list_filter = ["method", "enabled"]
    list_select_related = ["team", "last_assigned"]
    readonly_fields = ["last_assigned"]
    inlines = [AssignmentSkillInline]


@admin.register(SavedView)
class SavedViewAdmin(SimpleHistoryAdmin):
    list_display = ["name", "owner", "team", "query", "created_at"]
    list_filter = ["team"]
    search_fields = ["name", "owner__username"]
    list_select_related = ["owner", "team"]
    readonly_fields = ["owner", "name", "query", "team", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False  # saved from the inbox, by their owner


@admin.register(QuickPathSettings)
class QuickPathSettingsAdmin(SingletonAdmin):
    """One row: whether agents may resolve simple complaints at first contact."""

    list_display = ["__str__", "enabled"]


@admin.register(AcceptanceSettings)
class AcceptanceSettingsAdmin(SingletonAdmin):
    """One row: the limits behind the acceptance page's warnings."""

    list_display = ["__str__", "time_limit_days", "frequent_complaints", "frequent_complaints_days"]


@admin.register(CannedReply)
class CannedReplyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "use", "team", "active", "order"]
    list_filter = ["use", "active", "team"]
    list_editable = ["active", "order"]
    search_fields = ["title", "body"]
