"""Each clock is met by the action that does its work, on the seeds' timings (see docs/deadlines.md)."""

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from deadlines.models import Deadline, DeadlineNotice, DeadlineSettings, SlaPolicy, Step
from deadlines.services import deadlines_sweep
from intake.choices import Channel, Severity
from intake.models import ComplaintEvent, ContactAttempt, ManagementDecision
from intake.services.contact import contact_attempt_record
from intake.services.management import management_decision_record
from investigations import signals as investigation_signals
from investigations.models import ReviewStep
from resolutions import signals as resolution_signals
from resolutions.models import FollowUp
from tests.deadlines.factories import send_transition
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

#: Wednesday 25 November 2026, 09:00 in Shanghai: a working day.
RECEIVED = timezone.make_aware(datetime(2026, 11, 25, 9, 0))


def at(hours: float) -> datetime:
    return RECEIVED + timedelta(hours=hours)


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def clock(complaint, step) -> Deadline:
    return Deadline.objects.filter(complaint=complaint, step=step).latest("started_at", "pk")


def open_steps(complaint) -> set:
    return set(Deadline.objects.open().filter(complaint=complaint).values_list("step", flat=True))


def accepted(**fields):
    with time_machine.travel(RECEIVED, tick=False):
        complaint = ComplaintFactory(received_at=RECEIVED, **fields)
        complaint.accept()
        complaint.save()
    return complaint


@pytest.fixture
def complaint():
    with time_machine.travel(RECEIVED, tick=False):
        return ComplaintFactory(received_at=RECEIVED)


def _attempt(complaint, agent, outcome, hours):
    with time_machine.travel(at(hours), tick=False):
        return contact_attempt_record(
            complaint_id=complaint.pk, actor=agent, channel=ContactAttempt.Channel.PHONE, outcome=outcome
        )


# First contact, the customer manager's 48 hours, the response ----------------------------------


def test_a_call_that_reaches_the_complainant_meets_first_contact_and_response(complaint, agent):
    _attempt(complaint, agent, ContactAttempt.Outcome.REACHED, 3)

    for step in (Step.FIRST_CONTACT, Step.RESPONSE):
        assert clock(complaint, step).met_at == at(3)
    event = ComplaintEvent.objects.get(complaint=complaint, transition="contact_attempt")
    assert event.actor == agent


def test_an_unanswered_call_meets_nothing(complaint, agent):
    _attempt(complaint, agent, ContactAttempt.Outcome.NO_ANSWER, 3)

    assert {Step.FIRST_CONTACT, Step.RESPONSE} <= open_steps(complaint)


def test_not_reached_in_24_hours_hands_first_contact_to_the_customer_managers_48_hours(complaint, agent):
    _attempt(complaint, agent, ContactAttempt.Outcome.NO_ANSWER, 2)
    _attempt(complaint, agent, ContactAttempt.Outcome.WRONG_NUMBER, 20)
    with time_machine.travel(at(24.5), tick=False):
        deadlines_sweep()

    first = clock(complaint, Step.FIRST_CONTACT)
    assert first.stopped_at == first.due_at and first.breached_at is None
    assert not DeadlineNotice.objects.filter(deadline=first).exists()
    manager = clock(complaint, Step.CUSTOMER_MANAGER)
    assert (manager.started_at, manager.due_at) == (RECEIVED, at(48))
    _attempt(complaint, agent, ContactAttempt.Outcome.REACHED, 40)
    manager.refresh_from_db()
    assert manager.met_on_time


def test_nobody_tried_in_24_hours_first_contact_is_missed_and_the_48_hours_start(complaint, agent):
    with time_machine.travel(at(24.5), tick=False):
        deadlines_sweep()

    assert clock(complaint, Step.FIRST_CONTACT).breached_at == at(24.5)
    assert clock(complaint, Step.CUSTOMER_MANAGER).is_open


def test_a_written_message_to_the_complainant_is_a_response(complaint, agent):
    from intake.services.notes import note_add

    with time_machine.travel(at(5), tick=False):
        note_add(complaint_id=complaint.pk, actor=agent, text="您好，我们已受理。", public=True)

    assert clock(complaint, Step.RESPONSE).met_at == at(5)
    assert clock(complaint, Step.FIRST_CONTACT).is_open


