"""The report pages: who may read them, what they show, and that they cost a bounded number of queries."""

from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting import tasks
from reporting.models import MonthlySnapshot
from reporting.period import Month
from tests.factories import ComplaintFactory
from tests.reporting.factories import local, march_2026, march_2026_sources, prepared

pytestmark = pytest.mark.django_db
URL = "/reports/2026-03/"
MARCH = Month(2026, 3)


def test_manager_reads_the_monthly_report_with_formulas_and_charts(client, manager, agent):
    march_2026_sources(agent)
    prepared(MARCH)
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


def test_a_report_not_prepared_yet_says_so_and_is_queued_once(client, manager, django_capture_on_commit_callbacks):
    march_2026()
    client.force_login(manager)
    with mock.patch.object(tasks.snapshot_prepare, "delay") as queued, django_capture_on_commit_callbacks(execute=True):
        first = client.get(URL)
        client.get(URL, {"service_type": "cleaning"})
        client.get(URL)
    assert "正在准备" in first.content.decode() and 'id="figure-received"' not in first.content.decode()
    assert not MonthlySnapshot.objects.exists()  # nothing computed while the manager waited
    assert queued.call_args_list == [
        mock.call("2026-03", None, "", None),
        mock.call("2026-03", None, "cleaning", None),
    ]


def test_with_the_broker_down_the_page_still_answers_and_a_later_view_asks_again(
    client, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with mock.patch.object(tasks.snapshot_prepare, "delay", side_effect=ConnectionError) as queued:
        for _view in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                assert client.get(URL).status_code == 200
    assert queued.call_count == 2


def test_a_prepared_report_is_read_from_its_snapshot_in_a_few_queries_whatever_the_data(client, manager):
    march_2026()
    prepared(MARCH)
    client.force_login(manager)
    few = _page_queries(client, URL)
    for day in range(1, 20):
        ComplaintFactory(received_at=local(2026, 3, day, 9), category="fraud", proposal_keywords=["假冒"])
    prepared(MARCH)
    assert _page_queries(client, URL) == few <= 8


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@time_machine.travel(local(2026, 3, 28, 12), tick=False)
def test_the_current_month_shows_when_its_figures_were_computed(client, manager, agent):
    march_2026_sources(agent)
    prepared(MARCH)
    client.force_login(manager)
    body = client.get(URL).content.decode()
    assert "2026-03-28 12:00" in body and 'id="figure-received"' in body


def test_supervisor_recomputes_a_closed_month_through_the_worker(
    client, supervisor, django_capture_on_commit_callbacks
):
    march_2026()
    prepared(MARCH)
    client.force_login(supervisor)
    with mock.patch.object(tasks.snapshot_prepare, "delay") as queued, django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/2026-03/recompute/", {"service_type": "nanny"})
    assert response.status_code == 302 and response["Location"] == URL + "?service_type=nanny"
    queued.assert_called_once_with("2026-03", None, "nanny", supervisor.pk)
    ComplaintFactory(received_at=local(2026, 3, 5, 9))
    tasks.snapshot_prepare(*queued.call_args.args)  # what the worker then runs
    figures = MonthlySnapshot.objects.get(month="2026-03-01", scope="team=;service=nanny").figures
    assert figures["figures"]["received"]["current"] == 1


def test_a_download_of_a_report_being_prepared_goes_back_to_the_page(
    client, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with mock.patch.object(tasks.snapshot_prepare, "delay"), django_capture_on_commit_callbacks(execute=True):
        response = client.get(URL + "report.pdf", {"service_type": "nanny"}, follow=True)
    assert response.redirect_chain == [(URL + "?service_type=nanny", 302)]
    assert "正在准备" in response.content.decode()


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
    prepared(MARCH)
    client.force_login(manager)
    response = client.get(URL + "report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@time_machine.travel(local(2026, 3, 28, 12), tick=False)
def test_the_current_month_freezes_its_comparison_months_first():
    march_2026()
    prepared(MARCH)
    frozen = set(MonthlySnapshot.objects.values_list("month", flat=True))
    assert {day.isoformat() for day in frozen} == {"2026-03-01", "2026-02-01", "2025-03-01"}
