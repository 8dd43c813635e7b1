"""The desk's worklists: named, counted slices of the complaints a user may open.

Each worklist is a condition on ``Complaint`` that depends on who asks (``condition(user) -> Q``)
and the permission that makes it relevant to a role. Stages contribute their own from
``AppConfig.ready()``, as they do for the workbench, so intake never imports them::

    from intake import worklists

    worklists.register(key="my_vote", label=_("Awaiting my vote"), order=60,
                       permission="intake.rule_complaint", condition=awaiting_vote)

A stage with several lists registers them as one table with ``register_all``.

Registering a key again adds another part to the same worklist (OR-ed), under its own permission:
"awaiting my approval" is made of extension requests, proposed penalties and appeals.

The desk menu counts every worklist of the user in one aggregate query (``worklist_counts``); the
inbox shows one with ``?worklist=<key>``. A worklist with ``url_name`` links to its own page instead
(the unsatisfied follow-ups), and ``open_only=False`` counts closed complaints too (a penalty still
waiting for a decision); ``include_archived=True`` archived ones as well (a request about personal
data, which the complainant may make years after the archive).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .access import about_the_desk, complaints_visible_to
from .models import ComplainantFlag, ComplaintEvent, PrivacyRequest, State
from .models.lifecycle import OPEN_STATES
from .services.additions import ADDED_BY_COMPLAINANT


@dataclass(frozen=True)
class Part:
    permission: str
    condition: Callable[..., Q]


@dataclass
class Worklist:
    key: str
    label: str
    order: int
    open_only: bool = True
    url_name: str | None = None
    include_archived: bool = False
    parts: list[Part] = field(default_factory=list)

    def allowed_parts(self, user) -> list[Part]:
        return [part for part in self.parts if user.has_perm(part.permission)]

    def matches(self, user) -> Q:
        """The user's parts of the worklist, whatever the complaint's state."""
        query = Q(pk__in=[])
        for part in self.allowed_parts(user):
            query |= part.condition(user)
        return query

    def condition(self, user) -> Q:
        if self.open_only:
            return Q(state__in=OPEN_STATES) & self.matches(user)
        if self.include_archived:
            return self.matches(user)
        return ~Q(state=State.ARCHIVED) & self.matches(user)

    def url(self) -> str:
        if self.url_name:
            return reverse(self.url_name)
        return f"{reverse('desk')}?worklist={self.key}"


class _Entry(NamedTuple):
    key: str
    label: str
    order: int
    permission: str
    condition: Callable[..., Q]
    open_only: bool = True
    url_name: str | None = None
    include_archived: bool = False


_worklists: dict[str, Worklist] = {}


def register(
    *,
    key: str,
    label: str,
    order: int,
    permission: str,
    condition: Callable[..., Q],
    open_only: bool = True,
    url_name: str | None = None,
    include_archived: bool = False,
) -> None:
    worklist = _worklists.setdefault(
        key,
        Worklist(
            key=key,
            label=label,
            order=order,
            open_only=open_only,
            url_name=url_name,
            include_archived=include_archived,
        ),
    )
    worklist.parts = [part for part in worklist.parts if part.condition is not condition]
    worklist.parts.append(Part(permission=permission, condition=condition))


def register_all(*entries: tuple) -> None:
    """Several worklists at once, each ``(key, label, order, permission, condition)``, optionally
    followed by ``open_only`` and ``url_name``: a stage's worklists as one table."""
    for entry in entries:
        register(**_Entry(*entry)._asdict())


def worklist_get(key: str) -> Worklist | None:
    return _worklists.get(key)


def worklists_for(user) -> list[Worklist]:
    """The worklists relevant to ``user``'s role, in menu order."""
    found = [worklist for worklist in _worklists.values() if worklist.allowed_parts(user)]
    return sorted(found, key=lambda worklist: (worklist.order, worklist.key))


def worklist_choices() -> list[tuple[str, str]]:
    return [(w.key, w.label) for w in sorted(_worklists.values(), key=lambda w: (w.order, w.key)) if not w.url_name]


