"""Monthly archive (归档): numbered in the order the complaints were made (seed 001: 按照投诉时间顺序进行
编号), then read-only."""

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from intake.locking import complaint_save
from intake.models import Complaint, ComplaintEvent
from intake.models.lifecycle import ARCHIVABLE_STATES


def _month_start(year: int, month: int) -> datetime:
    return timezone.make_aware(datetime(year, month, 1))


def complaints_ended_between(start: datetime, end: datetime):
    """Complaints that reached a final state in [start, end), with ``ended_at``: the recorded
    closing time, or else the time of the transition into the final state."""
    entered_final = ComplaintEvent.objects.filter(
        complaint=OuterRef("pk"), kind=ComplaintEvent.Kind.TRANSITION, to_state=OuterRef("state")
    ).order_by("-at")
    return (
        Complaint.objects.filter(state__in=ARCHIVABLE_STATES)
        .annotate(
            ended_at=Coalesce("closed_at", Subquery(entered_final.values("at")[:1]), output_field=DateTimeField())
        )
        .filter(ended_at__gte=start, ended_at__lt=end)
        .order_by("ended_at", "pk")
    )


@transaction.atomic
def archive_month(*, year: int, month: int, actor=None) -> list[str]:
    """Archive the complaints that ended in the given month, numbered PREFIX-YYYY-MM-NNNN in the
    order they were received (the complaint's time, not the time it ended). Safe to run twice
    (even at once): the rows are locked, archived ones no longer match, and archive numbers are
    unique. Returns the numbers assigned."""
    start = _month_start(year, month)
    end = _month_start(year + month // 12, month % 12 + 1)
    pks = list(complaints_ended_between(start, end).order_by("received_at", "pk").values_list("pk", flat=True))
    locked = Complaint.objects.select_for_update().filter(pk__in=pks, state__in=ARCHIVABLE_STATES)
    by_pk = {complaint.pk: complaint for complaint in locked}
    prefix = f"{settings.ARCHIVE_NUMBER_PREFIX}-{year:04d}-{month:02d}-"
    sequence = Complaint.objects.filter(archive_number__startswith=prefix).count()
    numbers = []
    for pk in pks:
        complaint = by_pk.get(pk)
        if complaint is None:
            continue
        sequence += 1
        complaint.archive_number = f"{prefix}{sequence:04d}"
        complaint.archived_at = timezone.now()
        complaint.archive(by=actor, note=complaint.archive_number)
        complaint_save(complaint)
        numbers.append(complaint.archive_number)
    return numbers


def archive_previous_month(*, today: date | None = None) -> list[str]:
    today = today or timezone.localdate()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return archive_month(year=year, month=month)
