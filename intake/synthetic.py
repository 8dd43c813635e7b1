"""Synthetic complaints in bulk, for benchmarks and load tests only.

A bulk insert skips ``save()``, signals and simple-history: no history rows, no timeline events,
no messages. That is acceptable for synthetic benchmark data and nothing else: real complaints
are only ever created by ``intake.services.registration.complaint_register``.

Each complaint gets the clocks the inbox sorts and badges by (registration, response and, once
accepted, the solution), met or still open as its state implies, and the nearest open due time
on the complaint, as ``deadlines.nearest`` keeps it.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from core import roles
from deadlines.models import Deadline, SlaPolicy, Step

from .choices import Category, Channel, Demand, ServiceType, Severity
from .models import Complaint, State
from .models.complaint import _TRACKING_ALPHABET
from .search import SEARCHED_FIELDS, search_document

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = ["女士", "先生", "阿姨", "小姐", "伟", "芳", "敏", "静", "磊", "洋", "婷", "强"]
_DESCRIPTIONS = {
    Category.SERVICE_QUALITY: ["保洁阿姨迟到一个多小时，厨房也没打扫干净。", "约好的钟点工没来，也没有提前通知。"],
    Category.SERVICE_ATTITUDE: ["育儿嫂态度差，提醒她几次都不耐烦。", "师傅说话很冲，还骂人。"],
    Category.FEE_DISPUTE: ["结账时乱收费，比下单价格多收了150元。", "擦玻璃被额外收费，事先没说明。"],
    Category.REFUND_DISPUTE: ["取消订单后一直不给退款，已经两周了。", "押金迟迟不退，客服一直推脱。"],
    Category.CONTRACT_BREACH: ["公司擅自换人，换来的月嫂没有经验，违约。", "合同写每周三次，实际只来了一次。"],
    Category.SAFETY_HAZARD: ["家里的金项链被偷窃，怀疑是保姆拿的。", "护工扶老人时让老人摔伤了。"],
    Category.FRAUD: ["门店虚假宣传，说月嫂有金牌证书，其实是假证。", "有人冒充贵公司员工上门收费。"],
    Category.OTHER: ["App 下单规则不清楚，想咨询一下。", "希望平台增加夜间服务。"],
}
#: Roughly how often each channel brings a complaint in.
_CHANNEL_WEIGHTS = {
    Channel.HOTLINE: 40,
    Channel.APP: 15,
    Channel.WECHAT: 15,
    Channel.WEB_FORM: 12,
    Channel.ON_SITE: 4,
    Channel.LETTER: 2,
    Channel.EMAIL: 3,
    Channel.WALK_IN: 3,
    Channel.SOCIAL_MEDIA: 3,
    Channel.TRANSFER: 3,
}
_FINAL_STATES = [State.CLOSED] * 6 + [State.ARCHIVED] * 2 + [State.NOT_ACCEPTED, State.WITHDRAWN]
_CLOSED = (State.CLOSED, State.ARCHIVED)
_OPEN_STATES = [State.SUBMITTED, State.ACCEPTED, State.INVESTIGATING, State.MEDIATING, State.RESOLVED, State.FOLLOW_UP]
#: The synthetic clocks: step, time allowed, the states in which it is still owed (met in every later state).
_CLOCKS = (
    (Step.REGISTER, timedelta(hours=1), {State.SUBMITTED}),
    (Step.RESPONSE, timedelta(hours=24), {State.SUBMITTED, State.ACCEPTED}),
    (Step.SOLUTION, timedelta(days=7), {State.ACCEPTED, State.INVESTIGATING, State.MEDIATING}),
)


def complaints_synthesize(*, count: int, batch_size: int = 5000, days: int = 365, seed: int | None = None) -> int:
    """Create ``count`` plausible complaints received over the last ``days`` days. Returns the count.

    Rows go in with ``executemany`` rather than model instances: building 100,000 instances costs
    more than inserting them, and the target is 100,000 complaints in well under a minute.
    """
    rng = random.Random(seed)
    agents = list(get_user_model().objects.filter(groups__name=roles.AGENT).values_list("pk", flat=True)) or [None]
    taken = set(Complaint.objects.values_list("tracking_number", flat=True))
    now = timezone.now()
    insert = _Insert(Complaint, created_at=now)
    clocks = _ClockInsert()
    channels, channel_weights = list(_CHANNEL_WEIGHTS), list(_CHANNEL_WEIGHTS.values())
    earlier: list[int] = []
    created = 0
    while created < count:
        size = min(batch_size, count - created)
        rows = [
            _complaint(rng, now=now, days=days, channel=channel, agents=agents, taken=taken, earlier=earlier)
            for channel in rng.choices(channels, channel_weights, k=size)
        ]
        for row in rows:  # what the deadlines and ``Complaint.save`` would write
            row["next_due_at"] = clocks.next_due(row)
            row["search_document"] = search_document(**{name: row.get(name, "") for name in SEARCHED_FIELDS})
        with transaction.atomic():
            insert.run(rows)
            clocks.run(rows)
        earlier = list(Complaint.objects.order_by("-pk").values_list("pk", flat=True)[:size])
        created += size
    return created


class _Insert:
    """One INSERT for every column of ``model``; columns a row leaves out get the field's default."""

    def __init__(self, model, **defaults) -> None:
        self.fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        self.defaults = {field.attname: field.get_default() for field in self.fields} | defaults
        columns = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        table = connection.ops.quote_name(model._meta.db_table)
        # Names come from the model and are quoted; every value is a parameter.
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608

    def run(self, rows: list[dict]) -> None:
        values = [
            tuple(
                field.get_db_prep_save(row.get(field.attname, self.defaults[field.attname]), connection)
                for field in self.fields
            )
            for row in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, values)


