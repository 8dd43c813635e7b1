"""From 1 November, supervisors are reminded while next year has no official calendar."""

from datetime import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deadlines.notice import notice_parse
from deadlines.notice_preview import calendar_year_known, notice_plan, years_without_calendar
from deadlines.services import holiday_notice_save

pytestmark = pytest.mark.django_db

BANNER = 'class="calendar-banner"'
TEXT_2027 = "一、元旦：1月1日（周五）至3日（周日）放假，共3天。"


def at(*args):
    return time_machine.travel(timezone.make_aware(datetime(*args)), tick=False)


def admin_page(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("admin:index")).content.decode()


def save_2027(by) -> None:
    digest = notice_plan(notice_parse(TEXT_2027, year=2027)).digest
    holiday_notice_save(year=2027, text=TEXT_2027, by=by, expected_digest=digest)


def test_from_the_first_of_november_supervisors_see_the_banner_in_admin(client, supervisor):
    with at(2026, 11, 1, 9, 0):
        page = admin_page(client, supervisor)
    assert BANNER in page and "2027" in page
    assert reverse("admin:deadlines_holidaynotice_paste") + "?year=2027" in page


def test_before_november_there_is_no_banner(client, supervisor):
    with at(2026, 10, 31, 23, 0):
        assert BANNER not in admin_page(client, supervisor)


def test_supervisors_see_it_on_the_staff_pages_too(client, supervisor):
    client.force_login(supervisor)
    with at(2026, 12, 1, 9, 0):
        assert BANNER in client.get(reverse("desk")).content.decode()


def test_agents_never_see_it(client, agent):
    client.force_login(agent)
    with at(2026, 12, 1, 9, 0):
        assert BANNER not in client.get(reverse("desk")).content.decode()


def test_a_saved_notice_covers_the_year(client, supervisor):
    with at(2026, 12, 1, 9, 0):
        assert years_without_calendar() == [2027]
        save_2027(supervisor)
        assert years_without_calendar() == []
        assert BANNER not in admin_page(client, supervisor)


def test_a_year_the_package_knows_needs_no_notice(client, supervisor):
    with at(2025, 11, 15, 9, 0):
        assert years_without_calendar() == []
        assert BANNER not in admin_page(client, supervisor)


def test_a_current_year_without_a_calendar_is_shown_all_year():
    with at(2027, 3, 1, 9, 0):
        assert years_without_calendar() == [2027]


def test_the_answer_is_cached_so_each_page_costs_no_query():
    with at(2026, 12, 1, 9, 0):
        assert not calendar_year_known(2027)
        with CaptureQueriesContext(connection) as queries:
            for _ in range(5):
                years_without_calendar()
    assert len(queries) == 0
