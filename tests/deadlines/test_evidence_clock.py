"""An evidence request runs as a clock: started with the request, met on arrival, red, missed, stopped."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from deadlines.models import Clock, Deadline, DeadlineNotice, SlaPolicy, Step
from deadlines.reclassification import deadlines_recompute
from deadlines.selectors import complaints_annotate_late, complaints_filter_deadlines
from deadlines.services import deadlines_stop, deadlines_sweep
from intake.choices import Severity
from intake.models import Complaint
from investigations import services
from investigations.models import EvidenceRequest
from tests.investigations.factories import investigating_complaint

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=TZ)
#: The end of 2026-11-05, local time: when a request due that day is missed.
END_OF_DUE_DAY = datetime(2026, 11, 6, 0, 0, tzinfo=TZ)


def _ask(complaint, actor, *, name="周阿姨", due_on=date(2026, 11, 5)) -> EvidenceRequest:
    return services.evidence_request_create(
        complaint_id=complaint.pk,
        actor=actor,
        addressee=EvidenceRequest.Addressee.WORKER,
        addressee_name=name,
        asked_for="当天的打卡记录",
        due_on=due_on,
        phone="",
    )


@pytest.fixture
def asked(agent, investigator):
    with time_machine.travel(NOW, tick=False):
        complaint = investigating_complaint(agent=agent, lead=investigator)
        return _ask(complaint, investigator)


def _clock(request: EvidenceRequest) -> Deadline:
    return Deadline.objects.get(evidence_request=request)


def test_asking_starts_a_clock_due_at_the_end_of_the_due_date(asked, investigator):
    clock = _clock(asked)
    assert clock.step == Step.EVIDENCE
    assert clock.started_at == NOW
    assert clock.due_at == END_OF_DUE_DAY
    assert clock.responsible == investigator
    assert clock.history.first().history_user == investigator


def test_receiving_the_evidence_meets_the_clock_by_the_person_who_recorded_it(asked, supervisor, investigator):
    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        services.evidence_request_receive(request_id=asked.pk, actor=investigator)
    clock = _clock(asked)
    assert clock.met_at == NOW + timedelta(days=2) and clock.met_on_time
    assert clock.history.first().history_user == investigator


def test_evidence_not_received_turns_red_then_missed_and_tells_the_requester(asked, investigator):
    clock = _clock(asked)
    with time_machine.travel(clock.red_at, tick=False):
        assert deadlines_sweep()["red"] >= 1
    with time_machine.travel(END_OF_DUE_DAY - timedelta(minutes=1), tick=False):
        deadlines_sweep()
    clock.refresh_from_db()
    assert clock.warned_at is not None and clock.breached_at is None
    with time_machine.travel(END_OF_DUE_DAY, tick=False):
        deadlines_sweep()
    clock.refresh_from_db()
    assert clock.breached_at == END_OF_DUE_DAY
    assert DeadlineNotice.objects.filter(deadline=clock, recipient=investigator).exists()


def test_two_requests_on_one_complaint_each_run_their_own_clock(asked, investigator):
    complaint = asked.investigation.complaint
    with time_machine.travel(NOW, tick=False):
        other = _ask(complaint, investigator, name="保洁一组", due_on=date(2026, 11, 20))
        services.evidence_request_receive(request_id=asked.pk, actor=investigator)
    assert _clock(asked).met_at is not None
    assert _clock(other).is_open and _clock(other).due_at == datetime(2026, 11, 21, tzinfo=TZ)


def test_a_missed_request_puts_the_complaint_in_the_overdue_worklist(asked, investigator):
    complaint = asked.investigation.complaint
    with time_machine.travel(NOW, tick=False):
        deadlines_stop(complaint=complaint, keep=(Step.EVIDENCE,))  # only the evidence clock is left

    def overdue() -> bool:
        found = complaints_filter_deadlines(Complaint.objects.all(), which="overdue", user=investigator)
        return found.filter(pk=complaint.pk).exists()

    with time_machine.travel(END_OF_DUE_DAY - timedelta(minutes=1), tick=False):
        assert not overdue()
    with time_machine.travel(END_OF_DUE_DAY, tick=False):
        assert overdue()


def test_late_evidence_is_not_the_desks_lateness(asked, investigator):
    complaint = asked.investigation.complaint
    with time_machine.travel(NOW, tick=False):
        deadlines_stop(complaint=complaint, keep=(Step.EVIDENCE,))
    with time_machine.travel(END_OF_DUE_DAY + timedelta(days=1), tick=False):
        services.evidence_request_receive(request_id=asked.pk, actor=investigator)
        assert _clock(asked).met_on_time is False
        assert complaints_annotate_late(Complaint.objects.filter(pk=complaint.pk)).get().late is False


def test_withdrawing_the_complaint_stops_the_clock(asked):
    complaint = Complaint.objects.get(pk=asked.investigation.complaint_id)
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        complaint.withdraw()
        complaint.save()
    clock = _clock(asked)
    assert clock.stopped_at == NOW + timedelta(days=1) and clock.met_at is None


def test_no_clock_when_the_policy_is_switched_off(agent, investigator):
    SlaPolicy.objects.filter(step=Step.EVIDENCE).update(active=False)
    with time_machine.travel(NOW, tick=False):
        complaint = investigating_complaint(agent=agent, lead=investigator)
        request = _ask(complaint, investigator)
    assert not Deadline.objects.filter(evidence_request=request).exists()


def test_workbench_lists_the_clock_with_the_addressee(client, asked, investigator):
    client.force_login(investigator)
    with time_machine.travel(NOW, tick=False):
        html = client.get(f"/desk/complaints/{asked.investigation.complaint_id}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Evidence asked of the worker or the company: 周阿姨" in html.content.decode()


def test_reclassification_keeps_the_due_date_the_worker_was_given(asked):
    SlaPolicy.objects.create(step=Step.EVIDENCE, severity=Severity.MAJOR, amount=1, clock=Clock.CLOCK_HOURS)
    complaint = Complaint.objects.get(pk=asked.investigation.complaint_id)
    complaint.severity = Severity.MAJOR
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        deadlines_recompute(complaint=complaint, changes={"severity": (Severity.GENERAL, Severity.MAJOR)})
    clock = _clock(asked)
    assert clock.due_at == END_OF_DUE_DAY and clock.breached_at is None
