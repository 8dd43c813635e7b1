"""Factories and the small fixed data set the report figures are checked against by hand."""

from datetime import datetime

import factory
from django.utils import timezone

from reporting.models import SupervisionCallback, TypicalCase
from tests.factories import ComplaintFactory, UserFactory


def local(*args) -> datetime:
    """A moment in the desk's time zone (Asia/Shanghai), as the report months are."""
    return timezone.make_aware(datetime(*args))


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
