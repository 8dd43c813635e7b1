"""Every change of a deadline keeps who made it (nobody: the sweep), when and why (seed 001)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from deadlines import history
from deadlines.history import history_reason
from deadlines.models import Deadline, Step
from deadlines.services import deadline_pause, deadlines_sweep
from intake.choices import Category, Severity
from intake.models import ContactAttempt
from intake.services.contact import contact_attempt_record
from intake.services.decision import complaint_accept
from tests.deadlines.factories import send_transition
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

#: Wednesday 25 November 2026, 09:00 in Shanghai: a working day.
RECEIVED = timezone.make_aware(datetime(2026, 11, 25, 9, 0))


def at(hours: float) -> datetime:
    return RECEIVED + timedelta(hours=hours)


def sweep_at(hours: float):
    with time_machine.travel(at(hours), tick=False):
        return deadlines_sweep()


def rows(deadline: Deadline) -> list:
    return list(deadline.history.order_by("history_date", "history_id"))


@pytest.fixture
def complaint():
    with time_machine.travel(RECEIVED, tick=False):
        return ComplaintFactory(received_at=RECEIVED)


def test_a_clock_starts_with_a_history_row(complaint):
    first = Deadline.objects.get(complaint=complaint, step=Step.FIRST_CONTACT).history.get()

    assert (first.history_type, first.history_change_reason) == ("+", history_reason(history.STARTED))
    assert first.due_at == at(24)


def test_a_sweep_that_misses_a_deadline_leaves_a_history_row_without_a_person(complaint):
    sweep_at(20)
    sweep_at(24.5)

    deadline = Deadline.objects.get(complaint=complaint, step=Step.RESPONSE)
    started, red, missed = rows(deadline)
    assert (red.warned_at, red.breached_at, red.history_change_reason) == (at(20), None, history_reason(history.RED))
    assert (missed.breached_at, missed.history_date) == (at(24.5), at(24.5))
    assert missed.history_change_reason == history_reason(history.MISSED)
    assert missed.history_user is None


def test_each_escalation_level_has_its_history_row(complaint):
    for hours in (24.5, 25.5, 26.5):
        sweep_at(hours)

    deadline = Deadline.objects.get(complaint=complaint, step=Step.RESPONSE)
    escalations = [h for h in rows(deadline) if h.escalation_level > 0]
    assert [h.escalation_level for h in escalations] == [1, 2]
    assert escalations[0].history_change_reason == history_reason(history.escalated(1))


def test_an_agents_call_that_reaches_the_complainant_meets_the_clock_with_the_agent_in_history(
    client, agent, complaint
):
    client.force_login(agent)
    when = timezone.localtime(at(3))
    with time_machine.travel(at(3.1), tick=False):
        response = client.post(
            reverse("contact-attempt", args=[complaint.pk]),
            {"channel": "phone", "outcome": "reached", "attempted_at": when.strftime("%Y-%m-%dT%H:%M"), "note": ""},
        )

    assert response.status_code == 302
    met = Deadline.objects.get(complaint=complaint, step=Step.FIRST_CONTACT).history.latest()
    assert (met.met_at, met.history_date, met.history_user) == (at(3), at(3.1), agent)
    assert met.history_change_reason == history_reason(history.MET)


def test_a_withdrawal_stops_the_clocks_with_a_history_row(complaint):
    send_transition(complaint, "withdraw")

    latest = Deadline.objects.get(complaint=complaint, step=Step.RESPONSE).history.latest()
    assert latest.stopped_at is not None
    assert latest.history_change_reason == history_reason(history.STOPPED)


def test_a_pause_keeps_the_person_and_the_reason(complaint, supervisor):
    deadline_pause(
        complaint=complaint, step=Step.RESPONSE, amount=timedelta(hours=4), reason="等待投诉人补充材料", by=supervisor
    )

    latest = Deadline.objects.get(complaint=complaint, step=Step.RESPONSE).history.latest()
    assert (latest.due_at, latest.history_user, latest.history_change_reason) == (
        at(28),
        supervisor,
        "等待投诉人补充材料",
    )


def test_a_first_contact_handed_over_and_the_customer_managers_clock_have_history(complaint, agent):
    with time_machine.travel(at(2), tick=False):
        contact_attempt_record(
            complaint_id=complaint.pk, actor=agent, channel=ContactAttempt.Channel.PHONE, outcome="no_answer"
        )
    sweep_at(24.5)

    first = Deadline.objects.get(complaint=complaint, step=Step.FIRST_CONTACT).history.latest()
    assert first.stopped_at == at(24)
    assert first.history_change_reason == history_reason(history.HANDED_OVER)
    manager = Deadline.objects.get(complaint=complaint, step=Step.CUSTOMER_MANAGER).history.get()
    assert (manager.history_type, manager.due_at) == ("+", at(48))


def test_a_reclassification_moving_a_due_time_is_in_history(complaint, agent):

    with time_machine.travel(at(1), tick=False):
        complaint_accept(
            complaint_id=complaint.pk,
            actor=agent,
            seen_version=complaint.version,
            category=Category.SERVICE_QUALITY,
            severity=Severity.MAJOR,
            urgent=False,
            assigned_to=agent,
            promised_reply_at=at(48),
        )

    latest = Deadline.objects.get(complaint=complaint, step=Step.RESPONSE).history.latest()
    assert (latest.due_at, latest.history_user) == (at(12), agent)
    assert latest.history_change_reason == history_reason(history.RECLASSIFIED)


def test_a_supervisor_reads_a_deadlines_history_in_admin(client, supervisor, complaint):
    sweep_at(24.5)
    deadline = Deadline.objects.get(complaint=complaint, step=Step.RESPONSE)
    client.force_login(supervisor)

    page = client.get(reverse("admin:deadlines_deadline_history", args=[deadline.pk]))

    assert page.status_code == 200
    assert history_reason(history.MISSED) in page.content.decode()
