"""The demo history behind `make run`: loaded once, made by the services, with something in every chart."""

import pytest
from django.urls import reverse

from core.demo import seed_users
from intake.models import Complaint, State
from penalties.models import HandlerRecord
from reporting import demo
from reporting.metrics.report import monthly_report
from reporting.models import TypicalCase, WarningBulletinEntry
from reporting.period import Month, Quarter, Scope
from reporting.quarterly import high_frequency_report
from resolutions.models import ResultNotice

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_demo(monkeypatch):
    monkeypatch.setattr(demo, "COMPLAINTS_PER_MONTH", (3, 4))
    monkeypatch.setattr(demo, "ORDERS_PER_MONTH", (100, 120))
    monkeypatch.setattr(demo, "MONTHS", 2)


def test_demo_history_is_loaded_once_and_fills_last_months_report(small_demo):
    users = seed_users()
    demo.seed(users)
    count = Complaint.objects.count()
    demo.seed(users)
    assert Complaint.objects.count() == count
    assert TypicalCase.objects.filter(published=True).count() == 1
    figures = monthly_report(Month.current().previous, Scope())["figures"]
    assert figures["received"]["current"] > 0
    assert figures["satisfaction_rate"]["current"] is not None
    assert 10 <= figures["complaint_rate"]["current"] <= 60  # per thousand orders, as a real company's
    assert HandlerRecord.objects.filter(kind=HandlerRecord.Kind.PRAISE).count() == 1
    assert WarningBulletinEntry.objects.count() == 1
    quarter = high_frequency_report(quarter=Quarter.of(Month.current().previous))
    assert not quarter["pending"] and quarter["received"]["current"] > 0


def test_every_demo_notice_renders_as_page_and_pdf(small_demo, client):
    users = seed_users()
    demo.seed(users)
    assert not ResultNotice.objects.filter(content={}).exists()
    client.force_login(users["supervisor"])  # who also opens the complaints about the desk
    ended = Complaint.objects.filter(state__in=[State.CLOSED, State.REFERRED, State.WITHDRAWN])
    assert ended.count() == Complaint.objects.count()
    for complaint in Complaint.objects.filter(result_notices__isnull=False).distinct():
        assert client.get(reverse("resolution-notice", args=[complaint.pk])).status_code == 200
        assert client.get(reverse("resolution-notice-pdf", args=[complaint.pk])).status_code == 200
