"""Real Celery beat and worker processes against Redis see an overdue complaint escalate."""

from datetime import timedelta

import pytest
from django.utils import timezone

from deadlines.models import Deadline, DeadlineNotice, Step
from tests.factories import ComplaintFactory
from tests.processes import celery_processes, wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_beat_and_worker_escalate_an_overdue_complaint(agent, monkeypatch):
    # Beat installs CELERY_BEAT_SCHEDULE into its tables at start; run the sweep every 2 s here.
    monkeypatch.setenv("DEADLINE_SWEEP_SECONDS", "2")
    complaint = ComplaintFactory(received_at=timezone.now() - timedelta(hours=2), assigned_to=agent)
    register = Deadline.objects.get(complaint=complaint, step=Step.REGISTER)

    def escalated() -> bool:
        register.refresh_from_db()
        return register.breached_at is not None

    with celery_processes("worker", "beat"):
        assert wait_until(escalated, timeout=90)
    assert DeadlineNotice.objects.filter(deadline=register, recipient=agent, level=0).count() == 1
