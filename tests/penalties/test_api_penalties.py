"""Penalties and appeals over REST: the worker page's forms, permissions and services."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from penalties.models import Appeal, Penalty
from penalties.services.penalties import penalty_approve
from tests.factories import ComplaintFactory
from tests.penalties.factories import PenaltyFactory

pytestmark = pytest.mark.django_db

LIST = "/api/penalties/"


def test_the_list_masks_the_workers_name(client, supervisor):
    penalty = PenaltyFactory(worker__name="李秀英")
    client.force_login(supervisor)
    row = client.get(LIST).json()["results"][0]
    assert row["id"] == penalty.pk and row["worker_name"] == "李**"
    assert row["status"] == "proposed" and row["appeal"] is None


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_runs_a_constant_number_of_queries(client, supervisor, count):
    for _ in range(count):
        PenaltyFactory(complaint=ComplaintFactory())
    client.force_login(supervisor)
    client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).json()["count"] == count
    assert len(queries) == 6, [q["sql"][:80] for q in queries]


def test_approve_then_appeal_then_a_second_supervisor_decides(client, supervisor, other_supervisor, agent):
    penalty = PenaltyFactory(points=3)
    client.force_login(supervisor)
    response = client.post(f"{LIST}{penalty.pk}/approve/", {"note": "属实"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_effect"
    client.force_login(agent)
    response = client.post(f"{LIST}{penalty.pk}/appeal/", {"grounds": "当天交通事故"}, content_type="application/json")
    assert response.status_code == 200, response.content
    decision = {"outcome": "revoked", "note": "证据不足"}
    client.force_login(supervisor)
    response = client.post(f"{LIST}{penalty.pk}/appeal/decision/", decision, content_type="application/json")
    assert response.status_code == 403, "the approver does not decide the appeal"
    client.force_login(other_supervisor)
    response = client.post(f"{LIST}{penalty.pk}/appeal/decision/", decision, content_type="application/json")
    assert response.status_code == 200, response.content
    assert Appeal.objects.get().outcome == "revoked"


def test_an_agent_cannot_approve(client, agent):
    penalty = PenaltyFactory()
    client.force_login(agent)
    assert client.post(f"{LIST}{penalty.pk}/approve/", {}, content_type="application/json").status_code == 403
    assert Penalty.objects.get().status == "proposed"


def test_approving_twice_is_a_400_with_the_reason(client, supervisor):
    penalty = PenaltyFactory()
    penalty_approve(penalty=penalty, actor=supervisor)
    client.force_login(supervisor)
    response = client.post(
        f"{LIST}{penalty.pk}/approve/", {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "Only a proposed penalty" in response.json()["detail"]


def test_a_decision_without_an_appeal_is_a_404(client, supervisor):
    penalty = PenaltyFactory()
    client.force_login(supervisor)
    response = client.post(
        f"{LIST}{penalty.pk}/appeal/decision/", {"outcome": "upheld", "note": "x"}, content_type="application/json"
    )
    assert response.status_code == 404
