from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenaltiesConfig(AppConfig):
    name = "penalties"
    verbose_name = _("Penalties")

    def ready(self) -> None:
        from intake import worklists

        from . import findings, notifications, signals  # noqa: F401 - receivers and message kinds
        from .selectors import penalty_awaiting_approval_by

        worklists.register(
            key="my_approval",
            label=_("Awaiting my approval"),
            order=70,
            permission="penalties.decide_penalty",
            condition=penalty_awaiting_approval_by,
            open_only=False,
        )
