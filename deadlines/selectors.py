"""Reads of deadlines: the workbench panel, the inbox annotations and filters, the timeliness rate."""

from datetime import date, datetime, timedelta

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .calendar import working_days_between
from .models import Clock, Deadline, DeadlineNotice, Step


def _open_deadlines_of(outer: str = "pk") -> QuerySet:
    return Deadline.objects.open().filter(complaint=OuterRef(outer))


def complaints_with_deadlines(complaints: QuerySet) -> QuerySet:
    """Annotate each complaint with its red / overdue flags (the nearest due time is its own
    column, ``next_due_at``, kept by ``deadlines.nearest``).

    Overdue reads that column; red is one correlated subquery on the partial index of open
    deadlines, which the database evaluates for the rows a page returns only.
    """
    now = timezone.now()
    return complaints.annotate(
        deadline_overdue=ExpressionWrapper(Q(next_due_at__lte=now), output_field=BooleanField()),
        deadline_red=Exists(_open_deadlines_of().filter(Q(warned_at__isnull=False) | Q(red_at__lte=now))),
    )


def deadline_condition(which: str, user) -> Q | None:
    """The inbox's deadline filters as a condition on complaints: ``overdue``, ``due_today``,
    ``escalated_to_me``; anything else is ``None``."""
    now = timezone.now()
    if which == "overdue":
        return Q(next_due_at__lte=now)
    if which == "due_today":
        today = _day_start(timezone.localdate())
        return Q(Exists(_open_deadlines_of().filter(due_at__gte=today, due_at__lt=today + timedelta(days=1))))
    if which == "escalated_to_me":
        notices = DeadlineNotice.objects.filter(
            recipient=user, deadline__complaint=OuterRef("pk"), deadline__met_at__isnull=True
        ).filter(deadline__stopped_at__isnull=True)
        return Q(Exists(notices))
    return None


def complaints_filter_deadlines(complaints: QuerySet, *, which: str, user) -> QuerySet:
    """The complaints matching ``deadline_condition``; an unknown filter is ignored."""
    condition = deadline_condition(which, user)
    return complaints if condition is None else complaints.filter(condition)


def overdue(user) -> Q:
    return deadline_condition("overdue", user)


def due_today(user) -> Q:
    return deadline_condition("due_today", user)


def complaints_order_by_urgency(complaints: QuerySet) -> QuerySet:
    """Urgent first, then by time left on the nearest deadline (none last). Needs ``complaints_with_deadlines``."""
    return complaints.order_by("-urgent", F("next_due_at").asc(nulls_last=True), "-received_at")


