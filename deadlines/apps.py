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
        from .selectors import workbench_panel_context

        workbench.register_panel(
            order=20, template_name="deadlines/workbench_panel.html", context_fn=workbench_panel_context
        )
