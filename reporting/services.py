"""Writes of the reporting app: the months' snapshots, supervisory callbacks, reconciliations."""

import hashlib
import logging
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from intake.choices import ServiceType
from intake.models import Complaint
from penalties.models import Team

from .metrics.report import monthly_report
from .models import PUBLIC_MONTHS, MonthlySnapshot, Reconciliation, SupervisionCallback
from .period import Month, Scope
from .reconciliation import HalfYear, finance_rows, reconcile

logger = logging.getLogger(__name__)


class NotInSample(ValueError):
    """Callbacks are recorded only for complaints the month's sample drew."""


#: While a snapshot is being prepared, views of the same month and scope do not queue it again.
PREPARING_SECONDS = 300


def snapshot_compute(*, month: Month, scope: Scope, by=None, now: datetime | None = None) -> MonthlySnapshot:
    """Compute a month's figures for one scope and store them; safe to run twice at once (unique month+scope).

    Runs in the worker, never in a request. A closed month's snapshot is final; the current
    month's holds the figures of the moment it was computed until the beat job refreshes it. The
    comparison months are frozen first, so a month computes little more than itself.
    """
    if not month.is_closed(now):
        for earlier in (month.previous, month.year_ago):
            if not _final_exists(earlier, scope):
                snapshot_compute(month=earlier, scope=scope, now=now)
    with transaction.atomic():
        snapshot, _created = MonthlySnapshot.objects.update_or_create(
            month=month.first_day,
            scope=scope.key,
            defaults={"figures": monthly_report(month, scope), "computed_by": by},
        )
    return snapshot


def _final_exists(month: Month, scope: Scope) -> bool:
    snapshot = MonthlySnapshot.objects.filter(month=month.first_day, scope=scope.key).only("month", "computed_at")
    return any(found.is_final for found in snapshot)


def snapshot_request(*, month: Month, scope: Scope, by=None) -> bool:
    """Ask the worker for a month's snapshot; returns whether it was queued now.

    A page that finds no snapshot (or an outdated one) calls this and says "being prepared": the
    figures are computed by the worker, never while somebody waits. A second view while the first
    request is pending queues nothing. With the broker down nothing is queued, and the beat job
    still prepares the unfiltered report and each single filter of the month that just ended.
    """
    key = f"reporting:preparing:{month}:{scope.key}"
    if not cache.add(key, True, PREPARING_SECONDS):
        return False
    transaction.on_commit(lambda: _enqueue(key, month, scope, by), robust=True)
    return True


def _enqueue(key: str, month: Month, scope: Scope, by) -> None:
    from .tasks import snapshot_prepare

    try:
        snapshot_prepare.delay(str(month), scope.team_id, scope.service_type, by.pk if by else None)
    except Exception:
        cache.delete(key)
        logger.warning("Broker unavailable; the report of %s (%s) was not queued", month, scope.key)


def snapshot_prepare(*, month: str, team_id: int | None, service_type: str, by_id: int | None) -> MonthlySnapshot:
    """The worker's side of ``snapshot_request``."""
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    scope = Scope(team_id=team_id, service_type=service_type)
    try:
        return snapshot_compute(month=Month.parse(month), scope=scope, by=by)
    finally:
        cache.delete(f"reporting:preparing:{month}:{scope.key}")


def frozen_scopes() -> list[Scope]:
    """The scopes the beat job prepares ahead: the whole desk, each service type and each service team."""
    teams = Team.objects.order_by("pk").values_list("pk", flat=True)
    return [
        Scope(),
        *(Scope(service_type=value) for value in ServiceType.values),
        *(Scope(team_id=pk) for pk in teams),
    ]


def snapshots_refresh(*, now: datetime | None = None) -> list[str]:
    """The beat job, so that report pages only ever read: returns what it computed.

    - the month that just ended, unfiltered and for each single filter (``frozen_scopes``);
    - the unfiltered report of each of the twelve months the public figures show, if missing;
    - the current month's unfiltered report, when older than ``REPORT_LIVE_MINUTES``.
    Each is skipped when its snapshot is final (or fresh), so a run with nothing to do reads one table.
    """
    now = now or timezone.now()
    current = Month.of(now)
    wanted = [(current.previous, scope) for scope in frozen_scopes()]
    earlier = current.previous
    for _index in range(PUBLIC_MONTHS - 2):
        earlier = earlier.previous
        wanted.append((earlier, Scope()))
    found = {
        (snapshot.month, snapshot.scope): snapshot
        for snapshot in MonthlySnapshot.objects.filter(
            month__in={month.first_day for month, _scope in wanted} | {current.first_day}
        ).only("month", "scope", "computed_at")
    }
    done = []
    for month, scope in wanted:
        snapshot = found.get((month.first_day, scope.key))
        if snapshot is None or not snapshot.is_final:
            snapshot_compute(month=month, scope=scope, now=now)
            done.append(f"{month} {scope.key}")
    live = found.get((current.first_day, Scope().key))
    if live is None or live.is_outdated(now):
        snapshot_compute(month=current, scope=Scope(), now=now)
        done.append(f"{current} {Scope().key}")
    return done


@transaction.atomic
def supervision_callback_record(
    *, complaint: Complaint, month: Month, result: str, note: str = "", by
) -> SupervisionCallback:
    """Record (or correct) the supervisor's callback to the complainant of a sampled complaint."""
    from .selectors import supervision_sample

    if complaint.pk not in set(supervision_sample(month=month).values_list("pk", flat=True)):
        raise NotInSample(complaint.tracking_number)
    callback = SupervisionCallback.objects.filter(complaint=complaint).first() or SupervisionCallback(
        complaint=complaint
    )
    callback.month, callback.result, callback.note, callback.called_by = month.first_day, result, note, by
    callback.full_clean()
    callback.save()
    return callback


@transaction.atomic
def reconciliation_run(*, half: HalfYear, file_name: str, data: bytes, by, note: str = "") -> Reconciliation:
    """Compare finance's export with the desk's compensations of ``half`` and keep the result.

    Raises ``FinanceFileError`` for a file that cannot be read and ``NothingToReconcile`` when
    neither side holds a payment; nothing is saved then."""
    result = reconcile(half, finance_rows(data))
    return Reconciliation.objects.create(
        half_year=str(half),
        finance_file_name=file_name[:200],
        finance_file_sha256=hashlib.sha256(data).hexdigest(),
        result=result,
        note=note,
        run_by=by,
    )
