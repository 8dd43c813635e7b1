"""The worker and their team's supervisor hear of a finding, a penalty with its dates and the
appeal window, and the appeal's decision — never the complaint's tracking number."""

from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from core.models import OutboxMessage, StaffProfile
from penalties.models import Appeal, PenaltyKind
from penalties.services.appeals import appeal_decide, appeal_submit
from penalties.services.penalties import penalty_approve, penalty_propose
from tests.factories import ComplaintFactory
from tests.penalties.factories import ServiceOrderFactory, TeamFactory, WorkerFactory
from tests.penalties.test_accountability import _report

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(supervisor):
    StaffProfile.objects.create(user=supervisor, mobile_phone="13700000001")
    return WorkerFactory(phone="13900000009", name="周阿姨", team=TeamFactory(name="保洁一组", supervisor=supervisor))


def _sms(purpose):
    return {m.recipient: m.body for m in OutboxMessage.objects.filter(purpose=purpose, channel="sms")}


def test_finding_is_sent_to_the_worker_and_the_team_supervisor(investigator, worker):
    ServiceOrderFactory(order_number="JZ-N-1", worker=worker)
    complaint = ComplaintFactory(order_number="JZ-N-1", category="service_quality", phone="13812345678")
    _report(complaint, investigator, "worker")
    sent = _sms("worker_finding")
    assert set(sent) == {"13900000009", "13700000001"}
    assert "周阿姨" in sent["13700000001"]
    for body in sent.values():
        assert complaint.tracking_number not in body
        assert "13812345678" not in body
        assert "申诉" in body


@time_machine.travel(datetime(2026, 11, 2, 10, 0, tzinfo=timezone.get_default_timezone()), tick=False)
def test_approved_suspension_carries_dates_points_and_the_appeal_deadline(agent, supervisor, worker, settings):
    settings.PENALTY_APPEAL_DAYS = 15
    penalty = penalty_propose(
        worker=worker, kind=PenaltyKind.SUSPENSION, suspension_days=7, points=4, reason="x", actor=agent
    )
    penalty_approve(penalty=penalty, actor=supervisor)
    body = _sms("penalty_approved")["13900000009"]
    assert "2026-11-02" in body and "2026-11-09" in body  # the suspension's dates
    assert "4" in body
    assert "2026-11-17" in body and "15" in body  # appeal by, and the window


def test_fine_is_named_with_its_amount(agent, supervisor, worker):
    penalty = penalty_propose(
        worker=worker, kind=PenaltyKind.FINE, fine_amount=Decimal("200.00"), reason="x", actor=agent
    )
    penalty_approve(penalty=penalty, actor=supervisor)
    assert "¥200.00" in _sms("penalty_approved")["13900000009"]


def test_appeal_decision_is_sent_once(agent, supervisor, other_supervisor, worker):
    penalty = penalty_approve(
        penalty=penalty_propose(worker=worker, kind=PenaltyKind.WARNING, reason="x", actor=agent), actor=supervisor
    )
    appeal = appeal_submit(penalty=penalty, grounds="客户改了时间", actor=agent)
    appeal_decide(appeal=appeal, outcome=Appeal.Outcome.REVOKED, actor=other_supervisor, note="证据不足")
    assert OutboxMessage.objects.filter(purpose="appeal_decided", recipient="13900000009").count() == 1
    assert "撤销" in _sms("appeal_decided")["13900000009"]


def test_worker_without_a_phone_and_supervisor_without_a_mobile_gets_mail(agent, supervisor):
    supervisor.email = "lead@example.com"
    supervisor.save()
    worker = WorkerFactory(phone="", team=TeamFactory(name="保洁二组", supervisor=supervisor))
    penalty_approve(
        penalty=penalty_propose(worker=worker, kind=PenaltyKind.WARNING, reason="x", actor=agent), actor=supervisor
    )
    messages = OutboxMessage.objects.filter(purpose="penalty_approved")
    assert [(m.channel, m.recipient) for m in messages] == [("email", "lead@example.com")]
