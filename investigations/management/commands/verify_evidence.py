"""Re-hash the evidence chains (all complaints, or one) and say where one is broken.

Exits with status 1 when any chain is broken, so cron or monitoring can alert on it.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from intake.models import Complaint
from investigations.services import evidence_chain_verify


class Command(BaseCommand):
    help = "Verify the tamper-evident evidence chain of every complaint, or of one tracking number."

    def add_arguments(self, parser) -> None:
        parser.add_argument("tracking_number", nargs="?", help="Only this complaint.")

    def handle(self, *args, tracking_number: str | None = None, **options) -> None:
        complaint_id = None
        if tracking_number:
            try:
                complaint_id = Complaint.objects.values_list("pk", flat=True).get(tracking_number=tracking_number)
            except Complaint.DoesNotExist:
                raise CommandError(f"No complaint {tracking_number}.")
        results = evidence_chain_verify(complaint_id=complaint_id)
        numbers = dict(Complaint.objects.filter(pk__in=results).values_list("pk", "tracking_number"))
        broken = 0
        for pk, status in sorted(results.items()):
            if status.intact:
                self.stdout.write(f"{numbers[pk]}: intact ({status.count} items)")
            else:
                broken += 1
                self.stdout.write(f"{numbers[pk]}: BROKEN at item #{status.broken_at} ({status.problem})")
        self.stdout.write(f"{len(results)} chains checked, {broken} broken.")
        if broken:
            sys.exit(1)
