"""What the complainant may see of a complaint: state, dates, public events and the next step.

Looked up by tracking number AND the phone used, never by order number: the worker complained
about knows the customer's phone and order number, but not the random tracking number. Nothing
here carries personal data or internal notes.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Complaint, ComplaintEvent, State

#: The reply promised on the receipt until an agent accepts the complaint with a date of its own.
FIRST_REPLY_WITHIN = timedelta(hours=24)

_EVENT_LABELS = {
    "accept": _("Accepted"),
    "decline": _("Not accepted"),
    "start_investigation": _("Under investigation"),
    "resolve_on_call": _("Resolved with you at first contact"),
    "settle": _("Settled by mediation"),
    "rule": _("Decided by the ruling panel"),
    "notify_result": _("Result sent to you"),
    "close": _("Closed"),
    "reopen": _("Reopened"),
    "withdraw": _("Withdrawn"),
    "refer": _("Taken to an external route"),
    "complainant_added": _("Information you added"),
}

_APPEAL = _(
    "If you disagree, reply to our message or call our hotline and ask for a review. You may also turn to "
    "the consumer association (12315) at any time."
)
_NEXT_STEPS = {
    State.SUBMITTED: _("We are reviewing your complaint and will contact you by the promised time."),
    State.ACCEPTED: _("Your complaint has been accepted. The person in charge will contact you by the promised time."),
    State.NOT_ACCEPTED: _APPEAL,
    State.INVESTIGATING: _("We are checking the facts with everyone involved and will contact you with the result."),
    State.MEDIATING: _("We are proposing a solution to both sides and will contact you."),
    State.RULING: _("A ruling panel is deciding your complaint. We will send you its decision."),
    State.RESOLVED: _("A result has been reached. We will send it to you shortly."),
    State.NOTIFIED: _APPEAL,
    State.FOLLOW_UP: _("We will call you to ask whether you are satisfied with the result."),
    State.CLOSED: _("Your complaint is closed. If the problem comes back, you can file a new complaint."),
    State.REOPENED: _("Your complaint has been reopened and is being looked at again."),
    State.WITHDRAWN: _("You withdrew this complaint. Nothing more will happen."),
    State.REFERRED: _("This complaint continues outside our desk, with the body you turned to."),
    State.ARCHIVED: _("Your complaint is closed and archived."),
}


@dataclass(frozen=True)
class PublicEvent:
    at: datetime
    label: str
    note: str = ""


@dataclass(frozen=True)
class PublicPayment:
    label: str
    status: str
    paid_on: date | None


@dataclass(frozen=True)
class PublicResult:
    """The written outcome as the complainant received it: what is proposed to them, what was
    agreed, what has been paid, and whether a result notice was sent."""

    proposal: str = ""
    settlement_terms: str = ""
    payments: list[PublicPayment] = field(default_factory=list)
    notice_sent_at: datetime | None = None
    appeal_by: date | None = None

    def __bool__(self) -> bool:
        return bool(self.proposal or self.settlement_terms or self.payments or self.notice_sent_at)


@dataclass(frozen=True)
class PublicStatus:
    tracking_number: str
    state: str
    state_label: str
    received_at: datetime
    reply_promised_by: datetime | None
    next_step: str
    events: list[PublicEvent]
    result: PublicResult | None = None
    open: bool = False


def reply_promised_by(complaint: Complaint) -> datetime:
    return complaint.promised_reply_at or complaint.received_at + FIRST_REPLY_WITHIN


def complaint_public_status(*, tracking_number: str, phone: str) -> PublicStatus | None:
    """The complaint's public status, or None whatever was wrong (number, phone or both)."""
    complaint = complaint_tracked(tracking_number=tracking_number, phone=phone)
    return None if complaint is None else public_status(complaint)


#: How long a successful lookup lets the browser follow the complaint's links without retyping.
TRACKED_FOR = timedelta(hours=1)
_SESSION_KEY = "tracked_complaint"


