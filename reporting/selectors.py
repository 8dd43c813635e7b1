"""Reads behind the report pages: a month's report (frozen or live), quarters, handlers, sample, public figures."""

import math
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from intake.models import Complaint, ComplaintEvent, State
from penalties.models import HandlerRecord
from resolutions.models import ExternalReferral, Withdrawal

from .metrics import sources
from .metrics.common import rate, within
from .metrics.complaints import DIMENSIONS
from .metrics.sql import seeded_order
from .models import PUBLIC_MONTHS, MonthlySnapshot, TypicalCase
from .period import Month, Scope


def report_get(
    *, month: Month, scope: Scope, now: datetime | None = None
) -> tuple[dict | None, MonthlySnapshot | None]:
    """A month's report as the worker last computed it: ``(None, None)`` while it is being prepared.

    Nothing is computed here. A missing snapshot, a closed month's provisional one, or a current
    month's older than ``REPORT_LIVE_MINUTES`` is requested from the worker; an outdated one is
    still shown, with the time it was computed.
    """
    from .services import snapshot_request

    snapshot = MonthlySnapshot.objects.filter(month=month.first_day, scope=scope.key).first()
    if snapshot is None or snapshot.is_outdated(now or timezone.now()):
        snapshot_request(month=month, scope=scope)
    return (snapshot.figures if snapshot else None), snapshot


def quarterly_categories(*, year: int, scope: Scope) -> list[dict]:
    """Complaints received per category in each quarter of ``year`` (one query)."""
    quarters = {f"q{q}": (Month(year, 3 * q - 2).start, Month(year, 3 * q).end) for q in range(1, 5)}
    windows = {name: Q(received_at__gte=start, received_at__lt=end) for name, (start, end) in quarters.items()}
    rows = (
        Complaint.objects.filter(received_at__gte=quarters["q1"][0], received_at__lt=quarters["q4"][1])
        .filter(**scope.lookups())
        .order_by()
        .values("category")
        .annotate(**{name: Count("id", filter=window) for name, window in windows.items()})
    )
    by_key = {row["category"]: row for row in rows}
    keys = DIMENSIONS["category"] + sorted(key for key in by_key if key not in DIMENSIONS["category"])
    return [{"key": key, **{name: by_key.get(key, {}).get(name, 0) for name in quarters}} for key in keys]


def agent_kpis(*, month: Month, scope: Scope) -> list[dict]:
    """Per handler (the assigned agent), the assessment criteria of seed 003 (7.3) that the record can
    measure: speed (deadlines met on time), satisfaction, resolution rate (ended by the desk's own
    handling, not withdrawn, referred, declined or merged), communication (first contact on time),
    repeat complaints (复诉: the complainant complained again about it) and the reopen rate. Business
    knowledge needs an assessment and is not computed."""
    reopened = ComplaintEvent.objects.filter(complaint=OuterRef("pk"), transition="reopen")
    repeated = Complaint.objects.filter(repeat_of=OuterRef("pk"))
    not_by_the_desk = (
        Q(state__in=[State.WITHDRAWN, State.REFERRED, State.NOT_ACCEPTED, State.MERGED])
        | ~Q(not_accepted_reason="")
        | Q(merged_into__isnull=False)
        | Q(Exists(Withdrawal.objects.filter(complaint=OuterRef("pk"))))
        | Q(Exists(ExternalReferral.objects.filter(complaint=OuterRef("pk"))))
    )
    rows = (
        Complaint.objects.filter(within("closed_at", month), assigned_to__isnull=False, **scope.lookups())
        .annotate(was_reopened=Exists(reopened), was_repeated=Exists(repeated))
        .order_by()
        .values("assigned_to", "assigned_to__username", "assigned_to__first_name", "assigned_to__last_name")
        .annotate(
            handled=Count("id"),
            reopened=Count("id", filter=Q(was_reopened=True)),
            repeated=Count("id", filter=Q(was_repeated=True)),
            unresolved=Count("id", filter=not_by_the_desk),
        )
        .order_by("-handled", "assigned_to__username")
    )
    extra = sources.handler_figures(month, scope)
    records = handler_record_counts(month=month)
    return [
        {
            "handler_id": row["assigned_to"],
            "handler": f"{row['assigned_to__last_name']}{row['assigned_to__first_name']}".strip()
            or row["assigned_to__username"],
            "handled": row["handled"],
            "reopen_rate": rate(row["reopened"], row["handled"]),
            "resolution_rate": rate(row["handled"] - row["unresolved"], row["handled"]),
            "repeat_rate": rate(row["repeated"], row["handled"]),
            "on_time_rate": extra.get(row["assigned_to"], {}).get("on_time_rate"),
            "contact_rate": extra.get(row["assigned_to"], {}).get("contact_rate"),
            "satisfaction_rate": extra.get(row["assigned_to"], {}).get("satisfaction_rate"),
            "praise": records.get(row["assigned_to"], {}).get("praise", 0),
            "accountability": records.get(row["assigned_to"], {}).get("accountability", 0),
        }
        for row in rows
    ]


