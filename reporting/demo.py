"""Demo history for the reports: a year of handled complaints, so every figure and chart has data.

Idempotent: nothing happens once the demo typical case exists.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from deadlines.models import Deadline
from intake.choices import Category, Channel, ServiceType, Severity
from intake.models import Complaint
from penalties.models import ServiceOrder
from resolutions.models import Compensation, FollowUp, ResultNotice, survey_token_hash

from .models import TypicalCase
from .period import Month

DEMO_CASE_TITLE = "保洁服务迟到并遗漏厨房清洁"
KEYWORDS = ["迟到", "态度差", "多收费", "退款慢", "没打扫", "临时换人", "损坏物品", "不专业"]
WEIGHTS = {Category.SERVICE_QUALITY: 9, Category.SERVICE_ATTITUDE: 5, Category.FEE_DISPUTE: 4}


@transaction.atomic  # one commit: thousands of small SQLite transactions take minutes
def seed(users: dict) -> None:
    if TypicalCase.objects.filter(title=DEMO_CASE_TITLE).exists():
        return
    rng = random.Random(2026)
    orders = list(ServiceOrder.objects.values_list("order_number", flat=True))
    month = Month.current()
    for _index in range(13):
        month = month.previous
        for n in range(25 + rng.randint(0, 20)):
            _complaint(rng, month, n, users, orders)
    TypicalCase.objects.create(
        month=Month.current().previous.first_day,
        title=DEMO_CASE_TITLE,
        summary="客户反映保洁人员迟到近两小时且未清洁厨房。客服当天联系双方核实，安排重新上门服务并退还部分费用，客户回访表示满意。",
        published=True,
        created_by=users["supervisor"],
    )


def _complaint(rng: random.Random, month: Month, n: int, users: dict, orders: list[str]) -> None:
    categories = [value for value, _label in Category.choices]
    received = month.start + timedelta(hours=rng.randint(0, 27 * 24))
    handled_hours = rng.choice([6, 12, 20, 30, 48, 72, 96, 150])
    complaint = Complaint.objects.create(
        channel=rng.choice([Channel.HOTLINE] * 4 + [value for value, _label in Channel.choices]),
        complainant_name="演示客户",
        phone=f"1380000{n:04d}",
        service_type=rng.choice([value for value, _label in ServiceType.choices]),
        description="演示数据：服务过程中出现问题。",
        category=rng.choices(categories, [WEIGHTS.get(value, 2) for value in categories])[0],
        severity=rng.choices([Severity.GENERAL, Severity.IMPORTANT, Severity.MAJOR], [8, 3, 1])[0],
        received_at=received,
        closed_at=received + timedelta(hours=handled_hours),
        state="closed",
        assigned_to=rng.choice([users["agent"], users["agent2"]]),
        proposal_keywords=rng.sample(KEYWORDS, rng.randint(0, 2)),
        order_number=rng.choice(orders) if orders and rng.random() < 0.3 else "",
    )
    for deadline in Deadline.objects.filter(complaint=complaint):
        late = rng.random() < 0.15
        deadline.met_at = deadline.due_at + timedelta(hours=2) if late else deadline.due_at - timedelta(minutes=20)
        deadline.breached_at = deadline.due_at if late else None
        deadline.escalation_level = 1 if late and rng.random() < 0.5 else 0
        deadline.responsible = complaint.assigned_to
        deadline.next_check_at = None
        deadline.save()
    closed = complaint.closed_at
    if rng.random() < 0.7:
        notice = ResultNotice.objects.create(
            complaint=complaint, content={}, appeal_by=closed.date(), sent_by=complaint.assigned_to
        )
        FollowUp.objects.create(
            complaint=complaint,
            notice=notice,
            token_hash=survey_token_hash(f"demo-{complaint.pk}"),
            due_at=closed,
            answered_at=closed,
            channel=FollowUp.Channel.LINK,
            score=rng.choices([5, 4, 3, 2, 1], [5, 3, 1, 1, 0.5])[0],
        )
    if rng.random() < 0.2:
        Compensation.objects.create(
            complaint=complaint,
            kind=rng.choice([value for value, _label in Compensation.Kind.choices]),
            description="演示赔偿",
            amount=rng.choice(["50.00", "100.00", "200.00", "0.00"]),
            payer=Compensation.Payer.COMPANY,
            status=Compensation.Status.PAID,
            paid_at=min(closed, timezone.now()),
            created_by=complaint.assigned_to,
        )
