"""The workbench forms that meet clocks: contact attempts, management's decisions, reclassification."""

import pytest
from django.urls import reverse
from django.utils import timezone

from deadlines.models import Deadline, Step
from intake.choices import Severity
from intake.models import ContactAttempt, ManagementDecision
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _accepted(**fields):
    complaint = ComplaintFactory(**fields)
    complaint.accept()
    complaint.save()
    return complaint


def _now_field() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def test_an_agent_records_a_call_that_reached_the_complainant(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    response = client.post(
        reverse("contact-attempt", args=[complaint.pk]),
        {"channel": "phone", "outcome": "reached", "attempted_at": _now_field(), "note": "已核实"},
    )

    assert 'id="contact-attempts"' in page
    assert response.status_code == 302
    assert ContactAttempt.objects.get(complaint=complaint).recorded_by == agent
    assert Deadline.objects.get(complaint=complaint, step=Step.FIRST_CONTACT).met_at is not None


def test_an_invalid_attempt_shows_the_form_again(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)
    response = client.post(reverse("contact-attempt", args=[complaint.pk]), {"channel": "phone"})
    assert response.status_code == 400 and not ContactAttempt.objects.exists()


def test_management_records_its_resolution_on_the_workbench(client, management_user):
    complaint = _accepted(severity=Severity.MAJOR)
    client.force_login(management_user)

    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    client.post(
        reverse("management-decision", args=[complaint.pk]),
        {"kind": "resolution", "decided_at": _now_field(), "decision": "会议决议：先行赔付。"},
    )

    assert 'id="management-decision"' in page
    assert ManagementDecision.objects.get(complaint=complaint).decided_by == management_user
    assert Deadline.objects.get(complaint=complaint, step=Step.MAJOR_DECISION).met_at is not None


def test_an_agent_cannot_record_a_decision_of_management(client, agent):
    complaint = _accepted(severity=Severity.MAJOR)
    client.force_login(agent)
    response = client.post(
        reverse("management-decision", args=[complaint.pk]),
        {"kind": "opinion", "decided_at": _now_field(), "decision": "x"},
    )
    assert response.status_code == 403


def test_reclassifying_on_the_workbench_moves_the_clocks(client, agent):
    complaint = _accepted()
    client.force_login(agent)
    response = client.post(
        reverse("complaint-reclassify", args=[complaint.pk]),
        {
            "severity": "major",
            "channel": complaint.channel,
            "reason": "涉及人身伤害",
            "seen_version": complaint.version,
        },
    )
    complaint.refresh_from_db()
    assert response.status_code == 302 and complaint.severity == Severity.MAJOR
    assert Deadline.objects.open().filter(complaint=complaint, step=Step.MAJOR_REPORT).exists()


def test_a_stale_page_cannot_reclassify(client, agent):
    complaint = _accepted()
    client.force_login(agent)
    client.post(
        reverse("complaint-reclassify", args=[complaint.pk]),
        {"severity": "major", "channel": complaint.channel, "reason": "x", "seen_version": complaint.version - 1},
    )
    complaint.refresh_from_db()
    assert complaint.severity == Severity.GENERAL