def worklist_counts(user) -> list[tuple[Worklist, int]]:
    """Each of the user's worklists with the number of complaints on it.

    The lists of open complaints are counted in one aggregate over the open complaints (an index
    range, however many closed ones the years left behind). A list that also reaches closed
    complaints (a penalty awaiting a decision) gets a query of its own with its condition on top,
    so that the database starts from the few rows that match instead of reading every complaint.
    """
    lists = worklists_for(user)
    visible = complaints_visible_to(user)
    counts: dict[str, int] = {}
    open_lists = [worklist for worklist in lists if worklist.open_only]
    if open_lists:
        counts = visible.filter(state__in=OPEN_STATES).aggregate(
            **{worklist.key: Count("pk", filter=worklist.matches(user)) for worklist in open_lists}
        )
    for worklist in lists:
        if not worklist.open_only:
            counts[worklist.key] = visible.filter(worklist.condition(user)).count()
    return [(worklist, counts[worklist.key]) for worklist in lists]


def worklist_filter(queryset: QuerySet, *, key: str, user) -> QuerySet:
    """``queryset`` narrowed to the worklist ``key``; an unknown key or one not meant for the user
    leaves nothing (never everything)."""
    worklist = worklist_get(key)
    if worklist is None or not worklist.allowed_parts(user):
        return queryset.none()
    return queryset.filter(worklist.condition(user))


# --- intake's own worklists ------------------------------------------------------------------


def assigned_to_user(user) -> Q:
    """ "Mine" for desk staff: the complaints they handle (investigators add their teams' ones)."""
    return Q(assigned_to=user)


def unassigned(user) -> Q:
    """Nobody handles it; a complaint about the desk waits on the supervisors' own list instead."""
    return Q(assigned_to__isnull=True, assigned_team__isnull=True) & ~about_the_desk()


def desk_reports(user) -> Q:
    """Complaints about how the desk handled a complaint (seed 002), for the supervisors."""
    return about_the_desk()


def flags_due(user) -> Q:
    """Complaints whose malicious or false complaint flag is due for review."""
    due = ComplainantFlag.objects.active().filter(complaint=OuterRef("pk"), review_on__lte=timezone.localdate())
    return Q(Exists(due))


def urgent(user) -> Q:
    return Q(urgent=True)


def new_information(user) -> Q:
    """Information the complainant added from the tracking page that no staff member has acted on
    since: no note, step, contact attempt or other entry by a user after it on the timeline."""
    acted_since = ComplaintEvent.objects.filter(
        complaint=OuterRef("complaint"), actor__isnull=False, at__gt=OuterRef("at")
    )
    additions = ComplaintEvent.objects.filter(complaint=OuterRef("pk"), transition=ADDED_BY_COMPLAINANT).filter(
        ~Exists(acted_since)
    )
    return Q(Exists(additions))


def privacy_request_open(user) -> Q:
    """A request about personal data waiting for a supervisor's answer."""
    return Q(Exists(PrivacyRequest.objects.filter(complaint=OuterRef("pk"), status=PrivacyRequest.Status.OPEN)))


def register_intake_worklists() -> None:
    """Intake's own worklists; the stages add theirs (deadlines, investigation, ruling, approvals)."""
    register_all(
        ("mine", _("My complaints"), 10, "intake.accept_complaint", assigned_to_user),
        ("unassigned", _("Unassigned"), 20, "intake.accept_complaint", unassigned),
        ("urgent", _("Urgent"), 34, "intake.view_complaint", urgent),
        ("desk_reports", _("Complaints about the desk"), 36, "intake.assign_complaint", desk_reports),
        ("flags_due", _("Complainant flags due for review"), 90, "intake.flag_complainant", flags_due, False),
        ("new_information", _("New information from the complainant"), 80, "intake.accept_complaint", new_information),
    )
    register(
        key="privacy_requests",
        label=_("Requests about personal data"),
        order=85,
        permission="intake.handle_privacyrequest",
        condition=privacy_request_open,
        open_only=False,
        url_name="privacy-requests",
        include_archived=True,
    )
