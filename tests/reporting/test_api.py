"""The monthly figures over REST: the report page's JSON, for the same readers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.models import MonthlySnapshot
from tests.reporting.factories import march_2026

pytestmark = pytest.mark.django_db
URL = "/api/reports/2026-03/"


def test_a_closed_month_answers_its_snapshots_figures(client, manager):
    march_2026()
    client.force_login(manager)
    body = client.get(URL).json()
    snapshot = MonthlySnapshot.objects.get(month="2026-03-01", scope="all")
    assert body["month"] == "2026-03" and body["team"] is None
    assert body["computed_at"] is not None
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
