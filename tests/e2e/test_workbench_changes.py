"""A change after acceptance in a real browser: the supervisor reassigns through the searchable
picker, and the new agent calls the complainant from the workbench."""

import pytest
from django.contrib.auth.models import Group

from core import roles
from tests.factories import UserFactory
from tests.investigations.factories import accepted_complaint

pytestmark = pytest.mark.e2e


def test_supervisor_reassigns_and_the_new_agent_reveals_the_phone_to_call(page, login):
    supervisor = login(roles.SUPERVISOR)
    first = UserFactory(username="e2e-first-agent")
    second = UserFactory(username="e2e-second-agent", first_name="小", last_name="王")
    for user in (first, second):
        user.groups.add(Group.objects.get(name=roles.AGENT))
    complaint = accepted_complaint(agent=first, assigned_to=first, phone="13812345678")

    page.goto(f"/desk/complaints/{complaint.pk}/")
    assert "等待" in page.locator("#next-step").inner_text()
    page.click("#card-reassign summary")
    picker = page.locator("#id_reassign_assigned_to")
    assert picker.get_attribute("list") == "id_reassign_assigned_to_choices"
    assert page.locator("#id_reassign_assigned_to_choices option[value='e2e-second-agent']").count() == 1
    assert page.locator(f"#id_reassign_assigned_to_choices option[value='{supervisor.username}']").count() == 0
    picker.fill("e2e-second-agent")
    page.fill("#id_reassign_reason", "原客服休假")
    page.click("#card-reassign button[type=submit]")

    page.wait_for_selector(".messages .msg-success")
    assert "原客服休假" in page.locator(".wb-timeline").inner_text()
    complaint.refresh_from_db()
    assert complaint.assigned_to == second

    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("#id_username", "e2e-second-agent")
    page.fill("#id_password", "pw-for-tests")
    page.click("button[type=submit].primary")
    page.goto(f"/desk/complaints/{complaint.pk}/")
    assert "13812345678" not in page.content()
    page.click("#reveal-phone")

    assert page.locator("#call-complainant").get_attribute("href") == "tel:13812345678"
