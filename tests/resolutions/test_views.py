"""The resolutions pages: panel forms, workbench actions, the notice and vouchers."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from intake.models import State
from resolutions.models import Compensation, Party
from resolutions.services import mediation, ruling

from .factories import complaint_in_follow_up, complaint_mediating, complaint_resolved, fresh, voucher_png

pytestmark = pytest.mark.django_db


def _post(client, name, complaint, data=None, **ids):
    data = {"seen_version": fresh(complaint).version, **(data or {})}
    return client.post(reverse(name, kwargs={"pk": complaint.pk, **ids}), data)


def test_agent_mediates_to_a_settlement_through_the_panel(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert reverse("resolution-proposal-add", args=[complaint.pk]) in page
    _post(client, "resolution-proposal-add", complaint, {"complainant_gets": "退款 100 元"})
    proposal = complaint.mediation_proposals.get()
    _post(
        client,
        "resolution-compensation-add",
        complaint,
        {"kind": "money", "description": "退款", "amount": "100.00", "payer": "company"},
    )
    for party in Party.values:
        _post(client, "resolution-answer-add", complaint, {"party": party, "accepted": "yes"}, proposal_id=proposal.pk)
    assert fresh(complaint).state == State.RESOLVED
    assert complaint.compensations.get().status == Compensation.Status.AGREED


def test_invalid_panel_form_is_shown_again_with_what_was_typed(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    response = _post(
        client,
        "resolution-compensation-add",
        complaint,
        {"kind": "money", "description": "保留的描述", "amount": "-3", "payer": "company"},
    )
    assert response.status_code == 400
    assert "保留的描述" in response.content.decode()


def test_stale_page_gets_the_reload_message(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    response = client.post(
        reverse("resolution-proposal-add", args=[complaint.pk]),
        {"seen_version": complaint.version - 1, "complainant_gets": "x"},
        follow=True,
    )
    assert response.status_code == 200
    assert not complaint.mediation_proposals.exists()


def test_state_changes_refuse_get_and_other_roles(client, agent, investigator):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    assert client.get(reverse("resolution-withdraw", args=[complaint.pk])).status_code == 405
    client.force_login(investigator)
    response = _post(client, "resolution-proposal-add", complaint, {"complainant_gets": "x"})
    assert response.status_code == 403


def test_withdraw_action_needs_the_reason(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    assert _post(client, "resolution-withdraw", complaint, {"reason": ""}).status_code == 400
    _post(client, "resolution-withdraw", complaint, {"reason": "不想继续"})
    assert fresh(complaint).state == State.WITHDRAWN


def test_notice_is_sent_and_rendered_as_page_and_cid_font_pdf(client, agent):
    complaint = complaint_resolved(agent, amount=None)
    client.force_login(agent)
    _post(client, "resolution-notice-send", complaint)
    assert fresh(complaint).state == State.NOTIFIED
    page = client.get(reverse("resolution-notice", args=[complaint.pk])).content.decode()
    assert complaint.tracking_number in page and "张三" not in page  # masked for an agent
    pdf = client.get(reverse("resolution-notice-pdf", args=[complaint.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert b"STSong-Light" in pdf.content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert complaint.tracking_number in text


def test_pdf_does_not_follow_markup_in_the_record(client, supervisor, agent):
    complaint = complaint_resolved(agent, amount=None, description='<img src="/etc/passwd"/> 描述')
    client.force_login(supervisor)
    pdf = client.get(reverse("resolution-notice-pdf", args=[complaint.pk]))
    assert pdf.status_code == 200
    assert "img src" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)


def test_voucher_is_served_only_to_staff_of_that_complaint(client, agent, manager):
    complaint = complaint_resolved(agent)
    item = complaint.compensations.get()
    client.force_login(agent)
    response = client.post(
        reverse("resolution-compensation-pay", args=[complaint.pk, item.pk]),
        {"seen_version": fresh(complaint).version, "voucher": voucher_png()},
    )
    assert response.status_code == 302
    url = reverse("resolution-voucher", args=[complaint.pk, item.pk])
    download = client.get(url)
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    other = complaint_mediating(agent)
    assert client.get(reverse("resolution-voucher", args=[other.pk, item.pk])).status_code == 404
    client.force_login(manager)
    assert client.get(url).status_code == 403


def test_reopen_action_goes_back_to_investigation(client, agent):
    complaint = complaint_in_follow_up(agent)
    client.force_login(agent)
    _post(client, "resolution-reopen", complaint, {"reason": "不满意"})
    assert fresh(complaint).state == State.INVESTIGATING


def test_answer_to_another_complaints_proposal_is_not_found(client, agent):
    complaint = complaint_mediating(agent)
    other = complaint_mediating(agent)
    client.force_login(agent)
    _post(client, "resolution-proposal-add", other, {"complainant_gets": "x"})
    proposal = other.mediation_proposals.get()
    response = _post(
        client, "resolution-answer-add", complaint, {"party": "complainant", "accepted": "yes"}, proposal_id=proposal.pk
    )
    assert response.status_code == 404


def test_agent_adds_an_advance_payment_while_the_panel_sits(client, agent, panel):
    complaint = complaint_mediating(agent)
    proposal = complaint.mediation_proposals.create(complainant_gets="方案", proposed_by=agent)
    mediation.mediation_answer_record(
        proposal_id=proposal.pk, actor=agent, party=Party.COMPLAINANT, accepted=False, reason="不同意"
    )
    mediation.ruling_request(complaint_id=complaint.pk, actor=agent)
    ruling.ruling_form(complaint_id=complaint.pk, actor=agent, members=panel)
    client.force_login(agent)
    data = {"kind": "money", "description": "先行赔付", "amount": "150.00", "payer": "fund", "advance_payment": "on"}
    assert _post(client, "resolution-compensation-add", complaint, data).status_code == 302
    item = complaint.compensations.get()
    assert item.advance_payment and item.ruling_id is None and item.status == Compensation.Status.AGREED
