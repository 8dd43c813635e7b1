"""Writes of the reporting app: the months' snapshots, supervisory callbacks, reconciliations."""

import hashlib
import logging
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.choices import ServiceType
from intake.models import Complaint
from penalties.models import Team

from .metrics.report import monthly_report
from .models import (
    PUBLIC_MONTHS,
    MonthlySnapshot,
    QuarterlyReview,
    Reconciliation,
    ReviewFinding,
    SupervisionCallback,
)
from .period import Month, Quarter, Scope
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


REVIEW_PERMISSION = "reporting.conduct_quarterlyreview"
#: A review samples at most this many complaints: the three reviewers read each one.
REVIEW_SAMPLE_MAX = 100


def _require_reviewer(user) -> None:
    if user is None or not user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied(_("You may not do this."))


@transaction.atomic
def quarterly_review_start(
    *,
    quarter: Quarter,
    legal_reviewer,
    quality_reviewer,
    customer_representative: str,
    by,
    sample_size: int | None = None,
) -> QuarterlyReview:
    """Start the quarter's sampling review (seed 002) and draw its sample of closed complaints.

    The draw is random (the database's ``RANDOM()``) and stored as the review's findings, so it is
    made once, nobody chooses it, and it stays the same however often the review is opened. One review
    per quarter; a quarter with no closed complaint has nothing to review.
    """
    _require_reviewer(by)
    size = QuarterlyReview._meta.get_field("sample_size").default if sample_size is None else sample_size
    if not 1 <= size <= REVIEW_SAMPLE_MAX:
        raise ValidationError(
            {"sample_size": _("The sample size must be between 1 and %(max)s.") % {"max": REVIEW_SAMPLE_MAX}}
        )
    if not (customer_representative or "").strip():
        raise ValidationError({"customer_representative": _("Name the customer representative.")})
    if quarter.start > timezone.now():
        raise ValidationError(_("The quarter %(quarter)s has not begun.") % {"quarter": quarter})
    if QuarterlyReview.objects.select_for_update().filter(quarter=str(quarter)).exists():
        raise ValidationError(_("The quarter %(quarter)s already has a sampling review.") % {"quarter": quarter})
    closed = Complaint.objects.filter(closed_at__gte=quarter.start, closed_at__lt=quarter.end)
    sample = list(closed.order_by("?").values_list("pk", flat=True)[:size])
    if not sample:
        raise ValidationError(
            _("No complaint was closed in %(quarter)s: there is nothing to review.") % {"quarter": quarter}
        )
    review = QuarterlyReview(
        quarter=str(quarter),
        legal_reviewer=legal_reviewer,
        quality_reviewer=quality_reviewer,
        customer_representative=customer_representative.strip(),
        sample_size=size,
        started_by=by,
    )
    review.full_clean()
    review.save()
    ReviewFinding.objects.bulk_create(ReviewFinding(review=review, complaint_id=pk) for pk in sorted(sample))
    return review


@transaction.atomic
def review_finding_record(*, finding: ReviewFinding, result: str, note: str = "", by) -> ReviewFinding:
    """Record (or correct) what the reviewers found about one sampled complaint; an issue needs its text."""
    _require_reviewer(by)
    finding = ReviewFinding.objects.select_for_update().get(pk=finding.pk)
    if result not in (ReviewFinding.Result.COMPLIANT, ReviewFinding.Result.ISSUE_FOUND):
        raise ValidationError({"result": _("Choose compliant or issue found.")})
    note = (note or "").strip()
    if result == ReviewFinding.Result.ISSUE_FOUND and not note:
        raise ValidationError({"note": _("Describe the issue found.")})
    finding.result, finding.note, finding.recorded_by, finding.recorded_at = result, note, by, timezone.now()
    finding.full_clean()
    finding.save()
    return finding
