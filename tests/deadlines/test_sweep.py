"""The sweep: red at 80 %, missed, one escalation level per interval, the one-month upgrade."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from core.models import OutboxMessage
from deadlines.models import Deadline, DeadlineNotice, Step
from deadlines.services import deadlines_sweep
from intake.choices import Severity
from intake.models import Complaint, ComplaintEvent
from tests.deadlines.factories import send_transition
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db

RECEIVED = timezone.make_aware(datetime(2026, 11, 25, 9, 0))


def register_deadline(**complaint_fields) -> Deadline:
    complaint = ComplaintFactory(received_at=RECEIVED, **complaint_fields)
    return Deadline.objects.get(complaint=complaint, step=Step.REGISTER)


def sweep_at(minutes: float):
    with time_machine.travel(RECEIVED + timedelta(minutes=minutes), tick=False):
        return deadlines_sweep()


@pytest.fixture
def staff(agent, supervisor, management_user, settings):
    for user, email in ((agent, "agent@example.com"), (supervisor, "sup@example.com"), (management_user, "gm@x.cn")):
        user.email = email
        user.save()
    settings.DEADLINE_DEPARTMENT_HEADS = []
    settings.DEADLINE_GENERAL_MANAGERS = []
    return {"agent": agent, "supervisor": supervisor, "gm": management_user}


def test_a_deadline_turns_red_at_80_percent_of_its_time_and_only_once():
    deadline = register_deadline()
    assert sweep_at(47)["red"] == 0
    assert sweep_at(48)["red"] == 1
    assert sweep_at(49)["red"] == 0
    deadline.refresh_from_db()
    assert deadline.warned_at == RECEIVED + timedelta(minutes=48)
    assert deadline.breached_at is None and deadline.next_check_at == deadline.due_at


def test_each_escalation_level_is_reached_one_interval_after_the_other(staff):
    complaint = ComplaintFactory(received_at=RECEIVED, assigned_to=staff["agent"])
    deadline = Deadline.objects.get(complaint=complaint, step=Step.REGISTER)
    expected = [
        (60, "agent@example.com", 0),
        (120, "sup@example.com", 1),
        (180, "gm@x.cn", 2),
        (240, "gm@x.cn", 3),
    ]
    for minutes, recipient, level in expected:
        sweep_at(minutes - 1)
        deadline.refresh_from_db()
        assert deadline.escalation_level == max(level - 1, 0)
        sweep_at(minutes)
        deadline.refresh_from_db()
        assert deadline.escalation_level == level
        assert OutboxMessage.objects.filter(recipient=recipient, purpose=f"deadline_escalation_{level}").count() == 1
    assert deadline.breached_at == RECEIVED + timedelta(minutes=60)
    assert deadline.next_check_at is None
    sweep_at(600)
    deadline.refresh_from_db()
    assert deadline.escalation_level == 3
    assert DeadlineNotice.objects.filter(deadline=deadline).count() == 4


def test_a_met_deadline_is_never_flagged():
    deadline = register_deadline()
    deadline.complaint.accept()
    deadline.complaint.save()
    sweep_at(500)
    deadline.refresh_from_db()
    assert (deadline.warned_at, deadline.breached_at, deadline.next_check_at) == (None, None, None)


def test_deadline_without_a_responsible_agent_escalates_to_supervisors(staff):
    deadline = register_deadline()
    sweep_at(60)
    assert DeadlineNotice.objects.get(deadline=deadline).recipient == staff["supervisor"]


@pytest.mark.parametrize("fields", [{"urgent": True}, {"severity": Severity.MAJOR}])
def test_urgent_and_major_complaints_tell_management_at_once(staff, fields):
    deadline = register_deadline(assigned_to=staff["agent"], **fields)
    sweep_at(60)
    alert = DeadlineNotice.objects.get(deadline=deadline, kind=DeadlineNotice.Kind.MANAGEMENT_ALERT)
    assert alert.recipient == staff["gm"]
    assert OutboxMessage.objects.filter(recipient="gm@x.cn").count() == 1


def test_configured_usernames_replace_the_management_group(staff, settings):
    head = UserFactory(username="head", email="head@example.com")
    settings.DEADLINE_DEPARTMENT_HEADS = ["head"]
    deadline = register_deadline(assigned_to=staff["agent"])
    for minutes in (60, 120, 180):
        sweep_at(minutes)
    assert DeadlineNotice.objects.get(deadline=deadline, level=2).recipient == head


def test_unresolved_after_one_month_is_upgraded_to_major_with_the_reason_in_history():
    complaint = ComplaintFactory(received_at=RECEIVED)
    with time_machine.travel(RECEIVED + timedelta(days=29), tick=False):
        assert deadlines_sweep()["upgraded"] == 0
    with time_machine.travel(RECEIVED + timedelta(days=30, minutes=1), tick=False):
        assert deadlines_sweep()["upgraded"] == 1
    complaint.refresh_from_db()
    assert complaint.severity == Severity.MAJOR
    latest = complaint.history.first()
    assert latest.severity == Severity.MAJOR
    assert latest.history_change_reason
    assert ComplaintEvent.objects.filter(complaint=complaint, kind=ComplaintEvent.Kind.NOTE).count() == 1
    assert Deadline.objects.open().filter(complaint=complaint, step=Step.MAJOR_REPORT).exists()


def test_a_complaint_resolved_within_the_month_is_not_upgraded():
    complaint = ComplaintFactory(received_at=RECEIVED)
    complaint.accept()
    complaint.save()
    send_transition(complaint, "settle")
    with time_machine.travel(RECEIVED + timedelta(days=40), tick=False):
        assert deadlines_sweep()["upgraded"] == 0


def test_the_sweep_handles_more_due_rows_than_one_batch():
    for _ in range(5):
        register_deadline()
    with time_machine.travel(RECEIVED + timedelta(minutes=50), tick=False):
        assert deadlines_sweep(batch_size=2)["red"] == 5


def test_management_command_runs_the_sweep(capsys):
    register_deadline()
    with time_machine.travel(RECEIVED + timedelta(minutes=50), tick=False):
        call_command("sweep_deadlines")
    assert "red: 1" in capsys.readouterr().out


def test_the_sweep_runs_the_same_queries_however_many_deadlines_are_due(staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def sweep_of(count: int, received) -> int:
        Deadline.objects.update(next_check_at=None)  # only the new complaints are due
        for _ in range(count):
            complaint = ComplaintFactory(received_at=received)
            Complaint.objects.filter(pk=complaint.pk).update(assigned_to=staff["agent"])  # set after registration
        with time_machine.travel(received + timedelta(minutes=61), tick=False):
            with CaptureQueriesContext(connection) as captured:
                assert deadlines_sweep()["missed"] == count
        return len(captured.captured_queries)

    assert sweep_of(2, RECEIVED) == sweep_of(9, RECEIVED + timedelta(minutes=70))


def test_a_notice_that_already_exists_is_skipped_counted_and_logged_without_blocking_the_batch(staff, caplog):
    """A second sweep (or a repair) wrote the row first: the batch still moves on, nobody is told twice."""
    first = register_deadline(assigned_to=staff["agent"])
    second = register_deadline(assigned_to=staff["agent"])
    DeadlineNotice.objects.create(
        deadline=first, kind=DeadlineNotice.Kind.ESCALATION, level=0, recipient=staff["agent"], at=RECEIVED
    )
    with caplog.at_level("WARNING", logger="deadlines.services"):
        done = sweep_at(60)
    assert done["missed"] == 2
    assert done["notices_already_sent"] == 1
    assert any("already existed" in record.message for record in caplog.records)
    first.refresh_from_db()
    assert first.breached_at is not None and first.next_check_at == first.next_escalation_at
    assert DeadlineNotice.objects.filter(deadline__in=[first, second]).count() == 2
    # The digest lists only the complaint whose notice was new.
    (message,) = OutboxMessage.objects.filter(purpose="deadline_escalation_0")
    assert message.body.startswith(second.complaint.tracking_number)
    assert first.complaint.tracking_number not in message.body
    # The next sweep finds nothing stuck.
    assert sweep_at(61)["missed"] == 0


def test_a_sweep_without_conflicts_reports_none():
    register_deadline()
    assert "notices_already_sent" not in sweep_at(60)
