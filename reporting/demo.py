"""Demo history for the reports: a year of handled complaints and service orders, so every
figure and chart has data.

Every record is made by the same services as real data (registration, acceptance,
investigation, mediation, payment, notice, follow-up), each step on the demo's clock at the
time it happened, so the demo can never hold what the product cannot show.
Idempotent: nothing happens once the demo typical case exists.
"""

import random
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from unittest import mock

from django.db import transaction
from django.utils import timezone

from intake.choices import Category, Channel, Demand, ServiceType, Severity
from intake.models import Complaint
from intake.services.decision import complaint_accept
from intake.services.registration import complaint_register
from investigations.services.investigation import investigation_start, report_submit
from penalties.models import HandlerRecord, Penalty, Worker
from penalties.services.handlers import handler_record_create
from penalties.services.penalties import penalty_approve
from penalties.services.workers import order_upsert
from resolutions.demo import REPORT, voucher_image
from resolutions.models import Compensation, Party
from resolutions.services import compensation, ends, mediation, outcome
from resolutions.services.compensation import CompensationItem

from .models import TypicalCase, WarningBulletinEntry
from .period import Month
from .services import snapshots_refresh

DEMO_CASE_TITLE = "保洁服务迟到并遗漏厨房清洁"
#: Complaints received per month (lowest, highest) and service orders served per month: about
#: 20 complaints for 800 orders, 25 per thousand, the order of a real domestic-services company.
COMPLAINTS_PER_MONTH = (14, 26)
ORDERS_PER_MONTH = (700, 900)
MONTHS = 13
WEIGHTS = {Category.SERVICE_QUALITY: 9, Category.SERVICE_ATTITUDE: 5, Category.FEE_DISPUTE: 4}
DESCRIPTIONS = [
    "保洁阿姨迟到了一个多小时，也没有提前打电话说明。",
    "服务人员态度很差，提醒她擦一下窗台就不耐烦。",
    "结账时多收了一小时的费用，和下单时的价格不一样。",
    "申请退款已经两周了，还没有退到账户。",
    "厨房和卫生间都没有打扫干净，地上还有水渍。",
    "没有经过我们同意就临时换了一个阿姨。",
    "搬动家具时把木地板划伤了，要求赔偿。",
    "育儿嫂照看孩子时一直玩手机，很不专业。",
    "钟点工提前半小时离开，活没有干完。",
    "月嫂不会做月子餐，和宣传的资质不符。",
]
HOURS = [6, 12, 20, 30, 48, 72, 96, 150]


