"""The calendar's edges: closing time, opening time, local days, and the override cache."""

import logging
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from deadlines import calendar
from deadlines.models import CalendarOverride
from tests.deadlines.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db


def at(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_a_deadline_that_ends_exactly_at_closing_time_is_due_that_evening():
    # Wednesday 25 Nov 2026, 09:00 to 18:00 is nine business hours.
    assert calendar.add_business_hours(at(2026, 11, 25, 9, 0), 9) == at(2026, 11, 25, 18, 0)


def test_an_hour_more_than_the_day_holds_runs_into_the_next_morning():
    assert calendar.add_business_hours(at(2026, 11, 25, 9, 0), 10) == at(2026, 11, 26, 10, 0)


def test_received_at_closing_time_counts_from_the_next_working_morning():
    assert calendar.add_business_hours(at(2026, 11, 25, 18, 0), 0) == at(2026, 11, 26, 9, 0)
    assert calendar.add_business_hours(at(2026, 11, 27, 18, 0), 1) == at(2026, 11, 30, 10, 0)


def test_received_before_opening_counts_from_opening_time():
    assert calendar.add_business_hours(at(2026, 11, 25, 7, 15), 1) == at(2026, 11, 25, 10, 0)


def test_a_long_business_hours_deadline_spans_several_whole_days():
    # 20 hours from Monday 09:00: Monday 9, Tuesday 9, Wednesday 2.
    assert calendar.add_business_hours(at(2026, 11, 23, 9, 0), 20) == at(2026, 11, 25, 11, 0)


def test_opening_hours_come_from_the_settings(settings):
    settings.DEADLINE_WORKDAY_START, settings.DEADLINE_WORKDAY_END = "08:30", "17:30"
    assert calendar.business_hours() == (time(8, 30), time(17, 30))
    assert calendar.add_business_hours(at(2026, 11, 25, 17, 0), 1) == at(2026, 11, 26, 9, 0)


@pytest.mark.parametrize(("start", "end"), [(time(6, 0), None), (None, time(23, 0))])
def test_a_start_without_an_end_or_an_end_without_a_start_uses_the_configured_hours(start, end):
    # Configured hours are 09:00–18:00: an hour at 17:30 ends at 09:30 the next morning.
    assert calendar.add_business_hours(at(2026, 11, 25, 17, 30), 1, start=start, end=end) == at(2026, 11, 26, 9, 30)


def test_working_days_count_from_the_local_day_not_the_utc_day():
    # 01:00 in Shanghai on Monday is still Sunday in UTC.
    received = datetime(2026, 11, 29, 17, 0, tzinfo=ZoneInfo("UTC"))
    assert calendar.add_working_days(received, 1) == at(2026, 12, 1, 1, 0)


def test_zero_working_days_is_the_same_moment():
    assert calendar.add_working_days(at(2026, 11, 28, 11, 0), 0) == at(2026, 11, 28, 11, 0)


def test_next_working_day_skips_the_weekend():
    assert calendar.next_working_day(date(2026, 11, 27)) == date(2026, 11, 30)
    assert calendar.next_working_day(date(2026, 11, 25)) == date(2026, 11, 26)


def test_calendar_months_count_from_the_local_day():
    received = datetime(2026, 1, 31, 17, 0, tzinfo=ZoneInfo("UTC"))  # 1 Feb, 01:00 in Shanghai
    assert calendar.add_calendar_months(received, 1) == at(2026, 3, 1, 1, 0)


def test_working_days_between_the_same_day_or_over_a_weekend():
    assert calendar.working_days_between(at(2026, 11, 25, 9, 0), at(2026, 11, 25, 17, 0)) == 0
    assert calendar.working_days_between(at(2026, 11, 27, 9, 0), at(2026, 11, 30, 9, 0)) == 1
    assert calendar.working_days_between(at(2026, 11, 30, 9, 0), at(2026, 11, 27, 9, 0)) == 0


@pytest.mark.parametrize(
    ("day", "working"),
    [(date(2027, 3, 5), True), (date(2027, 3, 6), False), (date(2027, 3, 7), False), (date(2027, 3, 8), True)],
)
def test_an_uncovered_year_works_monday_to_friday(day, working):
    assert calendar.is_working_day(day) is working


def test_overrides_are_read_once_per_year(django_assert_num_queries):
    with django_assert_num_queries(1):
        calendar.is_working_day(date(2026, 11, 25))
        calendar.is_working_day(date(2026, 11, 26))
        calendar.add_working_days(at(2026, 11, 25, 9, 0), 10)
    with django_assert_num_queries(1):
        calendar.is_working_day(date(2027, 1, 4))
        calendar.is_working_day(date(2027, 6, 4))


def test_an_override_written_elsewhere_is_seen_once_the_cache_expires(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(calendar.monotonic_time, "monotonic", lambda: clock[0])
    assert calendar.is_working_day(date(2026, 12, 1))
    # Written by another process: this process's cache is not told.
    CalendarOverride.objects.bulk_create([CalendarOverride(date=date(2026, 12, 1), is_working_day=False, note="台风")])

    clock[0] += calendar.OVERRIDE_CACHE_SECONDS - 1
    assert calendar.is_working_day(date(2026, 12, 1))
    clock[0] += 1
    assert not calendar.is_working_day(date(2026, 12, 1))


def test_a_saved_override_is_seen_at_once_and_a_deleted_one_forgotten():
    override = CalendarOverrideFactory(date=date(2026, 11, 28), is_working_day=True, note="调休")
    assert calendar.is_working_day(date(2026, 11, 28))

    override.delete()

    assert not calendar.is_working_day(date(2026, 11, 28))


def test_the_uncovered_year_warning_tells_the_supervisor_what_to_do(caplog):
    with caplog.at_level(logging.WARNING, logger="deadlines.calendar"):
        calendar.is_working_day(date(2027, 3, 1))

    assert [record.getMessage() for record in caplog.records] == [
        "The official calendar for 2027 is not known yet: assuming Monday to Friday. "
        "Load the State Council's holiday notice in admin (Deadlines > Holiday notices)."
    ]
