"""Integrations' tokens: created by a supervisor in admin and shown once, stored hashed, scoped,
rate-limited and revocable."""

import re

import pytest
from django.contrib.messages import get_messages

from core.integrations import token_hash
from core.models import Integration
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

LIST = "/api/desk/complaints/"


def _create(client, supervisor, acting_as, scopes, rate="1000/h") -> str:
    client.force_login(supervisor)
    response = client.post(
        "/admin/core/integration/add/",
        {"name": "订单系统", "user": acting_as.pk, "scopes": scopes, "rate": rate},
        follow=True,
    )
    assert response.status_code == 200
    shown = [str(m) for m in get_messages(response.wsgi_request)] or [m.message for m in response.context["messages"]]
    token = next(match[0] for text in shown if (match := re.search(r"cdk_[A-Za-z0-9_-]+", text)))
    client.logout()
    return token


def _auth(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {token}"}


def test_a_token_is_shown_once_stored_hashed_and_reads_within_its_scope(client, supervisor, agent):
    ComplaintFactory(phone="13812345678")
    token = _create(client, supervisor, agent, ["complaints:read"])
    integration = Integration.objects.get()
    assert integration.token_hash == token_hash(token) and token not in integration.token_prefix + "…"
    assert integration.created_by == supervisor
    response = client.get(LIST, **_auth(token))
    assert response.status_code == 200
    assert response.json()["results"][0]["phone"] == "138****5678"
    integration.refresh_from_db()
    assert integration.last_used_at is not None
    client.force_login(supervisor)
    assert token not in client.get(f"/admin/core/integration/{integration.pk}/change/").content.decode()


def test_a_token_is_refused_outside_its_scopes(client, supervisor, agent):
    complaint = ComplaintFactory()
    token = _create(client, supervisor, agent, ["complaints:read"])
    assert client.get(f"/api/desk/complaints/{complaint.pk}/deadlines/", **_auth(token)).status_code == 403
    response = client.post(
        f"/api/desk/complaints/{complaint.pk}/contact/notes/",
        {"text": "x"},
        content_type="application/json",
        **_auth(token),
    )
    assert response.status_code == 403
    assert not complaint.events.filter(kind="note").exists()


def test_a_write_scope_writes_as_the_account_without_a_csrf_token(client, supervisor, agent):
    complaint = ComplaintFactory()
    token = _create(client, supervisor, agent, ["complaints:write"])
    response = client.post(
        f"/api/desk/complaints/{complaint.pk}/contact/notes/",
        {"text": "订单系统同步", "public": "0"},
        content_type="application/json",
        **_auth(token),
    )
    assert response.status_code == 200, response.content
    assert complaint.events.get(kind="note").actor == agent


def test_the_accounts_permissions_still_apply(client, supervisor, manager):
    token = _create(client, supervisor, manager, ["complaints:read"])
    assert client.get(LIST, **_auth(token)).status_code == 403


@pytest.mark.parametrize("token", ["cdk_unknown", "x y z"])
def test_an_unknown_or_malformed_token_is_refused(client, token):
    response = client.get(LIST, HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "authentication_failed"


def test_a_revoked_token_is_refused(client, supervisor, agent):
    token = _create(client, supervisor, agent, ["complaints:read"])
    integration = Integration.objects.get()
    client.force_login(supervisor)
    client.post("/admin/core/integration/", {"action": "revoke", "_selected_action": [integration.pk]})
    client.logout()
    integration.refresh_from_db()
    assert integration.revoked_at is not None
    response = client.get(LIST, **_auth(token))
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "authentication_failed"


def test_each_integration_has_its_own_rate_limit(client, supervisor, agent):
    token = _create(client, supervisor, agent, ["complaints:read"], rate="2/h")
    assert [client.get(LIST, **_auth(token)).status_code for _ in range(3)] == [200, 200, 429]
    client.force_login(agent)
    assert client.get(LIST).status_code == 200, "a staff session is not held back by the integration's limit"


def test_an_agent_cannot_create_integrations(client, agent):
    client.force_login(agent)
    assert client.get("/admin/core/integration/add/").status_code in (302, 403)
