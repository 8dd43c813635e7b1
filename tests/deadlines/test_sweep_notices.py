"""What the sweep tells whom: one digest per person and level, in Chinese, with every overdue step;
and what it counts."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.translation import gettext, override

from core.models import OutboxMessage
from deadlines.models import Deadline, DeadlineNotice, EscalationLevel, SlaPolicy, Step
from deadlines.services import complaint_upgrade_to_major, deadlines_sweep
from intake.choices import Severity
from intake.models import ComplaintEvent
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

RECEIVED = timezone.make_aware(datetime(2026, 11, 25, 9, 0))


def sweep_at(minutes: float):
    with time_machine.travel(RECEIVED + timedelta(minutes=minutes), tick=False):
        return deadlines_sweep()


@pytest.fixture
def reachable(agent, supervisor, management_user, settings):
    for user, email in ((agent, "agent@example.com"), (supervisor, "sup@example.com"), (management_user, "gm@x.cn")):
        user.email = email
        user.save()
    settings.DEADLINE_DEPARTMENT_HEADS = []
    settings.DEADLINE_GENERAL_MANAGERS = []
    return agent


def _register(agent, **fields) -> Deadline:
    """A complaint whose only clock the sweep looks at is registration (1 hour, red at 48 minutes)."""
    complaint = ComplaintFactory(received_at=RECEIVED, assigned_to=agent, **fields)
    Deadline.objects.filter(complaint=complaint).exclude(step=Step.REGISTER).update(next_check_at=None)
    return Deadline.objects.get(complaint=complaint, step=Step.REGISTER)


def test_a_missed_deadline_is_one_chinese_digest_line_naming_the_complaint_step_and_due_time(reachable):
    deadline = _register(reachable)
    assert sweep_at(48) == {"red": 1}

    assert sweep_at(60) == {"missed": 1}

    message = OutboxMessage.objects.get(recipient="agent@example.com")
    with override("zh-hans"):
        subject = gettext("%(count)d overdue deadline(s), escalation level: %(level)s") % {
            "count": 1,
            "level": EscalationLevel.RESPONSIBLE.label,
        }
        line = gettext("%(number)s — %(step)s — was due %(due)s") % {
            "number": deadline.complaint.tracking_number,
            "step": str(Step.REGISTER.label),
            "due": "2026-11-25 10:00",
        }
    assert (message.channel, message.subject, message.body) == ("email", subject, line)
    assert (message.complaint, message.purpose) == (deadline.complaint, "deadline_escalation_0")


def test_several_missed_deadlines_make_one_digest_per_person_without_a_single_complaint(reachable):
    first, second = _register(reachable), _register(reachable)

    sweep_at(60)

    message = OutboxMessage.objects.get(recipient="agent@example.com")
    assert message.complaint is None
    assert message.subject.startswith("2")
    lines = message.body.split("\n")
    assert len(lines) == 2
    assert {line.split(" — ")[0] for line in lines} == {
        first.complaint.tracking_number,
        second.complaint.tracking_number,
    }


def test_a_person_without_an_email_is_listed_but_not_mailed(reachable):
    reachable.email = ""
    reachable.save()
    deadline = _register(reachable)

    sweep_at(60)

    assert DeadlineNotice.objects.get(deadline=deadline).recipient == reachable
    assert not OutboxMessage.objects.filter(purpose__startswith="deadline_").exists()


def test_management_is_alerted_at_the_top_level_about_a_missed_urgent_complaint(reachable, management_user):
    deadline = _register(reachable, urgent=True)

    sweep_at(60)

    alert = DeadlineNotice.objects.get(deadline=deadline, kind=DeadlineNotice.Kind.MANAGEMENT_ALERT)
    assert (alert.recipient, alert.level, alert.at) == (management_user, 3, RECEIVED + timedelta(minutes=60))
    assert OutboxMessage.objects.get(recipient="gm@x.cn").purpose == "deadline_management_alert_3"


def test_a_general_complaint_that_is_not_urgent_does_not_alert_management(reachable):
    deadline = _register(reachable, urgent=False, severity=Severity.IMPORTANT)

    sweep_at(60)

    assert not DeadlineNotice.objects.filter(deadline=deadline, kind=DeadlineNotice.Kind.MANAGEMENT_ALERT).exists()


def test_a_policy_without_an_escalation_interval_stops_at_the_responsible_agent(reachable):
    SlaPolicy.objects.filter(step=Step.REGISTER).update(escalation_interval=None)
    deadline = _register(reachable)

    sweep_at(60)
    deadline.refresh_from_db()
    assert (deadline.escalation_level, deadline.next_escalation_at, deadline.next_check_at) == (0, None, None)
    assert sweep_at(600) == {}


def test_an_escalation_is_counted_and_planned_one_interval_later(reachable):
    deadline = _register(reachable)
    sweep_at(60)

    assert sweep_at(120) == {"escalated": 1}

    deadline.refresh_from_db()
    assert deadline.escalation_level == EscalationLevel.SUPERVISOR
    assert deadline.next_escalation_at == RECEIVED + timedelta(minutes=180)
    assert DeadlineNotice.objects.get(deadline=deadline, level=1).at == RECEIVED + timedelta(minutes=120)


def test_a_deadline_red_only_when_due_is_not_counted_red(reachable):
    SlaPolicy.objects.filter(step=Step.REGISTER).update(red_at_percent=100)
    deadline = _register(reachable)

    assert sweep_at(60) == {"missed": 1}

    deadline.refresh_from_db()
    assert deadline.warned_at is None


def test_a_sweep_long_after_the_due_time_marks_red_and_missed_at_once(reachable):
    deadline = _register(reachable)

    assert sweep_at(90) == {"red": 1, "missed": 1}

    deadline.refresh_from_db()
    assert deadline.warned_at == deadline.breached_at == RECEIVED + timedelta(minutes=90)


def test_a_major_complaint_is_not_upgraded_again():
    complaint = ComplaintFactory(received_at=RECEIVED, severity=Severity.MAJOR)

    assert complaint_upgrade_to_major(complaint_id=complaint.pk) is False
    assert not ComplaintEvent.objects.filter(complaint=complaint, kind=ComplaintEvent.Kind.NOTE).exists()


def test_an_upgrade_says_why_in_the_timeline_and_returns_true():
    complaint = ComplaintFactory(received_at=RECEIVED, severity=Severity.GENERAL)

    assert complaint_upgrade_to_major(complaint_id=complaint.pk) is True

    note = ComplaintEvent.objects.get(complaint=complaint, kind=ComplaintEvent.Kind.NOTE).note
    with override("zh-hans"):
        assert note == gettext("Upgraded to major automatically: still unresolved one month after receipt.")
    assert complaint.history.first().history_change_reason == note


def test_every_complaint_unresolved_after_a_month_is_counted_as_upgraded():
    for _ in range(2):
        ComplaintFactory(received_at=RECEIVED, severity=Severity.GENERAL)

    with time_machine.travel(RECEIVED + timedelta(days=30, minutes=1), tick=False):
        assert deadlines_sweep()["upgraded"] == 2