def test_a_contact_attempt_needs_the_permission(complaint, manager):
    with pytest.raises(PermissionDenied):
        contact_attempt_record(complaint_id=complaint.pk, actor=manager, channel="phone", outcome="reached")


# Investigation report, solution, handling decision, completion ----------------------------------


def _report_submitted(complaint, hours):
    report = SimpleNamespace(submitted_at=at(hours))
    investigation_signals.investigation_report_submitted.send(sender=None, complaint=complaint, report=report)


def test_starting_mediation_no_longer_meets_the_report_its_submission_does():
    complaint = accepted()
    send_transition(complaint, "start_investigation")
    send_transition(complaint, "start_mediation")
    assert clock(complaint, Step.INVESTIGATION).is_open

    _report_submitted(complaint, 20)

    assert clock(complaint, Step.INVESTIGATION).met_at == at(20)


def test_a_mediation_proposal_meets_the_solution_and_the_handling_decision():
    complaint = accepted()
    with time_machine.travel(at(30), tick=False):
        resolution_signals.solution_proposed.send(sender=None, complaint=complaint, proposal=None)

    assert clock(complaint, Step.SOLUTION).met_at == at(30)
    assert clock(complaint, Step.DECISION).met_at == at(30)
    assert clock(complaint, Step.COMPLETION).is_open


def test_the_result_notice_completes_the_handling_and_starts_callback_and_survey():
    complaint = accepted()
    with time_machine.travel(at(50), tick=False):
        send_transition(complaint, "notify_result")

    assert clock(complaint, Step.COMPLETION).met_at == at(50)
    assert clock(complaint, Step.CALLBACK).due_at == at(74)  # seed 004: 24 hours
    # 3 working days from Friday 27 November, 11:00: 30 November, 1 and 2 December.
    assert clock(complaint, Step.FOLLOW_UP_SURVEY).due_at == local(2026, 12, 2, 11, 0)


def test_the_completion_clock_is_seven_working_days_from_receipt():
    complaint = accepted()
    # 26, 27, 30 November, 1, 2, 3, 4 December.
    assert clock(complaint, Step.COMPLETION).due_at == local(2026, 12, 4, 9, 0)


# Major complaints: report, opinion, decision ---------------------------------------------------


def test_management_records_an_opinion_then_the_meetings_resolution(management_user):
    complaint = accepted(severity=Severity.MAJOR)
    assert clock(complaint, Step.MAJOR_OPINION).due_at == local(2026, 11, 30, 9, 0)  # 3 working days
    assert clock(complaint, Step.MAJOR_DECISION).due_at == local(2026, 12, 4, 9, 0)  # 7 working days

    with time_machine.travel(at(26), tick=False):
        management_decision_record(
            complaint_id=complaint.pk,
            actor=management_user,
            kind=ManagementDecision.Kind.OPINION,
            decided_at=at(25),
            decision="先行赔付，三日内上门道歉。",
        )
    assert clock(complaint, Step.MAJOR_OPINION).met_at == at(25)
    assert clock(complaint, Step.MAJOR_DECISION).is_open

    with time_machine.travel(at(100), tick=False):
        management_decision_record(
            complaint_id=complaint.pk,
            actor=management_user,
            kind=ManagementDecision.Kind.RESOLUTION,
            decided_at=at(99),
            decision="会议决议：赔偿 2000 元，服务人员停岗。",
        )
    assert clock(complaint, Step.MAJOR_DECISION).met_at == at(99)


def test_only_the_management_role_records_a_decision(supervisor):
    complaint = accepted(severity=Severity.MAJOR)
    with pytest.raises(PermissionDenied):
        management_decision_record(
            complaint_id=complaint.pk, actor=supervisor, kind="opinion", decided_at=at(1), decision="x"
        )


def test_a_general_complaint_gets_no_decision_of_management(management_user):
    complaint = accepted()
    with time_machine.travel(at(2), tick=False), pytest.raises(ValidationError):
        management_decision_record(
            complaint_id=complaint.pk, actor=management_user, kind="opinion", decided_at=at(1), decision="x"
        )


# Callback and satisfaction survey ---------------------------------------------------------------


