"""The clocks of the emergency procedure and of the report of a major complaint to management."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core import roles
from deadlines.models import Deadline, DeadlineNotice, EscalationLevel, SlaPolicy, Step
from deadlines.services import deadlines_sweep
from intake.choices import Severity
from intake.models import Complaint, ComplaintEvent, ManagementReport
from intake.services.emergency import (
    emergency_acknowledge,
    emergency_follow_up,
    emergency_open,
    management_report_record,
)
from tests.deadlines.factories import send_transition
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db

RECEIVED = timezone.make_aware(datetime(2026, 11, 25, 9, 0))


def at(minutes: float) -> datetime:
    return RECEIVED + timedelta(minutes=minutes)


def clock(complaint, step) -> Deadline:
    return Deadline.objects.filter(complaint=complaint, step=step).latest("started_at")


@pytest.fixture
def emergency_complaint():
    with time_machine.travel(RECEIVED, tick=False):
        complaint = ComplaintFactory(received_at=RECEIVED, urgent=True, severity=Severity.MAJOR)
        emergency_open(complaint=complaint)
    return complaint


def test_default_policies_come_with_the_procedure():
    assert SlaPolicy.objects.get(step=Step.EMERGENCY_ACKNOWLEDGE, active=True).amount == 1
    assert SlaPolicy.objects.get(step=Step.EMERGENCY_FOLLOW_UP, active=True).amount == 24


def test_opening_starts_a_one_hour_acknowledgement_clock(emergency_complaint):
    deadline = clock(emergency_complaint, Step.EMERGENCY_ACKNOWLEDGE)

    assert deadline.due_at == at(60)


def test_acknowledging_meets_the_clock_and_starts_the_24_hour_follow_up(emergency_complaint, supervisor):
    with time_machine.travel(at(40), tick=False):
        emergency_acknowledge(complaint_id=emergency_complaint.pk, actor=supervisor)

    acknowledgement = clock(emergency_complaint, Step.EMERGENCY_ACKNOWLEDGE)
    assert acknowledgement.met_at == at(40) and acknowledgement.met_on_time
    follow_up = clock(emergency_complaint, Step.EMERGENCY_FOLLOW_UP)
    assert follow_up.started_at == at(40) and follow_up.due_at == at(40 + 24 * 60)
    assert Complaint.objects.get(pk=emergency_complaint.pk).emergency.follow_up_due_at == follow_up.due_at


def test_the_follow_up_meets_its_clock(emergency_complaint, supervisor, agent):
    with time_machine.travel(at(40), tick=False):
        emergency_acknowledge(complaint_id=emergency_complaint.pk, actor=supervisor)
    with time_machine.travel(at(20 * 60), tick=False):
        emergency_follow_up(complaint_id=emergency_complaint.pk, actor=agent, note="老人已出院回家")

    assert clock(emergency_complaint, Step.EMERGENCY_FOLLOW_UP).met_on_time


def test_a_missed_follow_up_turns_missed_in_the_sweep(emergency_complaint, supervisor):
    with time_machine.travel(at(40), tick=False):
        emergency_acknowledge(complaint_id=emergency_complaint.pk, actor=supervisor)
    with time_machine.travel(at(40 + 24 * 60 + 1), tick=False):
        done = deadlines_sweep()

    assert done["missed"] >= 1
    assert clock(emergency_complaint, Step.EMERGENCY_FOLLOW_UP).breached_at is not None


def test_a_missed_acknowledgement_escalates_up_the_ladder(emergency_complaint, supervisor, management_user, settings):
    settings.DEADLINE_DEPARTMENT_HEADS = []
    settings.DEADLINE_GENERAL_MANAGERS = []

    for minutes in (59, 61, 91, 121, 151):
        with time_machine.travel(at(minutes), tick=False):
            deadlines_sweep()

    deadline = clock(emergency_complaint, Step.EMERGENCY_ACKNOWLEDGE)
    assert deadline.breached_at == at(61)
    assert deadline.escalation_level == EscalationLevel.GENERAL_MANAGER
    notices = DeadlineNotice.objects.filter(deadline=deadline)
    # Unassigned: the supervisors answer for it; urgent: management is told at once.
    assert notices.filter(kind=DeadlineNotice.Kind.ESCALATION, level=0, recipient=supervisor).exists()
    assert notices.filter(kind=DeadlineNotice.Kind.MANAGEMENT_ALERT, recipient=management_user).exists()
    assert notices.filter(level=EscalationLevel.GENERAL_MANAGER, recipient=management_user).exists()


def test_an_acknowledgement_within_the_hour_escalates_nothing(emergency_complaint, supervisor):
    with time_machine.travel(at(30), tick=False):
        emergency_acknowledge(complaint_id=emergency_complaint.pk, actor=supervisor)
    with time_machine.travel(at(120), tick=False):
        deadlines_sweep()

    assert not DeadlineNotice.objects.filter(deadline__step=Step.EMERGENCY_ACKNOWLEDGE).exists()


def test_declining_the_complaint_keeps_the_emergency_clock_and_archiving_stops_it(emergency_complaint):
    send_transition(emergency_complaint, "decline")
    assert clock(emergency_complaint, Step.EMERGENCY_ACKNOWLEDGE).is_open
    assert not clock(emergency_complaint, Step.REGISTER).is_open

    send_transition(emergency_complaint, "archive")
    assert not clock(emergency_complaint, Step.EMERGENCY_ACKNOWLEDGE).is_open


# The report of a major complaint to management ---------------------------------------------------


@pytest.fixture
def major_complaint():
    with time_machine.travel(RECEIVED, tick=False):
        complaint = ComplaintFactory(received_at=RECEIVED, severity=Severity.MAJOR)
        complaint.accept()
        complaint.save()
    return Complaint.objects.get(pk=complaint.pk)


def _report(complaint, actor, **overrides):
    arguments = {
        "complaint_id": complaint.pk,
        "actor": actor,
        "reported_to": "王总（总经理）",
        "reported_at": at(120),
        "summary": "护工致老人摔伤，已送医，家属要求赔偿。",
        "seen_reports": 0,
    }
    return management_report_record(**{**arguments, **overrides})


def test_the_recorded_report_meets_the_major_report_clock_when_it_was_made(major_complaint, agent):
    with time_machine.travel(at(180), tick=False):
        report = _report(major_complaint, agent)

    deadline = clock(major_complaint, Step.MAJOR_REPORT)
    assert deadline.met_at == at(120) and deadline.met_on_time
    assert (report.reported_by, report.reported_to) == (agent, "王总（总经理）")
    event = ComplaintEvent.objects.get(complaint=major_complaint, transition="management_report")
    assert event.actor == agent and not event.public


def test_settling_meets_neither_the_major_report_nor_the_decision(major_complaint):
    send_transition(major_complaint, "settle")

    assert clock(major_complaint, Step.MAJOR_REPORT).is_open
    assert clock(major_complaint, Step.MAJOR_DECISION).is_open


def test_a_double_click_gets_a_message_not_a_second_report(major_complaint, supervisor):
    with time_machine.travel(at(180), tick=False):
        _report(major_complaint, supervisor)
        with pytest.raises(ValidationError):
            _report(major_complaint, supervisor)

    assert ManagementReport.objects.filter(complaint=major_complaint).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"reported_at": at(-10)}, "reported_at"), ({"reported_at": at(60 * 24)}, "reported_at")],
)
def test_a_report_time_before_the_complaint_or_in_the_future_is_refused(major_complaint, agent, overrides, field):
    with time_machine.travel(at(180), tick=False), pytest.raises(ValidationError) as refused:
        _report(major_complaint, agent, **overrides)

    assert field in refused.value.message_dict


def test_only_a_major_accepted_complaint_is_reported(agent):
    general = ComplaintFactory(received_at=RECEIVED, severity=Severity.IMPORTANT)
    general.accept()
    general.save()
    submitted = ComplaintFactory(received_at=RECEIVED, severity=Severity.MAJOR)

    with time_machine.travel(at(180), tick=False):
        for complaint in (general, submitted):
            with pytest.raises(ValidationError):
                _report(complaint, agent)


@pytest.mark.parametrize("role", [roles.INVESTIGATOR, roles.RULING_PANEL, roles.MANAGEMENT, roles.MANAGER])
def test_roles_other_than_agents_and_supervisors_cannot_record_the_report(major_complaint, role, client):
    user = UserFactory(username=f"u-{role}")
    user.groups.add(Group.objects.get(name=role))

    with time_machine.travel(at(180), tick=False), pytest.raises(PermissionDenied):
        _report(major_complaint, user)
    client.force_login(user)
    # A panel member not sitting on this complaint's panel does not even see it (404).
    refused = {403, 404} if role == roles.RULING_PANEL else {403}
    assert client.post(reverse("management-report", args=[major_complaint.pk])).status_code in refused


def test_the_report_is_recorded_from_the_workbench(major_complaint, agent, client):
    client.force_login(agent)
    workbench = client.get(reverse("complaint-workbench", args=[major_complaint.pk])).content.decode()
    assert reverse("management-report", args=[major_complaint.pk]) in workbench

    response = client.post(
        reverse("management-report", args=[major_complaint.pk]),
        {
            "reported_to": "王总",
            "reported_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "summary": "已电话汇报。",
            "seen_reports": "0",
        },
    )

    assert response.status_code == 302
    assert not clock(major_complaint, Step.MAJOR_REPORT).is_open
