"""Opening an investigation, statements, site visits, the report and extensions."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from intake.models import ComplaintEvent, State
from investigations import services
from investigations.models import EvidenceItem, ExtensionRequest
from investigations.signals import investigation_extension_approved
from tests.investigations.factories import (
    REPORT_FIELDS,
    accepted_complaint,
    investigating_complaint,
    png_bytes,
    submitted_report,
    text_evidence,
)


def test_investigation_start_moves_the_complaint_and_forms_the_team(agent, investigator, other_agent):
    complaint = accepted_complaint(agent=agent)

    investigation = services.investigation_start(
        complaint_id=complaint.pk, actor=agent, lead=investigator, members=[other_agent, investigator]
    )

    complaint.refresh_from_db()
    assert complaint.state == State.INVESTIGATING
    assert investigation.round == 1 and investigation.lead == investigator
    assert list(investigation.members.all()) == [other_agent]
    assert complaint.events.filter(kind=ComplaintEvent.Kind.TRANSITION, transition="start_investigation").count() == 1


def test_team_members_must_be_allowed_to_investigate(agent, manager):
    complaint = accepted_complaint(agent=agent)

    with pytest.raises(ValidationError):
        services.investigation_start(complaint_id=complaint.pk, actor=agent, lead=manager)

    complaint.refresh_from_db()
    assert complaint.state == State.ACCEPTED


def test_ruling_panel_member_cannot_start_an_investigation(agent, investigator, panel):
    complaint = accepted_complaint(agent=agent)

    with pytest.raises(PermissionDenied):
        services.investigation_start(complaint_id=complaint.pk, actor=panel[0], lead=investigator)


def test_someone_outside_the_team_cannot_add_evidence(agent, other_agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)

    with pytest.raises(PermissionDenied):
        text_evidence(complaint, actor=other_agent)


def test_evidence_from_the_future_is_refused(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)

    with pytest.raises(ValidationError):
        services.evidence_add(
            complaint_id=complaint.pk,
            actor=investigator,
            kind="chat_log",
            provided_by="complainant",
            collected_at=timezone.now() + timedelta(days=1),
            description="x",
        )


def test_a_file_that_is_not_what_it_claims_is_refused(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)

    with pytest.raises(ValidationError):
        services.evidence_add(
            complaint_id=complaint.pk,
            actor=investigator,
            kind="photo",
            provided_by="complainant",
            collected_at=timezone.now(),
            upload=SimpleUploadedFile("photo.png", b"<svg onload=alert(1)>", content_type="image/png"),
        )
    assert not EvidenceItem.objects.exists()


def test_statement_is_chained_as_evidence(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)

    statement = services.statement_add(
        complaint_id=complaint.pk,
        actor=investigator,
        party="witness",
        person_name="王邻居",
        content="看到阿姨十一点才到。",
    )

    assert statement.evidence.kind == "witness_statement"
    assert "王邻居" in statement.evidence.description


def test_site_visit_chains_its_note_and_photos(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)

    visit = services.site_visit_record(
        complaint_id=complaint.pk,
        actor=investigator,
        visited_at=timezone.now(),
        place="朝阳区某小区",
        present="调查员、客户",
        findings="厨房台面油污未清理。",
        photos=[SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")],
    )

    assert visit.note_evidence.sequence == 1
    assert [photo.sequence for photo in visit.photos.all()] == [2]
    assert services.evidence_chain_verify(complaint_id=complaint.pk)[complaint.pk].intact


def test_report_allows_mediation_only_once_submitted(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    assert not complaint.has_investigation_report()

    submitted_report(complaint, actor=investigator)

    assert complaint.has_investigation_report()
    with pytest.raises(ValidationError):
        submitted_report(complaint, actor=investigator)


def test_report_naming_a_worker_needs_the_name(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)

    with pytest.raises(ValidationError) as error:
        services.report_submit(
            complaint_id=complaint.pk, actor=investigator, **{**REPORT_FIELDS, "responsible_name": ""}
        )
    assert "responsible_name" in error.value.message_dict


def test_extension_is_approved_by_another_supervisor_and_signalled(agent, investigator, supervisor, other_supervisor):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    received = []

    def receiver(sender, complaint, hours, **kwargs):
        received.append((complaint.pk, hours))

    investigation_extension_approved.connect(receiver)
    try:
        request = services.extension_request(
            complaint_id=complaint.pk, actor=investigator, hours=24, reason="等待第三方报告"
        )
        services.extension_decide(request_id=request.pk, actor=supervisor, approve=True)
    finally:
        investigation_extension_approved.disconnect(receiver)

    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.APPROVED and request.decided_by == supervisor
    assert received == [(complaint.pk, 24)]


def test_supervisor_cannot_approve_own_extension(agent, investigator, supervisor):
    complaint = investigating_complaint(agent=agent, lead=investigator, members=[supervisor])
    request = services.extension_request(complaint_id=complaint.pk, actor=supervisor, hours=12, reason="需要更多时间")

    with pytest.raises(PermissionDenied):
        services.extension_decide(request_id=request.pk, actor=supervisor, approve=True)


def test_investigator_cannot_decide_extensions(agent, investigator, other_agent):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    request = services.extension_request(complaint_id=complaint.pk, actor=investigator, hours=12, reason="r")

    with pytest.raises(PermissionDenied):
        services.extension_decide(request_id=request.pk, actor=other_agent, approve=True)


def test_extensions_together_stay_under_the_cap(agent, investigator, supervisor, settings):
    settings.INVESTIGATION_EXTENSION_MAX_HOURS = 30
    complaint = investigating_complaint(agent=agent, lead=investigator)
    first = services.extension_request(complaint_id=complaint.pk, actor=investigator, hours=24, reason="r")
    services.extension_decide(request_id=first.pk, actor=supervisor, approve=True)

    with pytest.raises(ValidationError) as error:
        services.extension_request(complaint_id=complaint.pk, actor=investigator, hours=12, reason="r")
    assert "hours" in error.value.message_dict
    services.extension_request(complaint_id=complaint.pk, actor=investigator, hours=6, reason="r")
