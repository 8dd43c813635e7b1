"""The monthly figures over REST: the report page's JSON, for the same readers."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting import tasks
from reporting.models import MonthlySnapshot
from reporting.period import Month
from tests.reporting.factories import march_2026, prepared

pytestmark = pytest.mark.django_db
URL = "/api/reports/2026-03/"


def test_a_month_not_prepared_yet_answers_that_it_is_being_prepared(
    client, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    with mock.patch.object(tasks.snapshot_prepare, "delay") as queued, django_capture_on_commit_callbacks(execute=True):
        body = client.get(URL).json()
    assert body["being_prepared"] is True and body["figures"] is None and body["computed_at"] is None
    queued.assert_called_once()


def test_a_closed_month_answers_its_snapshots_figures(client, manager):
    march_2026()
    prepared(Month(2026, 3))
    client.force_login(manager)
    body = client.get(URL).json()
    snapshot = MonthlySnapshot.objects.get(month="2026-03-01", scope="all")
    assert body["month"] == "2026-03" and body["team"] is None
    assert body["computed_at"] is not None and body["final"] is True and body["being_prepared"] is False
    assert body["figures"] == snapshot.figures
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    assert len(queries) <= 5


def test_staff_without_the_report_permission_are_refused(client, agent):
    assert client.get(URL).status_code == 403
    client.force_login(agent)
    assert client.get(URL).json()["code"] == "permission_denied"


@pytest.mark.parametrize("query", [{"service_type": "__class__"}, {"team": "x';--"}, {"teem": "1"}])
def test_a_filter_value_that_is_not_allowed_is_a_400(client, manager, query):
    client.force_login(manager)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == set(query)


@pytest.mark.parametrize("month", ["2026-13", "1999-01", "2999-01", "march"])
def test_an_impossible_or_future_month_is_a_404(client, manager, month):
    client.force_login(manager)
    assert client.get(f"/api/reports/{month}/").status_code == 404
