"""The transferring body's clock (domain.md §9): red at 80 % of the body's period, missed at the end
of its last day, escalated daily. Each transfer's period follows its body's rule (the regulator's
mediation or 12315 negotiation), so the limit here is not used (the field cannot be empty)."""

from datetime import timedelta

from django.db import migrations


def load(apps, schema_editor):
    apps.get_model("deadlines", "SlaPolicy").objects.get_or_create(
        step="transfer_body",
        severity="",
        channel="",
        active=True,
        defaults={
            "amount": 10,
            "clock": "working_days",
            "escalation_interval": timedelta(days=1),
            "rule": "《市场监督管理投诉举报处理办法》：自受理之日起六十日内未达成调解协议的，终止调解（检验、检测、鉴定时间不计算在内）；"
            "12315 在线纠纷解决：企业在十个工作日内与消费者协商并反馈处理结果",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0016_transfer_body_clock")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
