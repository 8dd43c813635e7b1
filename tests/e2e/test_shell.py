"""The workspace shell: log in, see the inbox, switch language."""

import pytest

from core import roles

pytestmark = pytest.mark.e2e


def test_agent_logs_in_and_switches_between_chinese_and_english(page, login):
    login(roles.AGENT)
    page.wait_for_url("**/desk/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("link", name="收件箱").is_visible()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Inbox").is_visible()


def test_wrong_password_is_refused_with_a_message(page, transactional_db):
    page.goto("/login/")
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong")
    page.click("button[type=submit].primary")
    assert page.locator("[role=alert]").is_visible()
