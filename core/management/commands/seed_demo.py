"""Load demo users and demo data once; later runs change nothing."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.demo import seed_users


class Command(BaseCommand):
    help = "Create demo users for every role and demo complaints (only with DEBUG=true)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo data is only loaded with DEBUG=true.")
        users = seed_users()
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            if hasattr(module, "seed") and config.name != "core":
                module.seed(users)
        self.stdout.write("Demo data ready.")