def _notified():
    complaint = accepted()
    with time_machine.travel(at(50), tick=False):
        send_transition(complaint, "notify_result")
    return complaint


def _answered(complaint, hours, channel):
    follow_up = SimpleNamespace(answered_at=at(hours), channel=channel, Channel=FollowUp.Channel)
    resolution_signals.survey_answered.send(sender=None, complaint=complaint, follow_up=follow_up)


def test_the_phone_confirmation_of_the_notice_meets_the_callback():
    complaint = _notified()
    resolution_signals.callback_made.send(sender=None, complaint=complaint, at=at(60))

    assert clock(complaint, Step.CALLBACK).met_at == at(60)
    assert clock(complaint, Step.FOLLOW_UP_SURVEY).is_open


def test_the_survey_answered_through_the_link_meets_the_survey_not_the_callback():
    complaint = _notified()
    _answered(complaint, 55, FollowUp.Channel.LINK)

    assert clock(complaint, Step.FOLLOW_UP_SURVEY).met_at == at(55)
    assert clock(complaint, Step.CALLBACK).is_open


def test_a_recorded_phone_callback_meets_the_survey_and_the_callback():
    complaint = _notified()
    _answered(complaint, 58, FollowUp.Channel.PHONE)

    assert clock(complaint, Step.FOLLOW_UP_SURVEY).met_at == at(58)
    assert clock(complaint, Step.CALLBACK).met_at == at(58)


def test_a_closed_complaint_whose_survey_is_answered_never_escalates():
    complaint = _notified()
    _answered(complaint, 55, FollowUp.Channel.LINK)
    with time_machine.travel(at(55), tick=False):
        send_transition(complaint, "start_follow_up")
        send_transition(complaint, "close")
    for days in (1, 5, 20, 60):
        with time_machine.travel(at(55) + timedelta(days=days), tick=False):
            deadlines_sweep()

    assert not Deadline.objects.filter(complaint=complaint, breached_at__gt=at(55)).exists()
    assert not DeadlineNotice.objects.filter(deadline__complaint=complaint, at__gt=at(55)).exists()
    assert open_steps(complaint) == set()


def test_reopening_stops_the_callback_and_survey_and_restarts_the_handling():
    complaint = _notified()
    with time_machine.travel(at(60), tick=False):
        send_transition(complaint, "reopen")

    assert {Step.CALLBACK, Step.FOLLOW_UP_SURVEY}.isdisjoint(open_steps(complaint))
    assert {Step.INVESTIGATION, Step.SOLUTION, Step.DECISION} <= open_steps(complaint)


# Channels ----------------------------------------------------------------------------------------


def test_an_email_in_working_hours_is_handed_over_within_half_an_hour():
    with time_machine.travel(RECEIVED, tick=False):
        complaint = ComplaintFactory(channel=Channel.EMAIL, received_at=local(2026, 11, 25, 14, 0))
    assert clock(complaint, Step.HANDOVER).due_at == local(2026, 11, 25, 14, 30)


def test_an_email_outside_working_hours_is_handed_over_an_hour_after_work_starts():
    with time_machine.travel(RECEIVED, tick=False):
        complaint = ComplaintFactory(channel=Channel.EMAIL, received_at=local(2026, 11, 27, 20, 0))  # Friday
    assert clock(complaint, Step.HANDOVER).due_at == local(2026, 11, 30, 10, 0)  # Monday


def test_accepting_an_email_hands_it_over(agent):
    with time_machine.travel(local(2026, 11, 25, 14, 0), tick=False):
        complaint = ComplaintFactory(channel=Channel.EMAIL, received_at=timezone.now())
    with time_machine.travel(local(2026, 11, 25, 14, 20), tick=False):
        complaint.accept()
        complaint.save()
    assert clock(complaint, Step.HANDOVER).met_on_time


@pytest.mark.parametrize(
    ("channel", "due"),
    [
        (Channel.HOTLINE, local(2026, 12, 2, 9, 0)),  # oral: 5 working days
        (Channel.WALK_IN, local(2026, 12, 2, 9, 0)),
        (Channel.LETTER, local(2026, 12, 9, 9, 0)),  # written: 10 working days
        (Channel.WEB_FORM, local(2026, 12, 9, 9, 0)),
        (Channel.TRANSFER, local(2026, 12, 9, 9, 0)),  # 信访: 10 working days
    ],
)
def test_the_handling_decision_follows_the_channel(channel, due):
    complaint = accepted(channel=channel)
    assert clock(complaint, Step.DECISION).due_at == due


