"""A supervisor approves a proposed suspension from the penalty list; the worker shows suspended."""

import pytest

from core import roles
from penalties.models import Penalty, PenaltyKind
from penalties.services.penalties import penalty_propose
from tests.penalties.factories import WorkerFactory

pytestmark = pytest.mark.e2e


def test_supervisor_approves_a_suspension_and_sees_it_on_the_profile(page, login):
    supervisor = login(roles.SUPERVISOR)
    worker = WorkerFactory(name="王秀英")
    penalty = penalty_propose(
        worker=worker, kind=PenaltyKind.SUSPENSION, suspension_days=5, reason="未按规范操作", actor=supervisor
    )
    page.goto("/desk/penalties/")
    page.click(f"form[action='/desk/penalties/{penalty.pk}/approve/'] button")
    page.wait_for_selector(".msg-success")
    penalty.refresh_from_db()
    assert penalty.status == Penalty.Status.IN_EFFECT
    page.goto(f"/desk/workers/{worker.pk}/")
    assert page.inner_text("h1 .badge") == "停工中"
    assert "5 天" in page.inner_text("main")
