from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Desk")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401 - registers the deployment checks
        from .message_templates import message_templates_install
        from .roles import sync_role_permissions

        post_migrate.connect(sync_role_permissions, dispatch_uid="core.sync_role_permissions")
        post_migrate.connect(message_templates_install, sender=self, dispatch_uid="core.message_templates")

        from django.apps import apps
        from django_fsm.signals import post_transition

        from .webhooks import complaint_transitioned

        post_transition.connect(
            complaint_transitioned, sender=apps.get_model("intake", "Complaint"), dispatch_uid="core.webhooks"
        )
