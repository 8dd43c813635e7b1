"""Two sweeps at once (two beat processes by mistake): every notice is sent once, none is lost."""

import threading
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from core.models import OutboxMessage
from deadlines.models import Deadline, DeadlineNotice, Step
from deadlines.services import deadlines_sweep
from tests.factories import ComplaintFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

RECEIVED = timezone.make_aware(datetime(2026, 11, 25, 9, 0))


def test_two_concurrent_sweeps_notify_each_level_exactly_once(agent):
    assert connection.vendor == "postgresql"
    agent.email = "agent@example.com"
    agent.save()
    complaints = [ComplaintFactory(received_at=RECEIVED, assigned_to=agent) for _ in range(40)]
    now = RECEIVED + timedelta(minutes=61)  # register is missed, assign not red yet
    results, errors = [], []
    barrier = threading.Barrier(2)

    def sweep() -> None:
        try:
            barrier.wait()
            results.append(deadlines_sweep(now=now, batch_size=7))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    with time_machine.travel(now, tick=False):
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert sum(r["missed"] for r in results) == 40
    assert sum(r["red"] for r in results) == 40
    assert DeadlineNotice.objects.count() == 40
    # One digest per batch; together they list every complaint exactly once.
    lines = [
        line
        for body in OutboxMessage.objects.filter(purpose="deadline_escalation_0").values_list("body", flat=True)
        for line in body.splitlines()
    ]
    assert sorted(line.split(" ")[0] for line in lines) == sorted(c.tracking_number for c in complaints)
    register = Deadline.objects.filter(step=Step.REGISTER, complaint__in=complaints)
    assert not register.filter(breached_at__isnull=True).exists()
