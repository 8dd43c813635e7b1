"""The acceptance decision: services and the decision page."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from core.models import OutboxMessage, StaffTeam
from intake.choices import Category, NotAcceptedReason, Severity
from intake.locking import ComplaintChanged
from intake.models import Complaint, ComplaintEvent
from intake.services.decision import DecisionNotPossible, complaint_accept, complaint_decline
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _accept(complaint, actor, **overrides):
    arguments = {
        "complaint_id": complaint.pk,
        "actor": actor,
        "seen_version": complaint.version,
        "category": Category.SERVICE_QUALITY,
        "severity": Severity.GENERAL,
        "urgent": False,
        "promised_reply_at": timezone.now() + timedelta(days=1),
    }
    return complaint_accept(**{**arguments, **overrides})


def _decline(complaint, actor, **overrides):
    arguments = {
        "complaint_id": complaint.pk,
        "actor": actor,
        "seen_version": complaint.version,
        "reason": NotAcceptedReason.OUT_OF_SCOPE,
        "note": "我们不提供搬家服务。",
    }
    return complaint_decline(**{**arguments, **overrides})


def test_accepting_records_the_decision_and_tells_the_complainant(agent, other_agent):
    team = StaffTeam.objects.create(name="一组")
    complaint = ComplaintFactory(email="li@example.com")

    accepted = _accept(complaint, agent, assigned_to=other_agent, assigned_team=team)

    assert accepted.state == "accepted"
    assert (accepted.assigned_to, accepted.assigned_team) == (other_agent, team)
    assert accepted.decided_at is not None
    assert accepted.version == complaint.version + 1
    messages = OutboxMessage.objects.filter(complaint=complaint, purpose="accepted")
    assert sorted(messages.values_list("channel", flat=True)) == ["email", "sms"]
    assert complaint.tracking_number in messages.first().body
    assert ComplaintEvent.objects.filter(complaint=complaint, transition="accept", actor=agent).exists()


def test_acceptance_measures_the_classifier_for_public_complaints(agent):
    complaint = ComplaintFactory(proposed_category=Category.FEE_DISPUTE, proposed_severity=Severity.GENERAL)

    accepted = _accept(complaint, agent, category=Category.SERVICE_QUALITY)

    assert accepted.proposal_accepted is False


def test_acceptance_keeps_the_measure_the_registration_screen_recorded(agent):
    complaint = ComplaintFactory(proposal_accepted=True, proposed_category=Category.FEE_DISPUTE)

    assert _accept(complaint, agent).proposal_accepted is True


def test_accepting_as_urgent_emails_every_supervisor(agent, supervisor, other_supervisor):
    for user, email in ((supervisor, "a@example.com"), (other_supervisor, "b@example.com")):
        user.email = email
        user.save()
    complaint = ComplaintFactory()

    _accept(complaint, agent, urgent=True, severity=Severity.MAJOR)

    alerts = OutboxMessage.objects.filter(complaint=complaint, purpose="emergency_alert", channel="email")
    assert sorted(alerts.values_list("recipient", flat=True)) == ["a@example.com", "b@example.com"]


def test_declining_keeps_the_complaint_and_tells_the_reason(agent):
    complaint = ComplaintFactory()

    declined = _decline(complaint, agent)

    assert Complaint.objects.filter(pk=complaint.pk, state="not_accepted").exists()
    assert declined.not_accepted_reason == NotAcceptedReason.OUT_OF_SCOPE
    sms = OutboxMessage.objects.get(complaint=complaint, purpose="not_accepted", channel="sms")
    with override("zh-hans"):
        assert str(NotAcceptedReason.OUT_OF_SCOPE.label) in sms.body
    assert "我们不提供搬家服务。" in sms.body
    event = ComplaintEvent.objects.get(complaint=complaint, transition="decline")
    assert event.public is True


def test_a_stale_page_cannot_decide(agent):
    complaint = ComplaintFactory()

    with pytest.raises(ComplaintChanged):
        _accept(complaint, agent, seen_version=complaint.version + 5)


def test_a_complaint_is_decided_only_once(agent):
    complaint = ComplaintFactory()
    _accept(complaint, agent)

    with pytest.raises(DecisionNotPossible):
        _decline(Complaint.objects.get(pk=complaint.pk), agent)


def test_an_investigator_may_not_decide(investigator):
    complaint = ComplaintFactory()

    with pytest.raises(PermissionDenied):
        _accept(complaint, investigator)
    assert Complaint.objects.get(pk=complaint.pk).state == "submitted"


def test_promised_reply_before_receipt_is_refused(agent):
    complaint = ComplaintFactory()

    with pytest.raises(ValidationError):
        _accept(complaint, agent, promised_reply_at=complaint.received_at - timedelta(hours=1))


def test_assigning_to_someone_outside_the_desk_is_refused(agent, investigator):
    with pytest.raises(ValidationError):
        _accept(ComplaintFactory(), agent, assigned_to=investigator)


# --- the decision page ---------------------------------------------------------------


def _url(complaint):
    return reverse("complaint-decide", args=[complaint.pk])


def _accept_post(complaint, **overrides):
    data = {
        "action": "accept",
        "version": complaint.version,
        "category": Category.FEE_DISPUTE,
        "severity": Severity.IMPORTANT,
        "promised_reply_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    return {**data, **overrides}


def test_get_shows_both_decisions_and_changes_nothing(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = client.get(_url(complaint))

    assert response.status_code == 200
    assert Complaint.objects.get(pk=complaint.pk).state == "submitted"
    assert response.context["decidable"] is True


def test_posting_accept_accepts_and_returns_to_the_inbox(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = client.post(_url(complaint), _accept_post(complaint, urgent="on"))

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.state, complaint.category, complaint.urgent) == ("accepted", Category.FEE_DISPUTE, True)


def test_posting_decline_needs_a_reason(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = client.post(_url(complaint), {"action": "decline", "version": complaint.version, "reason": ""})

    assert response.status_code == 200
    assert "reason" in response.context["decline_form"].errors
    assert Complaint.objects.get(pk=complaint.pk).state == "submitted"


def test_posting_decline_declines(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    client.post(_url(complaint), {"action": "decline", "version": complaint.version, "reason": "no_facts"})

    assert Complaint.objects.get(pk=complaint.pk).state == "not_accepted"


def test_a_stale_form_shows_the_reload_message(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = client.post(_url(complaint), _accept_post(complaint, version=complaint.version - 1), follow=True)

    assert response.status_code == 200
    assert Complaint.objects.get(pk=complaint.pk).state == "submitted"
    assert [str(m) for m in response.context["messages"]] == [str(ComplaintChanged.message)]


def test_a_decided_complaint_refuses_a_second_decision(client, agent):
    complaint = ComplaintFactory()
    _accept(complaint, agent)
    client.force_login(agent)

    decline = {"action": "decline", "version": complaint.version + 1, "reason": "no_facts"}
    response = client.post(_url(complaint), decline)

    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).state == "accepted"


def test_a_promised_reply_in_the_past_is_refused_on_the_form(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(_url(complaint), _accept_post(complaint, promised_reply_at=past))

    assert "promised_reply_at" in response.context["accept_form"].errors


@pytest.mark.parametrize("role", ["investigator", "manager", "management_user"])
def test_roles_without_the_permission_cannot_decide(client, request, role):
    complaint = ComplaintFactory(severity="major")  # within management's scope: the permission refuses
    client.force_login(request.getfixturevalue(role))

    assert client.get(_url(complaint)).status_code == 403
    assert client.post(_url(complaint), _accept_post(complaint)).status_code == 403
    assert Complaint.objects.get(pk=complaint.pk).state == "submitted"


def test_an_unknown_complaint_is_not_found(client, agent):
    client.force_login(agent)

    assert client.get(reverse("complaint-decide", args=[999999])).status_code == 404
    assert client.post(reverse("complaint-decide", args=[999999]), {"action": "accept"}).status_code == 404


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_accept_and_decline_at_once_one_wins_and_one_message_goes_out(agent, other_agent):
    """Two agents decide the same complaint from the same page at the same moment (PostgreSQL)."""
    assert connection.vendor == "postgresql"
    complaint = ComplaintFactory()
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def decide(name, service):
        try:
            barrier.wait(timeout=10)
            service(complaint, agent if name == "accept" else other_agent)
            outcomes[name] = "won"
        except ComplaintChanged:
            outcomes[name] = "changed"
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=args) for args in (("accept", _accept), ("decline", _decline))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["changed", "won"]
    complaint.refresh_from_db()
    assert complaint.version == 1
    assert OutboxMessage.objects.filter(complaint=complaint, purpose__in=["accepted", "not_accepted"]).count() == 1
