"""Figures whose data lives in the other stages' apps: deadlines, resolutions (compensation, follow-up
surveys) and penalties (penalties, service orders, the worker and team a complaint is about)."""

from django.db.models import Avg, Count, F, Q, Sum
from django.utils import timezone

from deadlines.models import Deadline, Step
from deadlines.selectors import owed
from penalties.models import ComplaintSubject, Penalty, ServiceOrder
from resolutions.models import Compensation, FollowUp

from ..period import Month, Scope
from .common import money, per_thousand, rate, rounded, within
from .complaints import TOP

#: A survey scored this or higher counts as satisfied (scores run 1–5).
SATISFIED_MIN_SCORE = 4
#: Approved penalties: the ones that took effect, even if they later ended or were revoked on appeal.
APPROVED_PENALTIES = [Penalty.Status.IN_EFFECT, Penalty.Status.ENDED, Penalty.Status.REVOKED]


def _scoped(model, scope: Scope, prefix: str = "complaint__"):
    return model.objects.filter(**scope.lookups(prefix)).order_by()


def scalars(months: dict[str, Month], scope: Scope, *, received: dict[str, int]) -> dict[str, dict]:
    """Per period: timeliness per step (the rate per complaint is a complaint figure), satisfaction,
    complaint rate, escalations, overdue items, compensation paid and paid late; ``received`` is each period's
    complaint count."""
    deadlines = deadline_figures(months, scope)
    surveys = _per_period(
        _scoped(FollowUp, scope).filter(score__isnull=False),
        "answered_at",
        months,
        answered=lambda window: Count("id", filter=window),
        satisfied=lambda window: Count("id", filter=window & Q(score__gte=SATISFIED_MIN_SCORE)),
        average=lambda window: Avg("score", filter=window),
    )
    paid = _per_period(_paid(scope), "paid_at", months, total=lambda window: Sum("amount", filter=window))
    late = _per_period(_paid_late(scope), "due_on", months, count=lambda window: Count("id", filter=window))
    orders = _per_period(_orders(scope), "service_date", months, count=lambda window: Count("id", filter=window))
    found = {}
    for name in months:
        steps = deadlines[name]["steps"]
        found[name] = {
            "satisfaction_rate": rate(surveys[name]["satisfied"], surveys[name]["answered"]),
            "average_score": rounded(surveys[name]["average"], 2),
            "complaint_rate": per_thousand(received[name], orders[name]["count"]),
            "escalations": deadlines[name]["escalations"],
            "overdue": deadlines[name]["overdue"],
            "compensation_paid": money(paid[name]["total"]),
            "compensation_overdue": late[name]["count"],
            "timeliness_steps": steps,
        }
    return found


def _per_period(queryset, field: str, months: dict[str, Month], **aggregates) -> dict[str, dict]:
    """One query answering each aggregate for each period (``field`` in the month)."""
    windows = {name: _window(field, month) for name, month in months.items()}
    either = Q()
    for window in windows.values():
        either |= window
    row = queryset.filter(either).aggregate(
        **{f"{name}__{key}": make(window) for name, window in windows.items() for key, make in aggregates.items()}
    )
    return {name: {key: row[f"{name}__{key}"] for key in aggregates} for name in windows}


#: Fields holding a day, not a moment.
_DATE_FIELDS = {"service_date", "due_on"}


def _window(field: str, month: Month) -> Q:
    """Dates (service orders, compensation due dates) compare with days, moments with the month's
    start and end in local time."""
    if field in _DATE_FIELDS:
        return Q(**{f"{field}__gte": month.first_day, f"{field}__lt": month.next.first_day})
    return within(field, month)


def deadline_figures(months: dict[str, Month], scope: Scope) -> dict[str, dict]:
    """Per period, from one scan of the deadlines: timeliness per step and the overdue and escalated counts.

    Timeliness follows ``deadlines.selectors.timeliness`` (deadlines started in the month whose
    step is over: met on time, met late, or missed; those stopped before their due time were never
    owed). Overdue and escalated deadlines are those due in the month.
    """
    now = timezone.now()
    over = Q(met_at__isnull=False) | Q(due_at__lte=now)
    late = Q(met_at__gt=F("due_at")) | Q(met_at__isnull=True, breached_at__isnull=False)
    aggregates, either = {}, Q()
    for name, month in months.items():
        started, due = within("started_at", month), within("due_at", month)
        either |= started | due
        aggregates |= {
            f"{name}__on_time": Count("id", filter=started & Q(met_at__lte=F("due_at"))),
            f"{name}__due": Count("id", filter=started & over),
            f"{name}__overdue": Count("id", filter=due & late),
            f"{name}__escalations": Count("id", filter=due & Q(escalation_level__gte=1)),
        }
    rows = list(_scoped(Deadline, scope).filter(either).filter(owed()).values("step").annotate(**aggregates))
    found = {}
    for name in months:
        steps = [
            {"step": row["step"], "on_time": row[f"{name}__on_time"], "due": row[f"{name}__due"]}
            for row in sorted(rows, key=lambda row: row["step"])
            if row[f"{name}__due"]
        ]
        found[name] = {
            "steps": [{**step, "rate": rate(step["on_time"], step["due"])} for step in steps],
            "overdue": sum(row[f"{name}__overdue"] for row in rows),
            "escalations": sum(row[f"{name}__escalations"] for row in rows),
        }
    return found


