"""Reads of the intake stage that are more than a ``get``: the agent inbox, the classifier's track record,
the emergency banner."""

import re
from datetime import date, datetime, time, timedelta

from django.contrib.postgres.search import SearchRank
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from deadlines.selectors import complaints_filter_deadlines, complaints_with_deadlines

from .access import complaints_visible_to
from .models import Complaint, Emergency, SavedView, State
from .models.lifecycle import OPEN_STATES
from .search import words_match
from .worklists import worklist_filter, worklist_get

_TRACKING_SHAPE = re.compile(r"^TS\d{6}[0-9A-Z]{8}$")
_PHONE_SHAPE = re.compile(r"^1\d{10}$")

#: The inbox's state filter: a few named groups, then every single state.
STATE_GROUPS = {"open": Q(state__in=OPEN_STATES), "all": Q()}

#: Client sort keys -> ORDER BY. Nothing from the request reaches ``order_by`` except through here.
SORTS = {
    # Urgent first, then the least time left on an open deadline, then the oldest.
    "urgency": (
        "-open_urgent",
        F("next_due_at").asc(nulls_last=True),
        F("open_received_at").asc(nulls_last=True),
        "-received_at",
        "-pk",
    ),
    "received": ("received_at", "pk"),
    "-received": ("-received_at", "-pk"),
    "due": (F("next_due_at").asc(nulls_last=True), "received_at", "pk"),
    "-due": (F("next_due_at").desc(nulls_last=True), "-received_at", "-pk"),
    "category": ("category", "-received_at", "-pk"),
    "-category": ("-category", "-received_at", "-pk"),
    "state": ("state", "-received_at", "-pk"),
    "-state": ("-state", "-received_at", "-pk"),
    "assigned": (F("assigned_to__username").asc(nulls_first=True), "-received_at", "-pk"),
    "-assigned": (F("assigned_to__username").desc(nulls_last=True), "-received_at", "-pk"),
}
DEFAULT_SORT = "urgency"
#: The same order when every complaint listed is open: plain columns, in the order of the index
#: ``complaint_open_queue``, so the database reads the page's rows and stops.
OPEN_URGENCY = ("-urgent", F("next_due_at").asc(nulls_last=True), "received_at", "-pk")


