"""The quarterly high-frequency problem report (seed 002: 按季度生成《高频问题分析报告》) and the cause
breakdown of the monthly report (seed 001: 统计投诉原因)."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from investigations.models import Investigation, InvestigationReport
from reporting.period import Month, Scope
from reporting.selectors import report_get
from tests.factories import ComplaintFactory
from tests.penalties.factories import ServiceOrderFactory, WorkerFactory
from tests.reporting.factories import local, prepared

pytestmark = pytest.mark.django_db
URL = "/reports/high-frequency/2026-Q2/"
NOW = local(2026, 7, 5, 12)


def _finding(complaint, responsibility="worker", fault="full", by=None):
    investigation = Investigation.objects.create(complaint=complaint, lead=by, opened_by=by)
    InvestigationReport.objects.create(
        investigation=investigation,
        service_quality="差",
        worker_conduct="迟到",
        needs_understanding="理解",
        communication="一般",
        responsibility=responsibility,
        fault_degree=fault,
        responsible_name="王阿姨" if responsibility == "worker" else "",
        conclusion="成立",
        submitted_by=by,
    )


def _quarters(agent):
    """2026-Q2: three service-quality complaints about cleaning (two with a worker finding, one a
    repeat), one fee dispute; 2026-Q1: one service-quality complaint about cleaning."""
    worker = WorkerFactory(name="王阿姨")
    ServiceOrderFactory(order_number="SO-W1", worker=worker, team=worker.team)
    first = ComplaintFactory(received_at=local(2026, 4, 3, 9), category="service_quality", order_number="SO-W1")
    _finding(first, by=agent)
    second = ComplaintFactory(
        received_at=local(2026, 5, 3, 9), category="service_quality", repeat_of=first, order_number="SO-W1"
    )
    _finding(second, by=agent)
    ComplaintFactory(received_at=local(2026, 6, 3, 9), category="service_quality")
    ComplaintFactory(received_at=local(2026, 6, 4, 9), category="fee_dispute", service_type="nanny")
    ComplaintFactory(received_at=local(2026, 2, 3, 9), category="service_quality")
    for month in [Month(2026, m) for m in range(1, 7)]:
        prepared(month)
    return first, second


@time_machine.travel(NOW, tick=False)
def test_the_monthly_report_counts_complaints_by_cause(agent):
    first, _second = _quarters(agent)
    report, _snapshot = report_get(month=Month(2026, 4), scope=Scope())
    by_responsibility = {row["key"]: row["current"] for row in report["distributions"]["responsibility"]}
    assert by_responsibility["worker"] == 1 and by_responsibility["customer"] == 0
    assert {row["key"]: row["current"] for row in report["distributions"]["fault_degree"]}["full"] == 1


@time_machine.travel(NOW, tick=False)
def test_the_quarter_lists_problems_against_the_previous_quarter_and_repeats(client, manager, agent):
    first, second = _quarters(agent)
    client.force_login(manager)
    response = client.get(URL)
    assert response.status_code == 200
    problems = response.context["problems"]
    top = problems[0]
    assert (top["category"], top["responsibility"], top["service_type"], top["current"]) == (
        "service_quality",
        "worker",
        "cleaning",
        2,
    )
    categories = {row["key"]: row for row in response.context["report"]["dimensions"]["category"]}
    assert categories["service_quality"]["current"] == 3 and categories["service_quality"]["previous"] == 1
    assert categories["service_quality"]["change"] == 2
    report = response.context["report"]
    assert report["repeat_count"] == 1 and report["repeats"][0] == second
    assert report["top_workers"] == [{"name": "王阿姨", "count": 2}]
    assert "王阿姨" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_quarter_page_reads_snapshots_in_bounded_queries(client, manager, agent):
    _quarters(agent)
    client.force_login(manager)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for day in range(1, 15):
        ComplaintFactory(received_at=local(2026, 5, day, 9), category="fraud", repeat_of=ComplaintFactory())
    prepared(Month(2026, 5))
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few) <= 10


@time_machine.travel(NOW, tick=False)
def test_a_quarter_not_prepared_says_so(client, manager, django_capture_on_commit_callbacks):
    client.force_login(manager)
    with django_capture_on_commit_callbacks():
        body = client.get(URL).content.decode()
    assert "2026-04" in body and "being prepared" in body.lower() or "正在" in body


@pytest.mark.parametrize("quarter", ["2026-Q5", "1999-Q1", "2999-Q1"])
def test_impossible_or_future_quarter_is_not_found(client, manager, quarter):
    client.force_login(manager)
    assert client.get(f"/reports/high-frequency/{quarter}/").status_code == 404
