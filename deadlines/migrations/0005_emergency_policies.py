"""Default SLA policies of the emergency procedure; supervisors change them in admin afterwards."""

from datetime import timedelta

from django.db import migrations

# step, severity ("" = any), amount, clock, escalation interval
DEFAULTS = [
    # 紧急投诉应立即启动应急处理程序 (seed 001), 重大、紧急事件须于第一时间报告公司主管领导 (seed 004):
    # a supervisor or management acknowledges within the hour; a missed hour climbs the ladder every 30 minutes.
    ("emergency_ack", "", 1, "clock_hours", timedelta(minutes=30)),
    # 紧急投诉应立即启动应急处理程序 (seed 001): the procedure follows up within 24 hours of acknowledgement.
    ("emergency_follow_up", "", 24, "clock_hours", timedelta(hours=1)),
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
    dependencies = [("deadlines", "0004_emergency_steps")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
