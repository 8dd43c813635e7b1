"""The group incident's public statement (002: 对涉及公众利益的重大投诉（如群体性服务质量缺陷），应在72小时
内召开新闻发布会说明情况): 72 clock hours from the incident's opening, escalated every hour."""

from datetime import timedelta

from django.db import migrations


def load(apps, schema_editor):
    apps.get_model("deadlines", "SlaPolicy").objects.get_or_create(
        step="incident_statement",
        severity="",
        channel="",
        active=True,
        defaults={
            "amount": 72,
            "clock": "clock_hours",
            "escalation_interval": timedelta(hours=1),
            "rule": "002：对涉及公众利益的重大投诉（如群体性服务质量缺陷），应在72小时内召开新闻发布会说明情况",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0013_incident_statement_clock")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
