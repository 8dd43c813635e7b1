"""Staff screens: who may see and do what, all state changes by POST."""

import pytest
from django.urls import reverse

from penalties.models import OnboardingCheck, Penalty, PenaltyKind
from penalties.services.appeals import appeal_submit
from penalties.services.penalties import penalty_approve, penalty_propose
from tests.penalties.factories import WorkerFactory, identity_number

pytestmark = pytest.mark.django_db


def _proposed(actor, **fields):
    return penalty_propose(worker=fields.pop("worker", None) or WorkerFactory(), reason="迟到", actor=actor, **fields)


def test_worker_profile_shows_only_the_masked_identity_and_phone(client, agent):
    number = identity_number(77)
    worker = WorkerFactory(identity_number=number, phone="13912345678")
    client.force_login(agent)
    page = client.get(reverse("worker-detail", args=[worker.pk])).content.decode()
    assert f"****{number[-4:]}" in page
    assert number not in page
    assert "13912345678" not in page
    assert "139****5678" in page


def test_worker_profile_needs_the_view_permission(client, manager):
    client.force_login(manager)
    assert client.get(reverse("worker-detail", args=[WorkerFactory().pk])).status_code == 403


def test_supervisor_approves_from_the_penalty_list(client, agent, supervisor):
    penalty = _proposed(agent, kind=PenaltyKind.WARNING)
    client.force_login(supervisor)
    assert penalty.worker.name in client.get(reverse("penalty-list")).content.decode()
    response = client.post(reverse("penalty-approve", args=[penalty.pk]))
    assert response.status_code == 302
    penalty.refresh_from_db()
    assert penalty.status == Penalty.Status.IN_EFFECT


def test_approval_by_get_changes_nothing(client, agent, supervisor):
    penalty = _proposed(agent, kind=PenaltyKind.WARNING)
    client.force_login(supervisor)
    assert client.get(reverse("penalty-approve", args=[penalty.pk])).status_code == 405
    penalty.refresh_from_db()
    assert penalty.status == Penalty.Status.PROPOSED


def test_agent_cannot_approve(client, agent):
    penalty = _proposed(agent, kind=PenaltyKind.WARNING)
    client.force_login(agent)
    assert client.post(reverse("penalty-approve", args=[penalty.pk])).status_code == 403
    penalty.refresh_from_db()
    assert penalty.status == Penalty.Status.PROPOSED


def test_rejection_without_a_reason_is_a_message_not_an_error(client, agent, supervisor):
    penalty = _proposed(agent, kind=PenaltyKind.WARNING)
    client.force_login(supervisor)
    response = client.post(reverse("penalty-reject", args=[penalty.pk]), {"note": ""}, follow=True)
    assert response.status_code == 200
    assert list(response.context["messages"])
    penalty.refresh_from_db()
    assert penalty.status == Penalty.Status.PROPOSED


def test_unknown_status_filter_shows_all(client, supervisor):
    client.force_login(supervisor)
    assert client.get(reverse("penalty-list"), {"status": "worker__name"}).status_code == 200


def test_appeal_recorded_and_decided_from_the_profile(client, agent, supervisor, other_supervisor):
    penalty = penalty_approve(penalty=_proposed(agent, kind=PenaltyKind.POINTS, points=4), actor=supervisor)
    client.force_login(agent)
    client.post(reverse("appeal-submit", args=[penalty.pk]), {"grounds": "客户临时改时间"})
    appeal = penalty.appeal
    client.force_login(supervisor)
    response = client.post(
        reverse("appeal-decide", args=[appeal.pk]), {"outcome": "revoked", "note": "自己批准的"}, follow=True
    )
    assert response.status_code == 200
    appeal.refresh_from_db()
    assert appeal.outcome == "pending"
    client.force_login(other_supervisor)
    client.post(reverse("appeal-decide", args=[appeal.pk]), {"outcome": "reduced", "note": "减轻", "points": "1"})
    appeal.refresh_from_db()
    assert appeal.outcome == "reduced"


def test_appeal_form_is_hidden_from_the_approving_supervisor(client, agent, supervisor):
    penalty = penalty_approve(penalty=_proposed(agent, kind=PenaltyKind.WARNING), actor=supervisor)
    appeal_submit(penalty=penalty, grounds="x", actor=agent)
    client.force_login(supervisor)
    page = client.get(reverse("worker-detail", args=[penalty.worker_id])).content.decode()
    assert reverse("appeal-decide", args=[penalty.appeal.pk]) not in page


def test_onboarding_check_page_answers_listed_and_logs(client, agent, supervisor):
    number = identity_number(5)
    worker = WorkerFactory(identity_number=number)
    penalty_approve(penalty=_proposed(agent, worker=worker, kind=PenaltyKind.BAN, category="fraud"), actor=supervisor)
    client.force_login(supervisor)
    response = client.post(reverse("onboarding-check"), {"identity_number": number})
    page = response.content.decode()
    assert response.context["listed"] is True
    assert number not in page
    assert worker.name not in page
    assert OnboardingCheck.objects.filter(checked_by=supervisor).count() == 1


def test_onboarding_check_page_with_a_bad_number_shows_the_form_again(client, supervisor):
    client.force_login(supervisor)
    response = client.post(reverse("onboarding-check"), {"identity_number": "12345"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not OnboardingCheck.objects.exists()


def test_onboarding_check_page_is_not_for_agents(client, agent):
    client.force_login(agent)
    assert client.get(reverse("onboarding-check")).status_code == 403


def test_overdue_rectifications_page_is_for_supervisors(client, agent, supervisor):
    client.force_login(agent)
    assert client.get(reverse("rectifications-overdue")).status_code == 403
    client.force_login(supervisor)
    assert client.get(reverse("rectifications-overdue")).status_code == 200


def test_agent_proposes_from_the_profile_and_nothing_takes_effect(client, agent):
    worker = WorkerFactory()
    client.force_login(agent)
    data = {"kind": "suspension", "category": "safety_hazard", "reason": "操作不规范", "points": "0"}
    response = client.post(reverse("penalty-propose", args=[worker.pk]), data)
    assert response.status_code == 200  # a suspension without days: the form comes back with what was typed
    assert "操作不规范" in response.content.decode()
    assert not Penalty.objects.exists()
    response = client.post(reverse("penalty-propose", args=[worker.pk]), {**data, "suspension_days": "3"})
    assert response.status_code == 302
    penalty = Penalty.objects.get()
    assert (penalty.status, penalty.proposed_by) == (Penalty.Status.PROPOSED, agent)
    worker.refresh_from_db()
    assert worker.status == "active"


def test_a_complaint_of_another_worker_cannot_be_attached(client, agent):
    from tests.factories import ComplaintFactory
    from tests.penalties.factories import ServiceOrderFactory

    other = ServiceOrderFactory(order_number="OTHER-1")
    complaint = ComplaintFactory(order_number=other.order_number)
    worker = WorkerFactory()
    client.force_login(agent)
    data = {"kind": "warning", "reason": "x", "points": "0", "complaint": complaint.pk}
    assert client.post(reverse("penalty-propose", args=[worker.pk]), data).status_code == 200
    assert not Penalty.objects.exists()
