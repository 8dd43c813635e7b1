"""The default SLA policies of domain.md §3; supervisors change them in admin afterwards."""

from datetime import timedelta

from django.db import migrations

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

# step, severity ("" = any), amount, clock, escalation interval
DEFAULTS = [
    ("register", "", 1, "clock_hours", HOUR),
    ("assign", "", 2, "clock_hours", HOUR),
    ("first_contact", "", 24, "clock_hours", HOUR),
    ("response", "important", 6, "clock_hours", HOUR),
    ("response", "major", 12, "clock_hours", HOUR),
    ("response", "general", 24, "clock_hours", HOUR),
    ("investigation", "", 24, "clock_hours", HOUR),
    ("solution", "general", 3, "working_days", DAY),
    ("solution", "important", 3, "working_days", DAY),
    ("major_report", "major", 1, "working_days", 4 * HOUR),
    ("major_decision", "major", 7, "working_days", DAY),
    ("callback", "", 24, "clock_hours", HOUR),
    ("follow_up_survey", "", 3, "working_days", DAY),
    ("resolve", "", 1, "calendar_months", None),
]


def load(apps, schema_editor):
    SlaPolicy = apps.get_model("deadlines", "SlaPolicy")
    for step, severity, amount, clock, interval in DEFAULTS:
        SlaPolicy.objects.get_or_create(
            step=step,
            severity=severity,
            active=True,
            defaults={"amount": amount, "clock": clock, "escalation_interval": interval},
        )


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
