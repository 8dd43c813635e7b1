"""Each penalty kind: what it needs and what it does once a supervisor approves it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from penalties.models import BlacklistEntry, Penalty, PenaltyKind, Worker
from penalties.selectors import points_balance
from penalties.services.penalties import penalty_approve, penalty_propose, penalty_reject
from tests.penalties.factories import WorkerFactory

pytestmark = pytest.mark.django_db


def _approved(supervisor, **fields):
    worker = fields.pop("worker", None) or WorkerFactory()
    penalty = penalty_propose(worker=worker, reason="投诉属实", actor=supervisor, **fields)
    return penalty_approve(penalty=penalty, actor=supervisor)


@pytest.mark.parametrize("kind", [PenaltyKind.CRITICISM, PenaltyKind.WARNING, PenaltyKind.RETRAINING])
def test_light_kinds_take_effect_without_changing_the_worker_status(supervisor, kind):
    penalty = _approved(supervisor, kind=kind)
    assert penalty.status == Penalty.Status.IN_EFFECT
    assert penalty.worker.status == Worker.Status.ACTIVE


def test_points_deduction_lowers_the_balance_of_the_year(supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.POINTS, points=3)
    assert points_balance(worker=penalty.worker) == 9


def test_points_deduction_without_points_is_refused(supervisor):
    with pytest.raises(ValidationError):
        penalty_propose(worker=WorkerFactory(), kind=PenaltyKind.POINTS, reason="x", actor=supervisor)


def test_fine_keeps_its_decimal_amount(supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.FINE, fine_amount=Decimal("200.50"))
    penalty.refresh_from_db()
    assert penalty.fine_amount == Decimal("200.50")


def test_fine_without_amount_is_refused(supervisor):
    with pytest.raises(ValidationError):
        penalty_propose(worker=WorkerFactory(), kind=PenaltyKind.FINE, reason="x", actor=supervisor)


def test_suspension_suspends_the_worker_until_its_end_date(supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.SUSPENSION, suspension_days=10)
    worker = Worker.objects.get(pk=penalty.worker_id)
    assert worker.status == Worker.Status.SUSPENDED
    assert worker.suspended_until == timezone.localdate() + timedelta(days=10)
    assert penalty.ends_on == worker.suspended_until


def test_dismissal_dismisses_the_worker(supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.DISMISSAL)
    assert Worker.objects.get(pk=penalty.worker_id).status == Worker.Status.DISMISSED


def test_permanent_ban_bans_and_blacklists_with_the_category(supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.BAN, category="fraud")
    worker = Worker.objects.get(pk=penalty.worker_id)
    assert worker.status == Worker.Status.BANNED
    entry = BlacklistEntry.objects.get(identity_hash=worker.identity_hash)
    assert entry.reason_category == "fraud"


def test_report_to_the_authorities_keeps_authority_date_and_reference(supervisor):
    penalty = _approved(
        supervisor,
        kind=PenaltyKind.AUTHORITY_REPORT,
        authority="朝阳区公安分局",
        reported_on=date(2026, 3, 2),
        authority_reference="京公朝受字2026-118",
    )
    penalty.refresh_from_db()
    assert (penalty.authority, penalty.reported_on, penalty.authority_reference) == (
        "朝阳区公安分局",
        date(2026, 3, 2),
        "京公朝受字2026-118",
    )


def test_report_to_the_authorities_without_authority_is_refused(supervisor):
    with pytest.raises(ValidationError):
        penalty_propose(worker=WorkerFactory(), kind=PenaltyKind.AUTHORITY_REPORT, reason="x", actor=supervisor)


def test_agent_may_propose_but_not_approve(agent):
    penalty = penalty_propose(worker=WorkerFactory(), kind=PenaltyKind.WARNING, reason="x", actor=agent)
    with pytest.raises(PermissionDenied):
        penalty_approve(penalty=penalty, actor=agent)
    penalty.refresh_from_db()
    assert penalty.status == Penalty.Status.PROPOSED


def test_nothing_takes_effect_before_approval(agent):
    penalty = penalty_propose(worker=WorkerFactory(), kind=PenaltyKind.DISMISSAL, reason="x", actor=agent)
    assert Worker.objects.get(pk=penalty.worker_id).status == Worker.Status.ACTIVE


def test_rejected_penalty_changes_nothing_and_cannot_be_approved_later(agent, supervisor):
    penalty = penalty_propose(worker=WorkerFactory(), kind=PenaltyKind.POINTS, points=4, reason="x", actor=agent)
    penalty_reject(penalty=penalty, actor=supervisor, note="证据不足")
    assert points_balance(worker=penalty.worker) == 12
    with pytest.raises(ValidationError):
        penalty_approve(penalty=penalty, actor=supervisor)


def test_rejecting_needs_a_reason(agent, supervisor):
    penalty = penalty_propose(worker=WorkerFactory(), kind=PenaltyKind.WARNING, reason="x", actor=agent)
    with pytest.raises(ValidationError):
        penalty_reject(penalty=penalty, actor=supervisor, note=" ")
