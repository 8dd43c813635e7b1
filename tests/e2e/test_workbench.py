"""The workbench in a real browser: an agent starts the investigation and an investigator adds evidence."""

import pytest
from django.contrib.auth.models import Group

from core import roles
from tests.factories import UserFactory
from tests.investigations.factories import accepted_complaint

pytestmark = pytest.mark.e2e


def test_agent_starts_the_investigation_and_the_investigator_adds_evidence(page, login):
    agent = login(roles.AGENT)
    investigator = UserFactory(username="e2e-investigator")
    investigator.groups.add(Group.objects.get(name=roles.INVESTIGATOR))
    complaint = accepted_complaint(agent=agent)

    page.goto(f"/desk/complaints/{complaint.pk}/")
    start = page.locator("form[action$='/investigation/start/']")
    start.locator("select[name=lead]").select_option(label="e2e-investigator")
    start.locator("button[type=submit]").click()
    page.wait_for_selector(".badge.state-investigating")

    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("#id_username", "e2e-investigator")
    page.fill("#id_password", "pw-for-tests")
    page.click("button[type=submit].primary")
    page.goto(f"/desk/complaints/{complaint.pk}/evidence/add/")
    page.select_option("select[name=kind]", "chat_log")
    page.select_option("select[name=provided_by]", "complainant")
    page.fill("textarea[name=description]", "客户聊天记录：阿姨迟到两小时。")
    page.click("button[type=submit].primary")

    page.wait_for_selector(".chain-ok")
    assert "客户聊天记录" in page.content()
