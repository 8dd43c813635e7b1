"""What saving a pasted holiday notice would change, shown before anything is saved, and which years
still lack a calendar (the supervisors' banner)."""

import calendar as month_calendar
import hashlib
from dataclasses import dataclass
from datetime import date

import chinese_calendar
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CalendarOverride, HolidayNotice
from .notice import ParsedNotice

#: How long the banner trusts its answer; saving a notice forgets it at once.
COVERAGE_CACHE_SECONDS = 600
#: Supervisors are reminded of next year's calendar from this month on.
REMIND_FROM_MONTH = 11


class Action:
    ADD = "add"
    CHANGE = "change"
    SAME = "same"
    REMOVE = "remove"
    KEEP = "keep"


ACTION_LABELS = {
    Action.ADD: _("added"),
    Action.CHANGE: _("changed"),
    Action.SAME: _("unchanged"),
    Action.REMOVE: _("removed (no longer in the notice)"),
    Action.KEEP: _("kept (entered by hand, not in the notice)"),
}


class DayKind:
    HOLIDAY = "holiday"
    MAKE_UP = "make_up"
    WEEKEND = "weekend"
    WORKING = "working"


DAY_KIND_LABELS = {
    DayKind.HOLIDAY: _("holiday"),
    DayKind.MAKE_UP: _("make-up working day"),
    DayKind.WEEKEND: _("weekend"),
    DayKind.WORKING: _("working day"),
}


@dataclass(frozen=True)
class Change:
    """One calendar override as it is and as it would be after saving."""

    day: date
    action: str
    before: bool | None
    after: bool | None
    before_note: str = ""
    by_hand: bool = False

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


@dataclass(frozen=True)
class NoticePlan:
    changes: list[Change]

    @property
    def digest(self) -> str:
        """Tells the confirmation whether the calendar is still what the preview showed."""
        text = ";".join(f"{c.day}:{c.action}:{c.before}:{c.after}" for c in self.changes)
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def visible(self) -> list[Change]:
        """What the supervisor needs to read: everything but days the notice simply adds."""
        return [c for c in self.changes if c.action != Action.ADD]


def notice_plan(parsed: ParsedNotice) -> NoticePlan:
    """Compare the notice's days with the overrides already saved for its year."""
    days = parsed.days
    overrides = CalendarOverride.objects.filter(
        Q(date__year=parsed.year) | Q(date__in=list(days)) | Q(notice__year=parsed.year)
    ).select_related("notice")
    existing = {o.date: o for o in overrides}
    changes = []
    for day in sorted(set(days) | set(existing)):
        override = existing.get(day)
        before = override.is_working_day if override else None
        by_hand = override is not None and override.notice_id is None
        note = override.note if override else ""
        if day in days:
            action = Action.ADD if override is None else Action.SAME if before == days[day] else Action.CHANGE
            changes.append(Change(day, action, before, days[day], note, by_hand))
        elif by_hand:
            changes.append(Change(day, Action.KEEP, before, before, note, by_hand))
        elif override.notice.year == parsed.year:
            changes.append(Change(day, Action.REMOVE, before, None, note))
        # an override from another year's notice is that notice's business
    return NoticePlan(changes)


def _kind(day: date, working: bool | None) -> str:
    weekend = day.weekday() >= 5
    if working is None:
        return DayKind.WEEKEND if weekend else DayKind.WORKING
    if working:
        return DayKind.MAKE_UP if weekend else DayKind.WORKING
    return DayKind.HOLIDAY


def month_grid(parsed: ParsedNotice, plan: NoticePlan) -> list[dict]:
    """Every month of the notice's year (and a December before it the notice reaches into), week
    by week, each day as the calendar would have it after saving and as Monday–Friday would."""
    after = {c.day: c.after for c in plan.changes if c.after is not None}
    months = [(parsed.year, m) for m in range(1, 13)]
    if any(day.year < parsed.year for day in parsed.days):
        months.insert(0, (parsed.year - 1, 12))
    grid = []
    for year, month in months:
        weeks = []
        for week in month_calendar.Calendar().monthdatescalendar(year, month):
            weeks.append(
                [
                    None
                    if day.month != month
                    else {
                        "day": day,
                        "kind": _kind(day, after.get(day)),
                        "fallback": _kind(day, None),
                        "by_hand": day in after and day not in parsed.days,
                    }
                    for day in week
                ]
            )
        grid.append({"year": year, "month": month, "weeks": weeks})
    return grid


def calendar_year_known(year: int) -> bool:
    """Whether the official package or a saved notice covers ``year``. Cached: the banner asks on every page."""
    try:
        chinese_calendar.is_workday(date(year, 12, 31))
        return True
    except NotImplementedError:
        pass
    key = coverage_cache_key(year)
    known = cache.get(key)
    if known is None:
        known = HolidayNotice.objects.filter(year=year).exists()
        cache.set(key, known, COVERAGE_CACHE_SECONDS)
    return known


def coverage_cache_key(year: int) -> str:
    return f"deadlines:holiday-notice:{year}"


def years_without_calendar(today: date | None = None) -> list[int]:
    """This year when it is not covered, and from November next year too."""
    today = today or timezone.localdate()
    years = [today.year, today.year + 1] if today.month >= REMIND_FROM_MONTH else [today.year]
    return [year for year in years if not calendar_year_known(year)]
