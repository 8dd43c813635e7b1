"""The complainant hears of each step that matters to them, once, in Chinese, with the tracking link."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.models import OutboxMessage
from resolutions.services import ends, outcome
from tests.resolutions.factories import (
    complaint_accepted,
    complaint_in_follow_up,
    complaint_mediating,
    complaint_resolved,
    pay_all,
    propose,
)

pytestmark = pytest.mark.django_db


def _messages(complaint, purpose):
    return OutboxMessage.objects.filter(complaint=complaint, purpose=purpose, channel="sms")


def _only(complaint, purpose) -> str:
    messages = list(_messages(complaint, purpose))
    assert len(messages) == 1
    body = messages[0].body
    assert complaint.tracking_number in body
    assert f"/track/?number={complaint.tracking_number}" in body
    assert "查询进度" in body
    return body


def test_investigation_start_is_announced(agent):
    with translation.override("en"):  # the staff member's language does not leak into the SMS
        complaint = complaint_mediating(agent)
    assert "调查" in _only(complaint, "investigation_started")


def test_proposal_asks_for_the_complainants_answer(agent):
    complaint = complaint_mediating(agent)
    propose(complaint, agent)
    assert "调解方案" in _only(complaint, "proposal_awaiting")


def test_payment_names_what_was_paid(agent):
    complaint = complaint_resolved(agent)
    pay_all(complaint, agent)
    assert "¥200.00" in _only(complaint, "payment_made")
    assert "金钱赔偿" in _only(complaint, "payment_made")


def test_closing_is_announced_once(agent):
    complaint = complaint_in_follow_up(agent)
    outcome.follow_up_close(complaint_id=complaint.pk, actor=agent)
    assert "已办结" in _only(complaint, "closed")


def test_withdrawal_is_confirmed(agent):
    complaint = complaint_accepted(agent)
    ends.complaint_withdraw(complaint_id=complaint.pk, actor=agent, reason="已私下协商")
    assert "撤回" in _only(complaint, "withdrawn")


def test_referral_names_the_route_and_no_internal_note(agent):
    complaint = complaint_mediating(agent)
    ends.complaint_refer(
        complaint_id=complaint.pk,
        actor=agent,
        route="consumer_association",
        referred_on=date(2026, 11, 1),
        note="内部备注：客户情绪激动",
    )
    body = _only(complaint, "referred")
    assert "消费者协会" in body
    assert "内部备注" not in body


def test_a_transfer_by_the_desk_tells_the_complainant_which_body_and_why(agent):
    complaint = complaint_mediating(agent)
    ends.complaint_refer(
        complaint_id=complaint.pk,
        actor=agent,
        route="superior",
        initiated_by="desk",
        body="公司总部客户服务中心",
        referred_on=date(2026, 11, 1),
        note="该订单由总部直营门店提供服务。",
    )
    body = _only(complaint, "transferred_out")
    assert "公司总部客户服务中心" in body and "该订单由总部直营门店提供服务" in body
    assert not _messages(complaint, "referred").exists()


def test_a_transfer_by_the_desk_needs_the_body_and_the_reason(agent):
    complaint = complaint_mediating(agent)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        ends.complaint_refer(
            complaint_id=complaint.pk,
            actor=agent,
            route="other_body",
            initiated_by="desk",
            referred_on=date(2026, 11, 1),
        )
    assert set(refused.value.error_dict) == {"body", "note"}
    complaint.refresh_from_db()
    assert complaint.state == "mediating" and not complaint.referrals.exists()


def test_email_follows_when_the_complainant_gave_one(agent):
    complaint = complaint_mediating(agent, email="li@example.com")
    assert (
        OutboxMessage.objects.filter(complaint=complaint, purpose="investigation_started", channel="email").count() == 1
    )


def test_accepted_message_carries_the_filled_in_tracking_link(agent):
    complaint = complaint_accepted(agent)
    _only(complaint, "accepted")
