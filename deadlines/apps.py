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
        worklists.register_all(
            ("due_today", _("Due today"), 30, "deadlines.view_deadline", due_today),
            ("overdue", _("Overdue"), 32, "deadlines.view_deadline", overdue),
        )
