"""From a policy to a due time: which policy applies to a step, and where its clock ends."""

from datetime import datetime, timedelta

from . import calendar
from .models import BUSINESS_CLOCKS, Clock, SlaPolicy


def policies_for(*, steps: list[str], severity: str, channel: str = "") -> dict[str, SlaPolicy]:
    """step -> the most specific active policy for this severity and channel: both, then the
    channel's, then the severity's, then the one for any. A step without an active policy is missing
    (not tracked). One query however many steps."""
    found: dict[str, SlaPolicy] = {}
    rows = SlaPolicy.objects.filter(step__in=steps, active=True, severity__in=[severity, ""], channel__in={channel, ""})
    for policy in sorted(rows, key=lambda p: (bool(p.channel), bool(p.severity))):
        found[policy.step] = policy  # the most specific comes last and wins
    return found


def due_after(*, clock: str, start: datetime, amount: float) -> datetime:
    if clock == Clock.CLOCK_HOURS:
        return calendar.add_clock_hours(start, amount)
    if clock == Clock.BUSINESS_MINUTES:
        return calendar.add_business_hours(start, amount / 60)
    if clock == Clock.BUSINESS_HOURS:
        return calendar.add_business_hours(start, amount)
    if clock == Clock.WORKING_DAYS:
        return calendar.add_working_days(start, int(amount))
    return calendar.add_calendar_months(start, int(amount))


def policy_amount(policy: SlaPolicy, *, start: datetime) -> int:
    """The policy's amount for a clock starting at ``start``: a business clock started outside
    working hours takes the policy's amount for that case, when it has one."""
    if (
        policy.amount_outside_hours is not None
        and policy.clock in BUSINESS_CLOCKS
        and not calendar.in_business_hours(start)
    ):
        return policy.amount_outside_hours
    return policy.amount


def policy_due(policy: SlaPolicy, *, start: datetime) -> tuple[datetime, datetime]:
    """(due, red): when the clock started at ``start`` ends, and when it turns red.

    Hour clocks count the red share on their own clock (so a business-hours deadline does not turn
    red at night); day and month clocks take the share of the elapsed wall-clock time.
    """
    amount = policy_amount(policy, start=start)
    due = due_after(clock=policy.clock, start=start, amount=amount)
    share = policy.red_at_percent / 100
    if policy.clock in (Clock.CLOCK_HOURS, *BUSINESS_CLOCKS):
        red = due_after(clock=policy.clock, start=start, amount=amount * share)
    else:
        red = start + timedelta(seconds=(due - start).total_seconds() * share)
    return due, red
