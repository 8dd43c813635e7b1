"""Figures computed from the complaints themselves (intake).

Each function takes the periods it must compute (``{"current": month, "previous": …}``) and
answers for all of them from one scan, with one filtered aggregate per period.
"""

from django.db.models import Avg, Count, OuterRef, Q, Subquery

from deadlines.selectors import complaints_annotate_late
from intake.choices import Category, Channel, ServiceType, Severity
from intake.models import Complaint
from intake.models.lifecycle import OPEN_STATES
from investigations.models.report import FaultDegree, InvestigationReport, Responsibility

from ..period import Month, Scope
from .common import rate, rounded, within
from .sql import SecondsBetween, json_list_counts, median

#: The dimensions the received complaints are broken down by, with every value they can take.
DIMENSIONS = {
    "category": [value for value, _label in Category.choices],
    "channel": [value for value, _label in Channel.choices],
    "severity": [value for value, _label in Severity.choices],
    "service_type": [value for value, _label in ServiceType.choices],
}
TOP = 10
#: The cause of a complaint (seed 001 六: 统计投诉原因): the responsibility and degree of fault its latest
#: investigation found; "" while no finding exists.
CAUSE_DIMENSIONS = {
    "responsibility": [value for value, _label in Responsibility.choices],
    "fault_degree": [value for value, _label in FaultDegree.choices],
}


def scoped(scope: Scope):
    return Complaint.objects.filter(**scope.lookups()).order_by()


def _any(field: str, months: dict[str, Month]) -> Q:
    found = Q()
    for month in months.values():
        found |= within(field, month)
    return found


def complaint_scalars(months: dict[str, Month], scope: Scope) -> dict[str, dict]:
    """Received, closed, completion, timeliness, repeat rate and handling time: one scan, plus one
    median query per period.

    Timeliness is per complaint as seed 001 defines it (投诉处理及时率 = 及时处理的投诉数量 ÷ 总投诉数量):
    a complaint received in the month is on time when every deadline it owed so far was met on time.
    """
    aggregates = {}
    for name, month in months.items():
        received, closed = within("received_at", month), within("closed_at", month)
        aggregates |= {
            f"{name}__received": Count("id", filter=received),
            f"{name}__on_time": Count("id", filter=received & Q(late=False)),
            f"{name}__repeats": Count("id", filter=received & Q(repeat_of__isnull=False)),
            f"{name}__completed": Count("id", filter=received & ~Q(state__in=OPEN_STATES)),
            f"{name}__closed": Count("id", filter=closed),
            f"{name}__seconds": Avg(SecondsBetween("closed_at", "received_at"), filter=closed),
        }
    row = (
        complaints_annotate_late(scoped(scope))
        .filter(_any("received_at", months) | _any("closed_at", months))
        .aggregate(**aggregates)
    )
    found = {}
    for name, month in months.items():
        closed = row[f"{name}__closed"]
        middle = median(
            scoped(scope).filter(within("closed_at", month)), SecondsBetween("closed_at", "received_at"), closed
        )
        found[name] = {
            "received": row[f"{name}__received"],
            "closed": closed,
            "completion_rate": rate(row[f"{name}__completed"], row[f"{name}__received"]),
            "timeliness_rate": rate(row[f"{name}__on_time"], row[f"{name}__received"]),
            "repeat_rate": rate(row[f"{name}__repeats"], row[f"{name}__received"]),
            "average_handling_hours": rounded(_hours(row[f"{name}__seconds"])),
            "median_handling_hours": rounded(_hours(middle)),
        }
    return found


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 3600


def distributions(months: dict[str, Month], scope: Scope) -> dict[str, list[dict]]:
    """Received complaints by category, channel, severity and service type, per period.

    One query grouped by all four dimensions at once (at most a few hundred groups); the groups,
    not the complaints, are then added up per dimension.
    """
    windows = {name: within("received_at", month) for name, month in months.items()}
    groups = (
        scoped(scope)
        .filter(_any("received_at", months))
        .values(*DIMENSIONS)
        .annotate(**{f"n_{name}": Count("id", filter=window) for name, window in windows.items()})
    )
    totals: dict[str, dict] = {dimension: {} for dimension in DIMENSIONS}
    for group in groups:
        for dimension in DIMENSIONS:
            counts = totals[dimension].setdefault(group[dimension], dict.fromkeys(windows, 0))
            for name in windows:
                counts[name] += group[f"n_{name}"]
    found = {}
    for dimension, values in DIMENSIONS.items():
        keys = values + sorted(key for key in totals[dimension] if key not in values)
        zero = dict.fromkeys(windows, 0)
        found[dimension] = [{"key": key, **totals[dimension].get(key, zero)} for key in keys]
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


def _latest_finding(field: str) -> Subquery:
    reports = InvestigationReport.objects.filter(investigation__complaint=OuterRef("pk"))
    return Subquery(reports.order_by("-investigation__round").values(field)[:1])


def causes(months: dict[str, Month], scope: Scope) -> tuple[dict[str, list[dict]], list[dict]]:
    """Received complaints by cause (responsibility, degree of fault) per period, and the month's
    problems: every category × responsibility × service type with its count (not only the top ones,
    so that a quarter adds up its months' snapshots exactly).

    One query grouped by category, service type and the latest finding (a few hundred groups at most).
    """
    windows = {name: within("received_at", month) for name, month in months.items()}
    groups = (
        scoped(scope)
        .filter(_any("received_at", months))
        .annotate(cause_responsibility=_latest_finding("responsibility"), cause_fault=_latest_finding("fault_degree"))
        .values("category", "service_type", "cause_responsibility", "cause_fault")
        .annotate(**{f"n_{name}": Count("id", filter=window) for name, window in windows.items()})
    )
    totals: dict[str, dict] = {dimension: {} for dimension in CAUSE_DIMENSIONS}
    problems: dict[tuple, int] = {}
    for group in groups:
        keys = {"responsibility": group["cause_responsibility"] or "", "fault_degree": group["cause_fault"] or ""}
        for dimension, key in keys.items():
            counts = totals[dimension].setdefault(key, dict.fromkeys(windows, 0))
            for name in windows:
                counts[name] += group[f"n_{name}"]
        if group["n_current"]:
            problem = (group["category"], keys["responsibility"], group["service_type"])
            problems[problem] = problems.get(problem, 0) + group["n_current"]
    found = {}
    for dimension, values in CAUSE_DIMENSIONS.items():
        zero = dict.fromkeys(windows, 0)
        keys = values + sorted(key for key in totals[dimension] if key not in values)
        found[dimension] = [{"key": key, **totals[dimension].get(key, zero)} for key in keys]
    rows = [
        {"category": category, "responsibility": responsibility, "service_type": service_type, "count": count}
        for (category, responsibility, service_type), count in sorted(
            problems.items(), key=lambda item: (-item[1], item[0])
        )
    ]
    return found, rows
