"""Archive the complaints that ended in a month (by default the previous one), as the monthly job does."""

from django.core.management.base import BaseCommand

from resolutions.services.archive import archive_month, archive_previous_month


class Command(BaseCommand):
    help = "Assign archive numbers to complaints that ended in a month and make them read-only."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int)
        parser.add_argument("--month", type=int, choices=range(1, 13))

    def handle(self, *args, year=None, month=None, **options) -> None:
        numbers = archive_month(year=year, month=month) if year and month else archive_previous_month()
        for number in numbers:
            self.stdout.write(number)
        self.stdout.write(f"{len(numbers)} complaint(s) archived.")
