"""The report pages: who may read them, what they show, and that they cost a bounded number of queries."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.models import MonthlySnapshot
from tests.factories import ComplaintFactory
from tests.reporting.factories import local, march_2026, march_2026_sources

pytestmark = pytest.mark.django_db
URL = "/reports/2026-03/"


def test_manager_reads_the_monthly_report_with_formulas_and_charts(client, manager, agent):
    march_2026_sources(agent)
    client.force_login(manager)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body
    assert "投诉率" in body and "÷" in body
    assert 'id="figure-complaint_rate"' in body


@pytest.mark.parametrize("role_fixture", ["agent", "investigator"])
def test_staff_without_the_report_permission_are_refused(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(URL).status_code == 403


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("month", ["2026-13", "1999-01", "2999-01"])
def test_impossible_or_future_month_is_not_found(client, manager, month):
    client.force_login(manager)
    assert client.get(f"/reports/{month}/").status_code == 404


def test_the_earliest_month_compares_with_months_before_it_without_error(client, manager):
    client.force_login(manager)
    assert client.get("/reports/2000-01/").status_code == 200


def test_unknown_filter_values_are_ignored_not_a_500(client, manager):
    client.force_login(manager)
    assert client.get(URL, {"team": "x';--", "service_type": "__class__"}).status_code == 200


def test_closed_month_is_frozen_on_first_view_and_then_read_from_the_snapshot(client, manager):
    march_2026()
    client.force_login(manager)
    client.get(URL)
    assert MonthlySnapshot.objects.filter(month="2026-03-01", scope="all").count() == 1
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert len(queries) <= 8


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@time_machine.travel(local(2026, 3, 28, 12), tick=False)
def test_live_month_query_count_does_not_grow_with_the_number_of_complaints(client, manager, agent):
    march_2026_sources(agent)
    client.force_login(manager)
    client.get(URL)  # the first view freezes the comparison months
    few = _page_queries(client, URL)
    for day in range(1, 20):
        ComplaintFactory(received_at=local(2026, 3, day, 9), category="fraud", proposal_keywords=["假冒"])
    assert _page_queries(client, URL) == few


def test_supervisor_recomputes_a_closed_month(client, supervisor):
    march_2026()
    client.force_login(supervisor)
    client.get(URL)
    ComplaintFactory(received_at=local(2026, 3, 5, 9))
    response = client.post("/reports/2026-03/recompute/")
    assert response.status_code == 302
    assert MonthlySnapshot.objects.get(month="2026-03-01", scope="all").figures["figures"]["received"]["current"] == 4


def test_recompute_needs_post_and_the_permission(client, manager):
    client.force_login(manager)
    assert client.post("/reports/2026-03/recompute/").status_code == 403


def test_quarterly_view_and_handler_kpis_render(client, manager, agent):
    march_2026_sources(agent)
    client.force_login(manager)
    quarters = client.get("/reports/quarters/2026/")
    assert quarters.status_code == 200 and b"<svg" in quarters.content
    handlers = client.get(URL + "handlers/")
    assert handlers.status_code == 200 and agent.username.encode() in handlers.content


def test_printable_pdf_is_a_pdf(client, manager, agent):
    march_2026_sources(agent)
    client.force_login(manager)
    response = client.get(URL + "report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@time_machine.travel(local(2026, 3, 28, 12), tick=False)
def test_live_month_freezes_its_comparison_months_on_first_view(client, manager):
    march_2026()
    client.force_login(manager)
    client.get(URL)
    frozen = set(MonthlySnapshot.objects.values_list("month", flat=True))
    assert {day.isoformat() for day in frozen} == {"2026-02-01", "2025-03-01"}
