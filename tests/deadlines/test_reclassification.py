"""A person changes the classification: the open clocks follow, and the timeline says what moved."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from deadlines.models import Deadline, SlaPolicy, Step
from intake.choices import Category, Channel, Severity
from intake.models import ComplaintEvent
from intake.services.classification import complaint_reclassify
from intake.services.decision import complaint_accept
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

RECEIVED = timezone.make_aware(datetime(2026, 11, 25, 9, 0))


def at(hours: float) -> datetime:
    return RECEIVED + timedelta(hours=hours)


def clock(complaint, step) -> Deadline:
    return Deadline.objects.filter(complaint=complaint, step=step).latest("started_at", "pk")


def _accept(complaint, agent, *, severity, urgent=False):
    complaint.refresh_from_db()
    return complaint_accept(
        complaint_id=complaint.pk,
        actor=agent,
        seen_version=complaint.version,
        category=Category.SERVICE_QUALITY,
        severity=severity,
        urgent=urgent,
        assigned_to=agent,
        promised_reply_at=at(48),
    )


@pytest.fixture
def proposed_general():
    with time_machine.travel(RECEIVED, tick=False):
        return ComplaintFactory(received_at=RECEIVED, severity=Severity.GENERAL)


def test_accepted_as_major_moves_the_response_from_24_to_12_hours(proposed_general, agent):
    assert clock(proposed_general, Step.RESPONSE).due_at == at(24)
    with time_machine.travel(at(1), tick=False):
        _accept(proposed_general, agent, severity=Severity.MAJOR)

    response = clock(proposed_general, Step.RESPONSE)
    assert (response.due_at, response.started_at) == (at(12), RECEIVED)
    assert response.policy == SlaPolicy.objects.get(step=Step.RESPONSE, severity=Severity.MAJOR, active=True)
    event = ComplaintEvent.objects.get(complaint=proposed_general, transition="deadlines_recompute")
    assert event.actor == agent and "2026-11-25 21:00" in event.note


def test_accepted_with_the_proposed_severity_moves_nothing(proposed_general, agent):
    with time_machine.travel(at(1), tick=False):
        _accept(proposed_general, agent, severity=Severity.GENERAL)
    assert not ComplaintEvent.objects.filter(transition="deadlines_recompute").exists()


def test_a_response_already_missed_is_no_longer_missed_when_the_new_limit_is_later(agent):
    with time_machine.travel(RECEIVED, tick=False):
        complaint = ComplaintFactory(received_at=RECEIVED, severity=Severity.IMPORTANT)
    from deadlines.services import deadlines_sweep

    with time_machine.travel(at(7), tick=False):
        deadlines_sweep()
        assert clock(complaint, Step.RESPONSE).breached_at is not None
        _accept(complaint, agent, severity=Severity.GENERAL)
    response = clock(complaint, Step.RESPONSE)
    assert response.due_at == at(24) and response.breached_at is None and response.next_check_at is not None


def test_reclassified_from_general_to_major_on_the_workbench(agent):
    with time_machine.travel(RECEIVED, tick=False):
        complaint = ComplaintFactory(received_at=RECEIVED)
        complaint.accept()
        complaint.save()
    assert clock(complaint, Step.SOLUTION).is_open
    with time_machine.travel(at(5), tick=False):
        complaint_reclassify(
            complaint_id=complaint.pk,
            actor=agent,
            seen_version=complaint.version,
            severity=Severity.MAJOR,
            urgent=False,
            channel=complaint.channel,
            reason="涉及人身伤害，升级为重大投诉。",
        )

    assert clock(complaint, Step.SOLUTION).stopped_at == at(5)
    assert clock(complaint, Step.MAJOR_REPORT).started_at == at(5)
    assert clock(complaint, Step.MAJOR_DECISION).is_open
    complaint.refresh_from_db()
    assert complaint.history.first().history_change_reason == "涉及人身伤害，升级为重大投诉。"
    notes = list(ComplaintEvent.objects.filter(complaint=complaint).values_list("transition", flat=True))
    assert "reclassify" in notes and "deadlines_recompute" in notes


def test_a_corrected_channel_moves_the_handling_decision(agent):
    with time_machine.travel(RECEIVED, tick=False):
        complaint = ComplaintFactory(received_at=RECEIVED, channel=Channel.HOTLINE)
        complaint.accept()
        complaint.save()
    with time_machine.travel(at(2), tick=False):
        complaint_reclassify(
            complaint_id=complaint.pk,
            actor=agent,
            seen_version=complaint.version,
            severity=complaint.severity,
            urgent=False,
            channel=Channel.LETTER,
            reason="实为来信。",
        )
    # 10 working days from Wednesday 25 November instead of 5.
    assert clock(complaint, Step.DECISION).due_at == timezone.make_aware(datetime(2026, 12, 9, 9, 0))


def test_marking_urgent_starts_the_emergency_procedure(agent):
    with time_machine.travel(RECEIVED, tick=False):
        complaint = ComplaintFactory(received_at=RECEIVED)
        complaint.accept()
        complaint.save()
        complaint_reclassify(
            complaint_id=complaint.pk,
            actor=agent,
            seen_version=complaint.version,
            severity=complaint.severity,
            urgent=True,
            channel=complaint.channel,
            reason="老人摔倒。",
        )
    assert clock(complaint, Step.EMERGENCY_ACKNOWLEDGE).due_at == at(1)


def test_reclassifying_without_a_change_or_a_reason_is_refused(agent):
    with time_machine.travel(RECEIVED, tick=False):
        complaint = ComplaintFactory(received_at=RECEIVED)
        complaint.accept()
        complaint.save()
    common = {"complaint_id": complaint.pk, "actor": agent, "seen_version": complaint.version, "urgent": False}
    with pytest.raises(ValidationError):
        complaint_reclassify(**common, severity=complaint.severity, channel=complaint.channel, reason="x")
    with pytest.raises(ValidationError):
        complaint_reclassify(**common, severity=Severity.MAJOR, channel=complaint.channel, reason=" ")
