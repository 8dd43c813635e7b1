from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = _("Deadlines")

    def ready(self) -> None:
        from . import signals  # noqa: F401

        try:
            from intake import workbench
        except ImportError:
            return
        from intake import worklists

        from .selectors import due_today, overdue, workbench_panel_context

        workbench.register_panel(
            order=20, template_name="deadlines/workbench_panel.html", context_fn=workbench_panel_context
        )
        worklists.register(
            key="due_today", label=_("Due today"), order=30, permission="deadlines.view_deadline", condition=due_today
        )
        worklists.register(
            key="overdue", label=_("Overdue"), order=32, permission="deadlines.view_deadline", condition=overdue
        )