def time_left_words(deadline: Deadline, *, now: datetime | None = None) -> str:
    """ "还剩 2 小时" / "overdue by 3 working days": minutes, hours, then days in the deadline's own clock."""
    now = now or timezone.now()
    if deadline.met_at is not None:
        return _("met") if deadline.met_at <= deadline.due_at else _("met late")
    if deadline.stopped_at is not None:
        return _("stopped")
    late = deadline.due_at <= now
    earlier, later = (deadline.due_at, now) if late else (now, deadline.due_at)
    span = later - earlier
    if deadline.clock == Clock.WORKING_DAYS and span >= timedelta(days=1):
        n = working_days_between(earlier, later)
        text = ngettext("%(n)d working day", "%(n)d working days", n) % {"n": n}
    elif span >= timedelta(days=2):
        n = span.days
        text = ngettext("%(n)d day", "%(n)d days", n) % {"n": n}
    elif span >= timedelta(hours=1):
        n = int(span.total_seconds() // 3600)
        text = ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
    else:
        n = max(1, int(span.total_seconds() // 60))
        text = ngettext("%(n)d minute", "%(n)d minutes", n) % {"n": n}
    return (_("overdue by %(span)s") if late else _("%(span)s left")) % {"span": text}


def deadline_status(deadline: Deadline, *, now: datetime) -> str:
    """CSS class of the deadline chip: ``overdue``, ``red`` or empty."""
    if not deadline.is_open:
        return ""
    if deadline.due_at <= now:
        return "overdue"
    if deadline.warned_at is not None or deadline.red_at <= now:
        return "red"
    return ""


def workbench_panel_context(request, complaint) -> dict | None:
    """Every deadline of the complaint, with time left in words. One query."""
    if not request.user.has_perm("deadlines.view_deadline"):
        return None
    now = timezone.now()
    rows = [
        {
            "deadline": deadline,
            "status": deadline_status(deadline, now=now),
            "time_left": time_left_words(deadline, now=now),
        }
        for deadline in Deadline.objects.filter(complaint=complaint)
        .select_related("evidence_request")
        .order_by("started_at", "pk")
    ]
    return {"deadline_rows": rows}


def owed() -> Q:
    """A deadline the complaint owed: not stopped, or stopped only after it was due (a clock the
    complaint ended before its time was never owed)."""
    return Q(stopped_at__isnull=True) | Q(stopped_at__gt=F("due_at"))


def late(now: datetime) -> Q:
    """An owed deadline not met on time: met late, or due and never met."""
    return Q(met_at__gt=F("due_at")) | (Q(met_at__isnull=True, due_at__lte=now) & owed())


def complaints_annotate_late(complaints: QuerySet, *, now: datetime | None = None) -> QuerySet:
    """``late``: the complaint owed a clock it did not meet on time (seed 001's 及时处理 is its opposite).

    Evidence that the worker or the company brought late is their delay, not the desk's: it counts
    in the per-step table only.
    """
    now = now or timezone.now()
    owed_by_desk = Deadline.objects.filter(complaint=OuterRef("pk")).exclude(step=Step.EVIDENCE)
    return complaints.annotate(late=Exists(owed_by_desk.filter(late(now))))


def timeliness(*, complaints: QuerySet | None = None, start: date | None = None, end: date | None = None) -> dict:
    """Deadlines met on time per step (及时率) for the deadlines started in ``[start, end)`` and/or of
    the given complaints: ``{step: {"total", "met", "on_time", "late", "open", "rate"}}``.

    A deadline counts once its step is over: met on time, met late, or missed (still open, or
    stopped after it was due); a deadline stopped before it was due was never owed. ``rate`` is
    on-time over counted, or None when none.
    """
    deadlines = Deadline.objects.filter(owed())
    if complaints is not None:
        deadlines = deadlines.filter(complaint__in=complaints.values("pk"))
    if start is not None:
        deadlines = deadlines.filter(started_at__gte=_day_start(start))
    if end is not None:
        deadlines = deadlines.filter(started_at__lt=_day_start(end))
    now = timezone.now()
    rows = deadlines.values("step").annotate(
        on_time=Count("pk", filter=Q(met_at__isnull=False, met_at__lte=F("due_at"))),
        late=Count("pk", filter=Q(met_at__isnull=False, met_at__gt=F("due_at"))),
        missed_open=Count("pk", filter=Q(met_at__isnull=True, due_at__lte=now)),
        pending=Count("pk", filter=Q(met_at__isnull=True, due_at__gt=now)),
    )
    result = {}
    for row in rows.order_by("step"):
        counted = row["on_time"] + row["late"] + row["missed_open"]
        result[row["step"]] = {
            "total": counted,
            "on_time": row["on_time"],
            "late": row["late"] + row["missed_open"],
            "open": row["pending"],
            "rate": row["on_time"] / counted if counted else None,
        }
    return result


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def deadline_nearest_open(complaint, *, steps: tuple[str, ...] = ()) -> Deadline | None:
    """The open deadline due first on one complaint among ``steps``, or among all when none of those
    is open (the workbench's "who acts next"). One query."""
    rows = Deadline.objects.open().filter(complaint=complaint)
    other = Case(When(step__in=steps, then=Value(0)), default=Value(1), output_field=IntegerField())
    return rows.annotate(other=other).order_by("other", "due_at", "pk").first()