def _orders(scope: Scope):
    orders = ServiceOrder.objects.order_by()
    if scope.team_id is not None:
        orders = orders.filter(team_id=scope.team_id)
    if scope.service_type:
        orders = orders.filter(service_type=scope.service_type)
    return orders


def _paid(scope: Scope):
    return _scoped(Compensation, scope).filter(status=Compensation.Status.PAID)


def _paid_late(scope: Scope):
    """Agreed compensation not paid by its due date: paid later, or still unpaid now (消费者权益保护法
    Art. 56(8): a delayed refund or compensation is itself a violation)."""
    paid_late = Q(status=Compensation.Status.PAID, paid_at__date__gt=F("due_on"))
    return _scoped(Compensation, scope).filter(Compensation.overdue_condition() | paid_late)


def tables(month: Month, scope: Scope) -> dict:
    compensation = (
        _paid(scope)
        .filter(within("paid_at", month))
        .values("kind")
        .annotate(count=Count("id"), amount=Sum("amount"))
        .order_by("kind")
    )
    penalties = (
        _scoped(Penalty, scope)
        .filter(within("decided_at", month), status__in=APPROVED_PENALTIES)
        .values("kind")
        .annotate(count=Count("id"))
        .order_by("-count", "kind")
    )
    subjects = (
        _scoped(ComplaintSubject, scope)
        .filter(within("complaint__received_at", month))
        .values("worker", "worker__name", "team", "team__name")
        .annotate(count=Count("id"))
    )
    return {
        "compensation_by_kind": [
            {"kind": row["kind"], "count": row["count"], "amount": money(row["amount"])} for row in compensation
        ],
        "penalties_by_kind": [{"kind": row["kind"], "count": row["count"]} for row in penalties],
        "top_workers": _top(subjects, "worker"),
        "top_teams": _top(subjects, "team"),
    }


def _top(groups, party: str) -> list[dict]:
    """The parties with most complaints, added up from the (worker, team) groups of one query."""
    counts: dict[tuple, int] = {}
    for group in groups:
        if group[party] is not None:
            key = (group[party], group[f"{party}__name"])
            counts[key] = counts.get(key, 0) + group["count"]
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][1]))[:TOP]
    return [{"name": name, "count": count} for (_pk, name), count in ranked]


def handler_figures(month: Month, scope: Scope) -> dict[int, dict]:
    """Per responsible user: on-time rate of the deadlines due in the month (and of the first contacts
    among them), satisfaction of the month's surveys."""
    deadlines = (
        _scoped(Deadline, scope)
        .filter(within("due_at", month), responsible__isnull=False)
        .filter(Q(met_at__isnull=False) | Q(breached_at__isnull=False))
        .values("responsible")
        .annotate(
            counted=Count("id"),
            on_time=Count("id", filter=Q(met_at__lte=F("due_at"))),
            contacts=Count("id", filter=Q(step=Step.FIRST_CONTACT)),
            contacts_on_time=Count("id", filter=Q(step=Step.FIRST_CONTACT, met_at__lte=F("due_at"))),
        )
    )
    surveys = (
        _scoped(FollowUp, scope)
        .filter(within("answered_at", month), score__isnull=False, complaint__assigned_to__isnull=False)
        .values("complaint__assigned_to")
        .annotate(answered=Count("id"), satisfied=Count("id", filter=Q(score__gte=SATISFIED_MIN_SCORE)))
    )
    found: dict[int, dict] = {}
    for row in deadlines:
        figures = found.setdefault(row["responsible"], {})
        figures["on_time_rate"] = rate(row["on_time"], row["counted"])
        figures["contact_rate"] = rate(row["contacts_on_time"], row["contacts"]) if row["contacts"] else None
    for row in surveys:
        found.setdefault(row["complaint__assigned_to"], {})["satisfaction_rate"] = rate(
            row["satisfied"], row["answered"]
        )
    return found
