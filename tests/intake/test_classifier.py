import pytest

from intake.choices import Category, Severity
from intake.classifier import classify
from intake.models import KeywordRule

pytestmark = pytest.mark.django_db


def test_default_rules_classify_a_late_cleaner_as_service_quality():
    proposal = classify("保洁阿姨迟到两个小时，而且没打扫厨房")

    assert proposal.category == Category.SERVICE_QUALITY
    assert proposal.severity == Severity.GENERAL
    assert proposal.urgent is False
    assert set(proposal.matched_keywords) == {"迟到", "没打扫"}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("阿姨态度差，还骂人", Category.SERVICE_ATTITUDE),
        ("结账时乱收费，比页面多收了200元", Category.FEE_DISPUTE),
        ("取消订单后一直不给退款", Category.REFUND_DISPUTE),
        ("公司擅自换人，没有通知我们", Category.CONTRACT_BREACH),
        ("门店虚假宣传，月嫂拿的是假证", Category.FRAUD),
        ("保姆泄露我家隐私", Category.SAFETY_HAZARD),
    ],
)
def test_default_rules_cover_every_category_of_the_domain(text, category):
    assert classify(text).category == category


@pytest.mark.parametrize("word", ["受伤", "偷窃", "火灾", "漏气", "虐待", "走失"])
def test_safety_words_mark_the_complaint_urgent_and_major(word):
    proposal = classify(f"今天家里{word}了")

    assert proposal.urgent is True
    assert proposal.severity == Severity.MAJOR
    assert proposal.category == Category.SAFETY_HAZARD


@pytest.mark.parametrize("word", ["媒体", "起诉", "报警"])
def test_severity_words_raise_to_major_without_changing_the_category(word):
    proposal = classify(f"阿姨迟到了，我要{word}")

    assert proposal.severity == Severity.MAJOR
    assert proposal.category == Category.SERVICE_QUALITY
    assert word in proposal.matched_keywords


def test_lazy_is_not_mistaken_for_theft():
    proposal = classify("阿姨干活偷懒")

    assert proposal.category == Category.SERVICE_QUALITY
    assert proposal.urgent is False


def test_text_without_any_keyword_is_proposed_as_other_general():
    proposal = classify("我想咨询一下")

    assert (proposal.category, proposal.severity, proposal.urgent) == (Category.OTHER, Severity.GENERAL, False)
    assert proposal.matched_keywords == []


def test_heavier_weights_win_the_category():
    KeywordRule.objects.create(keyword="玻璃", category=Category.FEE_DISPUTE, weight=9)

    assert classify("迟到，玻璃没擦").category == Category.FEE_DISPUTE


def test_inactive_rules_are_ignored():
    KeywordRule.objects.filter(keyword="迟到").update(active=False)

    assert classify("阿姨迟到").matched_keywords == []


def test_matching_ignores_latin_case():
    KeywordRule.objects.create(keyword="App", category=Category.OTHER, weight=5)

    assert classify("APP闪退").category == Category.OTHER
