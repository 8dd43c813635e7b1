"""What the complainant may see of a complaint: state, dates, public events and the next step.

Looked up by tracking number AND the phone used, never by order number: the worker complained
about knows the customer's phone and order number, but not the random tracking number. Nothing
here carries personal data or internal notes.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from .models import Complaint, ComplaintEvent, State

#: The reply promised on the receipt until an agent accepts the complaint with a date of its own.
FIRST_REPLY_WITHIN = timedelta(hours=24)

_EVENT_LABELS = {
    "accept": _("Accepted"),
    "decline": _("Not accepted"),
    "start_investigation": _("Under investigation"),
    "settle": _("Settled by mediation"),
    "rule": _("Decided by the ruling panel"),
    "notify_result": _("Result sent to you"),
    "close": _("Closed"),
    "reopen": _("Reopened"),
    "withdraw": _("Withdrawn"),
    "refer": _("Taken to an external route"),
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
class PublicStatus:
    tracking_number: str
    state: str
    state_label: str
    received_at: datetime
    reply_promised_by: datetime | None
    next_step: str
    events: list[PublicEvent]


def reply_promised_by(complaint: Complaint) -> datetime:
    return complaint.promised_reply_at or complaint.received_at + FIRST_REPLY_WITHIN


def complaint_public_status(*, tracking_number: str, phone: str) -> PublicStatus | None:
    """The complaint's public status, or None whatever was wrong (number, phone or both)."""
    if not tracking_number or not phone:
        return None
    complaint = Complaint.objects.filter(tracking_number=tracking_number, phone=phone).first()
    if complaint is None:
        return None
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
    )


def _public_events(complaint: Complaint) -> list[PublicEvent]:
    events = [PublicEvent(at=complaint.received_at, label=str(_("Received")))]
    for event in complaint.events.filter(
        public=True, kind__in=[ComplaintEvent.Kind.TRANSITION, ComplaintEvent.Kind.MESSAGE]
    ):
        if event.kind == ComplaintEvent.Kind.MESSAGE:
            events.append(PublicEvent(at=event.at, label=str(_("Message from us")), note=event.note))
            continue
        # Transition notes are written for colleagues; only the reason for not accepting is the complainant's.
        note = ""
        if event.transition == "decline" and complaint.not_accepted_reason:
            note = str(complaint.get_not_accepted_reason_display())
            if complaint.not_accepted_note:
                note = f"{note} — {complaint.not_accepted_note}"
        label = _EVENT_LABELS.get(event.transition) or State(event.to_state).label
        events.append(PublicEvent(at=event.at, label=str(label), note=note))
    return sorted(events, key=lambda event: event.at)