def test_only_an_email_has_a_hand_over_clock():
    complaint = accepted(channel=Channel.WEB_FORM)
    assert not Deadline.objects.filter(complaint=complaint, step=Step.HANDOVER).exists()


# Review chain after a finding (seed 004) ---------------------------------------------------------


def _reviewed(complaint, step, hours):
    review = SimpleNamespace(step=step, recorded_at=at(hours))
    investigation_signals.finding_review_recorded.send(sender=None, complaint=complaint, review=review)


def test_the_review_chain_is_off_by_default():
    complaint = accepted()
    _report_submitted(complaint, 20)
    assert not Deadline.objects.filter(complaint=complaint, step=Step.MANAGEMENT_REVIEW).exists()


def test_the_review_chain_switched_on_runs_4_4_and_8_hours():
    DeadlineSettings.objects.update_or_create(pk=1, defaults={"review_chain": True})
    complaint = accepted()
    _report_submitted(complaint, 20)
    assert clock(complaint, Step.MANAGEMENT_REVIEW).due_at == at(24)

    _reviewed(complaint, ReviewStep.MANAGEMENT_REVIEW, 23)
    assert clock(complaint, Step.MANAGEMENT_REVIEW).met_at == at(23)
    assert clock(complaint, Step.GM_REPORT).due_at == at(27)

    _reviewed(complaint, ReviewStep.GM_REPORT, 26)
    assert clock(complaint, Step.ACCOUNTABILITY).due_at == at(34)

    _reviewed(complaint, ReviewStep.ACCOUNTABILITY, 30)
    assert clock(complaint, Step.ACCOUNTABILITY).met_on_time


# Policies ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", [0, -1])
def test_a_policy_of_zero_or_negative_length_is_refused(amount):
    policy = SlaPolicy(step=Step.CALLBACK, severity=Severity.MAJOR, amount=amount, clock="clock_hours")
    with pytest.raises(ValidationError):
        policy.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        SlaPolicy.objects.filter(step=Step.CALLBACK).update(amount=amount)


def test_every_default_policy_names_the_rule_it_comes_from():
    assert not SlaPolicy.objects.filter(active=True, rule="").exists()


def test_a_channel_policy_wins_over_the_one_for_any_channel():
    SlaPolicy.objects.create(step=Step.FIRST_CONTACT, channel=Channel.TRANSFER, amount=4, clock="clock_hours")
    with time_machine.travel(RECEIVED, tick=False):
        transferred = ComplaintFactory(channel=Channel.TRANSFER, received_at=RECEIVED)
        called = ComplaintFactory(channel=Channel.HOTLINE, received_at=RECEIVED)
    assert clock(transferred, Step.FIRST_CONTACT).due_at == at(4)
    assert clock(called, Step.FIRST_CONTACT).due_at == at(24)


def test_a_complaint_an_agent_registers_has_its_work_order_registered(agent):
    with time_machine.travel(at(2), tick=False):
        complaint = ComplaintFactory(received_at=RECEIVED, received_by=agent)
    register = clock(complaint, Step.REGISTER)
    assert register.met_at == at(2) and not register.met_on_time  # typed in an hour late


def test_the_hand_over_goes_through_every_due_first_contact_batch_by_batch(agent):
    from deadlines.services import first_contacts_hand_over

    with time_machine.travel(RECEIVED, tick=False):
        complaints = [ComplaintFactory(received_at=RECEIVED) for _ in range(3)]
    _attempt(complaints[0], agent, ContactAttempt.Outcome.NO_ANSWER, 1)

    assert first_contacts_hand_over(now=at(25), batch_size=1) == 3
    assert first_contacts_hand_over(now=at(25), batch_size=1) == 0
    assert Deadline.objects.filter(step=Step.CUSTOMER_MANAGER).count() == 3
    assert clock(complaints[0], Step.FIRST_CONTACT).stopped_at == at(24)
    assert clock(complaints[1], Step.FIRST_CONTACT).is_open
