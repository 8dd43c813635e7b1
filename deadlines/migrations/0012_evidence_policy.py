"""The evidence request's clock (002: 要求被投诉方提供证据材料): red at 80 % of the time given, missed
at the end of the due date written in the request, escalated daily. The due date is each request's
own, so the limit here is not used (the field cannot be empty)."""

from datetime import timedelta

from django.db import migrations


def load(apps, schema_editor):
    apps.get_model("deadlines", "SlaPolicy").objects.get_or_create(
        step="evidence",
        severity="",
        channel="",
        active=True,
        defaults={
            "amount": 3,
            "clock": "working_days",
            "escalation_interval": timedelta(days=1),
            "rule": "002：核查环节……要求被投诉方提供证据材料（期限由调查人员在要求中写明）",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0011_evidence_request_clock")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
