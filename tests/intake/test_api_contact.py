"""Contact attempts and notes over REST: the workbench's forms and services."""

import pytest
from django.utils import timezone

from core.models import OutboxMessage
from intake.models import ContactAttempt
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _url(complaint, path: str = "") -> str:
    return f"/api/desk/complaints/{complaint.pk}/contact/{path}"


def test_an_attempt_is_recorded_and_read_back(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)
    response = client.post(
        _url(complaint, "attempts/"),
        {"channel": "phone", "outcome": "reached", "attempted_at": timezone.now().isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["attempts"][0]["recorded_by"] == agent.username
    assert client.get(_url(complaint)).json()["attempts"][0]["outcome"] == "reached"


def test_an_attempt_in_the_future_is_refused_naming_the_field(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)
    response = client.post(
        _url(complaint, "attempts/"),
        {"channel": "phone", "outcome": "reached", "attempted_at": "2999-01-01T10:00:00+08:00"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "attempted_at" in response.json()["fields"]
    assert not ContactAttempt.objects.exists()


def test_a_public_note_goes_to_the_complainant_by_sms(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)
    response = client.post(
        _url(complaint, "notes/"), {"text": "已联系阿姨", "public": "1"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["notes"][0]["public"] is True
    assert OutboxMessage.objects.filter(complaint=complaint, purpose="message").exists()


def test_a_public_note_needs_the_permission_to_message(client, investigator):
    complaint = ComplaintFactory()
    client.force_login(investigator)
    response = client.post(_url(complaint, "notes/"), {"text": "x", "public": "1"}, content_type="application/json")
    assert response.status_code == 403
    assert not complaint.events.filter(kind="message").exists()


def test_a_forged_complaint_id_is_a_404_for_a_panel_member(client, panel):
    client.force_login(panel[0])
    response = client.post(_url(ComplaintFactory(), "notes/"), {"text": "x"}, content_type="application/json")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
