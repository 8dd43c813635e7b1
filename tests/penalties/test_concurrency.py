"""Two schedulers ending suspensions at once end each one once (PostgreSQL row locks)."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from penalties.models import Penalty, PenaltyKind
from penalties.services.penalties import penalty_approve, penalty_propose, suspensions_end
from tests.penalties.factories import WorkerFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_sweeps_end_each_suspension_once(supervisor):
    for _ in range(6):
        penalty = penalty_propose(
            worker=WorkerFactory(), kind=PenaltyKind.SUSPENSION, suspension_days=1, reason="x", actor=supervisor
        )
        penalty_approve(penalty=penalty, actor=supervisor)
    counts = []

    def sweep():
        try:
            counts.append(suspensions_end())
        finally:
            connection.close()

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sum(counts) == 6
    assert Penalty.objects.filter(status=Penalty.Status.ENDED).count() == 6
    ended_rows = Penalty.history.filter(status=Penalty.Status.ENDED).count()
    assert ended_rows == 6
