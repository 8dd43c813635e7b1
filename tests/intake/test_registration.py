"""The agent's registration screen and what registration adds: classification, repeats, urgent alerts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMessage
from intake.choices import Category, Channel, Severity
from intake.models import Complaint
from intake.services.registration import complaint_register
from tests.factories import ComplaintFactory
from tests.intake.desk_data import registration_fields, registration_post
from tests.intake.public_data import PDF_BYTES, png_upload, upload

pytestmark = pytest.mark.django_db
URL = reverse("complaint-register")
#: The days a transferring body received and accepted a complaint.
BODY_DATES = {"transfer_received_on": "2026-01-05", "transfer_accepted_on": "2026-01-06"}


def _preview(client, **overrides):
    return client.post(URL, registration_post(**overrides))


def _confirm(client, preview_response, classification=None, **overrides):
    """Step two: send the facts again with the proposal as shown, or corrected by ``classification``."""
    data = registration_post(**overrides)
    data.pop("preview")
    shown = {**preview_response.context["classification"].initial, **(classification or {})}
    data.update({f"cls-{name}": value for name, value in shown.items() if value is not False})
    return client.post(URL, {**data, "confirm": "1"})


def test_service_stores_the_classifier_proposal_as_working_classification_for_public_complaints():
    complaint = complaint_register(**registration_fields(description="宝宝从床上摔下来了，现在在急诊"))

    assert (complaint.proposed_category, complaint.proposed_severity, complaint.proposed_urgent) == (
        Category.SAFETY_HAZARD,
        Severity.MAJOR,
        True,
    )
    assert complaint.proposal_keywords[:2] == ["从床上摔", "急诊"]
    assert 0 < complaint.proposal_confidence <= 1
    assert (complaint.category, complaint.urgent) == (Category.SAFETY_HAZARD, True)
    assert complaint.proposal_accepted is None


def test_service_records_whether_the_agent_kept_the_proposal(agent):
    kept = complaint_register(
        actor=agent, **registration_fields(category="service_quality", severity="general", urgent=False)
    )
    corrected = complaint_register(
        actor=agent,
        **registration_fields(phone="13700000000", order_number="", category="fee_dispute", severity="general"),
    )

    assert kept.proposal_accepted is True
    assert corrected.proposal_accepted is False
    assert corrected.proposed_category == Category.SERVICE_QUALITY


def test_urgent_registration_emails_every_supervisor_at_once(supervisor, other_supervisor):
    supervisor.email, other_supervisor.email = "boss@example.com", "boss2@example.com"
    supervisor.save()
    other_supervisor.save()

    complaint = complaint_register(**registration_fields(description="家里漏气了，阿姨还在做饭"))

    alerts = OutboxMessage.objects.filter(complaint=complaint, purpose="emergency_alert", channel="email")
    assert sorted(alerts.values_list("recipient", flat=True)) == ["boss2@example.com", "boss@example.com"]
    assert complaint.phone not in alerts.first().body


def test_non_urgent_registration_alerts_nobody(supervisor):
    supervisor.email = "boss@example.com"
    supervisor.save()

    complaint_register(**registration_fields())

    assert not OutboxMessage.objects.filter(purpose="emergency_alert", channel="email").exists()


def test_first_step_shows_the_proposal_and_the_words_that_triggered_it(client, agent):
    client.force_login(agent)

    response = _preview(client)

    assert response.status_code == 200
    assert response.context["proposal"].category == Category.SERVICE_QUALITY
    assert "迟到" in response.content.decode()
    assert not Complaint.objects.exists()


def test_confirming_the_proposal_registers_with_receipt_time_and_agent(client, agent):
    client.force_login(agent)
    received = (timezone.localtime() - timedelta(hours=3)).replace(second=0, microsecond=0)
    typed = received.strftime("%Y-%m-%dT%H:%M")

    response = _confirm(client, _preview(client, received_at=typed), received_at=typed)

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("complaint-decide", args=[complaint.pk])
    assert complaint.received_at == received
    assert complaint.received_by == agent
    assert complaint.phone == "13912345678"
    assert complaint.proposal_accepted is True
    assert complaint.state == "submitted"


def test_correcting_the_proposal_is_recorded(client, agent):
    client.force_login(agent)

    _confirm(client, _preview(client), {"category": Category.SERVICE_ATTITUDE, "severity": Severity.IMPORTANT})

    complaint = Complaint.objects.get()
    assert (complaint.category, complaint.severity) == (Category.SERVICE_ATTITUDE, Severity.IMPORTANT)
    assert complaint.proposed_category == Category.SERVICE_QUALITY
    assert complaint.proposal_accepted is False


def test_a_changed_description_is_classified_again_before_registering(client, agent):
    client.force_login(agent)
    response = _confirm(client, _preview(client), description="家里东西被偷了")

    assert response.status_code == 200
    assert not Complaint.objects.exists()
    assert response.context["proposal"].category == Category.SAFETY_HAZARD


def test_sending_the_same_form_twice_registers_one_complaint(client, agent):
    client.force_login(agent)
    preview = _preview(client)

    first = _confirm(client, preview)
    second = _confirm(client, preview)

    assert Complaint.objects.count() == 1
    assert first.url == second.url


@pytest.mark.parametrize("channel", [c for c in Channel.values if c not in (Channel.WEB_FORM, Channel.TRANSFER)])
def test_every_agent_channel_can_be_registered(client, agent, channel):
    client.force_login(agent)

    _confirm(client, _preview(client, channel=channel), channel=channel)

    assert Complaint.objects.get().channel == channel


def test_transferred_complaint_needs_the_body_and_its_case_number(client, agent):
    client.force_login(agent)

    response = _preview(client, channel=Channel.TRANSFER)

    errors = response.context["form"].errors
    assert "transfer_body" in errors
    assert "transfer_case_number" in errors


def test_transferred_complaint_keeps_the_body_and_case_number(client, agent):
    client.force_login(agent)
    extra = {"channel": Channel.TRANSFER, "transfer_body": "12315", "transfer_case_number": "SH-2026-77", **BODY_DATES}
    _confirm(client, _preview(client, **extra), **extra)

    complaint = Complaint.objects.get()
    assert (complaint.transfer_body, complaint.transfer_case_number) == ("12315", "SH-2026-77")


def test_a_complaint_transferred_by_a_regulator_is_proposed_major_whatever_it_says(client, agent):
    client.force_login(agent)
    extra = {"channel": Channel.TRANSFER, "transfer_body": "12315", "transfer_case_number": "SH-2026-78", **BODY_DATES}

    preview = _preview(client, **extra)
    _confirm(client, preview, **extra)

    assert preview.context["classification"].initial["severity"] == Severity.MAJOR
    complaint = Complaint.objects.get()
    assert (complaint.proposed_severity, complaint.proposal_accepted) == (Severity.MAJOR, True)
    assert complaint.proposal_keywords[0] == "12315"


def test_receipt_time_in_the_future_is_refused_and_input_kept(client, agent):
    client.force_login(agent)
    future = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")

    response = _preview(client, received_at=future)

    assert "received_at" in response.context["form"].errors
    assert "保洁阿姨迟到两个小时" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "12345"),
        ("phone", "<script>alert(1)</script>"),
        ("description", ""),
        ("description", "很" * 6000),
        ("email", "not-an-email"),
        ("service_type", "'; DROP TABLE intake_complaint; --"),
        ("received_at", "yesterday"),
    ],
)
def test_bad_input_comes_back_with_a_message_and_nothing_saved(client, agent, field, value):
    client.force_login(agent)

    response = _preview(client, **{field: value})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not Complaint.objects.exists()


def test_registering_a_repeat_links_it_to_the_earlier_complaint(client, agent):
    earlier = ComplaintFactory(phone="13912345678", received_at=timezone.now() - timedelta(days=2))
    client.force_login(agent)

    _confirm(client, _preview(client))

    assert Complaint.objects.exclude(pk=earlier.pk).get().repeat_of == earlier


@pytest.mark.parametrize("role", ["investigator", "manager", "management_user"])
def test_roles_without_the_permission_cannot_register(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(URL).status_code == 403
    assert client.post(URL, {**registration_post(), "confirm": "1"}).status_code == 403
    assert not Complaint.objects.exists()


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response.url


def _confirm_with_files(client, files, **overrides):
    preview = _preview(client, **overrides)
    data = registration_post(**overrides)
    data.pop("preview")
    shown = preview.context["classification"].initial
    data.update({f"cls-{name}": value for name, value in shown.items() if value is not False})
    return client.post(URL, {**data, "confirm": "1", "files-evidence": files})


def test_agent_attaches_the_complainants_files_when_registering(client, agent):
    client.force_login(agent)

    response = _confirm_with_files(client, [png_upload("wechat.png"), upload("letter.pdf", PDF_BYTES)])

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert sorted(complaint.attachments.values_list("original_name", flat=True)) == ["letter.pdf", "wechat.png"]
    attachment = complaint.attachments.get(original_name="letter.pdf")
    download = client.get(reverse("attachment-download", args=[complaint.pk, attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_a_fake_file_is_refused_with_the_public_forms_message_and_the_typed_facts_kept(client, agent):
    client.force_login(agent)

    response = _confirm_with_files(
        client, [upload("photo.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")]
    )

    assert Complaint.objects.count() == 0
    assert response.status_code == 200
    errors = response.context["evidence"].errors["evidence"]
    assert "photo.jpg" in errors[0]
    assert response.context["form"]["complainant_name"].value() == "李女士"
    assert "选择" in response.content.decode() or "choose the files again" in response.content.decode()


def test_a_file_over_the_limit_is_refused_and_nothing_is_saved(client, agent, settings):
    settings.COMPLAINT_MAX_FILE_SIZE = 1000
    client.force_login(agent)

    response = _confirm_with_files(client, [upload("letter.pdf", PDF_BYTES + b"0" * 2000)])

    assert Complaint.objects.count() == 0
    assert response.context["evidence"].errors
