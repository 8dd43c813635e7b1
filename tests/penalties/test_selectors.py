"""Reads: the lists and the profile cost the same number of queries however many rows they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from penalties.models import PenaltyKind
from penalties.services.appeals import appeal_submit
from penalties.services.penalties import penalty_approve, penalty_propose
from tests.factories import ComplaintFactory
from tests.penalties.factories import ServiceOrderFactory, WorkerFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # fills what pages cache (the supervisors' calendar banner), so both counts compare alike
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_penalty_list_queries_do_not_grow_with_rows(client, agent, supervisor):
    client.force_login(supervisor)
    penalty_propose(worker=WorkerFactory(), kind=PenaltyKind.WARNING, reason="x", actor=agent)
    few = _queries(client, reverse("penalty-list"))
    for _ in range(5):
        penalty_propose(worker=WorkerFactory(), kind=PenaltyKind.WARNING, reason="x", actor=agent)
    assert _queries(client, reverse("penalty-list")) == few


def test_worker_profile_queries_do_not_grow_with_history(client, agent, supervisor):
    worker = WorkerFactory()
    client.force_login(supervisor)

    def add_round(n):
        order = ServiceOrderFactory(worker=worker, order_number=f"Q{n}")
        complaint = ComplaintFactory(order_number=order.order_number)
        penalty = penalty_propose(
            worker=worker, complaint=complaint, kind=PenaltyKind.POINTS, points=1, reason="x", actor=agent
        )
        appeal_submit(penalty=penalty_approve(penalty=penalty, actor=supervisor), grounds="x", actor=agent)

    add_round(0)
    url = reverse("worker-detail", args=[worker.pk])
    few = _queries(client, url)
    for n in range(1, 5):
        add_round(n)
    assert _queries(client, url) == few
