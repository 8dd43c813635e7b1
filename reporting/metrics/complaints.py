"""Figures computed from the complaints themselves (intake)."""

from django.db.models import Avg, Count, Q

from intake.choices import Category, Channel, ServiceType, Severity
from intake.models import Complaint
from intake.models.lifecycle import OPEN_STATES

from ..period import Month, Scope
from .common import periods, rate, rounded, within
from .sql import SecondsBetween, json_list_counts, median

#: The dimensions the received complaints are broken down by, with every value they can take.
DIMENSIONS = {
    "category": [value for value, _label in Category.choices],
    "channel": [value for value, _label in Channel.choices],
    "severity": [value for value, _label in Severity.choices],
    "service_type": [value for value, _label in ServiceType.choices],
}
TOP = 10


def scoped(scope: Scope):
    return Complaint.objects.filter(**scope.lookups()).order_by()


def complaint_scalars(month: Month, scope: Scope) -> dict:
    """Received, closed, completion, repeat rate and handling time of one month: two or three queries."""
    received, closed = within("received_at", month), within("closed_at", month)
    counts = (
        scoped(scope)
        .filter(received | closed)
        .aggregate(
            received=Count("id", filter=received),
            repeats=Count("id", filter=received & Q(repeat_of__isnull=False)),
            completed=Count("id", filter=received & ~Q(state__in=OPEN_STATES)),
            closed=Count("id", filter=closed),
            average_seconds=Avg(SecondsBetween("closed_at", "received_at"), filter=closed),
        )
    )
    median_seconds = median(scoped(scope).filter(closed), SecondsBetween("closed_at", "received_at"), counts["closed"])
    return {
        "received": counts["received"],
        "closed": counts["closed"],
        "completion_rate": rate(counts["completed"], counts["received"]),
        "repeat_rate": rate(counts["repeats"], counts["received"]),
        "average_handling_hours": rounded(_hours(counts["average_seconds"])),
        "median_handling_hours": rounded(_hours(median_seconds)),
    }


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 3600


def distributions(month: Month, scope: Scope) -> dict[str, list[dict]]:
    """Received complaints by category, channel, severity and service type, with both comparison months."""
    windows = {name: within("received_at", period) for name, period in periods(month).items()}
    either = windows["current"] | windows["previous"] | windows["year_ago"]
    found = {}
    for dimension, values in DIMENSIONS.items():
        rows = (
            scoped(scope)
            .filter(either)
            .values(dimension)
            .annotate(**{name: Count("id", filter=window) for name, window in windows.items()})
        )
        by_key = {row[dimension]: row for row in rows}
        keys = values + sorted(key for key in by_key if key not in values)
        found[dimension] = [
            {"key": key, **{name: by_key.get(key, {}).get(name, 0) for name in windows}} for key in keys
        ]
    return found


def frequent_problems(month: Month, scope: Scope) -> dict[str, list[dict]]:
    """The classifier's most frequent keywords and the most frequent category × service type pairs."""
    received = scoped(scope).filter(within("received_at", month))
    keywords = json_list_counts(received, "proposal_keywords", TOP)
    pairs = (
        received.exclude(category="")
        .values("category", "service_type")
        .annotate(count=Count("id"))
        .order_by("-count", "category", "service_type")[:TOP]
    )
    return {
        "keywords": [{"keyword": keyword, "count": count} for keyword, count in keywords],
        "subtypes": [dict(row) for row in pairs],
    }
