"""Factories and the small fixed data set the report figures are checked against by hand."""

from datetime import date, datetime

import factory
from django.utils import timezone

from deadlines.models import Deadline, SlaPolicy
from penalties.models import Penalty, PenaltyKind
from reporting import services
from reporting.models import SupervisionCallback, TypicalCase
from reporting.period import Month, Scope
from resolutions.models import Compensation, FollowUp, ResultNotice
from tests.factories import ComplaintFactory, UserFactory
from tests.penalties.factories import PenaltyFactory, ServiceOrderFactory, TeamFactory, WorkerFactory


def local(*args) -> datetime:
    """A moment in the desk's time zone (Asia/Shanghai), as the report months are."""
    return timezone.make_aware(datetime(*args))


def prepared(month: Month, scope: Scope | None = None):
    """What the worker does before a report page can show a month: compute and store its snapshot."""
    return services.snapshot_compute(month=month, scope=scope or Scope())


class TypicalCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TypicalCase

    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    title = "保洁迟到后重新上门服务"
    summary = "客户反映保洁人员迟到且未打扫厨房，经核实后安排重新上门并退还部分费用。"
    published = True
    created_by = factory.SubFactory(UserFactory)


class SupervisionCallbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionCallback

    result = SupervisionCallback.Result.SATISFIED
    called_by = factory.SubFactory(UserFactory)


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    step = "register"
    policy = factory.LazyFunction(lambda: SlaPolicy.objects.filter(step="register").first())
    policy_version = 1
    clock = "clock_hours"
    started_at = factory.LazyAttribute(lambda o: o.complaint.received_at)
    red_at = factory.LazyAttribute(lambda o: o.due_at)


class ResultNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultNotice

    content = factory.LazyFunction(dict)
    appeal_by = factory.LazyFunction(timezone.localdate)
    sent_by = factory.SubFactory(UserFactory)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    notice = factory.SubFactory(ResultNoticeFactory, complaint=factory.SelfAttribute("..complaint"))
    token_hash = factory.Sequence(lambda n: f"{n:064d}")
    due_at = factory.LazyAttribute(lambda o: o.answered_at)
    channel = FollowUp.Channel.LINK


class CompensationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Compensation

    kind = Compensation.Kind.MONEY
    description = "退还部分服务费"
    payer = Compensation.Payer.COMPANY
    status = Compensation.Status.PAID
    created_by = factory.SubFactory(UserFactory)


def march_2026(handler=None) -> dict:
    """The fixed data set of the figure tests (hand-computed values in the tests' docstrings).

    2026-03: c1, c2, c3 received; c1, c2 and c4 (received in February) closed.
    """
    c1 = ComplaintFactory(
        received_at=local(2026, 3, 2, 10),
        closed_at=local(2026, 3, 3, 10),
        state="closed",
        category="service_quality",
        channel="hotline",
        severity="general",
        service_type="cleaning",
        proposal_keywords=["迟到", "没打扫"],
        order_number="SO-C1",
        assigned_to=handler,
    )
    c2 = ComplaintFactory(
        received_at=local(2026, 3, 10, 8),
        closed_at=local(2026, 3, 12, 8),
        state="closed",
        category="fee_dispute",
        channel="app",
        severity="important",
        service_type="nanny",
        proposal_keywords=["迟到"],
        repeat_of=c1,
        order_number="SO-C2",
        assigned_to=handler,
    )
    c3 = ComplaintFactory(
        received_at=local(2026, 3, 31, 23, 30),
        state="accepted",
        category="service_quality",
        channel="wechat",
        severity="major",
        service_type="cleaning",
    )
    c4 = ComplaintFactory(
        received_at=local(2026, 2, 27, 12),
        closed_at=local(2026, 3, 1, 0, 30),
        state="closed",
        category="other",
        service_type="cleaning",
    )
    c5 = ComplaintFactory(received_at=local(2026, 4, 1, 0, 10), category="fraud")
    c6 = ComplaintFactory(
        received_at=local(2025, 3, 15, 9),
        closed_at=local(2025, 3, 16, 9),
        state="closed",
        category="service_attitude",
        service_type="elderly_care",
    )
    return {"c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5, "c6": c6}


def march_2026_sources(handler=None) -> dict:
    """The fixed data set plus what the other stages record about it (hand-computed in the tests).

    Service orders: four served in March (two of them the orders of c1 and c2, worker w1 of team t1),
    one in February. The deadlines the lifecycle starts by itself are replaced by hand-made ones.
    """
    w1, w2 = WorkerFactory(team=TeamFactory(name="保洁一组")), WorkerFactory(team=TeamFactory(name="保洁二组"))
    ServiceOrderFactory(order_number="SO-C1", worker=w1, service_date=date(2026, 3, 1))
    ServiceOrderFactory(order_number="SO-C2", worker=w1, service_type="nanny", service_date=date(2026, 3, 9))
    ServiceOrderFactory(worker=w2, service_date=date(2026, 3, 15))
    ServiceOrderFactory(worker=w2, service_date=date(2026, 3, 31))
    ServiceOrderFactory(worker=w2, service_date=date(2026, 2, 28))
    data = march_2026(handler=handler)
    c1, c2, c3, c4 = data["c1"], data["c2"], data["c3"], data["c4"]
    Deadline.objects.all().delete()
    on_time = {"met_at": local(2026, 3, 2, 10, 30)}
    DeadlineFactory(complaint=c1, due_at=local(2026, 3, 2, 11), responsible=handler, **on_time)
    DeadlineFactory(
        complaint=c1,
        step="first_contact",
        due_at=local(2026, 3, 3, 10),
        met_at=local(2026, 3, 3, 12),
        breached_at=local(2026, 3, 3, 10),
        escalation_level=1,
        responsible=handler,
    )
    DeadlineFactory(complaint=c2, due_at=local(2026, 3, 10, 9), met_at=local(2026, 3, 10, 8, 30))
    DeadlineFactory(complaint=c3, due_at=local(2026, 4, 1, 0, 30), breached_at=local(2026, 4, 1, 0, 30))
    DeadlineFactory(
        complaint=c3, step="first_contact", due_at=local(2026, 4, 1, 23, 30), stopped_at=local(2026, 4, 1, 9)
    )
    FollowUpFactory(complaint=c1, answered_at=local(2026, 3, 5, 9), score=5)
    FollowUpFactory(complaint=c2, answered_at=local(2026, 3, 20, 9), score=3)
    FollowUpFactory(complaint=c4, answered_at=local(2026, 4, 2, 9), score=1)
    CompensationFactory(complaint=c1, amount="200.00", paid_at=local(2026, 3, 6, 9))
    CompensationFactory(complaint=c2, kind="apology", amount="0.00", paid_at=local(2026, 3, 21, 9))
    CompensationFactory(complaint=c2, amount="99.50", status=Compensation.Status.AGREED)
    approved = {"status": Penalty.Status.IN_EFFECT, "complaint": c1, "worker": w1}
    PenaltyFactory(kind=PenaltyKind.WARNING, decided_at=local(2026, 3, 8, 9), **approved)
    PenaltyFactory(kind=PenaltyKind.POINTS, decided_at=local(2026, 3, 9, 9), **{**approved, "status": "revoked"})
    PenaltyFactory(kind=PenaltyKind.FINE, worker=w1, complaint=c1)
    PenaltyFactory(kind=PenaltyKind.WARNING, decided_at=local(2026, 4, 3, 9), **approved)
    return {**data, "w1": w1, "w2": w2, "t1": w1.team}
