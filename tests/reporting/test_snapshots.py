"""Closed months are frozen once into a snapshot that equals the live computation."""

import json

import pytest
import time_machine

from reporting import services, tasks
from reporting.metrics.report import monthly_report
from reporting.models import MonthlySnapshot
from reporting.period import Month, Scope
from tests.factories import ComplaintFactory
from tests.reporting.factories import local, march_2026_sources

pytestmark = pytest.mark.django_db
MARCH = Month(2026, 3)


def test_snapshot_equals_the_live_computation_of_a_closed_month(agent):
    data = march_2026_sources(agent)
    for scope in (Scope(), Scope(service_type="cleaning"), Scope(team_id=data["t1"].pk)):
        snapshot = services.snapshot_compute(month=MARCH, scope=scope)
        snapshot.refresh_from_db()
        assert snapshot.figures == json.loads(json.dumps(monthly_report(MARCH, scope)))


def test_the_current_month_cannot_be_frozen():
    with pytest.raises(services.MonthNotClosed):
        services.snapshot_compute(month=Month.current(), scope=Scope())


@time_machine.travel(local(2026, 4, 1, 3), tick=False)
def test_the_beat_job_freezes_the_month_that_just_ended_once(agent):
    march_2026_sources(agent)
    assert tasks.snapshots_refresh() == ["2026-03"]
    ComplaintFactory(received_at=local(2026, 3, 30, 9))
    assert tasks.snapshots_refresh() == []
    snapshot = MonthlySnapshot.objects.get(month="2026-03-01", scope="all")
    assert snapshot.figures["figures"]["received"]["current"] == 3


def test_the_beat_schedule_runs_the_job():
    from django.conf import settings

    entries = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "reporting.tasks.snapshots_refresh" in entries
