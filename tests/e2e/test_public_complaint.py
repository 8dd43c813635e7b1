"""A customer on a phone files a complaint with a photo, then finds it on the status page."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from intake.models import Attachment, Complaint

pytestmark = pytest.mark.e2e


def test_complaint_with_a_photo_is_filed_and_then_found_on_track(page, transactional_db, tmp_path):
    photo = tmp_path / "厨房.png"
    Image.new("RGB", (120, 80), (30, 120, 200)).save(photo)

    page.goto("/complaints/new/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.get_by_label("您的姓名").fill("王芳")
    page.get_by_label("手机号码").fill("139 1234 5678")
    page.select_option("#id_service_type", "cleaning")
    page.get_by_label("发生了什么？").fill("保洁阿姨迟到两个小时，厨房没有打扫，还打碎了一个杯子。")
    page.check("input[name=demands][value=refund]")
    page.set_input_files("#id_evidence", str(photo))
    page.check("#id_privacy_consent")
    page.get_by_role("button", name="提交投诉").click()

    page.wait_for_url("**/complaints/receipt/**")
    tracking_number = page.locator(".tracking-number").inner_text().strip()
    complaint = Complaint.objects.get(tracking_number=tracking_number)
    assert complaint.phone == "13912345678"
    assert Attachment.objects.get(complaint=complaint).original_name == "厨房.png"

    page.get_by_role("link", name="查询进度").click()
    page.wait_for_url(re.compile(r"/track/"))
    assert page.get_by_label("投诉编号").input_value() == tracking_number  # the receipt's link fills it in
    page.get_by_label("投诉编号").fill(tracking_number.lower())
    page.get_by_label("投诉时填写的手机号码").fill("13912345678")
    page.get_by_role("button", name="查询进度").click()
    assert page.locator("#status-title").inner_text() == tracking_number
    expect(page.locator(".timeline").get_by_text("已收到")).to_be_visible()


def test_missing_fields_are_marked_and_typed_values_kept(page, transactional_db):
    page.goto("/complaints/new/")
    page.get_by_label("您的姓名").fill("王芳")
    page.get_by_label("手机号码").fill("12345")
    page.get_by_role("button", name="提交投诉").click()
    page.wait_for_load_state()
    expect(page.locator("[role=alert]").first).to_be_visible()
    assert page.get_by_label("您的姓名").input_value() == "王芳"
    assert page.locator("#id_phone").get_attribute("aria-invalid") == "true"
    assert not Complaint.objects.exists()
