"""Points balance per calendar year; reaching zero proposes a suspension to the supervisors."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.models import OutboxMessage
from penalties.models import Penalty, PenaltyKind
from penalties.selectors import points_balance, points_history
from penalties.services.penalties import penalty_approve, penalty_propose
from tests.penalties.factories import WorkerFactory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _deduct(worker, supervisor, points):
    penalty = penalty_propose(worker=worker, kind=PenaltyKind.POINTS, points=points, reason="x", actor=supervisor)
    return penalty_approve(penalty=penalty, actor=supervisor)


def test_a_new_worker_starts_with_the_yearly_allowance():
    assert points_balance(worker=WorkerFactory()) == 12


def test_the_allowance_comes_from_settings(settings):
    settings.PENALTY_POINTS_PER_YEAR = 20
    assert points_balance(worker=WorkerFactory()) == 20


def test_a_new_calendar_year_restores_the_allowance(supervisor):
    worker = WorkerFactory()
    with time_machine.travel(datetime(2026, 12, 31, 23, 0, tzinfo=SHANGHAI), tick=False):
        _deduct(worker, supervisor, 5)
        assert points_balance(worker=worker) == 7
    with time_machine.travel(datetime(2027, 1, 1, 0, 30, tzinfo=SHANGHAI), tick=False):
        assert points_balance(worker=worker) == 12
        _deduct(worker, supervisor, 2)
        assert points_balance(worker=worker) == 10
    assert points_balance(worker=worker, year=2026) == 7


def test_the_period_follows_the_local_calendar_not_utc(supervisor):
    worker = WorkerFactory()
    # 2027-01-01 01:00 in Shanghai is still 2026 in UTC.
    with time_machine.travel(datetime(2027, 1, 1, 1, 0, tzinfo=SHANGHAI), tick=False):
        _deduct(worker, supervisor, 3)
    assert points_balance(worker=worker, year=2027) == 9
    assert points_balance(worker=worker, year=2026) == 12


def test_reaching_zero_proposes_a_suspension_and_tells_the_supervisors(supervisor):
    supervisor.email = "boss@example.com"
    supervisor.save()
    worker = WorkerFactory()
    _deduct(worker, supervisor, 6)
    assert not worker.penalties.filter(kind=PenaltyKind.SUSPENSION).exists()
    _deduct(worker, supervisor, 6)
    proposal = worker.penalties.get(kind=PenaltyKind.SUSPENSION)
    assert proposal.status == Penalty.Status.PROPOSED
    assert proposal.proposed_by is None
    assert OutboxMessage.objects.filter(recipient="boss@example.com", purpose="penalty_proposed").count() == 1


def test_going_further_below_zero_proposes_no_second_suspension(supervisor):
    worker = WorkerFactory()
    _deduct(worker, supervisor, 12)
    _deduct(worker, supervisor, 3)
    assert worker.penalties.filter(kind=PenaltyKind.SUSPENSION).count() == 1
    assert points_balance(worker=worker) == -3


def test_points_history_shows_the_balance_after_each_line(supervisor):
    worker = WorkerFactory()
    _deduct(worker, supervisor, 2)
    _deduct(worker, supervisor, 3)
    assert [(line.delta, line.balance) for line in points_history(worker=worker)] == [(-2, 10), (-3, 7)]
