"""Closed months are frozen once into a snapshot that equals the live computation."""

import json

import pytest
import time_machine

from reporting import services, tasks
from reporting.metrics.report import monthly_report
from reporting.models import MonthlySnapshot
from reporting.period import Month, Scope
from reporting.selectors import public_months
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


@time_machine.travel(local(2026, 3, 20, 12), tick=False)
def test_the_current_months_snapshot_is_provisional_until_the_month_ends(agent):
    march_2026_sources(agent)
    snapshot = services.snapshot_compute(month=MARCH, scope=Scope())
    assert not snapshot.is_final
    assert not snapshot.is_outdated(local(2026, 3, 20, 12, 14))
    assert snapshot.is_outdated(local(2026, 3, 20, 12, 16))  # REPORT_LIVE_MINUTES = 15
    assert snapshot.is_outdated(local(2026, 4, 1, 0, 1))  # the month ended: the final figures are owed


@time_machine.travel(local(2026, 4, 1, 3), tick=False)
def test_the_beat_job_freezes_the_month_that_just_ended_once_for_each_filter(agent):
    data = march_2026_sources(agent)
    done = tasks.snapshots_refresh()
    assert {"2026-03 all", "2026-03 team=;service=cleaning", f"2026-03 team={data['t1'].pk};service="} <= set(done)
    assert "2026-04 all" in done  # the current month, for the live page and the public figures
    ComplaintFactory(received_at=local(2026, 3, 30, 9))
    assert tasks.snapshots_refresh() == []
    snapshot = MonthlySnapshot.objects.get(month="2026-03-01", scope="all")
    assert snapshot.figures["figures"]["received"]["current"] == 3


def test_a_snapshot_taken_during_the_month_is_replaced_once_the_month_ends(agent):
    march_2026_sources(agent)
    with time_machine.travel(local(2026, 3, 31, 23, 50), tick=False):
        tasks.snapshots_refresh()
    with time_machine.travel(local(2026, 4, 1, 0, 5), tick=False):
        ComplaintFactory(received_at=local(2026, 3, 31, 23, 55))
        assert "2026-03 all" in tasks.snapshots_refresh()
        snapshot = MonthlySnapshot.objects.get(month="2026-03-01", scope="all")
    assert snapshot.is_final
    assert snapshot.figures["figures"]["received"]["current"] == 4


@time_machine.travel(local(2026, 4, 15, 12), tick=False)
def test_the_beat_job_prepares_the_twelve_months_the_public_page_shows():
    tasks.snapshots_refresh()
    months = {day.isoformat() for day in MonthlySnapshot.objects.filter(scope="all").values_list("month", flat=True)}
    assert {str(month) + "-01" for month in public_months(local(2026, 4, 15, 12))} <= months
    assert "2025-05-01" in months and "2026-04-01" in months


def test_the_beat_schedule_runs_the_job():
    from django.conf import settings

    entries = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "reporting.tasks.snapshots_refresh" in entries
