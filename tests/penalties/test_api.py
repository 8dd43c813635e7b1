"""The API: workers and orders for staff with permissions, and the onboarding check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from penalties.models import OnboardingCheck, ServiceOrder, Worker
from penalties.services.penalties import penalty_approve, penalty_propose
from tests.penalties.factories import WorkerFactory, identity_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_supervisor_creates_a_worker_and_never_gets_the_number_back(api, supervisor):
    api.force_authenticate(supervisor)
    number = identity_number(3)
    response = api.post(
        "/api/workers/",
        {"name": "王芳", "identity_number": number, "team": None, "service_types": ["cleaning"]},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert number not in response.content.decode()
    assert response.json()["identity_masked"] == f"****{number[-4:]}"


def test_blacklisted_worker_is_refused_by_the_api_with_the_reason(api, supervisor):
    number = identity_number(4)
    worker = WorkerFactory(identity_number=number)
    penalty = penalty_propose(worker=worker, kind="ban", category="fraud", reason="x", actor=supervisor)
    penalty_approve(penalty=penalty, actor=supervisor)
    api.force_authenticate(supervisor)
    response = api.post("/api/workers/", {"name": "新名字", "identity_number": number}, format="json")
    assert response.status_code == 400
    assert Worker.objects.count() == 1


def test_agent_may_list_but_not_create_workers(api, agent):
    api.force_authenticate(agent)
    assert api.get("/api/workers/").status_code == 200
    response = api.post("/api/workers/", {"name": "x", "identity_number": identity_number(5)}, format="json")
    assert response.status_code == 403


def test_a_role_without_view_permission_cannot_list_workers(api, manager):
    api.force_authenticate(manager)
    assert api.get("/api/workers/").status_code == 403


def test_order_posted_twice_is_updated_not_duplicated(api, supervisor):
    api.force_authenticate(supervisor)
    payload = {"order_number": "JZ9", "service_type": "cleaning", "service_date": "2026-03-01", "amount": "100.00"}
    assert api.post("/api/orders/", payload, format="json").status_code == 201
    response = api.post("/api/orders/", {**payload, "amount": "120.00"}, format="json")
    assert response.status_code == 200
    assert ServiceOrder.objects.get().amount == 120


def test_csv_import_through_the_api_reports_bad_lines(api, supervisor):
    api.force_authenticate(supervisor)
    content = f"name,identity_number\n王芳,{identity_number(1)}\n李四,bad\n".encode()
    response = api.post("/api/workers/import/", {"file": SimpleUploadedFile("w.csv", content)}, format="multipart")
    assert response.status_code == 200
    assert response.json()["created"] == 1
    assert response.json()["errors"][0]["line"] == 3


def test_onboarding_check_answers_only_listed(api, supervisor):
    api.force_authenticate(supervisor)
    response = api.post("/api/onboarding-check/", {"identity_number": identity_number(9)}, format="json")
    assert response.json() == {"listed": False}
    assert OnboardingCheck.objects.get().checked_by == supervisor


def test_onboarding_check_is_refused_without_permission_and_not_logged(api, agent):
    api.force_authenticate(agent)
    response = api.post("/api/onboarding-check/", {"identity_number": identity_number(9)}, format="json")
    assert response.status_code == 403
    assert not OnboardingCheck.objects.exists()
