"""Compensation belongs to the agreement: in the proposal and the ruling, amendable until the
notice is sent, asked again after an amendment, and never sent without a payment plan."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from intake.models import State
from resolutions.forms import CompensationItemForm, ProposalForm
from resolutions.models import Compensation, CompensationPolicy, Party, Verdict
from resolutions.services import agreement, compensation, mediation, outcome, ruling
from resolutions.services.compensation import CompensationItem

from .factories import complaint_mediating, complaint_resolved, fresh, pay_all, propose, refund

pytestmark = pytest.mark.django_db


def _answer(proposal, agent, party, accepted=True, reason=""):
    return mediation.mediation_answer_record(
        proposal_id=proposal.pk, actor=agent, party=party, accepted=accepted, reason=reason
    )


def _send(complaint, agent):
    return outcome.result_notice_send(complaint_id=complaint.pk, actor=agent, expected_effect="不再发生")


def test_the_proposal_carries_its_items_and_the_agreement_shows_their_amounts(agent):
    complaint = complaint_mediating(agent)
    proposal = propose(complaint, agent, amount=Decimal("800.00"))
    for party in Party.values:
        _answer(proposal, agent, party)
    terms = fresh(complaint).settlements.get().terms
    assert "¥800.00" in terms
    assert complaint.compensations.get().status == Compensation.Status.AGREED


@pytest.mark.parametrize("text", ["公司赔偿地板修复费用 800 元", "赔偿 ¥800", "退款300块"])
def test_an_amount_typed_into_the_proposal_text_is_refused(text):
    form = ProposalForm({"complainant_gets": text})
    assert not form.is_valid() and "complainant_gets" in form.errors


def test_an_amendment_after_one_side_agreed_asks_that_side_again(agent):
    complaint = complaint_mediating(agent)
    proposal = propose(complaint, agent, amount=Decimal("500.00"))
    _answer(proposal, agent, Party.COMPLAINANT)
    agreement.compensation_plan_amend(complaint_id=complaint.pk, actor=agent, items=[refund(Decimal("800.00"))])
    proposal.refresh_from_db()
    assert proposal.revision == 2
    assert proposal.parties_to_ask == [Party.COMPLAINANT, Party.RESPONDENT]
    _answer(proposal, agent, Party.RESPONDENT)
    assert fresh(complaint).state == State.MEDIATING  # the complainant has not seen 800 yet
    _answer(proposal, agent, Party.COMPLAINANT)
    assert fresh(complaint).state == State.RESOLVED
    live = complaint.compensations.exclude(status=Compensation.Status.VOID)
    assert [item.amount for item in live] == [Decimal("800.00")]


def test_an_amended_settlement_is_answered_again_before_the_notice_can_be_sent(agent):
    complaint = complaint_resolved(agent, amount=Decimal("500.00"))
    agreement.compensation_plan_amend(complaint_id=complaint.pk, actor=agent, items=[refund(Decimal("800.00"))])
    with pytest.raises(ValidationError, match="投诉人"):
        _send(complaint, agent)
    proposal = complaint.mediation_proposals.get()
    for party in Party.values:
        _answer(proposal, agent, party)
    assert "¥800.00" in fresh(complaint).settlements.get().terms
    notice = _send(complaint, agent)
    assert [item["amount"] for item in notice.content["compensations"]] == ["800.00"]


def test_the_compensation_cannot_be_amended_after_the_notice_was_sent(agent):
    complaint = complaint_resolved(agent)
    _send(complaint, agent)
    with pytest.raises(ValidationError, match="通知书"):
        agreement.compensation_plan_amend(complaint_id=complaint.pk, actor=agent, items=[refund()])


def test_a_paid_item_stays_as_paid_when_the_rest_is_amended(agent):
    complaint = complaint_resolved(agent)
    pay_all(complaint, agent)
    agreement.compensation_plan_amend(
        complaint_id=complaint.pk,
        actor=agent,
        items=[CompensationItem(kind=Compensation.Kind.APOLOGY, description="书面道歉")],
    )
    statuses = sorted(complaint.compensations.values_list("status", flat=True))
    assert statuses == [Compensation.Status.PAID, Compensation.Status.PROPOSED]


def test_the_notice_is_refused_while_an_agreed_item_has_no_payment_plan(agent):
    complaint = complaint_mediating(agent)
    compensation.compensation_add(
        complaint_id=complaint.pk,
        actor=agent,
        kind=Compensation.Kind.MONEY,
        description="先行赔付",
        payer=Compensation.Payer.FUND,
        amount=Decimal("100.00"),
        advance_payment=True,
    )
    proposal = propose(complaint, agent, amount=None)
    for party in Party.values:
        _answer(proposal, agent, party)
    with pytest.raises(ValidationError, match="付款计划"):
        _send(complaint, agent)
    assert fresh(complaint).state == State.RESOLVED and not complaint.result_notices.exists()


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "-5"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"amount": "100", "company_share": "60", "worker_share": "30"}, "worker_share"),
        ({"amount": "100", "due_on": ""}, "due_on"),
        ({"amount": "60000"}, "amount"),
    ],
)
def test_bad_compensation_rows_are_refused_with_a_message(row, field):
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    form = CompensationItemForm({"kind": "money", "description": "退款", "due_on": due, **row})
    assert not form.is_valid() and field in form.errors


def test_the_limit_set_in_admin_applies_to_the_form_and_the_service(agent):
    CompensationPolicy.objects.create(max_amount=Decimal("300.00"))
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    form = CompensationItemForm({"kind": "money", "description": "退款", "amount": "301", "due_on": due})
    assert not form.is_valid() and "amount" in form.errors
    complaint = complaint_mediating(agent)
    with pytest.raises(ValidationError):
        propose(complaint, agent, amount=Decimal("301.00"))
    assert not complaint.mediation_proposals.exists()  # nothing half-saved


def test_a_split_between_company_and_worker_is_kept_on_the_item(agent):
    complaint = complaint_mediating(agent)
    mediation.mediation_propose(
        complaint_id=complaint.pk,
        actor=agent,
        complainant_gets="赔偿并道歉",
        items=[refund(Decimal("800.00"), worker_share=Decimal("300.00"))],
    )
    item = complaint.compensations.get()
    assert (item.payer_share, item.worker_share) == (Decimal("500.00"), Decimal("300.00"))


def test_the_ruling_carries_its_compensation(agent, panel):
    complaint = complaint_mediating(agent)
    proposal = propose(complaint, agent, amount=None)
    _answer(proposal, agent, Party.COMPLAINANT, accepted=False, reason="太少")
    mediation.ruling_request(complaint_id=complaint.pk, actor=agent)
    ruling.ruling_form(complaint_id=complaint.pk, actor=agent, members=panel)
    for member in panel:
        ruling.ruling_vote(complaint_id=complaint.pk, actor=member, verdict=Verdict.UPHOLD, opinion="支持")
    ruling.ruling_decide(complaint_id=complaint.pk, actor=panel[0], basis="合同第六条", items=[refund()])
    item = complaint.compensations.get(ruling__isnull=False)
    assert item.status == Compensation.Status.AGREED and item.due_on is not None
    agreement.compensation_plan_amend(complaint_id=complaint.pk, actor=panel[0], items=[refund(Decimal("900.00"))])
    assert complaint.compensations.get(status=Compensation.Status.AGREED).amount == Decimal("900.00")


def test_the_fingerprints_the_evidence_chain_appends_change_with_their_record(agent):
    from resolutions.records import resolution_records

    complaint = complaint_resolved(agent)
    pay_all(complaint, agent)
    _send(complaint, agent)
    before = dict(((kind, pk), digest) for kind, pk, digest in resolution_records(complaint_id=complaint.pk))
    assert {kind for kind, _pk in before} == {"settlement", "result_notice", "payment_voucher"}
    settlement = complaint.settlements.get()
    settlement.terms += "（改）"
    settlement.save()
    notice = complaint.result_notices.get()
    notice.content["facts"] = "改过的事实"
    notice.save()
    after = dict(((kind, pk), digest) for kind, pk, digest in resolution_records(complaint_id=complaint.pk))
    changed = {kind for (kind, pk), digest in after.items() if before[(kind, pk)] != digest}
    assert changed == {"settlement", "result_notice"}


def test_a_rejected_amendment_of_a_settlement_can_be_amended_again(agent):
    complaint = complaint_resolved(agent, amount=Decimal("500.00"))
    agreement.compensation_plan_amend(complaint_id=complaint.pk, actor=agent, items=[refund(Decimal("300.00"))])
    proposal = complaint.mediation_proposals.get()
    _answer(proposal, agent, Party.COMPLAINANT, accepted=False, reason="太少")
    with pytest.raises(ValidationError):
        _send(complaint, agent)
    agreement.compensation_plan_amend(complaint_id=complaint.pk, actor=agent, items=[refund(Decimal("450.00"))])
    for party in Party.values:
        _answer(proposal, agent, party)
    notice = _send(complaint, agent)
    assert [item["amount"] for item in notice.content["compensations"]] == ["450.00"]
