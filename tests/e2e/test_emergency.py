"""An urgent complaint filed on the public form starts the emergency procedure: a supervisor sees the
banner on every staff page, acknowledges it on the workbench, and the banner is gone."""

import pytest
from playwright.sync_api import expect

from core import roles
from intake.models import Complaint, Emergency

pytestmark = pytest.mark.e2e

URGENT = "阿姨给老人洗澡时老人摔倒受伤了，头在流血，已经打了120，现在在医院急诊。"


def test_an_urgent_public_complaint_is_bannered_until_a_supervisor_acknowledges_it(page, login):
    page.goto("/complaints/new/")
    page.get_by_label("您的姓名").fill("李女士")
    page.get_by_label("手机号码").fill("139 1234 5678")
    page.select_option("#id_service_type", "elderly_care")
    page.get_by_label("发生了什么？").fill(URGENT)
    page.check("#id_privacy_consent")
    page.get_by_role("button", name="提交投诉").click()
    page.wait_for_url("**/complaints/receipt/**")
    tracking_number = page.locator(".tracking-number").inner_text().strip()
    assert Complaint.objects.get(tracking_number=tracking_number).urgent

    supervisor = login(roles.SUPERVISOR)
    page.goto("/desk/")
    banner = page.locator("#emergency-banner")
    expect(banner).to_contain_text("紧急投诉待确认")
    expect(banner).to_contain_text(tracking_number)
    page.goto("/admin/")
    expect(page.locator("#emergency-banner")).to_contain_text(tracking_number)

    page.goto("/desk/")
    page.locator("#emergency-banner").get_by_role("link", name=tracking_number).click()
    page.wait_for_url("**/desk/complaints/*/#emergency")
    expect(page.locator("#emergency")).to_contain_text("应急处理程序")
    page.get_by_role("button", name="确认紧急投诉").click()

    expect(page.locator(".messages")).to_contain_text("已确认紧急投诉")
    expect(page.locator("#emergency-banner")).to_have_count(0)
    page.goto("/desk/")
    expect(page.locator("#emergency-banner")).to_have_count(0)
    assert Emergency.objects.get(complaint__tracking_number=tracking_number).acknowledged_by == supervisor
