"""The decision and the changes after it over REST: accept, decline, reassign, reclassify, escalate,
merge -- each through its page's form, permission and service; a stale version or a state that no
longer allows it is a 409, a complaint outside the user's scope a 404, and nothing changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.integrations import integration_token_issue
from core.models import Integration, OutboxMessage, StaffTeam
from intake.choices import Category, EscalationLayer
from intake.models import State
from intake.services.decision import complaint_decline
from tests.factories import ComplaintFactory
from tests.investigations.factories import accepted_complaint

pytestmark = pytest.mark.django_db


def _post(client, complaint, action: str, data: dict, **headers):
    return client.post(
        f"/api/desk/complaints/{complaint.pk}/{action}/",
        {"seen_version": complaint.version, **data},
        content_type="application/json",
        **headers,
    )


def _accept_body(**fields) -> dict:
    reply_by = (timezone.now() + timedelta(hours=24)).isoformat()
    return {"category": Category.SERVICE_QUALITY, "severity": "general", "promised_reply_at": reply_by, **fields}


def _unchanged(complaint) -> bool:
    version, state = complaint.version, complaint.state
    complaint.refresh_from_db()
    return (complaint.version, complaint.state) == (version, state)


# --- accept and decline --------------------------------------------------------------------


def test_an_agent_accepts_and_gets_the_complaint_back(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = _post(client, complaint, "accept", _accept_body(urgent=False, assigned_to=agent.pk))

    assert response.status_code == 200, response.content
    assert response.json()["state"] == "accepted"
    complaint.refresh_from_db()
    assert (complaint.state, complaint.assigned_to, complaint.category) == (State.ACCEPTED, agent, "service_quality")
    assert OutboxMessage.objects.filter(complaint=complaint, purpose="accepted").exists()


@pytest.mark.parametrize(
    ("who", "decided", "status", "code"),
    [("investigator", False, 403, "permission_denied"), ("agent", True, 409, "conflict")],
)
def test_a_decision_by_a_role_without_it_or_on_a_decided_complaint_is_refused(
    client, agent, investigator, who, decided, status, code
):
    complaint = accepted_complaint(agent=agent) if decided else ComplaintFactory()
    client.force_login({"agent": agent, "investigator": investigator}[who])

    response = _post(client, complaint, "accept", _accept_body())

    assert (response.status_code, response.json()["code"]) == (status, code)
    assert _unchanged(complaint)


def test_a_stale_version_is_a_409_in_the_users_language(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = _post(client, complaint, "accept", _accept_body(seen_version=complaint.version + 3))

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "刷新" in response.json()["detail"]
    assert _unchanged(complaint)


def test_an_agent_declines_with_a_reason_the_complainant_is_told(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = _post(client, complaint, "decline", {"reason": "no_facts", "note": "缺少订单信息"})

    assert response.status_code == 200, response.content
    complaint.refresh_from_db()
    assert (complaint.state, complaint.not_accepted_reason) == (State.NOT_ACCEPTED, "no_facts")
    assert OutboxMessage.objects.filter(complaint=complaint, purpose="not_accepted").exists()


def test_declining_without_a_reason_names_the_field(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = _post(client, complaint, "decline", {"note": "x"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["fields"]["reason"] == ["This field is required."]
    assert _unchanged(complaint)


def test_declining_a_declined_complaint_is_a_409(client, agent):
    complaint = ComplaintFactory()
    complaint_decline(complaint_id=complaint.pk, actor=agent, seen_version=0, reason="no_facts", note="")
    complaint.refresh_from_db()
    client.force_login(agent)

    assert _post(client, complaint, "decline", {"reason": "no_facts"}).status_code == 409


def test_a_complaint_outside_the_users_scope_is_a_404(client, panel):
    complaint = ComplaintFactory()
    client.force_login(panel[0])

    response = _post(client, complaint, "accept", _accept_body())

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert _unchanged(complaint)


def test_an_unknown_field_is_a_400(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = _post(client, complaint, "accept", _accept_body(version=0))

    assert response.status_code == 400
    assert "version" in response.json()["fields"]


def test_an_integration_with_the_write_scope_decides_as_its_account(client, agent, supervisor):
    complaint = ComplaintFactory()
    tokens = {}
    for scope in ("complaints:read", "complaints:write"):
        integration = Integration(name=scope, user=agent, created_by=supervisor, scopes=[scope])
        tokens[scope] = integration_token_issue(integration)
        integration.save()

    refused = _post(
        client, complaint, "accept", _accept_body(), HTTP_AUTHORIZATION=f"Token {tokens['complaints:read']}"
    )
    accepted = _post(
        client, complaint, "accept", _accept_body(), HTTP_AUTHORIZATION=f"Token {tokens['complaints:write']}"
    )

    assert refused.status_code == 403
    assert accepted.status_code == 200, accepted.content
    assert complaint.events.get(transition="accept").actor == agent


# --- reassign, reclassify, escalate ---------------------------------------------------------


def test_a_supervisor_reassigns_by_username(client, supervisor, agent, other_agent):
    team = StaffTeam.objects.create(name="二组")
    team.members.add(other_agent)
    complaint = accepted_complaint(agent=agent, assigned_to=agent)
    client.force_login(supervisor)

    response = _post(
        client, complaint, "reassign", {"assigned_to": other_agent.username, "assigned_team": team.pk, "reason": "休假"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["assigned_to"] == other_agent.username
    assert "休假" in complaint.events.get(transition="reassign").note


def test_an_agent_may_not_reassign(client, agent, other_agent):
    complaint = accepted_complaint(agent=agent, assigned_to=agent)
    client.force_login(agent)

    response = _post(client, complaint, "reassign", {"assigned_to": other_agent.username, "reason": "x"})

    assert response.status_code == 403
    assert _unchanged(complaint)


def test_a_stale_reassignment_is_a_409(client, supervisor, agent, other_agent):
    complaint = accepted_complaint(agent=agent, assigned_to=agent)
    client.force_login(supervisor)

    response = _post(
        client, complaint, "reassign", {"assigned_to": other_agent.username, "reason": "x", "seen_version": 0}
    )

    assert response.status_code == 409
    complaint.refresh_from_db()
    assert complaint.assigned_to == agent


def test_an_agent_reclassifies_and_a_submitted_complaint_is_a_409(client, agent):
    accepted = accepted_complaint(agent=agent, category=Category.SERVICE_QUALITY)
    submitted = ComplaintFactory()
    body = {"category": Category.FEE_DISPUTE, "severity": "general", "channel": "hotline", "reason": "多收费"}
    client.force_login(agent)

    assert _post(client, accepted, "reclassify", body).status_code == 200
    accepted.refresh_from_db()
    assert accepted.category == Category.FEE_DISPUTE
    refused = _post(client, submitted, "reclassify", body)
    assert refused.status_code == 409 and refused.json()["code"] == "conflict"
    assert _unchanged(submitted)


def test_an_investigator_may_not_reclassify(client, agent, investigator):
    complaint = accepted_complaint(agent=agent)
    client.force_login(investigator)
    body = {"severity": "major", "channel": "hotline", "reason": "x"}

    assert _post(client, complaint, "reclassify", body).status_code == 403
    assert _unchanged(complaint)


def test_an_agent_escalates_and_the_supervisors_are_alerted(client, agent, supervisor):
    supervisor.email = "lead@example.com"
    supervisor.save()
    complaint = accepted_complaint(agent=agent)
    client.force_login(agent)

    response = _post(client, complaint, "escalate", {"reason": "超出权限"})

    assert response.status_code == 200, response.content
    complaint.refresh_from_db()
    assert complaint.escalation_layer == EscalationLayer.SUPERVISOR
    alerts = OutboxMessage.objects.filter(complaint=complaint, purpose="escalation_1")
    assert [message.recipient for message in alerts] == ["lead@example.com"]


def test_escalating_a_submitted_complaint_is_a_409_and_an_investigator_a_403(client, agent, investigator):
    submitted = ComplaintFactory()
    accepted = accepted_complaint(agent=agent)
    client.force_login(agent)
    assert _post(client, submitted, "escalate", {"reason": "x"}).status_code == 409
    client.force_login(investigator)
    assert _post(client, accepted, "escalate", {"reason": "x"}).status_code == 403
    assert _unchanged(submitted) and _unchanged(accepted)


# --- merge ---------------------------------------------------------------------------------


def test_a_repeat_is_merged_into_its_original(client, agent):
    original = accepted_complaint(agent=agent)
    repeat = ComplaintFactory(repeat_of=original)
    client.force_login(agent)

    response = _post(client, repeat, "merge", {"original_number": original.tracking_number, "reason": "同一件事"})

    assert response.status_code == 200, response.content
    assert response.json()["state"] == "merged"
    repeat.refresh_from_db()
    assert repeat.merged_into == original
    assert original.events.filter(transition="merged_in").exists()


def test_an_investigator_may_not_merge(client, agent, investigator):
    original = accepted_complaint(agent=agent)
    repeat = ComplaintFactory()
    client.force_login(investigator)

    response = _post(client, repeat, "merge", {"original_number": original.tracking_number, "reason": "x"})

    assert response.status_code == 403
    assert _unchanged(repeat)


@pytest.mark.parametrize("target", ["itself", "unknown"])
def test_merging_into_itself_or_an_unknown_number_names_the_field(client, agent, target):
    complaint = accepted_complaint(agent=agent)
    number = complaint.tracking_number if target == "itself" else "TS000000NOSUCH"
    client.force_login(agent)

    response = _post(client, complaint, "merge", {"original_number": number, "reason": "x"})

    assert response.status_code == 400
    assert "original_number" in response.json()["fields"]
    assert _unchanged(complaint)


def test_a_panel_member_cannot_reach_a_complaint_outside_its_panel(client, agent, panel):
    original = accepted_complaint(agent=agent)
    repeat = ComplaintFactory()
    client.force_login(panel[0])

    response = _post(client, repeat, "merge", {"original_number": original.tracking_number, "reason": "x"})

    assert response.status_code == 404
    assert _unchanged(repeat)


def test_merging_a_complaint_no_longer_open_is_a_409(client, agent):
    original = accepted_complaint(agent=agent)
    repeat = ComplaintFactory()
    complaint_decline(complaint_id=repeat.pk, actor=agent, seen_version=0, reason="no_facts", note="")
    repeat.refresh_from_db()
    client.force_login(agent)

    response = _post(client, repeat, "merge", {"original_number": original.tracking_number, "reason": "x"})

    assert response.status_code == 409
    assert _unchanged(repeat)
