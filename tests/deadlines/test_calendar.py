"""Working days on the official Chinese calendar, its make-up days, and the years it does not know."""

import logging
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from deadlines import calendar
from tests.deadlines.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db


def at(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_spring_festival_2026_days_are_holidays():
    for day in range(15, 24):
        assert not calendar.is_working_day(date(2026, 2, day))


@pytest.mark.parametrize("day", [date(2026, 2, 14), date(2026, 2, 28)])
def test_spring_festival_make_up_saturdays_are_working_days(day):
    assert day.weekday() == 5
    assert calendar.is_working_day(day)


def test_national_day_2026_holidays_and_make_up_saturday():
    for day in range(1, 8):
        assert not calendar.is_working_day(date(2026, 10, day))
    assert calendar.is_working_day(date(2026, 10, 10))  # Saturday, make-up day
    assert not calendar.is_working_day(date(2026, 10, 11))


def test_working_days_skip_the_spring_festival():
    # Friday 13 Feb 10:30 + 1 working day = the make-up Saturday 14 Feb; + 2 = Tuesday 24 Feb.
    assert calendar.add_working_days(at(2026, 2, 13, 10, 30), 1) == at(2026, 2, 14, 10, 30)
    assert calendar.add_working_days(at(2026, 2, 13, 10, 30), 2) == at(2026, 2, 24, 10, 30)


def test_working_days_over_national_day_count_the_make_up_saturday():
    # Wednesday 30 Sep + 3 working days: 8 Oct, 9 Oct, Saturday 10 Oct.
    assert calendar.add_working_days(at(2026, 9, 30, 15, 0), 3) == at(2026, 10, 10, 15, 0)


def test_business_hours_of_an_email_at_night_start_next_working_morning():
    assert calendar.add_business_hours(at(2026, 11, 24, 22, 0), 1) == at(2026, 11, 25, 10, 0)


def test_business_hours_carry_over_the_end_of_the_day_and_the_weekend():
    # Friday 17:00 + 3 h: one hour on Friday, two on Monday morning.
    assert calendar.add_business_hours(at(2026, 11, 27, 17, 0), 3) == at(2026, 11, 30, 11, 0)


def test_business_hours_skip_the_spring_festival_to_the_make_up_saturday():
    assert calendar.add_business_hours(at(2026, 2, 13, 17, 30), 1) == at(2026, 2, 14, 9, 30)
    assert calendar.add_business_hours(at(2026, 2, 14, 17, 30), 1) == at(2026, 2, 24, 9, 30)


def test_business_hours_accept_other_opening_hours():
    result = calendar.add_business_hours(at(2026, 11, 25, 7, 0), 2, start=time(8), end=time(20))
    assert result == at(2026, 11, 25, 10, 0)


def test_clock_hours_run_through_nights_and_holidays():
    assert calendar.add_clock_hours(at(2026, 9, 30, 23, 0), 24) == at(2026, 10, 1, 23, 0)


def test_calendar_months_keep_the_day_or_take_the_last_one():
    assert calendar.add_calendar_months(at(2026, 1, 31, 9, 0), 1) == at(2026, 2, 28, 9, 0)


def test_uncovered_year_falls_back_to_monday_to_friday_and_warns_once(caplog):
    with caplog.at_level(logging.WARNING, logger="deadlines.calendar"):
        assert calendar.is_working_day(date(2027, 1, 1))  # a Friday: no data, so a working day
        assert not calendar.is_working_day(date(2027, 1, 2))
        assert calendar.is_working_day(date(2027, 1, 4))
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert "2027" in caplog.records[0].message


def test_overrides_describe_an_uncovered_year():
    CalendarOverrideFactory(date=date(2027, 1, 1), is_working_day=False, note="元旦")
    CalendarOverrideFactory(date=date(2027, 1, 2), is_working_day=True, note="调休")
    assert not calendar.is_working_day(date(2027, 1, 1))
    assert calendar.is_working_day(date(2027, 1, 2))
    # A deadline received on the last working day of 2026 lands in the uncovered year.
    assert calendar.add_working_days(at(2026, 12, 31, 16, 0), 2) == at(2027, 1, 4, 16, 0)


def test_overrides_win_over_the_package_and_reach_the_cache_at_once():
    assert calendar.is_working_day(date(2026, 12, 1))
    CalendarOverrideFactory(date=date(2026, 12, 1), is_working_day=False, note="typhoon")
    assert not calendar.is_working_day(date(2026, 12, 1))


def test_working_days_between_counts_only_working_days():
    assert calendar.working_days_between(at(2026, 2, 12, 10, 0), at(2026, 2, 25, 10, 0)) == 4
