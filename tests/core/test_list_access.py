"""Lists and exports check the role too: report exports, penalty lists and the API's list endpoints
answer only the roles whose permission they need, and hand out no personal data in clear to a role
that may not see it."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import roles
from core.privacy import can_see_personal_data
from intake.models import Complaint
from penalties.models import ServiceOrder
from reporting.period import Month
from tests.penalties.factories import ServiceOrderFactory
from tests.reporting.factories import prepared

from .audit_data import world_build

pytestmark = pytest.mark.django_db


def _endpoints() -> dict[str, str]:
    """List and export URL -> the permission it needs."""
    month = str(Month.current())
    report = "reporting.view_report"
    return {
        reverse("report-month", args=[month]): report,
        reverse("report-pdf", args=[month]): report,
        reverse("report-agents", args=[month]): report,
        reverse("report-quarters", args=[Month.current().year]): report,
        reverse("report-export", args=[month, "agents", "csv"]): report,
        reverse("report-export", args=[month, "quarterly", "xlsx"]): report,
        reverse("report-sample", args=[month]): "reporting.record_callback",
        reverse("desk"): "intake.view_complaint",
        reverse("penalty-list"): "penalties.view_penalty",
        reverse("worker-list"): "penalties.view_worker",
        reverse("rectifications-overdue"): "penalties.verify_rectificationplan",
        "/api/workers/": "penalties.view_worker",
        "/api/orders/": "penalties.view_serviceorder",
    }


@pytest.fixture
def world():
    built = world_build()
    prepared(Month.current())  # report pages read what the worker computed
    return built


def test_every_list_and_export_answers_exactly_the_roles_holding_its_permission(world):
    wrong = []
    for role, user in world.users.items():
        client = Client()
        client.force_login(user)
        for url, permission in _endpoints().items():
            status = client.get(url).status_code
            allowed = user.has_perm(permission)
            if (allowed and status != 200) or (not allowed and status not in {403, 404}):
                wrong.append(f"{url} as {role}: {status}, permission {permission} {'held' if allowed else 'missing'}")
    assert wrong == []


def test_lists_and_exports_refuse_anonymous_visitors():
    for url in _endpoints():
        response = Client().get(url)
        assert response.status_code == 403 or "/login/" in response.get("Location", ""), url


def test_report_export_neutralises_formulas_from_staff_names(world):
    agent = world.users[roles.AGENT]
    agent.last_name = '=HYPERLINK("http://evil","x")'
    agent.save(update_fields=["last_name"])
    # Test data only: the handler of a complaint closed this month, the way the KPI table finds it.
    Complaint.objects.filter(pk=world.complaints["accepted"].pk).update(assigned_to=agent, closed_at=timezone.now())
    client = Client()
    client.force_login(world.users[roles.SUPERVISOR])
    body = client.get(reverse("report-export", args=[str(Month.current()), "agents", "csv"])).content
    cells = [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]
    assert "'" + agent.last_name in cells


def test_api_lists_mask_phones_for_roles_without_personal_data_access(world):
    order = ServiceOrderFactory(customer_phone="13912345678")
    leaked = []
    for role, user in world.users.items():
        if can_see_personal_data(user) or not user.has_perm("penalties.view_serviceorder"):
            continue
        client = Client()
        client.force_login(user)
        orders = client.get("/api/orders/").json()["results"]
        workers = client.get("/api/workers/").json()["results"]
        phones = [row["customer_phone"] for row in orders] + [row["phone"] for row in workers]
        leaked += [f"{role}: {phone}" for phone in phones if phone and "*" not in phone]
    assert ServiceOrder.objects.filter(pk=order.pk).exists()
    assert leaked == []
