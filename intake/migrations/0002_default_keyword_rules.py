"""Default keyword rules of the classifier (domain.md §2). Supervisors tune them in admin."""

from django.db import migrations

# (keyword, category, severity, urgent, weight). Weight 0: the word only raises severity.
# No bare "偷": it is part of 偷懒 (lazy) and 偷拍 (covert filming), which mean other things.
DEFAULT_RULES = [
    # service quality 服务质量
    ("迟到", "service_quality", "", False, 2),
    ("没来", "service_quality", "", False, 2),
    ("爽约", "service_quality", "", False, 2),
    ("早退", "service_quality", "", False, 2),
    ("不干净", "service_quality", "", False, 2),
    ("没打扫", "service_quality", "", False, 2),
    ("没做完", "service_quality", "", False, 2),
    ("敷衍", "service_quality", "", False, 1),
    ("偷懒", "service_quality", "", False, 1),
    ("不专业", "service_quality", "", False, 1),
    ("弄坏", "service_quality", "important", False, 2),
    ("损坏", "service_quality", "important", False, 2),
    # service attitude 服务态度
    ("态度差", "service_attitude", "", False, 3),
    ("态度恶劣", "service_attitude", "important", False, 3),
    ("态度不好", "service_attitude", "", False, 3),
    ("不耐烦", "service_attitude", "", False, 2),
    ("爱答不理", "service_attitude", "", False, 2),
    ("骂人", "service_attitude", "important", False, 3),
    ("辱骂", "service_attitude", "important", False, 3),
    # fee dispute 费用争议
    ("乱收费", "fee_dispute", "", False, 3),
    ("多收", "fee_dispute", "", False, 3),
    ("加价", "fee_dispute", "", False, 2),
    ("额外收费", "fee_dispute", "", False, 3),
    ("收费不透明", "fee_dispute", "", False, 3),
    ("重复扣款", "fee_dispute", "", False, 3),
    ("价格不符", "fee_dispute", "", False, 3),
    # refund dispute 退款争议
    ("退款", "refund_dispute", "", False, 2),
    ("退费", "refund_dispute", "", False, 2),
    ("退钱", "refund_dispute", "", False, 2),
    ("不退", "refund_dispute", "", False, 2),
    ("押金", "refund_dispute", "", False, 1),
    ("违约金", "refund_dispute", "", False, 1),
    ("取消费", "refund_dispute", "", False, 2),
    # contract breach 合同违约
    ("违约", "contract_breach", "", False, 2),
    ("擅自换人", "contract_breach", "", False, 3),
    ("私自换人", "contract_breach", "", False, 3),
    ("合同", "contract_breach", "", False, 1),
    ("不履行", "contract_breach", "", False, 2),
    # safety hazard 安全隐患
    ("偷窃", "safety_hazard", "major", True, 4),
    ("盗窃", "safety_hazard", "major", True, 4),
    ("被偷", "safety_hazard", "major", True, 4),
    ("偷东西", "safety_hazard", "major", True, 4),
    ("丢失", "safety_hazard", "important", False, 2),
    ("受伤", "safety_hazard", "major", True, 4),
    ("摔伤", "safety_hazard", "major", True, 4),
    ("烫伤", "safety_hazard", "major", True, 4),
    ("火灾", "safety_hazard", "major", True, 4),
    ("着火", "safety_hazard", "major", True, 4),
    ("漏气", "safety_hazard", "major", True, 4),
    ("煤气", "safety_hazard", "important", False, 2),
    ("虐待", "safety_hazard", "major", True, 4),
    ("打孩子", "safety_hazard", "major", True, 4),
    ("走失", "safety_hazard", "major", True, 4),
    ("隐私", "safety_hazard", "important", False, 3),
    ("偷拍", "safety_hazard", "major", False, 3),
    ("背景调查", "safety_hazard", "", False, 2),
    ("健康证", "safety_hazard", "", False, 2),
    ("事故", "safety_hazard", "major", False, 3),
    # fraud 欺诈
    ("虚假宣传", "fraud", "important", False, 3),
    ("假证", "fraud", "important", False, 3),
    ("证书造假", "fraud", "important", False, 3),
    ("冒充", "fraud", "important", False, 3),
    ("欺诈", "fraud", "important", False, 3),
    ("骗", "fraud", "", False, 1),
    # other 其他
    ("平台规则", "other", "", False, 1),
    # severity only
    ("媒体", "other", "major", False, 0),
    ("曝光", "other", "major", False, 0),
    ("记者", "other", "major", False, 0),
    ("起诉", "other", "major", False, 0),
    ("法院", "other", "major", False, 0),
    ("律师", "other", "major", False, 0),
    ("报警", "other", "major", False, 0),
    ("12315", "other", "important", False, 0),
    ("消协", "other", "important", False, 0),
    ("赔偿", "other", "important", False, 0),
    ("非常不满", "other", "important", False, 0),
]


def load_rules(apps, schema_editor):
    KeywordRule = apps.get_model("intake", "KeywordRule")
    for keyword, category, severity, urgent, weight in DEFAULT_RULES:
        KeywordRule.objects.get_or_create(
            keyword=keyword,
            category=category,
            defaults={"severity": severity, "urgent": urgent, "weight": weight, "active": True},
        )


def unload_rules(apps, schema_editor):
    KeywordRule = apps.get_model("intake", "KeywordRule")
    for keyword, category, *_rest in DEFAULT_RULES:
        KeywordRule.objects.filter(keyword=keyword, category=category).delete()


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(load_rules, unload_rules)]
