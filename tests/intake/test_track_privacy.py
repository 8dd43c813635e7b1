"""What /track/ shows the complainant: only public state changes and messages, the promised reply,
the received date and the reason for not accepting — never an internal note or an internal step."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from intake.choices import NotAcceptedReason
from intake.models import ComplaintEvent, State
from intake.tracking import FIRST_REPLY_WITHIN, PublicEvent, complaint_public_status
from resolutions.services.guards import trace
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

PHONE = "13812345678"
RECEIVED = timezone.make_aware(datetime(2026, 3, 2, 9, 0))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _complaint(**fields):
    return ComplaintFactory(phone=PHONE, received_at=RECEIVED, **fields)


def _status(complaint):
    return complaint_public_status(tracking_number=complaint.tracking_number, phone=PHONE)


def _event(complaint, *, minutes, kind=ComplaintEvent.Kind.TRANSITION, transition="", to_state="", **fields):
    with time_machine.travel(RECEIVED + timedelta(minutes=minutes), tick=False):
        return ComplaintEvent.objects.create(
            complaint=complaint, kind=kind, transition=transition, to_state=to_state, **fields
        )


def _labels(status):
    return [event.label for event in status.events]


def test_a_private_state_change_never_reaches_the_complainant():
    complaint = _complaint()
    _event(complaint, minutes=10, transition="accept", to_state=State.ACCEPTED, public=False)

    assert _labels(_status(complaint)) == ["Received"]


def test_a_private_message_never_reaches_the_complainant():
    complaint = _complaint()
    _event(complaint, minutes=10, kind=ComplaintEvent.Kind.MESSAGE, note="Draft reply, not sent", public=False)

    assert _labels(_status(complaint)) == ["Received"]


@pytest.mark.parametrize("kind", [ComplaintEvent.Kind.NOTE, ComplaintEvent.Kind.ACTION])
def test_notes_and_internal_actions_stay_off_the_page_even_when_marked_public(kind):
    complaint = _complaint()
    _event(complaint, minutes=10, kind=kind, transition="register", note="Worker has two earlier warnings", public=True)

    status = _status(complaint)

    assert _labels(status) == ["Received"]
    assert all("warnings" not in event.note for event in status.events)


def test_a_public_trace_of_a_payment_is_not_a_tracking_event(agent):
    complaint = _complaint(state=State.MEDIATING)
    trace(complaint, actor=agent, note="Compensation 300 yuan paid to 6222 **** 1234", public=True)

    assert _labels(_status(complaint)) == ["Received"]


def test_a_message_from_us_is_shown_with_its_text():
    complaint = _complaint()
    _event(complaint, minutes=30, kind=ComplaintEvent.Kind.MESSAGE, note="We visited the site today.", public=True)

    status = _status(complaint)

    assert status.events[1] == PublicEvent(
        at=RECEIVED + timedelta(minutes=30), label="Message from us", note="We visited the site today."
    )


def test_state_change_notes_are_for_colleagues_only():
    complaint = _complaint(state=State.ACCEPTED)
    _event(complaint, minutes=10, transition="accept", to_state=State.ACCEPTED, note="angry customer", public=True)

    assert _status(complaint).events[1] == PublicEvent(at=RECEIVED + timedelta(minutes=10), label="Accepted")


@pytest.mark.parametrize(
    ("transition", "to_state", "label"),
    [
        ("accept", State.ACCEPTED, "Accepted"),
        ("decline", State.NOT_ACCEPTED, "Not accepted"),
        ("start_investigation", State.INVESTIGATING, "Under investigation"),
        ("settle", State.RESOLVED, "Settled by mediation"),
        ("rule", State.RESOLVED, "Decided by the ruling panel"),
        ("notify_result", State.NOTIFIED, "Result sent to you"),
        ("close", State.CLOSED, "Closed"),
        ("reopen", State.REOPENED, "Reopened"),
        ("withdraw", State.WITHDRAWN, "Withdrawn"),
        ("refer", State.REFERRED, "Taken to an external route"),
        # A step without a label of its own is named by the state it led to.
        ("start_mediation", State.MEDIATING, "In mediation"),
        ("archive", State.ARCHIVED, "Archived"),
    ],
)
def test_each_state_change_has_the_complainants_label(transition, to_state, label):
    complaint = _complaint()
    _event(complaint, minutes=10, transition=transition, to_state=to_state, public=True)

    assert _labels(_status(complaint)) == ["Received", label]


def test_the_decline_reason_and_its_note_sit_on_the_decline_event():
    complaint = _complaint(
        state=State.NOT_ACCEPTED,
        not_accepted_reason=NotAcceptedReason.BEFORE_COURT,
        not_accepted_note="The case is before the district court.",
    )
    _event(complaint, minutes=5, kind=ComplaintEvent.Kind.MESSAGE, note="We have your complaint.", public=True)
    _event(complaint, minutes=20, transition="decline", to_state=State.NOT_ACCEPTED, note="internal", public=True)

    events = _status(complaint).events

    assert events[1].note == "We have your complaint."
    assert events[2] == PublicEvent(
        at=RECEIVED + timedelta(minutes=20),
        label="Not accepted",
        note="Already before a court or arbitration — The case is before the district court.",
    )


def test_a_decline_without_a_note_shows_the_reason_alone():
    complaint = _complaint(state=State.NOT_ACCEPTED, not_accepted_reason=NotAcceptedReason.OUT_OF_SCOPE)
    _event(complaint, minutes=20, transition="decline", to_state=State.NOT_ACCEPTED, public=True)

    assert _status(complaint).events[1].note == "Outside our services"


def test_the_decline_reason_is_not_shown_on_other_events():
    complaint = _complaint(state=State.ACCEPTED, not_accepted_reason=NotAcceptedReason.OUT_OF_SCOPE)
    _event(complaint, minutes=20, transition="accept", to_state=State.ACCEPTED, public=True)

    assert _status(complaint).events[1].note == ""


def test_the_timeline_starts_with_receipt_and_runs_in_time_order():
    complaint = _complaint(state=State.INVESTIGATING)
    later = _event(complaint, minutes=90, transition="start_investigation", to_state=State.INVESTIGATING, public=True)
    _event(complaint, minutes=30, transition="accept", to_state=State.ACCEPTED, public=True)

    status = _status(complaint)

    assert status.events[0] == PublicEvent(at=RECEIVED, label="Received")
    assert _labels(status) == ["Received", "Accepted", "Under investigation"]
    assert status.events[-1].at == later.at


def test_received_date_is_the_receipt_time_not_the_typing_time():
    with time_machine.travel(RECEIVED + timedelta(days=2), tick=False):
        complaint = _complaint()

    assert _status(complaint).received_at == RECEIVED


def test_until_an_agent_promises_a_date_the_reply_is_due_a_day_after_receipt():
    complaint = _complaint()

    assert _status(complaint).reply_promised_by == RECEIVED + FIRST_REPLY_WITHIN == RECEIVED + timedelta(hours=24)


def test_an_accepted_complaint_shows_the_agents_promised_date():
    promised = RECEIVED + timedelta(days=3, hours=2)
    complaint = _complaint(state=State.ACCEPTED, promised_reply_at=promised)

    assert _status(complaint).reply_promised_by == promised


@pytest.mark.parametrize("state", [State.INVESTIGATING, State.NOT_ACCEPTED, State.CLOSED])
def test_no_reply_promise_once_the_complaint_is_past_acceptance(state):
    complaint = _complaint(state=state, promised_reply_at=RECEIVED + timedelta(days=3))

    assert _status(complaint).reply_promised_by is None


def test_state_and_next_step_are_in_the_complainants_words():
    complaint = _complaint(state=State.RULING)

    status = _status(complaint)

    assert (status.tracking_number, status.state, status.state_label) == (
        complaint.tracking_number,
        State.RULING,
        "Awaiting ruling",
    )
    assert status.next_step == "A ruling panel is deciding your complaint. We will send you its decision."


@pytest.mark.parametrize(("number", "phone"), [("", PHONE), ("right", ""), ("right", "13900000000"), ("", "")])
def test_a_missing_or_wrong_half_of_the_pair_finds_nothing(number, phone):
    complaint = _complaint()
    ComplaintFactory(phone=PHONE, tracking_number="")  # a damaged record must not answer an empty number

    number = complaint.tracking_number if number == "right" else number

    assert complaint_public_status(tracking_number=number, phone=phone) is None
