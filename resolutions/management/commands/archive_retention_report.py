"""List the archived complaints kept longer than ARCHIVE_RETENTION_YEARS.

Only a list: destroying an archive needs an approval this command does not give.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from resolutions.selectors import archives_past_retention


class Command(BaseCommand):
    help = "List archived complaints past their retention period (destroy only with approval)."

    def handle(self, *args, **options) -> None:
        archives = archives_past_retention()
        self.stdout.write(f"Retention: {settings.ARCHIVE_RETENTION_YEARS} years; today: {timezone.localdate()}")
        for complaint in archives.only("archive_number", "tracking_number", "archived_at"):
            archived = timezone.localtime(complaint.archived_at).date()
            self.stdout.write(f"{complaint.archive_number}\t{complaint.tracking_number}\tarchived {archived}")
        self.stdout.write(f"{archives.count()} archive(s) past retention.")
