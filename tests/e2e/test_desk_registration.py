"""An agent registers a hotline call, confirms the classifier's proposal, accepts it and finds it first in the inbox."""

import pytest
from playwright.sync_api import expect

from core import roles
from intake.models import Complaint

pytestmark = pytest.mark.e2e


def test_agent_registers_an_urgent_call_and_it_tops_the_inbox(page, login):
    login(roles.AGENT)
    page.goto("/desk/register/")
    page.select_option("#id_channel", "hotline")
    page.fill("#id_complainant_name", "周女士")
    page.fill("#id_phone", "139 0000 1234")
    page.select_option("#id_service_type", "nanny")
    page.fill("#id_description", "保姆带孩子下楼时孩子摔倒受伤，保姆事后才告诉我们。")
    page.click("button[name=preview]")

    proposal = page.locator("section.proposal")
    expect(proposal.locator(".badge", has_text="受伤")).to_be_visible()
    expect(page.locator("#id_cls-urgent")).to_be_checked()
    page.click("button[name=confirm]")

    page.wait_for_url("**/decide/")
    complaint = Complaint.objects.get()
    assert (complaint.urgent, complaint.proposal_accepted, complaint.phone) == (True, True, "13900001234")
    page.get_by_role("button", name="受理投诉").click()

    page.wait_for_url(f"**/desk/complaints/{complaint.pk}/")  # accepted, the agent stays on the case
    page.goto("/desk/")
    first_row = page.locator("table.inbox tbody tr").first
    assert complaint.tracking_number in first_row.inner_text()
    expect(first_row.locator(".badge.urgent")).to_be_visible()
    assert "139****1234" in first_row.inner_text()