class _ClockInsert:
    """The batch's clocks, after its complaints (their ids found by tracking number)."""

    def __init__(self) -> None:
        # One policy per step, whatever its severity or channel: the clocks only need plausible times.
        policies = SlaPolicy.objects.filter(step__in=[step for step, _, _ in _CLOCKS]).order_by("-pk")
        self.policies = {policy.step: policy for policy in policies}
        self.insert = _Insert(Deadline)

    def next_due(self, row: dict):
        return min((clock["due_at"] for clock in _clocks(row, self.policies) if clock["met_at"] is None), default=None)

    def run(self, rows: list[dict]) -> None:
        numbers = [row["tracking_number"] for row in rows]
        ids = dict(Complaint.objects.filter(tracking_number__in=numbers).values_list("tracking_number", "pk"))
        self.insert.run(
            [
                {**clock, "complaint_id": ids[row["tracking_number"]]}
                for row in rows
                for clock in _clocks(row, self.policies)
            ]
        )


def _clocks(row: dict, policies: dict) -> list[dict]:
    clocks = []
    received, state = row["received_at"], row["state"]
    for step, allowed, owed_in in _CLOCKS:
        policy = policies.get(step)
        if policy is None or (step == Step.SOLUTION and state == State.SUBMITTED):
            continue
        due = received + allowed
        owed = state in owed_in
        clocks.append(
            {
                "step": step,
                "policy_id": policy.pk,
                "policy_version": policy.version,
                "clock": policy.clock,
                "responsible_id": row["assigned_to_id"],
                "started_at": received,
                "due_at": due,
                "red_at": received + allowed * 0.8,
                "met_at": None if owed else received + allowed / 2,
            }
        )
    return clocks


def _complaint(rng: random.Random, *, now, days, channel, agents, taken, earlier) -> dict:
    received_at = now - timedelta(seconds=rng.randrange(days * 86400))
    # Categories with sample descriptions only (a complaint about the desk itself is not synthesised).
    category = rng.choice(list(_DESCRIPTIONS))
    urgent = category == Category.SAFETY_HAZARD and rng.random() < 0.4
    severity = Severity.MAJOR if urgent else rng.choices(Severity.values, [70, 25, 5])[0]
    recent = now - received_at < timedelta(days=14)
    state = rng.choice(_OPEN_STATES if recent or rng.random() < 0.03 else _FINAL_STATES)
    decided = state != State.SUBMITTED
    transfer = channel == Channel.TRANSFER
    return {
        "tracking_number": _tracking_number(rng, received_at, taken),
        "channel": channel,
        "transfer_body": "12315" if transfer else "",
        "transfer_case_number": f"SC{rng.randrange(10**8):08d}" if transfer else "",
        "complainant_name": rng.choice(_SURNAMES) + rng.choice(_GIVEN),
        "phone": f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
        "order_number": f"SO{received_at:%y%m}{rng.randrange(10**6):06d}",
        "service_type": rng.choice(ServiceType.values),
        "description": rng.choice(_DESCRIPTIONS[category]),
        "demands": rng.sample(Demand.values, k=rng.randint(1, 2)),
        "received_at": received_at,
        "category": category,
        "severity": severity,
        "urgent": urgent,
        "proposed_category": category if rng.random() < 0.8 else Category.OTHER,
        "proposed_severity": severity,
        "proposed_urgent": urgent,
        "proposal_accepted": decided or None,
        "state": state,
        "decided_at": received_at + timedelta(hours=1) if decided else None,
        "promised_reply_at": received_at + timedelta(days=1) if decided else None,
        "assigned_to_id": rng.choice(agents) if decided else None,
        "closed_at": received_at + timedelta(days=rng.randint(2, 20)) if state in _CLOSED else None,
        "repeat_of_id": rng.choice(earlier) if earlier and rng.random() < 0.03 else None,
    }


def _tracking_number(rng: random.Random, received_at, taken: set) -> str:
    while True:
        number = f"TS{received_at:%y%m%d}" + "".join(rng.choices(_TRACKING_ALPHABET, k=8))
        if number not in taken:
            taken.add(number)
            return number
