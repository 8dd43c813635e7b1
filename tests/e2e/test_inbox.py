"""The inbox in a browser on a 1440x900 screen: dense rows, the keys, and a bulk assignment."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from core import roles
from intake.models import Complaint
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def desk_page(page):
    page.set_viewport_size({"width": 1440, "height": 900})
    return page


def test_at_least_25_rows_fit_the_screen_and_the_keys_work(desk_page, login):
    page = desk_page
    for _ in range(30):
        ComplaintFactory()
    agent = login(roles.AGENT)
    page.goto("/desk/")

    rows = page.locator("table.inbox tbody tr")
    expect(rows).to_have_count(30)
    visible = sum(
        1 for box in (rows.nth(i).bounding_box() for i in range(30)) if box and box["y"] + box["height"] <= 900
    )
    assert visible >= 25

    page.keyboard.press("j")
    expect(rows.nth(0)).to_have_class(re.compile("current"))
    page.keyboard.press("j")
    page.keyboard.press("k")
    expect(rows.nth(0)).to_have_class(re.compile("current"))

    page.keyboard.press("?")
    expect(page.locator("#keys-help")).to_be_visible()
    page.keyboard.press("?")
    expect(page.locator("#keys-help")).to_be_hidden()

    page.keyboard.press("/")
    expect(page.locator("#id_q")).to_be_focused()
    page.keyboard.press("Escape")

    first = rows.nth(0).locator("a.open").inner_text()
    page.keyboard.press("a")  # assign the current row to me
    expect(page.locator(".messages")).to_contain_text(first)
    assert Complaint.objects.get(tracking_number=first).assigned_to == agent

    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("o")
    expect(page).to_have_url(re.compile(r"/desk/complaints/\d+/$"))
    expect(page.locator(".wb-neighbours a[rel=prev]")).to_be_visible()
    page.locator(".wb-neighbours a[rel=next]").click()
    expect(page.locator(".wb-neighbours")).to_contain_text("3 / 30")


def test_bulk_assign_reports_each_row(desk_page, login):
    page = desk_page
    handler = UserFactory(username="handler-x", first_name="小王")
    handler.groups.add(Group.objects.get(name=roles.AGENT))
    complaints = [ComplaintFactory() for _ in range(3)]
    login(roles.SUPERVISOR)
    page.goto("/desk/")

    page.locator("input.select-all").check()
    page.select_option("#id_action", "assign")
    page.select_option("#id_handler", label="小王")
    page.get_by_role("button", name="应用于所选").click()

    messages = page.locator(".messages li")
    expect(messages).to_have_count(3)
    for complaint in complaints:
        expect(page.locator(".messages")).to_contain_text(complaint.tracking_number)
    assert set(Complaint.objects.values_list("assigned_to", flat=True)) == {handler.pk}
