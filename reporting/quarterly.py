"""The quarterly high-frequency problem report (seed 002: 按季度生成《高频问题分析报告》).

Its counts are added up from the monthly snapshots of the quarter and of the quarter before (one
query; a month not prepared yet is requested from the worker, as the monthly page does). Only what
the snapshots cannot hold is read live, with three bounded queries over the quarter: the workers and
teams with most complaints, and the repeat complaints (count and list).
"""

from datetime import datetime

from django.db.models import Count
from django.utils import timezone

from intake.models import Complaint
from penalties.models import ComplaintSubject

from .metrics.complaints import TOP
from .metrics.sources import _top
from .models import MonthlySnapshot
from .period import Month, Quarter, Scope

#: The breakdowns the report compares with the previous quarter.
QUARTER_DIMENSIONS = ["category", "service_type", "responsibility", "fault_degree"]
#: Repeat complaints listed on the page (the count is always complete).
REPEATS_LISTED = 50


def _needed(quarter: Quarter, now: datetime) -> list[Month]:
    current = Month.of(now)
    return [month for month in quarter.months if month <= current]


def _usable(snapshot: MonthlySnapshot | None, now: datetime) -> bool:
    """A snapshot taken before the report counted problems by cause cannot be added up: it is recomputed."""
    return snapshot is not None and "problems" in snapshot.figures and not snapshot.is_outdated(now)


def _change(current: int, previous: int) -> dict:
    percent = None if not previous else round((current - previous) * 100 / previous, 1)
    return {"current": current, "previous": previous, "change": current - previous, "change_percent": percent}


def high_frequency_report(*, quarter: Quarter, now: datetime | None = None) -> dict:
    """``{"pending": [months]}`` while a month's snapshot is being prepared, else the report."""
    from .services import snapshot_request

    now = now or timezone.now()
    wanted = _needed(quarter, now) + _needed(quarter.previous, now)
    snapshots = {
        snapshot.month: snapshot
        for snapshot in MonthlySnapshot.objects.filter(
            scope=Scope().key, month__in=[month.first_day for month in wanted]
        )
    }
    pending = [month for month in wanted if not _usable(snapshots.get(month.first_day), now)]
    for month in pending:
        snapshot_request(month=month, scope=Scope())
    if pending:
        return {"pending": pending}

    def figures(of: Quarter) -> list[dict]:
        return [snapshots[month.first_day].figures for month in _needed(of, now)]

    this, before = figures(quarter), figures(quarter.previous)
    report = {
        "pending": [],
        "received": _change(*(sum(f["figures"]["received"]["current"] for f in side) for side in (this, before))),
        "dimensions": {},
        "problems": _problems(this, before),
        **_live(quarter),
    }
    for dimension in QUARTER_DIMENSIONS:
        sums = [_sum_rows(side, dimension) for side in (this, before)]
        keys = list(dict.fromkeys([*sums[0], *sums[1]]))
        rows = [{"key": key, **_change(sums[0].get(key, 0), sums[1].get(key, 0))} for key in keys]
        report["dimensions"][dimension] = [row for row in rows if row["current"] or row["previous"]]
    report["computed_at"] = max(snapshot.computed_at for snapshot in snapshots.values())
    return report


def _sum_rows(reports: list[dict], dimension: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for report in reports:
        for row in report["distributions"].get(dimension, []):
            found[row["key"]] = found.get(row["key"], 0) + row["current"]
    return found


def _problems(this: list[dict], before: list[dict]) -> list[dict]:
    """The most frequent category × cause (responsibility) × service type of the quarter, against the quarter before."""

    def total(reports):
        found: dict[tuple, int] = {}
        for report in reports:
            for row in report["problems"]:
                key = (row["category"], row["responsibility"], row["service_type"])
                found[key] = found.get(key, 0) + row["count"]
        return found

    now, earlier = total(this), total(before)
    ranked = sorted(now.items(), key=lambda item: (-item[1], item[0]))[:TOP]
    return [
        {"category": c, "responsibility": r, "service_type": s, **_change(count, earlier.get((c, r, s), 0))}
        for (c, r, s), count in ranked
    ]


def _live(quarter: Quarter) -> dict:
    received = {"received_at__gte": quarter.start, "received_at__lt": quarter.end}
    subjects = (
        ComplaintSubject.objects.filter(**{f"complaint__{key}": value for key, value in received.items()})
        .order_by()
        .values("worker", "worker__name", "team", "team__name")
        .annotate(count=Count("id"))
    )
    repeats = Complaint.objects.filter(repeat_of__isnull=False, **received)
    return {
        "top_workers": _top(subjects, "worker"),
        "top_teams": _top(subjects, "team"),
        "repeat_count": repeats.count(),
        "repeats": list(
            repeats.select_related("repeat_of")
            # The state is always loaded: a state machine field left deferred is read back row by row.
            .only(
                "tracking_number",
                "state",
                "category",
                "service_type",
                "received_at",
                "repeat_of__tracking_number",
                "repeat_of__state",
            )
            .order_by("received_at", "id")[:REPEATS_LISTED]
        ),
    }
