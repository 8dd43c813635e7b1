"""On a phone: the complainant looks their complaint up from the receipt's link, reads the
result notice, and adds a photo; switching language keeps what they typed on the form."""

import pytest
from django.contrib.auth.models import Group

from core import roles
from intake.models import Attachment, ComplaintEvent
from tests.factories import UserFactory
from tests.intake.public_data import image_bytes
from tests.resolutions.factories import complaint_notified

pytestmark = pytest.mark.e2e
PHONE = "13812345678"


@pytest.fixture
def phone_page(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def test_complainant_follows_to_the_notice_and_adds_a_photo(phone_page, tmp_path):
    page = phone_page
    agent = UserFactory(username="e2e-agent-track")
    agent.groups.add(Group.objects.get(name=roles.AGENT))
    complaint = complaint_notified(agent, phone=PHONE)
    page.goto(f"/track/?number={complaint.tracking_number}")
    assert page.input_value("#id_tracking_number") == complaint.tracking_number
    page.fill("#id_phone", PHONE)
    with page.expect_navigation():
        page.click("button.primary")
    assert "协议内容" in page.inner_text("main")
    with page.expect_navigation():
        page.click("a[href='/track/notice/']")
    assert complaint.tracking_number in page.inner_text("main")
    page.goto("/track/")
    photo = tmp_path / "kitchen.png"
    photo.write_bytes(image_bytes())
    page.fill("#id_text", "厨房的照片")
    page.set_input_files("#id_evidence", str(photo))
    with page.expect_navigation():
        page.click("form[action='/track/add/'] button.primary")
    assert "厨房的照片" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert Attachment.objects.filter(complaint=complaint).count() == 1
    assert ComplaintEvent.objects.filter(complaint=complaint, transition="complainant_added").exists()


def test_switching_language_keeps_the_public_form(phone_page):
    page = phone_page
    page.goto("/complaints/new/")
    page.fill("#id_description", "阿姨迟到两个小时。")
    with page.expect_navigation():
        page.click("button[name=language][value=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.input_value("#id_description") == "阿姨迟到两个小时。"
