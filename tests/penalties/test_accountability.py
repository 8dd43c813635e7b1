"""Team and company responsibility, and what an investigation finding sets in motion."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import OutboxMessage
from penalties.models import Penalty, PenaltyKind, PenaltyRule, RectificationPlan
from penalties.selectors import overdue_process_changes, overdue_rectifications
from penalties.services.accountability import (
    process_change_record,
    process_change_verify,
    rectification_plan_create,
    rectification_plan_verify,
)
from tests.factories import ComplaintFactory
from tests.penalties.factories import ServiceOrderFactory, TeamFactory, WorkerFactory

pytestmark = pytest.mark.django_db


def _plan(actor, days=10, **fields):
    return rectification_plan_create(
        team=fields.pop("team", None) or TeamFactory(),
        owner=actor,
        actions="重新培训守时规范，每周抽查",
        deadline=timezone.localdate() + timedelta(days=days),
        actor=actor,
        **fields,
    )


def test_a_plan_past_its_deadline_and_unverified_is_overdue(supervisor):
    plan = _plan(supervisor, days=5)
    assert list(overdue_rectifications()) == []
    with time_machine.travel(timezone.now() + timedelta(days=6)):
        assert list(overdue_rectifications()) == [plan]


def test_a_plan_on_its_deadline_day_is_not_yet_overdue(supervisor):
    _plan(supervisor, days=5)
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        assert list(overdue_rectifications()) == []


def test_a_verified_plan_is_never_overdue(supervisor):
    plan = _plan(supervisor, days=1)
    rectification_plan_verify(plan=plan, actor=supervisor, note="现场检查通过")
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        assert list(overdue_rectifications()) == []


def test_a_deadline_in_the_past_is_refused(supervisor):
    with pytest.raises(ValidationError):
        _plan(supervisor, days=-1)


def test_only_a_supervisor_verifies(agent, supervisor):
    plan = _plan(agent)
    with pytest.raises(PermissionDenied):
        rectification_plan_verify(plan=plan, actor=agent, note="x")
    assert plan.status == RectificationPlan.Status.OPEN


def _change(actor, owner, days=10):
    return process_change_record(
        description="夜间订单改为双人派单",
        owner=owner,
        deadline=timezone.localdate() + timedelta(days=days),
        actor=actor,
    )


def test_process_change_is_recorded_with_its_owner_and_deadline(agent, supervisor):
    change = _change(agent, supervisor)
    assert change.owner == supervisor and change.deadline == timezone.localdate() + timedelta(days=10)
    assert change.status == RectificationPlan.Status.OPEN
    assert change.history.count() == 1


def test_a_process_change_needs_a_deadline_that_has_not_passed(agent, supervisor):
    with pytest.raises(ValidationError) as refused:
        _change(agent, supervisor, days=-1)
    assert "deadline" in refused.value.error_dict


def test_an_unverified_process_change_past_its_deadline_is_overdue_until_verified(client, agent, supervisor):
    change = _change(agent, supervisor, days=2)
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        assert list(overdue_process_changes()) == [change]
        client.force_login(supervisor)
        assert "夜间订单改为双人派单" in client.get("/desk/rectifications/overdue/").content.decode()
        with pytest.raises(PermissionDenied):
            process_change_verify(change=change, actor=agent, note="看过了")
        with pytest.raises(ValidationError):
            process_change_verify(change=change, actor=supervisor, note=" ")
        verified = process_change_verify(change=change, actor=supervisor, note="已抽查十单，均为双人派单")
        assert (verified.verified_by, verified.status) == (supervisor, RectificationPlan.Status.VERIFIED)
        assert not overdue_process_changes().exists()
        with pytest.raises(ValidationError):
            process_change_verify(change=change, actor=supervisor, note="again")


def test_admin_refuses_a_past_deadline_on_the_form(client, supervisor):
    client.force_login(supervisor)
    answer = client.post(
        "/admin/penalties/processchange/add/",
        {"description": "改流程", "owner": supervisor.pk, "deadline": "2020-01-01"},
    )
    assert answer.status_code == 200 and "errorlist" in answer.content.decode()


def _report(complaint, investigator, responsibility, name=""):
    from investigations.models import Investigation, InvestigationReport

    investigation = Investigation.objects.create(complaint=complaint, lead=investigator, opened_by=investigator)
    return InvestigationReport.objects.create(
        investigation=investigation,
        service_quality="差",
        worker_conduct="迟到",
        needs_understanding="一般",
        communication="差",
        responsibility=responsibility,
        fault_degree="full",
        responsible_name=name,
        conclusion="服务人员迟到两小时，未打扫厨房。",
        submitted_by=investigator,
    )


def test_a_finding_against_the_worker_proposes_the_rule_penalty(investigator):
    PenaltyRule.objects.update_or_create(category="service_quality", defaults={"kind": PenaltyKind.POINTS, "points": 3})
    order = ServiceOrderFactory(order_number="JZ-F-1")
    complaint = ComplaintFactory(order_number="JZ-F-1", category="service_quality")
    _report(complaint, investigator, "worker")
    penalty = Penalty.objects.get(complaint=complaint)
    assert (penalty.worker, penalty.kind, penalty.points, penalty.status) == (
        order.worker,
        PenaltyKind.POINTS,
        3,
        Penalty.Status.PROPOSED,
    )


def test_a_finding_naming_a_worker_by_name_is_matched_when_unambiguous(investigator):
    worker = WorkerFactory(name="周阿姨")
    complaint = ComplaintFactory(order_number="")
    _report(complaint, investigator, "worker", name="周阿姨")
    assert Penalty.objects.get(complaint=complaint).worker == worker


def test_a_finding_against_a_team_opens_a_plan_for_its_supervisor(investigator, supervisor):
    team = TeamFactory(name="保洁三组", supervisor=supervisor)
    complaint = ComplaintFactory(order_number="")
    _report(complaint, investigator, "team", name="保洁三组")
    plan = RectificationPlan.objects.get(complaint=complaint)
    assert (plan.team, plan.owner, plan.created_by) == (team, supervisor, None)


def test_a_finding_against_management_asks_supervisors_for_the_process_change(investigator, supervisor):
    supervisor.email = "boss@example.com"
    supervisor.save()
    complaint = ComplaintFactory(order_number="")
    _report(complaint, investigator, "company")
    assert OutboxMessage.objects.filter(recipient="boss@example.com", complaint=complaint).exists()


def test_a_finding_against_the_customer_changes_nothing_here(investigator):
    complaint = ComplaintFactory(order_number="")
    _report(complaint, investigator, "customer")
    assert not Penalty.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_default_rules_suggest_a_penalty_for_every_category_of_a_workers_service():
    from intake.choices import WORKER_CATEGORIES

    assert set(PenaltyRule.objects.values_list("category", flat=True)) == {value for value, _label in WORKER_CATEGORIES}
