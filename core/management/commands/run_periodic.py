"""Run the periodic jobs of ``CELERY_BEAT_SCHEDULE`` in this process, for installations without
Celery beat: cron calls ``manage.py run_periodic <name>`` on the same schedule (see
docs/operations.md). The jobs are written to tolerate running twice at once, so an overlap with
beat does no harm.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from complaints_site.celery import app as celery_app


class Command(BaseCommand):
    help = "Run periodic jobs now, in this process (without a list: show the jobs and their schedules)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("names", nargs="*", help="names of CELERY_BEAT_SCHEDULE entries")

    def handle(self, *args, names: list[str], **options) -> None:
        schedule = settings.CELERY_BEAT_SCHEDULE
        if not names:
            for name, entry in schedule.items():
                self.stdout.write(f"{name:<30} {entry['task']:<50} {entry['schedule']}")
            return
        unknown = sorted(set(names) - set(schedule))
        if unknown:
            raise CommandError(f"Unknown periodic job(s): {', '.join(unknown)}. Known: {', '.join(schedule)}.")
        celery_app.loader.import_default_modules()
        for name in names:
            entry = schedule[name]
            result = celery_app.tasks[entry["task"]].apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
            if result.failed():
                raise CommandError(f"{name} failed: {result.result!r}")
            self.stdout.write(f"{name}: done")
