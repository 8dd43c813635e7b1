"""Default penalty rules per violation category; supervisors change them in admin."""

from django.db import migrations

DEFAULTS = {
    "service_quality": ("points", 2, None),
    "service_attitude": ("warning", 1, None),
    "fee_dispute": ("criticism", 0, None),
    "refund_dispute": ("criticism", 0, None),
    "contract_breach": ("points", 3, None),
    "safety_hazard": ("suspension", 6, 7),
    "fraud": ("dismissal", 12, None),
    "other": ("criticism", 0, None),
}


def create_rules(apps, schema_editor):
    PenaltyRule = apps.get_model("penalties", "PenaltyRule")
    for category, (kind, points, days) in DEFAULTS.items():
        PenaltyRule.objects.get_or_create(
            category=category, defaults={"kind": kind, "points": points, "suspension_days": days}
        )


class Migration(migrations.Migration):
    dependencies = [("penalties", "0001_initial")]

    operations = [migrations.RunPython(create_rules, migrations.RunPython.noop)]
