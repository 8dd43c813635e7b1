"""Reads that matter: points balances, the worker profile, penalties to decide, overdue plans, and
what of a worker's history may leave the company."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from .models import (
    Appeal,
    BackgroundCheck,
    ComplaintSubject,
    OfficialListing,
    Penalty,
    PointsEntry,
    ProcessChange,
    RectificationPlan,
    Worker,
    WorkerConsent,
)


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


def consent_in_force(*, worker: Worker, scope: str, at=None) -> WorkerConsent | None:
    """The worker's consent for ``scope`` given by ``at`` (default now) and not withdrawn by then."""
    at = at or timezone.now()
    return (
        WorkerConsent.objects.filter(worker=worker, scope=scope, given_at__lte=at)
        .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at))
        .order_by("-given_at")
        .first()
    )


#: Only penalties that stood leave the company: not a proposal, a rejected one or one revoked on appeal.
DISCLOSED_PENALTY_STATUSES = (Penalty.Status.IN_EFFECT, Penalty.Status.ENDED)


def worker_history_summary(*, worker: Worker) -> dict:
    """What a disclosure hands over, as plain values kept with the disclosure: how many complaints
    named the worker, in how many an investigation found the worker responsible, and the penalties
    that stood. No reasons, no complainant, nothing about the company's own blacklist."""
    subjects = ComplaintSubject.objects.filter(worker=worker)
    found = subjects.filter(complaint__investigations__report__responsibility="worker")
    penalties = worker.penalties.filter(status__in=DISCLOSED_PENALTY_STATUSES).order_by("decided_at", "pk")
    return {
        "complaints": subjects.count(),
        "complaints_found_responsible": found.values("complaint").distinct().count(),
        "penalties": [
            {
                "kind": penalty.kind,
                "category": penalty.category,
                "decided_on": timezone.localdate(penalty.decided_at).isoformat(),
                "points": penalty.points,
                "suspension_days": penalty.suspension_days,
            }
            for penalty in penalties
        ],
    }


def official_listings(*, status: str | None = None) -> QuerySet[OfficialListing]:
    listings = OfficialListing.objects.select_related(
        "worker", "proposed_by", "reviewed_by", "exported_by", "consent"
    ).order_by("-proposed_at")
    return listings.filter(status=status) if status else listings


def worker_credit(*, worker: Worker) -> dict:
    """The worker page's part on sharing outside the company: consents, past disclosures, listings."""
    return {
        "consents": list(worker.consents.select_related("recorded_by", "withdrawn_by")),
        "disclosures": list(worker.disclosures.select_related("disclosed_by")[:20]),
        "listings": list(worker.official_listings.select_related("proposed_by", "reviewed_by")),
    }
