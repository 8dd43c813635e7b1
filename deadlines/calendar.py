"""Working-day arithmetic on the official Chinese calendar (public holidays and 调休 make-up days).

``chinese_calendar`` knows the State Council's schedule only up to the last published year and raises
``NotImplementedError`` beyond it; a complaint received in late December already has deadlines in
that year. For an uncovered year we fall back to Monday–Friday, log a warning once per year, and let
supervisors enter the published holidays as ``CalendarOverride`` rows, which win over the package.
"""

import logging
import threading
import time as monotonic_time
from datetime import date, datetime, time, timedelta

import chinese_calendar
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

#: Overrides are re-read at least this often, so a change saved by another process reaches this one.
OVERRIDE_CACHE_SECONDS = 60

_lock = threading.Lock()
_override_cache: dict[int, tuple[float, dict[date, bool]]] = {}
_warned_years: set[int] = set()


def clear_override_cache(**kwargs) -> None:
    """Forget cached overrides (connected to the override model's save and delete)."""
    with _lock:
        _override_cache.clear()


def _overrides(year: int) -> dict[date, bool]:
    now = monotonic_time.monotonic()
    with _lock:
        cached = _override_cache.get(year)
        if cached and now - cached[0] < OVERRIDE_CACHE_SECONDS:
            return cached[1]
    from .models import CalendarOverride

    mapping = dict(CalendarOverride.objects.filter(date__year=year).values_list("date", "is_working_day"))
    with _lock:
        _override_cache[year] = (now, mapping)
    return mapping


def is_working_day(day: date) -> bool:
    override = _overrides(day.year).get(day)
    if override is not None:
        return override
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        if day.year not in _warned_years:
            _warned_years.add(day.year)
            logger.warning(
                "The official calendar for %s is not known yet: assuming Monday to Friday. "
                "Load the State Council's holiday notice in admin (Deadlines > Holiday notices).",
                day.year,
            )
        return day.weekday() < 5


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def days_after(day: date, n: int, *, working_days: bool, skipped: frozenset[date] = frozenset()) -> date:
    """The day a period of ``n`` days (or working days) started on ``day`` ends, as the regulator's
    rules count it: from the next day, without the ``skipped`` days (a testing or appraisal pause);
    a period that ends on a non-working day ends on the next working day."""
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        if day not in skipped and (not working_days or is_working_day(day)):
            counted += 1
    return day if is_working_day(day) else next_working_day(day)


def _local(dt: datetime) -> datetime:
    return timezone.localtime(dt)


def _at(day: date, clock: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock))


def add_clock_hours(dt: datetime, hours: float) -> datetime:
    return dt + timedelta(hours=hours)


def add_working_days(dt: datetime, n: int) -> datetime:
    """The same time of day on the n-th working day after ``dt``'s day."""
    local = _local(dt)
    day = local.date()
    for _ in range(n):
        day = next_working_day(day)
    return _at(day, local.time())


def business_hours() -> tuple[time, time]:
    return time.fromisoformat(settings.DEADLINE_WORKDAY_START), time.fromisoformat(settings.DEADLINE_WORKDAY_END)


def add_business_hours(dt: datetime, hours: float, start: time | None = None, end: time | None = None) -> datetime:
    """Count only working hours on working days: an e-mail at 22:00 with one hour is due at 10:00
    on the next working day."""
    if start is None or end is None:
        start, end = business_hours()
    remaining = timedelta(hours=hours)
    local = _local(dt)
    day, clock = local.date(), local.time()
    while True:
        if not is_working_day(day) or clock >= end:
            day, clock = next_working_day(day), start
            continue
        clock = max(clock, start)
        available = datetime.combine(day, end) - datetime.combine(day, clock)
        if remaining <= available:
            return _at(day, clock) + remaining
        remaining -= available
        day, clock = next_working_day(day), start


def in_business_hours(dt: datetime) -> bool:
    start, end = business_hours()
    local = _local(dt)
    return is_working_day(local.date()) and start <= local.time() < end


def add_calendar_months(dt: datetime, months: int) -> datetime:
    local = _local(dt)
    return timezone.make_aware(local.replace(tzinfo=None) + relativedelta(months=months))


def working_days_between(earlier: datetime, later: datetime) -> int:
    """How many working days lie after ``earlier``'s day up to and including ``later``'s day."""
    day, last = _local(earlier).date(), _local(later).date()
    count = 0
    while day < last:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
