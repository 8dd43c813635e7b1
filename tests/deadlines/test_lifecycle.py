"""The complaint's steps start and meet deadlines; policies and pauses set their due times."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from deadlines.models import Deadline, SlaPolicy, Step
from deadlines.services import deadline_pause, deadlines_start
from intake.choices import Severity
from tests.deadlines.factories import send_transition
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def at(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def open_steps(complaint) -> dict:
    return {d.step: d for d in Deadline.objects.open().filter(complaint=complaint)}


@time_machine.travel(at(2026, 11, 25, 15, 0), tick=False)
def test_registration_starts_the_clocks_at_receipt_not_at_typing_time():
    complaint = ComplaintFactory(received_at=at(2026, 11, 25, 9, 0))
    deadlines = open_steps(complaint)
    assert set(deadlines) == {Step.REGISTER, Step.ASSIGN, Step.FIRST_CONTACT, Step.RESPONSE, Step.RESOLVE}  # a call
    assert deadlines[Step.REGISTER].due_at == at(2026, 11, 25, 10, 0)
    assert deadlines[Step.ASSIGN].due_at == at(2026, 11, 25, 11, 0)
    assert deadlines[Step.RESPONSE].due_at == at(2026, 11, 26, 9, 0)  # general: 24 h
    assert deadlines[Step.RESOLVE].due_at == at(2026, 12, 25, 9, 0)


@pytest.mark.parametrize(("severity", "hours"), [(Severity.IMPORTANT, 6), (Severity.MAJOR, 12), (Severity.GENERAL, 24)])
def test_response_deadline_follows_severity(severity, hours):
    complaint = ComplaintFactory(severity=severity)
    response = open_steps(complaint)[Step.RESPONSE]
    assert response.due_at - response.started_at == timedelta(hours=hours)


@time_machine.travel(at(2026, 2, 13, 10, 0), tick=False)
def test_accepting_a_general_complaint_meets_registration_and_starts_a_working_day_solution():
    complaint = ComplaintFactory(received_at=at(2026, 2, 13, 9, 30))
    complaint.accept()
    complaint.save()
    deadlines = open_steps(complaint)
    assert Step.REGISTER not in deadlines and Step.ASSIGN not in deadlines
    met = Deadline.objects.get(complaint=complaint, step=Step.REGISTER)
    assert met.met_on_time
    # 3 working days from Friday 13 Feb over the Spring Festival: 14 Feb (make-up), 24, 25 Feb.
    assert deadlines[Step.SOLUTION].due_at == at(2026, 2, 25, 10, 0)
    assert deadlines[Step.INVESTIGATION].due_at == at(2026, 2, 14, 9, 30)  # 24 h from receipt
    assert Step.MAJOR_DECISION not in deadlines


@time_machine.travel(at(2026, 9, 30, 11, 0), tick=False)
def test_accepting_a_major_complaint_starts_report_and_decision_over_national_day():
    complaint = ComplaintFactory(severity=Severity.MAJOR)
    complaint.accept()
    complaint.save()
    deadlines = open_steps(complaint)
    assert deadlines[Step.MAJOR_REPORT].due_at == at(2026, 10, 8, 11, 0)
    # 8, 9, 10 (make-up Saturday), 12, 13, 14, 15 October.
    assert deadlines[Step.MAJOR_DECISION].due_at == at(2026, 10, 15, 11, 0)
    assert Step.SOLUTION not in deadlines


def test_transitions_alone_meet_only_the_steps_that_are_their_own_work():
    """Starting mediation or settling is not the report or the solution: those are met by their records."""
    complaint = ComplaintFactory()
    complaint.accept()
    complaint.save()
    send_transition(complaint, "start_mediation")
    assert Step.INVESTIGATION in open_steps(complaint)
    send_transition(complaint, "settle")
    assert Step.RESOLVE not in open_steps(complaint) and Step.SOLUTION in open_steps(complaint)
    send_transition(complaint, "notify_result")
    assert {Step.CALLBACK, Step.FOLLOW_UP_SURVEY} <= set(open_steps(complaint))
    assert Deadline.objects.get(complaint=complaint, step=Step.COMPLETION).met_at is not None
    send_transition(complaint, "start_follow_up")
    send_transition(complaint, "close")
    assert not open_steps(complaint)


def test_terminal_states_stop_every_open_deadline_without_counting_it_met():
    complaint = ComplaintFactory()
    complaint.withdraw()
    complaint.save()
    assert not open_steps(complaint)
    assert not Deadline.objects.filter(complaint=complaint, met_at__isnull=False).exists()


def test_a_policy_change_applies_only_to_deadlines_started_after_it():
    first = ComplaintFactory()
    before = open_steps(first)[Step.REGISTER]
    policy = SlaPolicy.objects.get(step=Step.REGISTER, active=True)
    policy.amount = 3
    policy.save()
    second = ComplaintFactory()
    after = open_steps(second)[Step.REGISTER]
    before.refresh_from_db()
    assert before.due_at - before.started_at == timedelta(hours=1)
    assert after.due_at - after.started_at == timedelta(hours=3)
    assert (before.policy_version, after.policy_version) == (1, 2)


def test_a_business_hours_policy_counts_only_working_hours():
    SlaPolicy.objects.filter(step=Step.FIRST_CONTACT).update(clock="business_hours", amount=1)
    with time_machine.travel(at(2026, 11, 24, 22, 0), tick=False):
        complaint = ComplaintFactory(channel="email", received_at=timezone.now())
    assert open_steps(complaint)[Step.FIRST_CONTACT].due_at == at(2026, 11, 25, 10, 0)


def test_registration_starts_its_clocks_in_a_constant_number_of_queries():
    complaint = ComplaintFactory.build()
    with CaptureQueriesContext(connection) as captured:
        complaint.save()
    ours = [q["sql"] for q in captured.captured_queries if "deadlines_" in q["sql"]]
    # running steps, policies, one insert of all deadlines, one of their history, the nearest due time
    assert len(ours) == 5
    assert Deadline.objects.filter(complaint=complaint).count() == 5


def test_an_already_running_step_is_not_started_twice():
    complaint = ComplaintFactory()
    assert deadlines_start(complaint=complaint, steps=[Step.REGISTER, Step.ASSIGN]) == []


def test_a_step_without_an_active_policy_is_not_tracked():
    SlaPolicy.objects.filter(step=Step.CALLBACK).update(active=False)
    complaint = ComplaintFactory()
    assert deadlines_start(complaint=complaint, steps=[Step.CALLBACK]) == []


def test_a_pause_moves_the_due_time_by_the_approved_amount_and_is_recorded(supervisor):
    complaint = ComplaintFactory()
    complaint.accept()
    complaint.save()
    investigation = open_steps(complaint)[Step.INVESTIGATION]
    due = investigation.due_at
    deadline_pause(
        complaint=complaint, step=Step.INVESTIGATION, amount=timedelta(hours=24), reason="waiting", by=supervisor
    )
    investigation.refresh_from_db()
    assert investigation.due_at == due + timedelta(hours=24)
    assert investigation.paused_total == timedelta(hours=24)
    pause = investigation.pauses.get()
    assert (pause.due_before, pause.due_after, pause.by) == (due, investigation.due_at, supervisor)


def test_an_approved_investigation_extension_moves_the_investigation_deadline():
    from investigations.signals import investigation_extension_approved

    complaint = ComplaintFactory()
    complaint.accept()
    complaint.save()
    due = open_steps(complaint)[Step.INVESTIGATION].due_at
    investigation_extension_approved.send(sender=None, complaint=complaint, hours=12)
    assert open_steps(complaint)[Step.INVESTIGATION].due_at == due + timedelta(hours=12)
