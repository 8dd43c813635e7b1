"""A manager opens the monthly report in the browser and sees its charts."""

import pytest
from playwright.sync_api import expect

from core import roles
from reporting.period import Month
from tests.factories import ComplaintFactory
from tests.reporting.factories import prepared

pytestmark = pytest.mark.e2e


def test_manager_opens_the_monthly_report_and_sees_the_category_chart(page, login):
    month = Month.current()
    for category in ("service_quality", "service_quality", "fee_dispute"):
        ComplaintFactory(received_at=month.start, category=category)
    prepared(month)  # the worker's part: pages only read what it computed
    login(roles.MANAGER)
    page.goto(f"/reports/{month}/")
    chart = page.locator("figure.chart svg").first
    chart.wait_for()
    expect(chart).to_be_visible()
    assert "服务质量" in chart.inner_html()
    assert page.locator("#figure-received .value").inner_text() == "3"
    expect(page.get_by_text("投诉率").first).to_be_visible()