@contextmanager
def _clock(moment: datetime):
    """Run services as if at ``moment``: timestamps, deadlines and events all follow it."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


@transaction.atomic  # one commit: thousands of small SQLite transactions take minutes
def seed(users: dict) -> None:
    if TypicalCase.objects.filter(title=DEMO_CASE_TITLE).exists():
        return
    rng = random.Random(2026)
    workers = list(Worker.objects.order_by("pk"))
    month = Month.current()
    for _index in range(MONTHS):
        month = month.previous
        orders = _orders(rng, month, workers)
        for n in range(rng.randint(*COMPLAINTS_PER_MONTH)):
            _complaint(rng, month, n, users, orders)
    TypicalCase.objects.create(
        month=Month.current().previous.first_day,
        title=DEMO_CASE_TITLE,
        summary="客户反映保洁人员迟到近两小时且未清洁厨房。客服当天联系双方核实，安排重新上门服务并退还部分费用，客户回访表示满意。",
        published=True,
        created_by=users["supervisor"],
    )
    _lessons(users)
    # What the beat job would prepare within minutes: the report pages only read snapshots.
    snapshots_refresh()


def _orders(rng: random.Random, month: Month, workers: list) -> list[str]:
    numbers = []
    days = (month.next.first_day - month.first_day).days
    for n in range(rng.randint(*ORDERS_PER_MONTH)):
        worker = workers[n % len(workers)] if workers else None
        number = f"JZ{month.first_day:%Y%m}{n:05d}"
        order_upsert(
            order_number=number,
            service_type=worker.service_types[0] if worker else ServiceType.CLEANING,
            service_date=month.first_day + timedelta(days=rng.randrange(days)),
            amount=Decimal(150 + 30 * rng.randint(0, 8)),
            worker=worker,
        )
        numbers.append(number)
    return numbers


#: The channels of the history's complaints: a transferred complaint needs its body's case and dates,
#: which the intake demo's own transferred complaint shows.
REGISTERED_CHANNELS = [value for value in Channel.values if value != Channel.TRANSFER]


def _complaint(rng: random.Random, month: Month, n: int, users: dict, orders: list[str]) -> None:
    categories = [value for value, _label in Category.choices]
    received = month.start + timedelta(minutes=rng.randint(0, 27 * 24 * 60))
    hours = min(rng.choice(HOURS), (timezone.now() - received).total_seconds() / 3600 - 1)
    agent = rng.choice([users["agent"], users["agent2"]])

    def at(fraction: float) -> datetime:
        return received + timedelta(hours=hours * fraction)

    with _clock(received + timedelta(minutes=5)):
        complaint = complaint_register(
            actor=agent,
            channel=rng.choice([Channel.HOTLINE] * 4 + REGISTERED_CHANNELS),
            received_at=received,
            complainant_name=rng.choice(["王女士", "李先生", "张女士", "刘先生", "陈女士", "杨先生"]),
            phone=f"139{month.first_day:%m}{n:06d}",
            service_type=rng.choice([value for value, _label in ServiceType.choices]),
            description=rng.choice(DESCRIPTIONS),
            demands=rng.sample([Demand.REFUND, Demand.COMPENSATION, Demand.APOLOGY, Demand.REDO], rng.randint(1, 2)),
            order_number=rng.choice(orders) if orders and rng.random() < 0.3 else "",
        )
    with _clock(received + timedelta(minutes=20)):
        complaint_accept(
            complaint_id=complaint.pk,
            actor=agent,
            seen_version=complaint.version,
            category=rng.choices(categories, [WEIGHTS.get(value, 2) for value in categories])[0],
            severity=rng.choices([Severity.GENERAL, Severity.IMPORTANT, Severity.MAJOR], [8, 3, 1])[0],
            urgent=False,
            promised_reply_at=received + timedelta(days=1),
        )
    if rng.random() < 0.05:
        with _clock(at(0.2)):
            ends.complaint_withdraw(complaint_id=complaint.pk, actor=agent, reason="投诉人表示问题已自行解决。")
        return
    with _clock(at(0.1)):
        investigation_start(complaint_id=complaint.pk, actor=agent, lead=users["investigator"], members=[agent])
    with _clock(at(0.3)):
        report_submit(complaint_id=complaint.pk, actor=users["investigator"], **REPORT)
        mediation.mediation_start(complaint_id=complaint.pk, actor=agent)
    with _clock(at(0.4)):
        # The finding proposed a penalty of the worker; in the history a supervisor decided it.
        for penalty in Penalty.objects.filter(complaint=complaint, status=Penalty.Status.PROPOSED):
            penalty_approve(penalty=penalty, actor=users["supervisor"])
    with _clock(at(0.5)):
        _settle(rng, complaint, agent, due=timezone.localdate(at(0.5)) + timedelta(days=3))
    with _clock(at(0.7)):
        for item in complaint.compensations.filter(status=Compensation.Status.AGREED):
            voucher = voucher_image() if item.kind == Compensation.Kind.MONEY else None
            compensation.compensation_pay(
                compensation_id=item.pk, actor=agent, voucher=voucher, payment_reference="演示"
            )
    with _clock(at(0.8)):
        outcome.result_notice_send(
            complaint_id=complaint.pk, actor=agent, expected_effect="服务人员改进服务，同类问题不再发生。"
        )
    with _clock(at(0.85)):
        outcome.result_notice_confirm_phone(complaint_id=complaint.pk, actor=agent)
    score = rng.choices([5, 4, 3, 2, 1], [5, 3, 1, 1, 0.5])[0]
    comment = "" if score >= 3 or rng.random() < 0.5 else "处理太慢了。"
    with _clock(at(1.0)):
        outcome.follow_up_callback_record(complaint_id=complaint.pk, actor=agent, score=score, comment=comment)
    with _clock(at(1.0) + timedelta(minutes=10)):
        if score <= 2:
            ends.complaint_refer(
                complaint_id=complaint.pk,
                actor=agent,
                route="consumer_association",
                referred_on=timezone.localdate(),
                note="投诉人对处理结果不满意，转消费者协会。",
            )
        elif comment:
            outcome.follow_up_close(complaint_id=complaint.pk, actor=agent, note="已阅读回访意见。")


def _settle(rng: random.Random, complaint, agent, *, due) -> None:
    items = [CompensationItem(kind=Compensation.Kind.APOLOGY, description="服务人员道歉")]
    if rng.random() < 0.3:
        amount = Decimal(rng.choice([50, 100, 200, 300]))
        items.append(
            CompensationItem(kind=Compensation.Kind.MONEY, description="退还部分服务费", amount=amount, due_on=due)
        )
    proposal = mediation.mediation_propose(
        complaint_id=complaint.pk, actor=agent, complainant_gets="服务人员道歉，公司改进服务。", items=items
    )
    for party in Party.values:
        mediation.mediation_answer_record(proposal_id=proposal.pk, actor=agent, party=party, accepted=True)


def _lessons(users: dict) -> None:
    """One praise of a handler and one warning-bulletin entry, on the latest handled complaint (seeds 001, 002)."""
    handled = Complaint.objects.filter(closed_at__isnull=False).select_related("assigned_to").order_by("-closed_at")
    complaint = handled.first()
    if complaint is None:
        return
    handler_record_create(
        staff=complaint.assigned_to or users["agent"],
        complaint=complaint,
        kind=HandlerRecord.Kind.PRAISE,
        reason="当天联系投诉人并协调重新上门服务，客户回访表示满意。",
        actor=users["supervisor"],
    )
    WarningBulletinEntry.objects.create(
        month=Month.of(complaint.closed_at).first_day,
        title="未按时首次联系投诉人导致二次投诉",
        complaint=handled.last(),
        what_happened="受理后超过24小时才首次联系投诉人，投诉人再次来电投诉。",
        lesson="受理后24小时内必须首次联系投诉人；临近时限的工单由主管跟进。",
        written_by=users["supervisor"],
    )
