"""Reads that matter: points balances, the worker profile, penalties to decide, overdue plans."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from .models import Appeal, BackgroundCheck, Penalty, PointsEntry, ProcessChange, RectificationPlan, Worker


def points_balance(*, worker: Worker, year: int | None = None) -> int:
    """The allowance of the calendar year plus that year's ledger lines (deductions are negative)."""
    year = year or timezone.localdate().year
    total = PointsEntry.objects.filter(worker=worker, year=year).aggregate(total=Sum("delta"))["total"] or 0
    return settings.PENALTY_POINTS_PER_YEAR + total


@dataclass(frozen=True)
class PointsLine:
    at: object
    year: int
    delta: int
    balance: int
    note: str


def points_history(*, worker: Worker) -> list[PointsLine]:
    """Every ledger line with the balance of its period after it, oldest first."""
    balances: dict[int, int] = {}
    lines = []
    for entry in PointsEntry.objects.filter(worker=worker).order_by("created_at", "pk"):
        balance = balances.get(entry.year, settings.PENALTY_POINTS_PER_YEAR) + entry.delta
        balances[entry.year] = balance
        lines.append(PointsLine(entry.created_at, entry.year, entry.delta, balance, entry.note))
    return lines


def worker_penalties(*, worker: Worker) -> QuerySet[Penalty]:
    return worker.penalties.select_related("complaint", "proposed_by", "decided_by", "appeal", "appeal__decided_by")


def worker_complaint_subjects(*, worker: Worker):
    """With each complaint's investigation reports, whose findings the profile shows."""
    return (
        worker.complaint_subjects.select_related("complaint", "order")
        .prefetch_related("complaint__investigations__report")
        .order_by("-complaint__received_at")
    )


def penalties_for_review(*, status: str | None = Penalty.Status.PROPOSED) -> QuerySet[Penalty]:
    penalties = Penalty.objects.select_related("worker", "worker__team", "complaint", "proposed_by", "decided_by")
    return penalties.filter(status=status) if status else penalties


def overdue_rectifications() -> QuerySet[RectificationPlan]:
    """Plans past their deadline that no supervisor has verified yet."""
    return (
        RectificationPlan.objects.filter(status=RectificationPlan.Status.OPEN, deadline__lt=timezone.localdate())
        .select_related("team", "owner", "complaint")
        .order_by("deadline")
    )


def overdue_process_changes() -> QuerySet[ProcessChange]:
    """Process changes past their deadline that no supervisor has verified yet."""
    return (
        ProcessChange.objects.filter(status=RectificationPlan.Status.OPEN, deadline__lt=timezone.localdate())
        .select_related("owner", "complaint")
        .order_by("deadline")
    )


def worker_checks(*, worker: Worker) -> dict:
    """The worker's background checks and trainings for the profile, and whether the
    no-criminal-record check is missing or older than ``BACKGROUND_CHECK_VALID_DAYS``."""
    checks = list(worker.background_checks.select_related("recorded_by")[:10])
    criminal = next((c for c in checks if c.kind == BackgroundCheck.Kind.CRIMINAL_RECORD), None)
    oldest_valid = timezone.localdate() - timedelta(days=settings.BACKGROUND_CHECK_VALID_DAYS)
    return {
        "checks": checks,
        "criminal_check_due": criminal is None or criminal.checked_on < oldest_valid,
        "trainings": list(worker.training_records.select_related("complaint")[:10]),
    }


def penalty_awaiting_approval_by(user) -> Q:
    """Worklist "awaiting my approval": a penalty someone else proposed, or an appeal against a
    penalty someone else approved (a second supervisor decides it)."""
    proposed = Penalty.objects.filter(complaint=OuterRef("pk"), status=Penalty.Status.PROPOSED).exclude(
        proposed_by=user
    )
    appeals = Appeal.objects.filter(penalty__complaint=OuterRef("pk"), outcome=Appeal.Outcome.PENDING).exclude(
        penalty__decided_by=user
    )
    return Q(Exists(proposed)) | Q(Exists(appeals))
