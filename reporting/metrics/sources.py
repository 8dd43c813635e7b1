"""Figures whose data lives in the other stages' apps: deadlines, resolutions (compensation, follow-up
surveys) and penalties (penalties, service orders, the worker and team a complaint is about)."""

from django.db.models import Avg, Count, F, Q, Sum

from deadlines.models import Deadline
from deadlines.selectors import timeliness
from penalties.models import ComplaintSubject, Penalty, ServiceOrder
from resolutions.models import Compensation, FollowUp

from ..period import Month, Scope
from .common import money, rate, rounded, within
from .complaints import TOP, scoped

#: A survey scored this or higher counts as satisfied (scores run 1–5).
SATISFIED_MIN_SCORE = 4
#: Approved penalties: the ones that took effect, even if they later ended or were revoked on appeal.
APPROVED_PENALTIES = [Penalty.Status.IN_EFFECT, Penalty.Status.ENDED, Penalty.Status.REVOKED]


def _scoped(model, scope: Scope, prefix: str = "complaint__"):
    return model.objects.filter(**scope.lookups(prefix)).order_by()


def timeliness_by_step(month: Month, scope: Scope) -> dict:
    """Deadlines started in the month whose step is over, per step (the deadlines app's definition)."""
    complaints = None if scope.is_all else scoped(scope)
    return timeliness(complaints=complaints, start=month.first_day, end=month.next.first_day)


def scalars(month: Month, scope: Scope) -> dict:
    steps = timeliness_by_step(month, scope)
    due = within("due_at", month)
    late = Q(met_at__gt=F("due_at")) | Q(met_at__isnull=True, stopped_at__isnull=True, breached_at__isnull=False)
    deadlines = (
        _scoped(Deadline, scope)
        .filter(due)
        .aggregate(overdue=Count("id", filter=late), escalations=Count("id", filter=Q(escalation_level__gte=1)))
    )
    surveys = (
        _scoped(FollowUp, scope)
        .filter(within("answered_at", month), score__isnull=False)
        .aggregate(
            answered=Count("id"),
            satisfied=Count("id", filter=Q(score__gte=SATISFIED_MIN_SCORE)),
            average=Avg("score"),
        )
    )
    paid = _paid(month, scope).aggregate(total=Sum("amount"))
    return {
        "timeliness_rate": rate(sum(s["on_time"] for s in steps.values()), sum(s["total"] for s in steps.values())),
        "satisfaction_rate": rate(surveys["satisfied"], surveys["answered"]),
        "average_score": rounded(surveys["average"], 2),
        "complaint_rate": complaint_rate(month, scope),
        "escalations": deadlines["escalations"],
        "overdue": deadlines["overdue"],
        "compensation_paid": money(paid["total"]),
    }


def complaint_rate(month: Month, scope: Scope) -> float | None:
    """Complaints received ÷ service orders served in the month × 100 %; "—" without service orders."""
    orders = ServiceOrder.objects.filter(service_date__gte=month.first_day, service_date__lt=month.next.first_day)
    if scope.team_id is not None:
        orders = orders.filter(team_id=scope.team_id)
    if scope.service_type:
        orders = orders.filter(service_type=scope.service_type)
    order_count = orders.count()
    if not order_count:
        return None
    return rate(scoped(scope).filter(within("received_at", month)).count(), order_count)


def _paid(month: Month, scope: Scope):
    return _scoped(Compensation, scope).filter(within("paid_at", month), status=Compensation.Status.PAID)


def tables(month: Month, scope: Scope) -> dict:
    steps = timeliness_by_step(month, scope)
    compensation = _paid(month, scope).values("kind").annotate(count=Count("id"), amount=Sum("amount")).order_by("kind")
    penalties = (
        _scoped(Penalty, scope)
        .filter(within("decided_at", month), status__in=APPROVED_PENALTIES)
        .values("kind")
        .annotate(count=Count("id"))
        .order_by("-count", "kind")
    )
    subjects = _scoped(ComplaintSubject, scope).filter(within("complaint__received_at", month))
    return {
        "timeliness_steps": [
            {"step": step, "on_time": row["on_time"], "due": row["total"], "rate": rate(row["on_time"], row["total"])}
            for step, row in steps.items()
        ],
        "compensation_by_kind": [
            {"kind": row["kind"], "count": row["count"], "amount": money(row["amount"])} for row in compensation
        ],
        "penalties_by_kind": [{"kind": row["kind"], "count": row["count"]} for row in penalties],
        "top_workers": _top(subjects.filter(worker__isnull=False), "worker__name"),
        "top_teams": _top(subjects.filter(team__isnull=False), "team__name"),
    }


def _top(subjects, name: str) -> list[dict]:
    identity = name.split("__")[0]
    rows = subjects.values(identity, name).annotate(count=Count("id")).order_by("-count", name)[:TOP]
    return [{"name": row[name], "count": row["count"]} for row in rows]


def handler_figures(month: Month, scope: Scope) -> dict[int, dict]:
    """Per responsible user: on-time rate of the deadlines due in the month, satisfaction of the month's surveys."""
    deadlines = (
        _scoped(Deadline, scope)
        .filter(within("due_at", month), responsible__isnull=False)
        .filter(Q(met_at__isnull=False) | Q(breached_at__isnull=False))
        .values("responsible")
        .annotate(counted=Count("id"), on_time=Count("id", filter=Q(met_at__lte=F("due_at"))))
    )
    surveys = (
        _scoped(FollowUp, scope)
        .filter(within("answered_at", month), score__isnull=False, complaint__assigned_to__isnull=False)
        .values("complaint__assigned_to")
        .annotate(answered=Count("id"), satisfied=Count("id", filter=Q(score__gte=SATISFIED_MIN_SCORE)))
    )
    found: dict[int, dict] = {}
    for row in deadlines:
        found.setdefault(row["responsible"], {})["on_time_rate"] = rate(row["on_time"], row["counted"])
    for row in surveys:
        found.setdefault(row["complaint__assigned_to"], {})["satisfaction_rate"] = rate(
            row["satisfied"], row["answered"]
        )
    return found
