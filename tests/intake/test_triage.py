"""The triage proposal on ordinary wording: category, severity, service type, and no emergency missed."""

import pytest

from intake.choices import Category, ServiceType, Severity
from intake.triage.proposal import propose
from intake.triage.severity import largest_amount
from intake.triage.store import corpus_model
from intake.triage.urgent import detect_urgent


@pytest.fixture(scope="module")
def model():
    return corpus_model()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("收费一点都不透明，结账的时候才说要加钱", Category.FEE_DISPUTE),
        ("这个月的保洁费被扣了两次，一共扣了两百多", Category.FEE_DISPUTE),
        ("那个护工当着全家人的面骂我父亲，说他老糊涂", Category.SERVICE_ATTITUDE),
        ("取消订单都半个月了，押金一直不退", Category.REFUND_DISPUTE),
        ("没经过我们同意就把阿姨换掉了，合同上写的是固定人员", Category.CONTRACT_BREACH),
        ("说是金牌月嫂有证书，结果证书是假的", Category.FRAUD),
        ("阿姨迟到两个小时，厨房也没打扫", Category.SERVICE_QUALITY),
    ],
)
def test_ordinary_wording_gets_the_right_category(model, text, category):
    assert propose(text, model=model).category == category


def test_a_penalty_clause_is_a_contract_matter_not_a_breach_word_match(model):
    proposal = propose("你们合同里的违约金条款太不合理了，提前解约要扣一个月服务费", model=model)

    assert proposal.category in {Category.CONTRACT_BREACH, Category.REFUND_DISPUTE}


def test_the_proposal_names_its_confidence_and_the_words_that_drove_it(model):
    proposal = propose("月嫂拿的是假证，根本没有资质", model=model)

    assert proposal.category == Category.FRAUD
    assert 0 < proposal.confidence <= 1
    assert any("假证" in cue or "资质" in cue for cue in proposal.cues)


def test_the_service_type_is_proposed_from_context(model):
    assert propose("月嫂给宝宝洗澡水太凉，产妇的月子餐也做得很敷衍", model=model).service_type == (
        ServiceType.MATERNITY_NURSE
    )


URGENT = [
    ("injury", "阿姨给我妈洗澡的时候我妈摔倒了，头在流血"),
    ("fracture", "护工扶老人下床没扶稳，老人腿骨折了，现在在医院"),
    ("burn", "月嫂给宝宝洗澡水太烫，宝宝腿上起泡了"),
    ("hospital", "孩子发烧到四十度，育儿嫂一直不告诉我们，现在送急诊了"),
    ("ambulance", "老人突然晕倒了，阿姨已经打了120"),
    ("police", "保姆跟我老公打起来了，我已经报警了"),
    ("child at risk", "保姆出门买菜，把两岁的孩子一个人锁在家里"),
    ("wrong medication", "护工给我爸吃错药了，把安眠药当成降压药喂了"),
    ("violence", "监控里看到育儿嫂掐孩子的胳膊"),
    ("threat", "被辞退的阿姨说要找人弄死我们全家"),
    ("theft", "阿姨走了以后发现我的金项链和两千块现金不见了"),
    ("gas", "保洁走后家里一股燃气味，灶台阀门没关"),
    ("fire", "阿姨用的电暖器着火了，窗帘都烧起来了"),
    ("water", "师傅把水管弄断了，水一直往外喷，楼下都淹了"),
    ("missing", "我妈有老年痴呆，护工带她下楼，人找不到了"),
    ("harassment", "维修师傅一直动手动脚，还说要单独约我"),
    ("traditional characters", "傭人打咗我個仔，而家喺醫院急診"),
]


@pytest.mark.parametrize(("kind", "text"), URGENT, ids=[kind for kind, _ in URGENT])
def test_harm_happening_now_is_urgent_and_major(model, kind, text):
    proposal = propose(text, model=model)

    assert proposal.urgent is True
    assert proposal.severity == Severity.MAJOR
    assert proposal.urgent_cues


NOT_URGENT = [
    ("negated injury", "阿姨打扫时碰倒了花瓶，还好人没有受伤，就是花瓶碎了"),
    ("not an emergency", "跟你们说一下，不是急事，阿姨上次说要报警是开玩笑的"),
    ("resolved long ago", "去年护工陪护时我爸摔过一次，早就好了，这次续约想换个人"),
    ("hypothetical", "我担心阿姨以后会不会把燃气忘了关，想要一位更细心的"),
    ("lazy, not theft", "阿姨干活偷懒，一个小时就坐着玩手机"),
    ("a bill, not an ambulance", "深度保洁120平米收了960元，比页面上贵"),
]


@pytest.mark.parametrize(("kind", "text"), NOT_URGENT, ids=[kind for kind, _ in NOT_URGENT])
def test_negated_past_and_hypothetical_harm_is_not_urgent(model, kind, text):
    assert propose(text, model=model).urgent is False


def test_a_reassurance_does_not_cancel_a_hospital_visit_happening_now():
    assert detect_urgent("宝宝呛奶了，人没事吧我也不知道，现在正在去医院的路上").urgent is True


def test_a_worker_unreachable_is_urgent_only_when_someone_depends_on_them():
    assert detect_urgent("育儿嫂带孩子出去三个小时了，电话关机").urgent is True
    assert detect_urgent("交了定金以后客服联系不上了").urgent is False


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("阿姨迟到了，我要找媒体曝光", "曝光"),
        ("12345转办：市民反映保洁服务质量差", "12345"),
        ("钟点工没来，已经投诉到消协了", "消协"),
        ("再不处理我就找律师起诉", "律师"),
    ],
)
def test_media_regulators_and_courts_make_a_complaint_major(model, text, cue):
    proposal = propose(text, model=model)

    assert proposal.severity == Severity.MAJOR
    assert cue in proposal.cues


def test_a_large_sum_makes_a_complaint_at_least_important(model):
    assert propose("保姆中介费交了8000元，人一直没安排", model=model).severity in {Severity.IMPORTANT, Severity.MAJOR}


@pytest.mark.parametrize(
    ("text", "amount"),
    [("退我1,280元", 1280), ("一共¥3800", 3800), ("赔两万不行，至少3万元", 30000), ("没钱的事", 0)],
)
def test_amounts_are_read_in_yuan(text, amount):
    assert largest_amount(text) == amount


@pytest.mark.parametrize(
    "text",
    ["", "   ", "😡😡😡👍", "\x00\x00阿\x00", "The cleaner was late and rude", "13800138000 20240312", None],
    ids=["empty", "blank", "emoji", "nul", "english", "digits", "none"],
)
def test_text_with_nothing_to_read_is_other_general_with_no_confidence(text):
    proposal = propose(text)

    assert (proposal.category, proposal.severity, proposal.urgent) == (Category.OTHER, Severity.GENERAL, False)
    assert proposal.confidence == 0


def test_a_huge_text_is_read_without_error(model):
    proposal = propose("阿姨迟到了。" * 40000, model=model)

    assert proposal.category == Category.SERVICE_QUALITY


def test_the_confidence_is_the_models_own_probability(model):
    text = "阿姨迟到两个小时，厨房也没打扫"
    features = model.vectorizer.transform([text])

    guesses = model.guess(text)

    for field, head in model.heads.items():
        assert guesses[field].confidence == pytest.approx(head.predict_proba(features).max())
        assert guesses[field].label == head.predict(features)[0]
