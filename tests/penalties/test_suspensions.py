"""Suspensions end by themselves at their end date, and the end is recorded in history."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.translation import gettext

from penalties.models import Penalty, PenaltyKind, Worker
from penalties.services.penalties import penalty_approve, penalty_propose, suspensions_end
from penalties.tasks import suspensions_end as suspensions_end_task
from tests.penalties.factories import WorkerFactory

pytestmark = pytest.mark.django_db


def _suspend(worker, supervisor, days):
    penalty = penalty_propose(
        worker=worker, kind=PenaltyKind.SUSPENSION, suspension_days=days, reason="x", actor=supervisor
    )
    return penalty_approve(penalty=penalty, actor=supervisor)


def test_suspension_ends_at_its_end_date_and_the_worker_is_active_again(supervisor):
    worker = WorkerFactory()
    penalty = _suspend(worker, supervisor, 3)
    assert suspensions_end() == 0
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert suspensions_end() == 1
    penalty.refresh_from_db()
    worker.refresh_from_db()
    assert penalty.status == Penalty.Status.ENDED
    assert penalty.ended_at is not None
    assert worker.status == Worker.Status.ACTIVE
    assert worker.suspended_until is None
    assert worker.history.first().history_change_reason == gettext("Suspension ended")
    assert penalty.history.first().status == Penalty.Status.ENDED


def test_the_beat_task_ends_due_suspensions(supervisor):
    worker = WorkerFactory()
    _suspend(worker, supervisor, 1)
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        suspensions_end_task.apply()
    worker.refresh_from_db()
    assert worker.status == Worker.Status.ACTIVE


def test_a_longer_overlapping_suspension_keeps_the_worker_suspended(supervisor):
    worker = WorkerFactory()
    _suspend(worker, supervisor, 2)
    _suspend(worker, supervisor, 10)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        suspensions_end()
    worker.refresh_from_db()
    assert worker.status == Worker.Status.SUSPENDED
    assert worker.suspended_until == timezone.localdate() + timedelta(days=10)


def test_ending_a_suspension_does_not_reactivate_a_dismissed_worker(supervisor):
    worker = WorkerFactory()
    _suspend(worker, supervisor, 2)
    dismissal = penalty_propose(worker=worker, kind=PenaltyKind.DISMISSAL, reason="x", actor=supervisor)
    penalty_approve(penalty=dismissal, actor=supervisor)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        suspensions_end()
    worker.refresh_from_db()
    assert worker.status == Worker.Status.DISMISSED


def test_the_schedule_runs_the_task():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "penalties.tasks.suspensions_end" in tasks
