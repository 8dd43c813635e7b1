"""The internal warning bulletin of typical cases (seed 002: 典型案例警示通报): staff only, never public."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.models import WarningBulletinEntry
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
URL = "/reports/bulletin/"


def _entry(supervisor, n=0, month=date(2026, 3, 1)):
    complaint = ComplaintFactory()
    return WarningBulletinEntry.objects.create(
        month=month,
        title=f"警示标题{n}",
        complaint=complaint,
        what_happened="首次联系超时",
        lesson=f"教训{n}：受理后24小时内联系",
        written_by=supervisor,
    )


def test_staff_read_the_bulletin_by_month_with_the_tracking_number(client, supervisor, agent):
    entry = _entry(supervisor)
    client.force_login(agent)
    body = client.get(URL).content.decode()
    assert "2026-03" in body and entry.title in body and entry.complaint.tracking_number in body


def test_a_bulletin_entry_never_appears_on_the_public_pages(client, supervisor):
    entry = _entry(supervisor)
    assert client.get(URL).status_code == 302  # login first
    for url in ("/public/stats/", "/"):
        body = client.get(url, follow=True).content.decode()
        assert entry.title not in body and entry.lesson not in body
        assert entry.complaint.tracking_number not in body


def test_the_bulletin_page_costs_the_same_queries_for_more_entries(client, supervisor, agent):
    _entry(supervisor)
    client.force_login(agent)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for n in range(1, 8):
        _entry(supervisor, n, month=date(2026, 1 + n % 3, 1))
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert len(many) == len(few)
