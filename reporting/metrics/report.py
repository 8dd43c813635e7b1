"""The whole monthly report as one JSON-ready dict: what a snapshot stores and what the page shows."""

from ..period import Month, Scope
from . import sources
from .common import periods
from .complaints import complaint_scalars, distributions, frequent_problems

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
]


def month_figures(month: Month, scope: Scope) -> dict:
    return {**complaint_scalars(month, scope), **sources.scalars(month, scope)}


def monthly_report(month: Month, scope: Scope) -> dict:
    """Every figure of ``month``; the number of queries does not depend on the number of complaints."""
    compared = {name: month_figures(period, scope) for name, period in periods(month).items()}
    return {
        "month": str(month),
        "scope": scope.key,
        "figures": {key: {name: compared[name].get(key) for name in compared} for key in FIGURE_KEYS},
        "distributions": distributions(month, scope),
        **frequent_problems(month, scope),
        **sources.tables(month, scope),
    }
