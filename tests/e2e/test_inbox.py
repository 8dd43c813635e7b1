"""The inbox in a browser on a 1440x900 screen: dense rows, the keys, and a bulk assignment."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from core import roles
from intake.models import Complaint
from tests.e2e.conftest import screenshot
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.e2e
#: A 1440x900 screen less the browser's own bars.
SCREEN = {"width": 1440, "height": 820}
DESCRIPTIONS = [
    "保洁阿姨迟到两个小时，而且没有打扫厨房，地板上还留着水渍。",
    "月嫂夜里不起来照顾宝宝，还在房间里用手机外放视频。",
    "钟点工打碎了客厅的花瓶，说不是她打碎的，要求赔偿。",
    "护工没有按时给老人喂药，老人血压升高送医。",
    "育儿嫂多收了两百元服务费，没有开票。",
]


@pytest.fixture
def desk_page(page):
    page.set_viewport_size(SCREEN)
    return page


def test_at_least_25_rows_fit_the_screen_and_the_keys_work(desk_page, login):
    page = desk_page
    now = timezone.now()
    for index in range(30):
        ComplaintFactory(
            description=DESCRIPTIONS[index % len(DESCRIPTIONS)],
            received_at=now - timedelta(minutes=7 * index * index),
            urgent=index % 11 == 4,
            proposed_category="service_quality",
        )
    agent = login(roles.AGENT)
    page.goto("/desk/")

    rows = page.locator("table.inbox tbody tr")
    expect(rows).to_have_count(30)
    boxes = [rows.nth(i).bounding_box() for i in range(30)]
    screenshot(page, "inbox.{lang}.png", width=SCREEN["width"], languages=("zh-hans", "en"))
    assert sum(1 for box in boxes if box["y"] + box["height"] <= SCREEN["height"]) >= 25

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
