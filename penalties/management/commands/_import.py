from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class ImportCommand(BaseCommand):
    """Shared shape of the CSV import commands: read a file, run the import, print the report."""

    importer = None

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="UTF-8 CSV file with a header row")

    def handle(self, *args, path: Path, **options) -> None:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        report = self.importer(content=path.read_bytes())
        self.stdout.write(f"created: {report.created}, updated: {report.updated}, errors: {len(report.errors)}")
        for line, reason in report.errors:
            self.stderr.write(f"line {line}: {reason}")
        if report.errors:
            raise CommandError("Some rows were not imported.", returncode=2)