def inbox_annotate(queryset: QuerySet) -> QuerySet:
    """Everything a row of the inbox shows beyond the complaint's own columns.

    Later stages add their badges (e.g. deadlines) here, in this one place, so the list keeps a
    constant number of queries however long it is.
    """
    is_open = Q(state__in=OPEN_STATES)
    queryset = complaints_with_deadlines(queryset)  # next_due_at, deadline_red, deadline_overdue
    return queryset.select_related("assigned_to", "assigned_team").annotate(
        has_repeats=Exists(Complaint.objects.filter(repeat_of=OuterRef("pk"))),
        # Urgent complaints jump every queue while open; open ones are served oldest first.
        open_urgent=Case(When(is_open & Q(urgent=True), then=Value(1)), default=Value(0), output_field=IntegerField()),
        open_received_at=Case(When(is_open, then="received_at"), default=None),
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def inbox_complaints(user, filters: dict) -> QuerySet:
    """The complaints of the agent inbox, filtered and sorted.

    ``filters`` holds cleaned values (``InboxFilterForm.cleaned_data``); every key is optional.
    The user decides what "mine" and "my team" mean, and which complaints are there at all.
    """
    queryset = complaints_visible_to(user)
    # A worklist says which states it covers (a penalty awaiting approval outlives the complaint).
    state = filters.get("state") or ("all" if filters.get("worklist") else "open")
    queryset = queryset.filter(STATE_GROUPS[state] if state in STATE_GROUPS else Q(state=state))
    for field in ("category", "severity", "channel"):
        if filters.get(field):
            queryset = queryset.filter(**{field: filters[field]})
    if filters.get("urgent"):
        queryset = queryset.filter(urgent=True)
    if filters.get("repeat"):
        queryset = queryset.filter(repeat_of__isnull=False)
    if filters.get("worklist"):
        queryset = worklist_filter(queryset, key=filters["worklist"], user=user)
    assigned = filters.get("assigned")
    if assigned == "me":
        queryset = queryset.filter(worklist_get("mine").matches(user))
    elif assigned == "team":
        queryset = queryset.filter(assigned_team__in=user.staff_teams.all())
    elif assigned == "unassigned":
        queryset = queryset.filter(assigned_to__isnull=True, assigned_team__isnull=True)
    if filters.get("deadline"):
        queryset = complaints_filter_deadlines(queryset, which=filters["deadline"], user=user)
    if filters.get("received_from"):
        queryset = queryset.filter(received_at__gte=_day_start(filters["received_from"]))
    if filters.get("received_to"):
        queryset = queryset.filter(received_at__lt=_day_start(filters["received_to"] + timedelta(days=1)))
    rank = None
    if filters.get("q"):
        match, rank = _search(filters["q"])
        queryset = queryset.filter(match)
    sort = filters.get("sort") if filters.get("sort") in SORTS else DEFAULT_SORT
    order = SORTS[sort]
    if sort == "urgency" and _only_open(state, filters.get("worklist")):
        order = OPEN_URGENCY
    queryset = inbox_annotate(queryset)
    if rank is not None and sort == DEFAULT_SORT:
        # Searching without choosing another sort: the best match first, then as usual.
        return queryset.annotate(search_rank=rank).order_by("-search_rank", *order)
    return queryset.order_by(*order)


def _only_open(state: str, worklist_key: str | None) -> bool:
    if worklist_key:
        worklist = worklist_get(worklist_key)
        return worklist is not None and worklist.open_only
    return state == "open" or state in OPEN_STATES


def _span_short(span: timedelta) -> str:
    if span >= timedelta(days=1):
        return _("%(n)d d") % {"n": span.days}
    if span >= timedelta(hours=1):
        return _("%(n)d h") % {"n": span.seconds // 3600}
    return _("%(n)d min") % {"n": max(1, span.seconds // 60)}


def inbox_time_left(complaint: Complaint, *, now: datetime) -> dict | None:
    """The time-left cell of an inbox row, from its annotations (no query): red only when a
    deadline is missed, amber once it passed its red mark (80 % of the clock unless the policy
    says otherwise), plain before."""
    if complaint.next_due_at is None:
        return None
    if complaint.next_due_at <= now:
        return {"text": _("overdue %(span)s") % {"span": _span_short(now - complaint.next_due_at)}, "status": "overdue"}
    text = _("%(span)s left") % {"span": _span_short(complaint.next_due_at - now)}
    return {"text": text, "status": "amber" if complaint.deadline_red else ""}


def saved_views_for(user) -> list[SavedView]:
    """The user's own saved views and those shared with their teams, in one query."""
    shared = Q(team__members=user) & ~Q(owner=user)
    return list(
        SavedView.objects.filter(Q(owner=user) | shared)
        .select_related("owner", "team")
        .distinct()
        .order_by("name", "pk")
    )


def _search(text: str) -> tuple[Q, SearchRank | None]:
    """Tracking number, phone and order number match exactly; otherwise the words of the
    description, the place and the names (``intake.search``), with their rank on PostgreSQL.

    Something shaped like a tracking number or a phone number is looked up through the indexes
    only: OR-ing it with the word search would cost a second lookup for nothing.
    """
    text = text.strip()
    compact = text.replace(" ", "")
    if _TRACKING_SHAPE.match(compact.upper()):
        return Q(tracking_number=compact.upper()) | Q(order_number=text), None
    if _PHONE_SHAPE.match(compact):
        return Q(phone=compact) | Q(order_number=text), None
    match, rank = words_match(text)
    return Q(order_number=text) | match, rank


def classifier_confirmations(*, days: int = 30) -> dict[str, dict[str, int]]:
    """Per proposed category: how many proposals agents decided in the last ``days`` and how many they kept.

    One aggregate query; a complaint counts once its proposal was confirmed or corrected by an agent.
    """
    since = timezone.now() - timedelta(days=days)
    rows = (
        Complaint.objects.filter(proposal_accepted__isnull=False, received_at__gte=since)
        .values("proposed_category")
        .annotate(decided=Count("pk"), kept=Count("pk", filter=Q(proposal_accepted=True)))
    )
    return {row["proposed_category"]: {"decided": row["decided"], "kept": row["kept"]} for row in rows}


#: The banner names this many emergencies and counts the rest.
BANNER_LIMIT = 5


def emergencies_unacknowledged(*, limit: int = BANNER_LIMIT) -> tuple[list, bool]:
    """The oldest unacknowledged emergencies for the staff banner, and whether there are more.

    One query on a partial index of the few unacknowledged rows, whatever the number of complaints:
    it runs on every staff page. Archived complaints are read-only and never bannered.
    """
    rows = list(
        Emergency.objects.filter(acknowledged_at__isnull=True)
        .exclude(complaint__state=State.ARCHIVED)
        .select_related("complaint")
        .only("pk", "opened_at", "complaint__id", "complaint__tracking_number", "complaint__state")
        .order_by("opened_at", "pk")[: limit + 1]
    )
    return rows[:limit], len(rows) > limit


#: The caller's other complaints shown beside a complaint or on the registration form.
CALLER_HISTORY_LIMIT = 10


def caller_complaints(user, *, phone: str, order_number: str = "", exclude_pk: int | None = None) -> list:
    """The user's visible complaints with the same phone or the same service order, newest first.

    One query on the phone and order indexes; no personal data is read beyond the match.
    """
    same = Q(phone=phone) if phone else Q(pk__in=[])
    if order_number:
        same |= Q(order_number=order_number)
    return list(
        complaints_visible_to(user)
        .filter(same)
        .exclude(pk=exclude_pk)
        .only("pk", "tracking_number", "received_at", "state", "category", "order_number", "phone")
        .order_by("-received_at", "-pk")[:CALLER_HISTORY_LIMIT]
    )
