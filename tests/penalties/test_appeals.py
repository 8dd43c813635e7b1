"""Appeals: within the period, decided by a supervisor other than the approver; points and status follow."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from penalties.models import Appeal, BlacklistEntry, Penalty, PenaltyKind, Worker
from penalties.selectors import points_balance
from penalties.services.appeals import appeal_decide, appeal_submit
from penalties.services.penalties import penalty_approve, penalty_propose
from tests.penalties.factories import WorkerFactory

pytestmark = pytest.mark.django_db


def _approved(supervisor, **fields):
    penalty = penalty_propose(worker=WorkerFactory(), reason="x", actor=supervisor, **fields)
    return penalty_approve(penalty=penalty, actor=supervisor)


def test_appeal_within_the_period_is_recorded(agent, supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.WARNING)
    appeal = appeal_submit(penalty=penalty, grounds="当天客户改了时间", actor=agent)
    assert appeal.outcome == Appeal.Outcome.PENDING


def test_appeal_after_the_period_is_refused(agent, supervisor, settings):
    settings.PENALTY_APPEAL_DAYS = 15
    penalty = _approved(supervisor, kind=PenaltyKind.WARNING)
    with time_machine.travel(timezone.now() + timedelta(days=16)):
        with pytest.raises(ValidationError):
            appeal_submit(penalty=penalty, grounds="x", actor=agent)


def test_a_proposed_penalty_cannot_be_appealed(agent):
    penalty = penalty_propose(worker=WorkerFactory(), kind=PenaltyKind.WARNING, reason="x", actor=agent)
    with pytest.raises(ValidationError):
        appeal_submit(penalty=penalty, grounds="x", actor=agent)


def test_the_approving_supervisor_may_not_decide_the_appeal(agent, supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.POINTS, points=4)
    appeal = appeal_submit(penalty=penalty, grounds="x", actor=agent)
    with pytest.raises(PermissionDenied):
        appeal_decide(appeal=appeal, outcome=Appeal.Outcome.REVOKED, actor=supervisor, note="撤销")
    appeal.refresh_from_db()
    assert appeal.outcome == Appeal.Outcome.PENDING


def test_an_agent_may_not_decide_an_appeal(agent, supervisor):
    appeal = appeal_submit(penalty=_approved(supervisor, kind=PenaltyKind.WARNING), grounds="x", actor=agent)
    with pytest.raises(PermissionDenied):
        appeal_decide(appeal=appeal, outcome=Appeal.Outcome.UPHELD, actor=agent, note="x")


def test_upheld_changes_nothing(agent, supervisor, other_supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.POINTS, points=4)
    appeal = appeal_submit(penalty=penalty, grounds="x", actor=agent)
    appeal_decide(appeal=appeal, outcome=Appeal.Outcome.UPHELD, actor=other_supervisor, note="维持")
    assert points_balance(worker=penalty.worker) == 8
    penalty.refresh_from_db()
    assert penalty.status == Penalty.Status.IN_EFFECT


def test_reduced_points_come_back_to_the_balance(agent, supervisor, other_supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.POINTS, points=6)
    appeal = appeal_submit(penalty=penalty, grounds="x", actor=agent)
    appeal_decide(appeal=appeal, outcome=Appeal.Outcome.REDUCED, actor=other_supervisor, note="减轻", points=2)
    penalty.refresh_from_db()
    assert penalty.points == 2
    assert points_balance(worker=penalty.worker) == 10


def test_a_reduction_cannot_increase_the_fine(agent, supervisor, other_supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.FINE, fine_amount=Decimal("100"))
    appeal = appeal_submit(penalty=penalty, grounds="x", actor=agent)
    with pytest.raises(ValidationError):
        appeal_decide(
            appeal=appeal, outcome=Appeal.Outcome.REDUCED, actor=other_supervisor, note="x", fine_amount=Decimal("150")
        )


def test_reduced_suspension_that_is_already_served_ends_it(agent, supervisor, other_supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.SUSPENSION, suspension_days=10)
    appeal = appeal_submit(penalty=penalty, grounds="x", actor=agent)
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        appeal_decide(
            appeal=appeal, outcome=Appeal.Outcome.REDUCED, actor=other_supervisor, note="x", suspension_days=3
        )
    penalty.refresh_from_db()
    assert penalty.status == Penalty.Status.ENDED
    assert Worker.objects.get(pk=penalty.worker_id).status == Worker.Status.ACTIVE


def test_revoked_ban_restores_the_worker_and_lifts_the_blacklist(agent, supervisor, other_supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.BAN, category="fraud", points=12)
    appeal = appeal_submit(penalty=penalty, grounds="认错人了", actor=agent)
    appeal_decide(appeal=appeal, outcome=Appeal.Outcome.REVOKED, actor=other_supervisor, note="撤销")
    penalty.refresh_from_db()
    worker = Worker.objects.get(pk=penalty.worker_id)
    assert penalty.status == Penalty.Status.REVOKED
    assert worker.status == Worker.Status.ACTIVE
    assert not BlacklistEntry.objects.filter(identity_hash=worker.identity_hash).exists()
    assert points_balance(worker=worker) == 12


def test_everything_is_kept_in_history(agent, supervisor, other_supervisor):
    penalty = _approved(supervisor, kind=PenaltyKind.DISMISSAL)
    appeal = appeal_submit(penalty=penalty, grounds="x", actor=agent)
    appeal_decide(appeal=appeal, outcome=Appeal.Outcome.REVOKED, actor=other_supervisor, note="x")
    statuses = list(penalty.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == [Penalty.Status.PROPOSED, Penalty.Status.IN_EFFECT, Penalty.Status.REVOKED]
    worker_statuses = list(Worker.objects.get(pk=penalty.worker_id).history.values_list("status", flat=True))
    assert Worker.Status.DISMISSED in worker_statuses
    assert appeal.history.count() == 2


def test_an_appeal_is_decided_only_once(agent, supervisor, other_supervisor):
    appeal = appeal_submit(penalty=_approved(supervisor, kind=PenaltyKind.WARNING), grounds="x", actor=agent)
    appeal_decide(appeal=appeal, outcome=Appeal.Outcome.UPHELD, actor=other_supervisor, note="x")
    with pytest.raises(ValidationError):
        appeal_decide(appeal=appeal, outcome=Appeal.Outcome.REVOKED, actor=other_supervisor, note="x")
