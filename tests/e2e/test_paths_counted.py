"""The paths through the pages, with their page loads counted (docs/intake-desk.md, "Page loads").

A page load is a navigation of the main frame: following a link, submitting a form (its redirect
lands in the same load) or typing an address."""

import pytest

from core import roles
from intake.models import Complaint, State
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.e2e

#: The budget of the quick path, from the inbox to closed.
QUICK_PATH_LOADS = 8


@pytest.fixture
def loads(page):
    counted = []
    page.on("framenavigated", lambda frame: counted.append(frame.url) if frame == page.main_frame else None)
    return counted


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(f"{selector} button[type=submit]")


def test_quick_path_from_the_inbox_to_closed(page, login, loads):
    login(roles.AGENT)
    complaint = ComplaintFactory(description="预约的保洁时间被改了两次，客服没有提前通知。")
    base = f"/desk/complaints/{complaint.pk}"
    loads.clear()

    page.goto("/desk/")
    with page.expect_navigation():
        page.click(f"a[href='{base}/decide/']")
    page.select_option("#id_category", "service_attitude")
    _submit(page, "form:has(input[name=action][value=accept])")
    assert page.url.endswith(f"{base}/")  # accepted, the agent stays on the case

    card = f"form[action='{base}/resolve-on-call/']"
    page.fill(f"{card} textarea[name=solution]", "以后改期至少提前一天短信通知，本次赠送一次两小时保洁。")
    page.check(f"{card} input[name=complainant_agreed]")
    page.check(f"{card} input[name=no_worker_blamed]")
    _submit(page, card)
    assert Complaint.objects.get(pk=complaint.pk).state == State.RESOLVED

    _submit(page, f"form[action='{base}/notice/send/']")  # the notice as it will be sent
    assert "本次赠送一次两小时保洁" in page.inner_text("main")
    page.fill("#id_noticesendform_expected_effect", "改期提前通知，不再临时变更。")
    page.check("#id_noticesendform_confirmed")
    _submit(page, "#notice-send")
    assert Complaint.objects.get(pk=complaint.pk).state == State.NOTIFIED

    _submit(page, f"form[action='{base}/notice/confirm/']")
    page.select_option("#id_callbackform_score", "5")
    _submit(page, f"form[action='{base}/follow-up/callback/']")

    assert Complaint.objects.get(pk=complaint.pk).state == State.CLOSED
    assert len(loads) <= QUICK_PATH_LOADS, loads
