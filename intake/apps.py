from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from . import complainant, signals  # noqa: F401 - message kinds and receivers
        from .views import changes, contact, emergency, flags, privacy, transfer
        from .workbench import register_panel
        from .worklists import register_intake_worklists

        register_intake_worklists()

        register_panel(order=12, template_name="intake/workbench/emergency.html", context_fn=emergency.panel_context)
        register_panel(
            order=14,
            template_name="intake/workbench/management_report.html",
            context_fn=emergency.management_report_panel_context,
        )
        register_panel(
            order=15,
            template_name="intake/workbench/management_decision.html",
            context_fn=contact.management_decision_panel_context,
        )
        register_panel(
            order=16,
            template_name="intake/workbench/contact.html",
            context_fn=contact.contact_panel_context,
            stages=("submitted", "accepted"),  # the first contact is the work of those days
        )
        register_panel(
            order=18,
            template_name="intake/workbench/transfer.html",
            context_fn=transfer.transfer_panel_context,
            stages=("resolved", "notified"),  # the outcome is reported back once the complaint is resolved
        )
        register_panel(
            order=85, template_name="intake/workbench/complainant_flag.html", context_fn=flags.flag_panel_context
        )
        register_panel(
            order=80, template_name="intake/workbench/changes.html", context_fn=changes.changes_panel_context
        )
        register_panel(
            order=85, template_name="intake/workbench/privacy.html", context_fn=privacy.privacy_panel_context
        )