def handler_record_counts(*, month: Month) -> dict[int, dict]:
    """Per staff member, the praise and accountability records of the month (seeds 001, 002; one query)."""
    rows = (
        HandlerRecord.objects.filter(within("recorded_at", month))
        .order_by()
        .values("staff")
        .annotate(
            praise=Count("id", filter=Q(kind__in=HandlerRecord.PRAISE_KINDS)),
            accountability=Count("id", filter=Q(kind__in=HandlerRecord.ACCOUNTABILITY_KINDS)),
        )
    )
    return {row["staff"]: row for row in rows}


def handler_records(*, month: Month):
    """The month's praise and accountability records, as the handler report lists them."""
    return HandlerRecord.objects.filter(within("recorded_at", month)).select_related(
        "staff", "complaint", "team", "recorded_by"
    )


def supervision_sample(*, month: Month):
    """A reproducible random share (SUPERVISION_SAMPLE_PERCENT) of the complaints closed in ``month``.

    The order is a hash of the complaint id seeded by the year-month, so every supervisor who opens
    the list sees the same complaints, and nobody can choose which ones are called back.
    """
    closed = Complaint.objects.filter(within("closed_at", month)).order_by()
    size = math.ceil(closed.count() * settings.SUPERVISION_SAMPLE_PERCENT / 100)
    seed = month.year * 100 + month.month
    return (
        closed.annotate(sample_key=seeded_order(seed))
        .select_related("assigned_to", "supervision_callback")
        .order_by("sample_key", "id")[:size]
    )


PUBLIC_FIGURES = ["received", "completion_rate", "timeliness_rate", "satisfaction_rate"]


def public_months(now: datetime | None = None) -> list[Month]:
    """The months the public page covers, newest (the current one) first."""
    months = [Month.of(now or timezone.now())]
    while len(months) < PUBLIC_MONTHS:
        months.append(months[-1].previous)
    return months


def public_stats(*, now: datetime | None = None) -> list[dict]:
    """The disclosed figures of the last ``PUBLIC_MONTHS`` months, newest first: only counts and rates.

    Read from the unfiltered snapshots the beat job keeps (one query): an anonymous visitor never
    causes a computation. A month not prepared yet is left out.
    """
    months = public_months(now)
    current = months[0]
    snapshots = MonthlySnapshot.objects.filter(scope=Scope().key, month__in=[month.first_day for month in months])
    frozen = {snapshot.month: snapshot.figures for snapshot in snapshots}
    return [
        {
            "month": month,
            "in_progress": month == current,
            **{key: frozen[month.first_day]["figures"][key]["current"] for key in PUBLIC_FIGURES},
        }
        for month in months
        if month.first_day in frozen
    ]


def published_cases(*, since: Month):
    return TypicalCase.objects.filter(published=True, month__gte=since.first_day).only("month", "title", "summary")
