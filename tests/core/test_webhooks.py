"""Webhooks: a signed POST at each state change of a complaint the integration may read, sent
after commit, retried with growing pauses, logged."""

import hashlib
import hmac
import json
from datetime import timedelta
from urllib.error import URLError

import pytest
import time_machine
from django.utils import timezone

from core import webhooks
from core.integrations import integration_token_issue
from core.models import Integration, WebhookDelivery
from tests.factories import ComplaintFactory
from tests.investigations.factories import accepted_complaint

pytestmark = pytest.mark.django_db


def _integration(user, *, scopes=("complaints:read",), url="https://crm.example.com/hooks", **fields) -> Integration:
    name = f"crm-{Integration.objects.count()}"
    integration = Integration(name=name, user=user, scopes=list(scopes), created_by=user)
    integration_token_issue(integration)
    integration.webhook_url = url
    for name, value in fields.items():
        setattr(integration, name, value)
    integration.save()
    return integration


class Receiver:
    """Stands in for the integration's server: records requests, answers with ``status``."""

    def __init__(self, status: int = 200):
        self.status, self.requests = status, []

    def __call__(self, request, timeout):
        self.requests.append(request)
        if isinstance(self.status, Exception):
            raise self.status
        receiver = self

        class Answer:
            status = receiver.status

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

        return Answer()


def test_a_state_change_is_queued_for_integrations_that_may_read_it(agent, panel, supervisor):
    reader = _integration(agent)
    _integration(agent, scopes=("investigation:read",))  # no complaints scope
    _integration(panel[0])  # a panel member's account does not see this complaint
    _integration(agent, url="")  # no webhook
    revoked = _integration(supervisor, revoked_at=timezone.now())
    complaint = accepted_complaint(agent=agent, phone="13812345678")
    delivery = WebhookDelivery.objects.get()
    assert delivery.integration == reader and delivery.integration != revoked
    assert delivery.payload["transition"] == "accept" and delivery.payload["to"] == "accepted"
    assert delivery.payload["complaint"] == {"id": complaint.pk, "tracking_number": complaint.tracking_number}
    assert "13812345678" not in json.dumps(delivery.payload)


def test_the_receiver_can_verify_the_signature_and_the_timestamp(agent, monkeypatch):
    integration = _integration(agent)
    accepted_complaint(agent=agent)
    receiver = Receiver()
    monkeypatch.setattr(webhooks, "urlopen", receiver)
    delivery = WebhookDelivery.objects.get()
    assert webhooks.webhook_deliver(delivery_id=delivery.pk) is True
    request = receiver.requests[0]
    headers = {name.lower(): value for name, value in request.header_items()}
    timestamp = headers["x-desk-timestamp"]
    expected = hmac.new(integration.webhook_secret.encode(), f"{timestamp}.".encode() + request.data, hashlib.sha256)
    assert hmac.compare_digest(headers["x-desk-signature"], f"sha256={expected.hexdigest()}")
    assert abs(int(timestamp) - timezone.now().timestamp()) < 60
    assert json.loads(request.data)["delivery"] == delivery.pk == int(headers["x-desk-delivery"])
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.last_status_code == 200
    assert webhooks.webhook_deliver(delivery_id=delivery.pk) is False, "a delivered one is never sent again"


@pytest.mark.parametrize("failure", [URLError("connection refused"), 500])
def test_a_failure_is_retried_later_with_growing_pauses_then_given_up(agent, monkeypatch, failure):
    _integration(agent)
    accepted_complaint(agent=agent)
    monkeypatch.setattr(webhooks, "urlopen", Receiver(failure))
    delivery = WebhookDelivery.objects.get()
    assert webhooks.webhook_deliver(delivery_id=delivery.pk) is False
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert delivery.next_attempt_at >= timezone.now() + timedelta(seconds=50)
    assert webhooks.webhooks_sweep() == 0 and WebhookDelivery.objects.get().attempts == 1, "not due yet"
    pauses = []
    for _ in range(webhooks.MAX_ATTEMPTS - 1):
        delivery.refresh_from_db()
        with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1), tick=False):
            webhooks.webhooks_sweep()
            pauses.append(WebhookDelivery.objects.get().next_attempt_at - timezone.now())
    delivery.refresh_from_db()
    assert pauses[1] > pauses[0] * 1.5
    assert delivery.status == "failed" and delivery.attempts == webhooks.MAX_ATTEMPTS


def test_a_receiver_back_up_gets_the_delivery_from_the_sweep(agent, monkeypatch):
    _integration(agent)
    accepted_complaint(agent=agent)
    monkeypatch.setattr(webhooks, "urlopen", Receiver(URLError("down")))
    webhooks.webhook_deliver(delivery_id=WebhookDelivery.objects.get().pk)
    receiver = Receiver(204)
    monkeypatch.setattr(webhooks, "urlopen", receiver)
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert webhooks.webhooks_sweep() == 1
    assert WebhookDelivery.objects.get().status == "delivered"


def test_the_delivery_log_is_in_admin_for_supervisors(client, supervisor, agent):
    _integration(agent)
    ComplaintFactory()
    accepted_complaint(agent=agent)
    client.force_login(supervisor)
    page = client.get("/admin/core/webhookdelivery/")
    assert page.status_code == 200
    assert "complaint.transition" in page.content.decode()
