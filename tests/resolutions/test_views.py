"""The resolutions pages: panel forms, workbench actions, the notice and vouchers."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from intake.models import State
from resolutions.models import Compensation, Party
from resolutions.services import mediation, ruling

from .factories import complaint_in_follow_up, complaint_mediating, complaint_resolved, fresh, voucher_png

pytestmark = pytest.mark.django_db


def _post(client, name, complaint, data=None, **ids):
    data = {"seen_version": fresh(complaint).version, **(data or {})}
    return client.post(reverse(name, kwargs={"pk": complaint.pk, **ids}), data)


def _rows(amount: str, *, worker: str = "", due: str = "", name: str = "proposal_items") -> dict:
    """One compensation row of a panel form, as the browser posts it."""
    due = due or (timezone.localdate() + timedelta(days=5)).isoformat()
    return {
        f"{name}-TOTAL_FORMS": "2",
        f"{name}-INITIAL_FORMS": "0",
        f"{name}-0-kind": "money",
        f"{name}-0-description": "退款",
        f"{name}-0-amount": amount,
        f"{name}-0-company_share": "",
        f"{name}-0-worker_share": worker,
        f"{name}-0-due_on": due,
    }


def test_agent_mediates_to_a_settlement_through_the_panel(client, agent):
    complaint = complaint_mediating(agent)
    client.force_login(agent)
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert reverse("resolution-proposal-add", args=[complaint.pk]) in page
    _post(client, "resolution-proposal-add", complaint, {"complainant_gets": "退款并道歉", **_rows("100.00")})
    proposal = complaint.mediation_proposals.get()
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
        {"seen_version": complaint.version - 1, "complainant_gets": "保留的方案"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "保留的方案" in page and "请刷新页面" in page
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


def test_notice_is_sent_only_after_its_confirmation(client, agent):
    complaint = complaint_resolved(agent, amount=None)
    client.force_login(agent)
    shown = _post(client, "resolution-notice-send", complaint)
    assert shown.status_code == 302 and shown["Location"] == reverse("resolution-notice", args=[complaint.pk])
    assert fresh(complaint).state == State.RESOLVED
    preview = client.get(shown["Location"]).content.decode()
    assert "notice-send" in preview and complaint.complainant_name in preview
    unconfirmed = _post(client, "resolution-notice-send", complaint, {"expected_effect": "保留的效果"})
    assert unconfirmed.status_code == 400 and "保留的效果" in unconfirmed.content.decode()
    _post(client, "resolution-notice-send", complaint, {"expected_effect": "不再迟到", "confirmed": "on"})
    assert fresh(complaint).state == State.NOTIFIED
    page = client.get(reverse("resolution-notice", args=[complaint.pk])).content.decode()
    assert complaint.complainant_name in page and "不再迟到" in page  # the complainant's own letter
    pdf = client.get(reverse("resolution-notice-pdf", args=[complaint.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert complaint.tracking_number in text and complaint.complainant_name in text


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


def test_a_voucher_that_is_not_a_photo_or_pdf_is_refused_and_the_reference_kept(client, agent):
    complaint = complaint_resolved(agent)
    item = complaint.compensations.get()
    client.force_login(agent)
    fake = io.BytesIO(b"<html><script>alert(1)</script></html>")
    fake.name = "receipt.png"
    response = client.post(
        reverse("resolution-compensation-pay", args=[complaint.pk, item.pk]),
        {"seen_version": fresh(complaint).version, "voucher": fake, "payment_reference": "保留的流水号"},
    )
    assert response.status_code == 400
    assert "保留的流水号" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Compensation.Status.AGREED and not item.voucher


def test_the_agent_reopens_a_payment_the_complainant_says_never_arrived(client, agent):
    complaint = complaint_in_follow_up(agent)
    client.force_login(agent)
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert reverse("resolution-payment-reopen", args=[complaint.pk]) in page
    _post(client, "resolution-payment-reopen", complaint, {"reason": "电话中说钱没收到"})
    assert complaint.compensations.get().status == Compensation.Status.AGREED
    assert not fresh(complaint).can_be_closed()


def test_an_amendment_typed_wrong_comes_back_with_what_was_typed(client, agent):
    complaint = complaint_resolved(agent)
    client.force_login(agent)
    response = _post(
        client, "resolution-compensation-amend", complaint, _rows("100.00", worker="150.00", name="amend_items")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="150.00"' in page and "必须等于赔偿金额" in page
    assert complaint.compensations.get().amount == 200
