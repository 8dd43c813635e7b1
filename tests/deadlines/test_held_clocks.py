"""Clocks held by a record (an evidence request, a transfer) and the stop of a complaint's clocks:
what the desk relies on besides the due time — red before due, escalation, the history's reason,
the handler, and that one complaint's stop never touches another's clocks."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import translation

from deadlines import history
from deadlines.history import history_reason
from deadlines.models import Deadline, DeadlinePause, SlaPolicy, Step
from deadlines.services import deadlines_stop, transfer_clock_start
from intake.choices import Severity
from intake.services.transfers import transfer_pause_record
from tests.deadlines.test_evidence_clock import NOW, _ask, _clock
from tests.factories import ComplaintFactory
from tests.intake.transfer_data import day_at, transferred
from tests.investigations.factories import investigating_complaint

pytestmark = pytest.mark.django_db


def test_stopping_one_complaints_clocks_leaves_every_other_complaints_running():
    stopped, other = ComplaintFactory(), ComplaintFactory()
    running = Deadline.objects.open().filter(complaint=other).count()
    assert running > 0
    deadlines_stop(complaint=stopped)
    assert not Deadline.objects.open().filter(complaint=stopped).exists()
    assert Deadline.objects.open().filter(complaint=other).count() == running


def test_an_evidence_clock_turns_red_before_its_due_time_and_escalates_by_its_policy(agent, investigator):
    policy = SlaPolicy.objects.get(step=Step.EVIDENCE, severity="", channel="")
    policy.escalation_interval = timedelta(hours=5)
    policy.save()
    with time_machine.travel(NOW, tick=False):
        request = _ask(investigating_complaint(agent=agent, lead=investigator), investigator)
    clock = _clock(request)
    assert clock.started_at < clock.red_at < clock.due_at
    assert clock.red_at == clock.started_at + (clock.due_at - clock.started_at) * (policy.red_at_percent / 100)
    assert clock.escalation_interval == timedelta(hours=5)
    assert clock.clock == policy.clock
    assert clock.history.last().history_change_reason == history_reason(history.STARTED)


def test_a_major_complaints_evidence_clock_follows_the_policy_for_major_complaints(agent, investigator):
    general = SlaPolicy.objects.get(step=Step.EVIDENCE, severity="", channel="")
    major = SlaPolicy.objects.create(
        step=Step.EVIDENCE,
        severity=Severity.MAJOR,
        amount=general.amount,
        clock=general.clock,
        red_at_percent=50,
        escalation_interval=timedelta(hours=2),
    )
    with time_machine.travel(NOW, tick=False):
        complaint = investigating_complaint(agent=agent, lead=investigator)
        complaint.severity = Severity.MAJOR
        complaint.save()
        clock = _clock(_ask(complaint, investigator))
    assert clock.policy == major
    assert clock.escalation_interval == timedelta(hours=2)


def test_received_evidence_is_recorded_as_the_step_done(asked, investigator):
    from investigations import services

    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        services.evidence_request_receive(request_id=asked.pk, actor=investigator)
    clock = _clock(asked)
    assert clock.next_check_at is None
    assert clock.history.first().history_change_reason == history_reason(history.MET)


@pytest.fixture
def asked(agent, investigator):
    with time_machine.travel(NOW, tick=False):
        return _ask(investigating_complaint(agent=agent, lead=investigator), investigator)


def test_the_transferring_bodys_clock_belongs_to_the_complaints_handler(agent):
    complaint = transferred(agent, received_on=date(2026, 4, 15), accepted_on=date(2026, 4, 16))
    complaint.assigned_to = agent
    complaint.save()
    Deadline.objects.filter(transfer=complaint.transfer).update(stopped_at=NOW)
    clock = transfer_clock_start(transfer=complaint.transfer, by=agent)
    assert clock.responsible == agent
    assert clock.history.get().history_user == agent


def test_no_clock_for_the_transferring_body_when_its_policy_is_switched_off(agent):
    SlaPolicy.objects.filter(step=Step.TRANSFER_BODY).update(active=False)
    complaint = transferred(agent, received_on=date(2026, 4, 15), accepted_on=date(2026, 4, 16))
    assert not Deadline.objects.filter(transfer=complaint.transfer).exists()


def test_a_testing_pause_is_recorded_with_its_reason(agent):
    complaint = transferred(agent, received_on=date(2026, 4, 15), accepted_on=date(2026, 4, 16))
    with time_machine.travel(day_at(date(2026, 5, 20)), tick=False), translation.override("zh-hans"):
        _testing_pause(complaint, agent)
    pause = DeadlinePause.objects.get(deadline__transfer=complaint.transfer)
    assert pause.reason == "检验检测鉴定期间"
    assert pause.by == agent


def test_a_testing_pause_without_a_clock_for_the_body_is_recorded_without_moving_anything(agent):
    SlaPolicy.objects.filter(step=Step.TRANSFER_BODY).update(active=False)
    complaint = transferred(agent, received_on=date(2026, 4, 15), accepted_on=date(2026, 4, 16))
    with time_machine.travel(day_at(date(2026, 5, 20)), tick=False):
        _testing_pause(complaint, agent)
    assert not DeadlinePause.objects.exists()
    assert complaint.transfer.pauses.count() == 1


def _testing_pause(complaint, actor) -> None:
    """Nine days of testing in May, recorded on 20 May (``day_at`` travel by the caller)."""
    transfer_pause_record(
        complaint_id=complaint.pk,
        actor=actor,
        kind="testing",
        started_on=date(2026, 5, 1),
        ended_on=date(2026, 5, 10),
    )
