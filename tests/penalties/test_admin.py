"""Django admin: every page opens for a supervisor, and writes go through the services."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from penalties.models import Penalty, PenaltyKind, RectificationPlan, Worker
from penalties.services.penalties import penalty_approve, penalty_propose
from tests.penalties.factories import TeamFactory, WorkerConsentFactory, WorkerFactory, identity_number

pytestmark = pytest.mark.django_db

MODELS = [
    "team",
    "worker",
    "serviceorder",
    "complaintsubject",
    "blacklistentry",
    "onboardingcheck",
    "pointsentry",
    "penaltyrule",
    "penalty",
    "appeal",
    "rectificationplan",
    "processchange",
    "workerconsent",
    "historydisclosure",
    "officiallisting",
]


@pytest.mark.parametrize("model", MODELS)
def test_supervisor_opens_every_changelist(client, supervisor, model):
    client.force_login(supervisor)
    assert client.get(reverse(f"admin:penalties_{model}_changelist")).status_code == 200


def test_admin_add_worker_refuses_a_blacklisted_identity(client, supervisor):
    number = identity_number(2)
    worker = WorkerFactory(identity_number=number)
    penalty_approve(
        penalty=penalty_propose(worker=worker, kind=PenaltyKind.BAN, category="fraud", reason="x", actor=supervisor),
        actor=supervisor,
    )
    client.force_login(supervisor)
    response = client.post(reverse("admin:penalties_worker_add"), {"name": "新", "identity_number": number})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert Worker.objects.count() == 1


def test_admin_add_worker_keeps_only_the_hash(client, supervisor):
    number = identity_number(3)
    client.force_login(supervisor)
    response = client.post(
        reverse("admin:penalties_worker_add"),
        {"name": "王芳", "identity_number": number, "phone": "", "service_types": ["cleaning"]},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Worker.objects.get().identity_last_four == number[-4:]


def test_admin_import_page_reports_bad_lines(client, supervisor):
    client.force_login(supervisor)
    content = f"name,identity_number\n王芳,{identity_number(1)}\n李四,bad\n".encode()
    response = client.post(
        reverse("admin:penalties_worker_import"), {"file": SimpleUploadedFile("w.csv", content, "text/csv")}
    )
    assert response.context["report"].created == 1
    assert response.context["report"].errors[0][0] == 3


def test_admin_approve_action_goes_through_the_service(client, agent, supervisor):
    penalty = penalty_propose(
        worker=WorkerFactory(), kind=PenaltyKind.SUSPENSION, suspension_days=3, reason="x", actor=agent
    )
    client.force_login(supervisor)
    client.post(
        reverse("admin:penalties_penalty_changelist"),
        {"action": "approve_selected", "_selected_action": [penalty.pk]},
    )
    penalty.refresh_from_db()
    assert penalty.status == Penalty.Status.IN_EFFECT
    assert penalty.worker.status == Worker.Status.SUSPENDED


def test_admin_add_penalty_checks_the_kind_details(client, supervisor):
    client.force_login(supervisor)
    worker = WorkerFactory()
    response = client.post(
        reverse("admin:penalties_penalty_add"), {"worker": worker.pk, "kind": "fine", "reason": "x", "points": 0}
    )
    assert response.status_code == 200
    assert not Penalty.objects.exists()
    response = client.post(
        reverse("admin:penalties_penalty_add"),
        {"worker": worker.pk, "kind": "fine", "reason": "x", "points": 0, "fine_amount": "50"},
    )
    assert response.status_code == 302
    assert Penalty.objects.get().proposed_by == supervisor


def test_admin_rectification_plan_refuses_a_past_deadline(client, supervisor):
    client.force_login(supervisor)
    data = {"team": TeamFactory().pk, "owner": supervisor.pk, "actions": "培训", "deadline": "2020-01-01"}
    response = client.post(reverse("admin:penalties_rectificationplan_add"), data)
    assert response.status_code == 200
    assert not RectificationPlan.objects.exists()


def test_admin_refuses_a_withdrawal_dated_before_the_consent(client, supervisor):
    consent = WorkerConsentFactory()
    before = timezone.localtime(consent.given_at - timedelta(days=2))
    client.force_login(supervisor)
    response = client.post(
        reverse("admin:penalties_workerconsent_change", args=[consent.pk]),
        {"withdrawn_at_0": f"{before:%Y-%m-%d}", "withdrawn_at_1": "09:00:00"},
    )
    assert response.status_code == 200
    assert "withdrawn_at" in response.context["adminform"].form.errors
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_admin_records_a_withdrawal_through_the_service(client, supervisor):
    consent = WorkerConsentFactory()
    now = timezone.localtime()
    client.force_login(supervisor)
    response = client.post(
        reverse("admin:penalties_workerconsent_change", args=[consent.pk]),
        {"withdrawn_at_0": f"{now:%Y-%m-%d}", "withdrawn_at_1": f"{now:%H:%M:%S}"},
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_by == supervisor
