"""Writes of the reporting app: snapshots of closed months, supervisory callbacks, reconciliations."""

import hashlib
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from intake.models import Complaint

from .metrics.report import monthly_report
from .models import MonthlySnapshot, Reconciliation, SupervisionCallback
from .period import Month, Scope
from .reconciliation import HalfYear, finance_rows, reconcile


class NotInSample(ValueError):
    """Callbacks are recorded only for complaints the month's sample drew."""


class MonthNotClosed(ValueError):
    """Only a month that has fully passed can be frozen: the current month is always live."""


@transaction.atomic
def snapshot_compute(*, month: Month, scope: Scope, by=None, now: datetime | None = None) -> MonthlySnapshot:
    """(Re)compute a closed month's figures and store them; safe to run twice at once (unique month+scope)."""
    if not month.is_closed(now):
        raise MonthNotClosed(str(month))
    snapshot, _created = MonthlySnapshot.objects.update_or_create(
        month=month.first_day,
        scope=scope.key,
        defaults={"figures": monthly_report(month, scope), "computed_by": by},
    )
    return snapshot


def snapshots_refresh(*, now: datetime | None = None) -> list[str]:
    """The monthly job: freeze the month that just ended, for the whole desk.

    Filtered views of a closed month are frozen on their first viewing (see ``report_get``); the
    unfiltered one is computed ahead because the public page and the printed report read it.
    """
    month = Month.of(now or timezone.now()).previous
    if MonthlySnapshot.objects.filter(month=month.first_day, scope=Scope().key).exists():
        return []
    snapshot_compute(month=month, scope=Scope(), now=now)
    return [str(month)]


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
