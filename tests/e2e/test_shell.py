"""The workspace shell: log in, see the inbox, switch language."""

import pytest
from playwright.sync_api import expect

from core import roles

pytestmark = pytest.mark.e2e


def test_agent_logs_in_and_switches_between_chinese_and_english(page, login):
    login(roles.AGENT)
    page.wait_for_url("**/desk/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    expect(page.get_by_role("link", name="收件箱")).to_be_visible()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("link", name="Inbox")).to_be_visible()


def test_wrong_password_is_refused_with_a_message(page, transactional_db):
    page.goto("/login/")
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong")
    page.click("button[type=submit].primary")
    expect(page.locator("[role=alert]")).to_be_visible()
