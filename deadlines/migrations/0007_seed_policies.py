"""The seeds' limits by step, severity and channel, each with the rule it comes from; supervisors
change them in admin afterwards. Also names the rule behind every earlier default, and creates the
company's deadline settings (the review chain after a finding is off until a company switches it on)."""

from datetime import timedelta

from django.db import migrations

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
HALF_HOUR = timedelta(minutes=30)

ORAL = ["hotline", "walk_in", "on_site"]
WRITTEN = ["letter", "email", "web_form", "app", "wechat", "social_media"]
PETITION = ["transfer"]

#: The rule behind each default of the earlier migrations: (step, severity) -> rule.
RULES = {
    ("register", ""): "002：受理环节要求客服人员在接到投诉后1小时内完成工单登记",
    ("assign", ""): "003：接到投诉后，应在1小时内进行初步判断，并在2小时内分配责任",
    ("first_contact", ""): "003：投诉处理部门应在接到投诉后的24小时内与客户取得联系，了解投诉详情",
    ("response", "important"): "004：重要投诉6小时内处理完毕",
    ("response", "major"): "004：重大投诉应在12小时内处理完毕",
    ("response", "general"): "004：一般投诉24小时处理完毕；一般投诉在24小时内回复给顾客",
    ("investigation", ""): "002：核查环节需在24小时内完成事实调查……形成《投诉调查报告》",
    ("solution", "general"): "002：一般投诉由部门主管在3个工作日内出具解决方案（003：3–5个工作日内给出解决方案）",
    ("solution", "important"): "002：一般投诉由部门主管在3个工作日内出具解决方案（003：3–5个工作日内给出解决方案）",
    ("major_report", "major"): "003：对于重大投诉，应在1个工作日内向公司高层汇报",
    ("major_decision", "major"): "002：重大投诉需提交机构管理层会议审议，最长不超过7个工作日作出决议",
    ("callback", ""): "004：客户服务中心对处理完毕的《客户信息反馈处理单》……在24小时内进行回访",
    ("follow_up_survey", ""): "001：在投诉处理结束后的[X]个工作日内……进行满意度跟踪（X = 3）",
    ("resolve", ""): "004：投诉一个月内未得以解决的投诉属重大投诉",
    ("emergency_ack", ""): "001：对于紧急投诉，应立即启动应急处理程序；004：重大、紧急事件须于第一时间报告公司主管领导",
    ("emergency_follow_up", ""): "001：对于紧急投诉，应立即启动应急处理程序，优先处理",
}

# step, severity ("" = any), channel ("" = any), amount, clock, amount outside hours, escalation, rule
DEFAULTS = [
    (
        "handover",
        "",
        "email",
        30,
        "business_minutes",
        60,
        HALF_HOUR,
        "004：工作时间收到的电子邮件投诉，应在收到邮件到达后半小时内送达；"
        "工作日非工作时间……收到的电子邮件投诉，应在上班后一小时内送达",
    ),
    (
        "customer_manager",
        "",
        "",
        48,
        "clock_hours",
        None,
        HOUR,
        "004：24小时内没有联系上的客户，客户经理应在48小时完成上述工作",
    ),
    *[
        ("decision", "", channel, 5, "working_days", None, DAY, "004：口头投诉从受理之日起一般在5个工作日内作出处理决定")
        for channel in ORAL
    ],
    *[
        ("decision", "", channel, 10, "working_days", None, DAY, "004：书面或信访案件从受理之日起一般在10个工作日内作出处理决定")
        for channel in WRITTEN + PETITION
    ],
    *[
        ("completion", severity, "", 7, "working_days", None, DAY, "003：3–5个工作日内给出解决方案，并在7个工作日内完成投诉处理")
        for severity in ("general", "important")
    ],
    ("major_opinion", "major", "", 3, "working_days", None, DAY, "003：重大投诉……在3个工作日内给出处理意见"),
    (
        "management_review",
        "",
        "",
        4,
        "clock_hours",
        None,
        HOUR,
        "004：管理部在接到《客户信息反馈处理单》后，在四小时内根据公司文件对处理意见进行复核",
    ),
    ("gm_report", "", "", 4, "clock_hours", None, HOUR, "004：在四个小时内，将处理结果上报主管总经理"),
    (
        "accountability",
        "",
        "",
        8,
        "clock_hours",
        None,
        HOUR,
        "004：管理部在八小时内根据最终处理意见实施责任追究、进行过失沟通",
    ),
]


def load(apps, schema_editor):
    SlaPolicy = apps.get_model("deadlines", "SlaPolicy")
    for (step, severity), rule in RULES.items():
        SlaPolicy.objects.filter(step=step, severity=severity, channel="", rule="").update(rule=rule)
    for step, severity, channel, amount, clock, outside, interval, rule in DEFAULTS:
        SlaPolicy.objects.get_or_create(
            step=step,
            severity=severity,
            channel=channel,
            active=True,
            defaults={
                "amount": amount,
                "clock": clock,
                "amount_outside_hours": outside,
                "escalation_interval": interval,
                "rule": rule,
            },
        )
    apps.get_model("deadlines", "DeadlineSettings").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0006_policy_channel_and_settings")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
