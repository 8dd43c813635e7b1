"""For installations without Celery beat: run from cron every minute (``* * * * *``)."""

from django.core.management.base import BaseCommand

from deadlines.services import deadlines_sweep


class Command(BaseCommand):
    help = "Turn due deadlines red, mark missed ones and escalate them (safe to run twice at once)."

    def handle(self, *args, **options) -> None:
        done = deadlines_sweep()
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in sorted(done.items())) or "nothing due")
