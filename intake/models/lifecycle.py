"""The complaint's state machine (django-fsm-2, imported as ``django_fsm``).

Every change of a complaint's state is one of the transition methods below, called by a service
of the app that owns the stage. Each transition names the permission a user needs and, where the
stage has prerequisites, the conditions that must hold. Every transition takes ``by`` (the user,
``None`` for the system) and ``note``; the ``post_transition`` receiver in
``intake.signals`` writes one timeline event per transition.

django-fsm only declares a transition's permission; ``refuse_unpermitted_actor`` (below) enforces
it for the user passed as ``by``, so no path can run a transition for a user without it. Conditions
read other stages' records through reverse relations, never through imports.

``ConcurrentTransitionMixin`` refuses to save a complaint whose state changed since it was read,
so two agents acting at once cannot both win. ``docs/state-diagram.md`` is generated from this
module (``manage.py state_diagram``).
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from django_fsm.signals import pre_transition

from ..choices import Category, Severity
from .desk import QuickPathSettings


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting registration")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    ACCEPTED = "accepted", _("Accepted")
    INVESTIGATING = "investigating", _("Under investigation")
    MEDIATING = "mediating", _("In mediation")
    RULING = "ruling", _("Awaiting ruling")
    RESOLVED = "resolved", _("Resolved")
    NOTIFIED = "notified", _("Result notified")
    FOLLOW_UP = "follow_up", _("Awaiting follow-up")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REFERRED = "referred", _("Referred to an external route")
    MERGED = "merged", _("Merged into its original")
    ARCHIVED = "archived", _("Archived")


#: What each transition is called on buttons, in the timeline and in the state diagram.
TRANSITION_LABELS = {
    "accept": _("Accept"),
    "decline": _("Do not accept"),
    "resolve_on_call": _("Resolve at first contact"),
    "start_investigation": _("Start investigation"),
    "start_mediation": _("Start mediation"),
    "settle": _("Record settlement"),
    "request_ruling": _("Apply for a ruling"),
    "rule": _("Record the ruling"),
    "notify_result": _("Send the result notice"),
    "start_follow_up": _("Start follow-up"),
    "close": _("Close the complaint"),
    "reopen": _("Reopen"),
    "withdraw": _("Record withdrawal"),
    "refer": _("Record external route"),
    "merge": _("Merge into the original"),
    "archive": _("Archive"),
}

#: States in which the desk still owes the complainant something.
OPEN_STATES = (
    State.SUBMITTED,
    State.ACCEPTED,
    State.INVESTIGATING,
    State.MEDIATING,
    State.RULING,
    State.RESOLVED,
    State.NOTIFIED,
    State.FOLLOW_UP,
    State.REOPENED,
)
#: States a complainant can still withdraw from (before a decision exists).
WITHDRAWABLE_STATES = (
    State.SUBMITTED,
    State.ACCEPTED,
    State.INVESTIGATING,
    State.MEDIATING,
    State.RULING,
    State.REOPENED,
)
#: States from which a complainant who still disagrees may take an external route.
REFERABLE_STATES = (
    State.NOT_ACCEPTED,
    State.MEDIATING,
    State.RULING,
    State.RESOLVED,
    State.NOTIFIED,
    State.FOLLOW_UP,
    State.REOPENED,
)
#: Categories that always take the full path, however simple they look on the call.
QUICK_PATH_EXCLUDED_CATEGORIES = (Category.SAFETY_HAZARD, Category.FRAUD)
#: Final states that are archived each month.
ARCHIVABLE_STATES = (State.CLOSED, State.NOT_ACCEPTED, State.WITHDRAWN, State.REFERRED, State.MERGED)


class ComplaintLifecycle(ConcurrentTransitionMixin, models.Model):
    """Abstract base holding the state field and the transitions of ``Complaint``."""

    state = FSMField(_("state"), default=State.SUBMITTED, choices=State.choices, protected=True, db_index=True)

    class Meta:
        abstract = True

    # --- intake ----------------------------------------------------------------------------
    @transition(field=state, source=State.SUBMITTED, target=State.ACCEPTED, permission="intake.accept_complaint")
    def accept(self, *, by=None, note=""):
        """Accepted (受理): the complainant is promised a reply time."""

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.NOT_ACCEPTED,
        permission="intake.accept_complaint",
        conditions=[lambda c: bool(c.not_accepted_reason)],
    )
    def decline(self, *, by=None, note=""):
        """Not accepted (不予受理): still registered, the complainant is told why."""

    @transition(
        field=state,
        source=State.ACCEPTED,
        target=State.RESOLVED,
        permission="intake.resolve_on_call",
        conditions=[lambda c: c.quick_path_open()],
    )
    def resolve_on_call(self, *, by=None, note=""):
        """Resolved at first contact: the agent and the complainant agreed a solution on the call;
        no investigation or mediation. The result notice and the follow-up still happen."""

    # --- investigation ---------------------------------------------------------------------
    @transition(
        field=state,
        source=[State.ACCEPTED, State.REOPENED],
        target=State.INVESTIGATING,
        permission="intake.investigate_complaint",
    )
    def start_investigation(self, *, by=None, note=""):
        pass

    @transition(
        field=state,
        source=State.INVESTIGATING,
        target=State.MEDIATING,
        permission="intake.mediate_complaint",
        conditions=[lambda c: c.has_investigation_report()],
    )
    def start_mediation(self, *, by=None, note=""):
        """Mediation starts from the investigation's findings, so a report must exist."""

    # --- mediation and ruling --------------------------------------------------------------
    @transition(field=state, source=State.MEDIATING, target=State.RESOLVED, permission="intake.mediate_complaint")
    def settle(self, *, by=None, note=""):
        """Both sides accepted the mediation proposal: a settlement agreement."""

    @transition(field=state, source=State.MEDIATING, target=State.RULING, permission="intake.mediate_complaint")
    def request_ruling(self, *, by=None, note=""):
        """Either side rejected the proposal and applied for a ruling."""

    @transition(field=state, source=State.RULING, target=State.RESOLVED, permission="intake.rule_complaint")
    def rule(self, *, by=None, note=""):
        """The ruling panel's majority decision."""

    # --- outcome ---------------------------------------------------------------------------
    @transition(field=state, source=State.RESOLVED, target=State.NOTIFIED, permission="intake.notify_result")
    def notify_result(self, *, by=None, note=""):
        """The result notice (处理结果通知书) was sent."""

    @transition(field=state, source=State.NOTIFIED, target=State.FOLLOW_UP, permission="intake.follow_up_complaint")
    def start_follow_up(self, *, by=None, note=""):
        """The notice was confirmed by phone; the satisfaction follow-up begins."""

    @transition(
        field=state,
        source=State.FOLLOW_UP,
        target=State.CLOSED,
        permission="intake.close_complaint",
        conditions=[lambda c: c.can_be_closed()],
    )
    def close(self, *, by=None, note=""):
        """Satisfied, or no answer within the follow-up deadline."""

    @transition(
        field=state, source=[State.FOLLOW_UP, State.CLOSED], target=State.REOPENED, permission="intake.reopen_complaint"
    )
    def reopen(self, *, by=None, note=""):
        """Unsatisfied: re-assess; the complaint goes back to investigation."""

    # --- other ends ------------------------------------------------------------------------
    @transition(field=state, source=WITHDRAWABLE_STATES, target=State.WITHDRAWN, permission="intake.withdraw_complaint")
    def withdraw(self, *, by=None, note=""):
        """The complainant withdrew the complaint."""

    @transition(field=state, source=REFERABLE_STATES, target=State.REFERRED, permission="intake.refer_complaint")
    def refer(self, *, by=None, note=""):
        """The complainant took an external route (consumer association, regulator,
        arbitration, court); the desk's record stays traceable."""

    @transition(field=state, source=OPEN_STATES, target=State.MERGED, permission="intake.accept_complaint")
    def merge(self, *, by=None, note=""):
        """A repeat of an open complaint is handled as part of it: one case, both timelines kept, and
        the repeat's tracking number still leads to the original on the status page."""

    @transition(field=state, source=ARCHIVABLE_STATES, target=State.ARCHIVED, permission="intake.archive_complaint")
    def archive(self, *, by=None, note=""):
        """Archived with a number in time order; read-only from here on."""

    # --- conditions ------------------------------------------------------------------------
    def quick_path_open(self) -> bool:
        """Simple enough for the quick path: general, not urgent, neither a safety hazard nor fraud
        (those always need the evidence of an investigation), and the desk allows the quick path."""
        return (
            self.severity == Severity.GENERAL
            and not self.urgent
            and self.category not in QUICK_PATH_EXCLUDED_CATEGORIES
            and QuickPathSettings.current().enabled
        )

    def has_investigation_report(self) -> bool:
        """The current investigation round has a submitted report (投诉调查报告).

        Read through the reverse relation so that intake imports nothing from investigations.
        """
        latest = self.investigations.order_by("-round").values_list("report__submitted_at", flat=True).first()
        return latest is not None

    def can_be_closed(self) -> bool:
        """A result notice was sent and no agreed compensation is left unpaid (resolutions).

        Read through the reverse relations so that intake imports nothing from resolutions.
        """
        return self.result_notices.exists() and not self.compensations.filter(status="agreed").exists()


@receiver(pre_transition, dispatch_uid="intake.lifecycle.refuse_unpermitted_actor")
def refuse_unpermitted_actor(sender, instance, name: str, source: str, method_kwargs=None, **kwargs) -> None:
    """django-fsm only *declares* a transition's permission; refuse it here for a user without it,
    whatever path called the transition. ``by=None`` is the system (scheduled jobs)."""
    if not isinstance(instance, ComplaintLifecycle):
        return
    user = (method_kwargs or {}).get("by")
    if user is None:
        return
    meta = getattr(type(instance), name)._django_fsm
    if not meta.has_transition_perm(instance, source, user):
        raise PermissionDenied(f"{user} may not {name} complaint {instance.pk}")
