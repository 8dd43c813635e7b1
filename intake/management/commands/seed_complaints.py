"""Fill the database with synthetic complaints for benchmarks (see docs/performance.md).

Bulk inserts write no history rows, timeline events or messages: synthetic benchmark data only.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intake.synthetic import complaints_synthesize


class Command(BaseCommand):
    help = "Create synthetic complaints in bulk (benchmark data only: no history rows, no messages)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=None, help="random seed, for repeatable data")

    def handle(self, *args, count: int, batch_size: int, seed: int | None, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Synthetic complaints are only created with DEBUG=true.")
        if count < 1 or batch_size < 1:
            raise CommandError("--count and --batch-size must be positive.")
        created = complaints_synthesize(count=count, batch_size=batch_size, seed=seed)
        self.stdout.write(f"Created {created} synthetic complaints.")
