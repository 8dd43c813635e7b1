"""Loading a year from the pasted notice in admin: paste → preview → confirm, supervisors only."""

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from deadlines import calendar
from deadlines.models import CalendarOverride, HolidayNotice
from deadlines.notice import notice_parse
from deadlines.notice_preview import notice_plan
from deadlines.services import holiday_notice_save
from tests.deadlines.factories import CalendarOverrideFactory
from tests.deadlines.test_notice import notice_text

pytestmark = pytest.mark.django_db

PASTE = reverse("admin:deadlines_holidaynotice_paste")
TODAY = timezone.make_aware(datetime(2026, 12, 1, 10, 0))


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def as_supervisor(client, supervisor):
    client.force_login(supervisor)
    return client


def preview(client, year: int, text: str):
    return client.post(PASTE, {"year": year, "text": text, "preview": "1"})


def confirm(client, year: int, text: str, digest: str | None = None):
    digest = digest if digest is not None else notice_plan(notice_parse(text, year=year)).digest
    return client.post(PASTE, {"year": year, "text": text, "digest": digest, "confirm": "1"})


def test_the_page_offers_next_year(as_supervisor):
    response = as_supervisor.get(PASTE)
    assert response.status_code == 200
    assert response.context["form"]["year"].value() == 2027


def test_the_override_list_links_to_the_page(as_supervisor):
    response = as_supervisor.get(reverse("admin:deadlines_calendaroverride_changelist"))
    assert PASTE in response.content.decode()


def test_the_preview_shows_the_year_and_saves_nothing(as_supervisor):
    response = preview(as_supervisor, 2025, notice_text(2025))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-date="2025-01-28" data-kind="holiday"' in page
    assert 'data-date="2025-01-26" data-kind="make_up"' in page
    assert 'data-date="2025-01-27" data-kind="working"' in page
    assert 'name="confirm"' in page
    grid = response.context["preview"]["grid"]
    assert len(grid) == 12
    # Beside each day, what Monday–Friday says: the Spring Festival would be working days.
    cells = [cell for week in grid[0]["weeks"] for cell in week if cell and cell["day"] == date(2025, 1, 28)]
    assert cells[0]["fallback"] == "working"
    assert not HolidayNotice.objects.exists() and not CalendarOverride.objects.exists()


def test_confirming_saves_every_day_with_the_source_text_and_who(as_supervisor, supervisor):
    text = notice_text(2025)
    response = confirm(as_supervisor, 2025, text)
    notice = HolidayNotice.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:deadlines_holidaynotice_change", args=[notice.pk])
    assert (notice.year, notice.source_text, notice.saved_by) == (2025, text, supervisor)
    parsed = notice_parse(text, year=2025)
    assert dict(notice.overrides.values_list("date", "is_working_day")) == parsed.days
    assert CalendarOverride.objects.get(date=date(2025, 1, 28)).note == "春节"
    assert notice.history.get().history_user == supervisor
    assert as_supervisor.get(response.url).status_code == 200


def test_a_notice_with_problems_is_not_saved_even_when_confirm_is_forced(as_supervisor):
    text = "一、元旦：1月1日（周四）放假1天。"  # a Wednesday in 2025
    response = preview(as_supervisor, 2025, text)
    assert 'name="confirm"' not in response.content.decode()
    assert "周四" in response.content.decode()
    response = confirm(as_supervisor, 2025, text)
    assert response.status_code == 200
    assert not HolidayNotice.objects.exists() and not CalendarOverride.objects.exists()


def test_a_calendar_changed_since_the_preview_sends_back_to_the_preview(as_supervisor):
    text = notice_text(2025)
    digest = notice_plan(notice_parse(text, year=2025)).digest
    CalendarOverrideFactory(date=date(2025, 1, 28), is_working_day=True)  # someone else, meanwhile
    response = confirm(as_supervisor, 2025, text, digest=digest)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not HolidayNotice.objects.exists()
    assert CalendarOverride.objects.get().is_working_day


def test_pasting_the_same_year_again_updates_it_and_keeps_history(as_supervisor):
    first = "一、元旦：1月1日放假。\n二、春节：1月28日至2月4日放假调休，共8天。1月26日（周日）上班。"
    second = "一、元旦：1月1日放假。\n二、春节：1月28日至2月4日放假调休，共8天。2月8日（周六）上班。"
    confirm(as_supervisor, 2025, first)
    confirm(as_supervisor, 2025, second)
    notice = HolidayNotice.objects.get()
    assert notice.source_text == second
    assert notice.history.count() == 2
    assert not CalendarOverride.objects.filter(date=date(2025, 1, 26)).exists()
    assert CalendarOverride.objects.get(date=date(2025, 2, 8)).notice == notice
    assert notice.overrides.count() == 10
    removed = CalendarOverride.history.filter(date=date(2025, 1, 26)).order_by("history_date")
    assert [h.history_type for h in removed] == ["+", "-"]


def test_days_overridden_by_hand_are_shown_with_what_changes(as_supervisor):
    CalendarOverrideFactory(date=date(2025, 1, 28), is_working_day=True, note="手工")
    CalendarOverrideFactory(date=date(2025, 3, 3), is_working_day=False, note="公司活动")
    response = preview(as_supervisor, 2025, notice_text(2025))
    changes = {c.day: c for c in response.context["preview"]["plan"].visible}
    assert changes[date(2025, 1, 28)].action == "change" and changes[date(2025, 1, 28)].by_hand
    assert changes[date(2025, 3, 3)].action == "keep"
    page = response.content.decode()
    assert "手工" in page and "公司活动" in page
    confirm(as_supervisor, 2025, notice_text(2025))
    changed = CalendarOverride.objects.get(date=date(2025, 1, 28))
    assert not changed.is_working_day and changed.notice is not None
    kept = CalendarOverride.objects.get(date=date(2025, 3, 3))
    assert not kept.is_working_day and kept.notice is None


def test_an_agent_cannot_open_or_post_the_page(client, agent):
    client.force_login(agent)
    assert client.get(PASTE).status_code == 302  # not staff: admin's login page
    confirm(client, 2025, notice_text(2025))
    assert not HolidayNotice.objects.exists() and not CalendarOverride.objects.exists()


def test_staff_without_the_permission_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("clerk", password="x", is_staff=True))
    assert client.get(PASTE).status_code == 403
    assert confirm(client, 2025, notice_text(2025)).status_code == 403
    assert not HolidayNotice.objects.exists()


def test_a_day_corrected_by_hand_in_admin_leaves_the_notice(as_supervisor):
    confirm(as_supervisor, 2025, notice_text(2025))
    override = CalendarOverride.objects.get(date=date(2025, 1, 28))
    url = reverse("admin:deadlines_calendaroverride_change", args=[override.pk])
    as_supervisor.post(url, {"date": "2025-01-28", "is_working_day": "on", "note": "值班"})
    override.refresh_from_db()
    assert override.is_working_day and override.notice is None


def test_a_saved_notice_gives_the_official_days_when_the_package_does_not_know_the_year(supervisor, monkeypatch):
    text = notice_text(2025)
    holiday_notice_save(
        year=2025, text=text, by=supervisor, expected_digest=notice_plan(notice_parse(text, year=2025)).digest
    )

    def unknown(day):
        raise NotImplementedError

    official = chinese_calendar.is_workday
    monkeypatch.setattr(calendar.chinese_calendar, "is_workday", unknown)
    day = date(2025, 1, 1)
    while day.year == 2025:
        assert calendar.is_working_day(day) == official(day), day
        day += timedelta(days=1)
