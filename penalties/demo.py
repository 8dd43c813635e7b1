"""Demo teams, workers, orders (matching the demo complaints' order numbers), penalties and an appeal.

Idempotent: workers are keyed by identity, orders by number, and penalties are added only to
workers that have none.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from intake.choices import ServiceType
from intake.models import Complaint

from .identity import identity_check_char
from .models import Appeal, PenaltyKind
from .services.appeals import appeal_submit
from .services.penalties import penalty_approve, penalty_propose
from .services.workers import order_upsert, team_for_name, worker_upsert

TEAMS = {
    "保洁一组": [ServiceType.CLEANING, ServiceType.HOURLY],
    "母婴护理组": [ServiceType.MATERNITY_NURSE, ServiceType.NANNY],
    "居家养老组": [ServiceType.ELDERLY_CARE],
}
NAMES = ["王秀英", "李桂兰", "张玉梅", "刘凤霞", "陈淑珍", "杨丽华", "赵春梅", "黄秀兰", "周美玲", "吴红霞"]
ORDER_COUNT = 30


def _identity(n: int) -> str:
    first = f"3201021975{n % 12 + 1:02d}15{n:03d}"
    return first + identity_check_char(first)


def seed(users: dict) -> None:
    teams = []
    for name, _types in TEAMS.items():
        team = team_for_name(name=name)
        if team.supervisor_id is None:
            team.supervisor = users["supervisor"]
            team.save()
        teams.append(team)
    workers = []
    for n, name in enumerate(NAMES):
        team = teams[n % len(teams)]
        worker, _created = worker_upsert(
            name=name,
            identity_number=_identity(n),
            phone=f"1390000{n:04d}",
            team=team,
            service_types=TEAMS[team.name],
        )
        workers.append(worker)
    _orders(workers)
    _penalties(workers, users)


def _orders(workers) -> None:
    """Orders for the demo complaints' order numbers first, then made-up ones up to ORDER_COUNT."""
    quoted = list(
        Complaint.objects.exclude(order_number="")
        .order_by("received_at")
        .values_list("order_number", "service_type", "received_at")[:ORDER_COUNT]
    )
    today = timezone.localdate()
    made_up = [(f"JZ{today:%Y}{n:05d}", None, None) for n in range(1, ORDER_COUNT - len(quoted) + 1)]
    for n, (number, service_type, received_at) in enumerate(quoted + made_up):
        worker = workers[n % len(workers)]
        day = (timezone.localdate(received_at) if received_at else today) - timedelta(days=1 + n % 5)
        order_upsert(
            order_number=number,
            service_type=service_type or worker.service_types[0],
            service_date=day,
            amount=Decimal(180 + 40 * (n % 6)),
            worker=worker,
            customer_phone=f"1380000{n:04d}",
        )


def _penalties(workers, users) -> None:
    supervisor = users["supervisor"]
    first, second, third = workers[0], workers[1], workers[2]
    if not first.penalties.exists():
        deduction = penalty_propose(
            worker=first,
            kind=PenaltyKind.POINTS,
            points=3,
            category="service_quality",
            reason="上门迟到两小时且未打扫厨房，经调查属实。",
            actor=supervisor,
        )
        penalty_approve(penalty=deduction, actor=supervisor, note="按规则扣3分")
        if not Appeal.objects.filter(penalty=deduction).exists():
            appeal_submit(penalty=deduction, grounds="当天客户临时改了上门时间，有聊天记录为证。", actor=users["agent"])
    if not second.penalties.exists():
        penalty_propose(
            worker=second,
            kind=PenaltyKind.WARNING,
            category="service_attitude",
            reason="与客户沟通时态度生硬。",
            actor=users["agent"],
        )
    if not third.penalties.exists():
        suspension = penalty_propose(
            worker=third,
            kind=PenaltyKind.SUSPENSION,
            suspension_days=7,
            points=6,
            category="safety_hazard",
            reason="未按规范使用清洁剂，造成安全隐患。",
            actor=supervisor,
        )
        penalty_approve(penalty=suspension, actor=supervisor)
