from django.core.management.base import BaseCommand

from intake.triage.corpus import TEST, corpus_load
from intake.triage.evaluation import LABELS, evaluate
from intake.triage.store import active_model


class Command(BaseCommand):
    help = "Measure the active triage model on the corpus's test split: accuracy, precision and recall, confusion."

    def handle(self, *args, **options):
        model, version = active_model()
        metrics = evaluate(model, corpus_load(TEST))
        self.stdout.write(f"Version {version or 'trained from the corpus'} on {metrics['examples']} test complaints")
        for field, labels in LABELS.items():
            figures = metrics[field]
            self.stdout.write(f"\n{field}: accuracy {figures['accuracy']:.1%}")
            self.stdout.write(f"  {'label':<18}{'precision':>10}{'recall':>8}{'support':>9}")
            for label in labels:
                row = figures["per_label"][label]
                self.stdout.write(f"  {label:<18}{row['precision']:>10.1%}{row['recall']:>8.1%}{row['support']:>9}")
            self.stdout.write("  confusion (rows: true, columns: proposed, in the order above)")
            for label, counts in zip(labels, figures["confusion"], strict=True):
                self.stdout.write(f"  {label:<18}" + "".join(f"{n:>5}" for n in counts))
        urgent = metrics["urgent"]
        self.stdout.write(
            f"\nurgent: recall {urgent['recall']:.1%}, precision {urgent['precision']:.1%}, {urgent['support']} urgent"
        )
        for text in urgent["missed"]:
            self.stdout.write(f"  missed: {text}")
