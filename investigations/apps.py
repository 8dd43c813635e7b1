from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

REPORT_PERMISSION = "investigations.add_investigationreport"
EXTENSION_PERMISSION = "investigations.decide_extension"


class InvestigationsConfig(AppConfig):
    name = "investigations"
    verbose_name = _("Investigation")

    def ready(self) -> None:
        from intake import workbench, worklists

        from . import forms, notifications, services  # noqa: F401 - the evidence request's message kind
        from .review_views import review_panel_context
        from .selectors import (
            awaiting_investigation_by,
            extension_awaiting_approval_by,
            on_investigation_team,
            workbench_panel_context,
        )
        from .views import start_form

        workbench.register_panel(
            order=30,
            template_name="investigations/workbench/panel.html",
            context_fn=workbench_panel_context,
            stages=("investigating", "reopened"),
        )
        workbench.register_panel(
            order=35, template_name="investigations/workbench/review.html", context_fn=review_panel_context
        )
        workbench.register_action(
            transition="start_investigation",
            url_name="investigation-start",
            label=_("Start investigation"),
            order=30,
            form_fn=start_form,
            form_class=forms.InvestigationStartForm,
            service=services.investigation_start,
            description=_("Name the lead investigator and the team who collect and check the evidence."),
        )
        worklists.register_all(
            ("mine", _("My complaints"), 10, "intake.investigate_complaint", on_investigation_team),
            ("my_investigation", _("Awaiting my investigation"), 50, REPORT_PERMISSION, awaiting_investigation_by),
            ("my_approval", _("Awaiting my approval"), 70, EXTENSION_PERMISSION, extension_awaiting_approval_by, False),
        )
