"""From a policy to a due time: which policy applies to a step, and where its clock ends."""

from datetime import datetime, timedelta

from . import calendar
from .models import Clock, SlaPolicy


def policies_for(*, steps: list[str], severity: str) -> dict[str, SlaPolicy]:
    """step -> the active policy for this severity, else the one for any severity. A step without
    an active policy is missing (not tracked). One query however many steps."""
    found: dict[str, SlaPolicy] = {}
    rows = SlaPolicy.objects.filter(step__in=steps, active=True, severity__in=[severity, ""])
    for policy in sorted(rows, key=lambda p: p.severity == severity):
        found[policy.step] = policy  # the severity's own policy comes last and wins
    return found


def due_after(*, clock: str, start: datetime, amount: float) -> datetime:
    if clock == Clock.CLOCK_HOURS:
        return calendar.add_clock_hours(start, amount)
    if clock == Clock.BUSINESS_HOURS:
        return calendar.add_business_hours(start, amount)
    if clock == Clock.WORKING_DAYS:
        return calendar.add_working_days(start, int(amount))
    return calendar.add_calendar_months(start, int(amount))


def red_after(*, policy: SlaPolicy, start: datetime, due: datetime) -> datetime:
    """When the deadline turns red: the policy's share of the allowed time.

    Hour clocks count that share on their own clock (so a business-hours deadline does not turn red
    at night); day and month clocks take the share of the elapsed wall-clock time.
    """
    share = policy.red_at_percent / 100
    if policy.clock in (Clock.CLOCK_HOURS, Clock.BUSINESS_HOURS):
        return due_after(clock=policy.clock, start=start, amount=policy.amount * share)
    return start + timedelta(seconds=(due - start).total_seconds() * share)
