from django.core.management.base import BaseCommand

from intake.models import ClassifierVersion
from intake.services.classifier import classifier_train


class Command(BaseCommand):
    help = "Train a triage model from the corpus and the complaints agents confirmed, and make it active."

    def add_arguments(self, parser):
        parser.add_argument("--if-missing", action="store_true", help="Do nothing when a version is already stored.")
        parser.add_argument("--corpus-only", action="store_true", help="Leave the desk's confirmations out.")
        parser.add_argument("--inactive", action="store_true", help="Store the version without making it active.")

    def handle(self, *args, if_missing: bool, corpus_only: bool, inactive: bool, **options):
        if if_missing and ClassifierVersion.objects.exists():
            self.stdout.write("A classifier version is already stored.")
            return
        version = classifier_train(include_desk=not corpus_only, activate=not inactive)
        metrics = version.metrics
        self.stdout.write(
            f"{version}: {version.corpus_examples} corpus + {version.desk_examples} desk examples; "
            f"category {metrics['category']['accuracy']:.1%}, severity {metrics['severity']['accuracy']:.1%}, "
            f"urgent recall {metrics['urgent']['recall']:.1%} precision {metrics['urgent']['precision']:.1%}"
        )
