"""The whole monthly report as one JSON-ready dict: what a snapshot stores and what the page shows."""

from ..models import MonthlySnapshot
from ..period import Month, Scope
from . import sources
from .common import periods
from .complaints import causes, complaint_scalars, distributions, frequent_problems

#: The headline figures, in page order. Each is shown for the month, the previous month and a year earlier.
FIGURE_KEYS = [
    "received",
    "closed",
    "completion_rate",
    "timeliness_rate",
    "average_handling_hours",
    "median_handling_hours",
    "satisfaction_rate",
    "average_score",
    "complaint_rate",
    "repeat_rate",
    "escalations",
    "overdue",
    "compensation_paid",
    "compensation_overdue",
]


def month_figures(months: dict[str, Month], scope: Scope) -> dict[str, dict]:
    """The headline figures of each period (plus its per-step timeliness rows)."""
    complaints = complaint_scalars(months, scope)
    received = {name: figures["received"] for name, figures in complaints.items()}
    others = sources.scalars(months, scope, received=received)
    return {name: {**complaints[name], **others[name]} for name in months}


def _frozen_comparisons(month: Month, scope: Scope) -> dict[str, dict]:
    """The comparison months that already have a final snapshot: their figures are read, not recomputed."""
    wanted = {name: period for name, period in periods(month).items() if name != "current"}
    snapshots = MonthlySnapshot.objects.filter(scope=scope.key, month__in=[p.first_day for p in wanted.values()])
    by_month = {snapshot.month: snapshot.figures for snapshot in snapshots if snapshot.is_final}
    return {name: by_month[period.first_day] for name, period in wanted.items() if period.first_day in by_month}


def monthly_report(month: Month, scope: Scope) -> dict:
    """Every figure of ``month``; the number of queries does not depend on the number of complaints.

    The previous month and the same month a year earlier are read from their snapshots when they
    have one, so a live month computes little more than itself.
    """
    frozen = _frozen_comparisons(month, scope)
    live = {name: period for name, period in periods(month).items() if name not in frozen}
    compared = month_figures(live, scope)
    spread = distributions(live, scope)
    by_cause, problems = causes(live, scope)
    spread |= by_cause
    for name, report in frozen.items():
        compared[name] = {key: report["figures"].get(key, {}).get("current") for key in FIGURE_KEYS}
        for dimension, rows in spread.items():
            earlier = {row["key"]: row["current"] for row in report["distributions"].get(dimension, [])}
            for row in rows:
                row[name] = earlier.get(row["key"], 0)
    order = list(periods(month))
    return {
        "month": str(month),
        "scope": scope.key,
        "figures": {key: {name: compared[name].get(key) for name in order} for key in FIGURE_KEYS},
        "distributions": {
            dimension: [{"key": row["key"], **{name: row[name] for name in order}} for row in rows]
            for dimension, rows in spread.items()
        },
        "timeliness_steps": compared["current"]["timeliness_steps"],
        #: Every category × responsibility × service type of the month, what the quarterly report adds up.
        "problems": problems,
        **frequent_problems(month, scope),
        **sources.tables(month, scope),
    }
