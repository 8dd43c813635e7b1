from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .integrations import SCOPE_CHOICES, integration_revoke, integration_token_issue
from .message_templates import LANGUAGES, braced, text_fill
from .models import (
    Integration,
    MessageTemplate,
    OutboxMessage,
    PersonalDataAccess,
    StaffProfile,
    StaffTeam,
    WebhookDelivery,
)

admin.site.site_header = _("Complaint desk administration")
admin.site.site_title = _("Complaint desk")


@admin.register(StaffTeam)
class StaffTeamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "lead"]
    filter_horizontal = ["members"]


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    fields = ["mobile_phone"]


class StaffUserAdmin(UserAdmin):
    """Django's user admin with the staff member's mobile number beside the e-mail."""

    inlines = [StaffProfileInline]


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "purpose", "status", "attempts", "sent_at", "delivery", "delivery_error"]
    list_filter = ["status", "delivery", "channel", "purpose"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    list_select_related = True

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MessageTemplate)
class MessageTemplateAdmin(SimpleHistoryAdmin):
    """Supervisors word the messages; each kind has its row from the start, with the default text."""

    list_display = ["__str__", "recipient", "text_zh"]
    fields = ["kind_label", "recipient", "variables", "text_zh", "text_en", "preview"]
    readonly_fields = ["kind_label", "recipient", "variables", "preview"]

    @admin.display(description=_("kind of message"))
    def kind_label(self, obj: MessageTemplate) -> str:
        return str(obj)

    @admin.display(description=_("sent to"))
    def recipient(self, obj: MessageTemplate) -> str:
        return obj.kind.recipient if obj.kind else "-"

    @admin.display(description=_("variables"))
    def variables(self, obj: MessageTemplate) -> str:
        samples = obj.kind.samples if obj.kind else {}
        return braced(samples)

    @admin.display(description=_("preview (as saved, with example values)"))
    def preview(self, obj: MessageTemplate):
        samples = obj.kind.samples if obj.kind else {}
        return format_html_join(
            "", "<p>{}</p>", ((text_fill(obj.text_for(code), samples),) for code, _name in LANGUAGES)
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "complaint", "purpose"]
    list_select_related = ["user", "complaint"]
    readonly_fields = ["at", "user", "complaint", "purpose"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LoginAttemptAdmin(AccessAttemptAdmin):
    """django-axes' failed logins per user name and address; a locked one says "Locked Out".

    Unlocking removes the failures of that user name on that address, as a successful login would,
    and leaves an entry in the admin log.
    """

    actions = [*AccessAttemptAdmin.actions, "unlock"]

    @admin.action(description=_("Unlock the selected logins"), permissions=["delete"])
    def unlock(self, request, queryset) -> None:
        self.log_deletions(request, queryset)
        attempts = list(queryset)
        for attempt in attempts:
            axes_reset(ip=attempt.ip_address, username=attempt.username)
        self.message_user(
            request,
            ngettext("%(count)d login unlocked.", "%(count)d logins unlocked.", len(attempts))
            % {"count": len(attempts)},
            messages.SUCCESS,
        )


class IntegrationForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=SCOPE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Integration
        fields = ["name", "user", "scopes", "rate", "webhook_url"]


@admin.register(Integration)
class IntegrationAdmin(admin.ModelAdmin):
    """Supervisors create, scope and revoke integrations; a new token is shown once, on creation."""

    form = IntegrationForm
    list_display = ["name", "user", "token_prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["token_prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
            token = integration_token_issue(obj)
            messages.warning(
                request,
                _(
                    "The token of %(name)s, shown only now — copy it into the integration: %(token)s "
                    "— and the secret that signs its webhooks: %(secret)s"
                )
                % {"name": obj.name, "token": token, "secret": obj.webhook_secret},
            )
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Revoke the selected integrations' tokens"), permissions=["change"])
    def revoke(self, request, queryset) -> None:
        for integration in queryset:
            integration_revoke(integration=integration)
        self.message_user(request, _("Revoked."), messages.SUCCESS)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: what was sent to whom, how it was answered, what is still to be retried."""

    list_display = ["created_at", "integration", "event", "complaint", "status", "attempts", "last_status_code"]
    list_filter = ["status", "integration"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    list_select_related = ["integration", "complaint"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