def tracked_remember(session, complaint: Complaint) -> None:
    session[_SESSION_KEY] = {"pk": complaint.pk, "at": timezone.now().isoformat()}


def tracked_complaint(session) -> Complaint | None:
    """The complaint this browser looked up with number and phone in the last hour, if any."""
    tracked = session.get(_SESSION_KEY) or {}
    try:
        looked_up_at = datetime.fromisoformat(tracked["at"])
    except (KeyError, TypeError, ValueError):
        return None
    if timezone.now() - looked_up_at > TRACKED_FOR:
        return None
    return Complaint.objects.filter(pk=tracked.get("pk")).first()


def complaint_tracked(*, tracking_number: str, phone: str) -> Complaint | None:
    if not tracking_number or not phone:
        return None
    complaint = (
        Complaint.objects.select_related("merged_into").filter(tracking_number=tracking_number, phone=phone).first()
    )
    # A repeat merged into its original is followed there: one case, whichever number the complainant holds.
    return complaint.merged_into if complaint is not None and complaint.merged_into_id else complaint


#: States in which the complainant may still add information from the tracking page.
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


def public_status(complaint: Complaint) -> PublicStatus:
    return PublicStatus(
        tracking_number=complaint.tracking_number,
        state=complaint.state,
        state_label=str(State(complaint.state).label),
        received_at=complaint.received_at,
        reply_promised_by=reply_promised_by(complaint)
        if complaint.state in (State.SUBMITTED, State.ACCEPTED)
        else None,
        next_step=str(_NEXT_STEPS.get(complaint.state, "")),
        events=_public_events(complaint),
        result=public_result(complaint),
        open=complaint.state in OPEN_STATES,
    )


def public_result(complaint: Complaint) -> PublicResult:
    """Read from the resolutions stage when it is installed (it owns proposals, settlements,
    compensation and notices); the internal notes on those records are never shown."""
    if not apps.is_installed("resolutions"):
        return PublicResult()
    proposal = complaint.mediation_proposals.prefetch_related("answers").first()
    settlement = complaint.settlements.first()
    quick = complaint.quick_resolutions.first() if settlement is None else None
    notice = complaint.result_notices.first()
    payments = [
        PublicPayment(
            label=str(item) if item.amount else str(item.get_kind_display()),
            status=str(item.get_status_display()),
            paid_on=timezone.localdate(item.paid_at) if item.paid_at else None,
        )
        for item in complaint.compensations.filter(status__in=["agreed", "paid"]).order_by("created_at", "pk")
    ]
    return PublicResult(
        proposal=proposal.complainant_gets if proposal is not None and proposal.open and not settlement else "",
        settlement_terms=settlement.terms if settlement is not None else (quick.solution if quick else ""),
        payments=payments,
        notice_sent_at=notice.sent_at if notice is not None else None,
        appeal_by=notice.appeal_by if notice is not None else None,
    )


def _public_events(complaint: Complaint) -> list[PublicEvent]:
    events = [PublicEvent(at=complaint.received_at, label=str(_("Received")))]
    for event in complaint.events.filter(public=True).filter(
        Q(kind__in=[ComplaintEvent.Kind.TRANSITION, ComplaintEvent.Kind.MESSAGE])
        | Q(kind=ComplaintEvent.Kind.ACTION, transition="complainant_added")
    ):
        if event.kind == ComplaintEvent.Kind.MESSAGE:
            events.append(PublicEvent(at=event.at, label=str(_("Message from us")), note=event.note))
            continue
        # Transition notes are written for colleagues; only the reason for not accepting is the complainant's.
        note = event.note if event.transition == "complainant_added" else ""
        if event.transition == "decline" and complaint.not_accepted_reason:
            note = str(complaint.get_not_accepted_reason_display())
            if complaint.not_accepted_note:
                note = f"{note} — {complaint.not_accepted_note}"
        label = _EVENT_LABELS.get(event.transition) or State(event.to_state).label
        events.append(PublicEvent(at=event.at, label=str(label), note=note))
    return sorted(events, key=lambda event: event.at)
