from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from intake.models import State
from resolutions.forms import CompensationForm
from resolutions.models import Compensation
from resolutions.services import compensation, outcome

from .factories import complaint_in_follow_up, complaint_mediating, complaint_resolved, voucher_png

pytestmark = pytest.mark.django_db


def test_amounts_are_decimals_with_two_places(agent):
    complaint = complaint_resolved(agent, amount=Decimal("0.1") + Decimal("0.2"))
    item = complaint.compensations.get()
    item.refresh_from_db()
    assert item.amount == Decimal("0.30") and isinstance(item.amount, Decimal)


@pytest.mark.parametrize(
    ("amount", "valid"), [("199.99", True), ("-1", False), ("1.005", False), ("abc", False), ("0.1", True)]
)
def test_compensation_form_validates_the_amount(amount, valid):
    form = CompensationForm({"kind": "money", "description": "退款", "amount": amount, "payer": "company"})
    assert form.is_valid() is valid
    if valid:
        assert isinstance(form.cleaned_data["amount"], Decimal)


def test_negative_amount_is_refused_by_the_service(agent):
    complaint = complaint_mediating(agent)
    with pytest.raises(ValidationError):
        compensation.compensation_add(
            complaint_id=complaint.pk,
            actor=agent,
            kind="money",
            description="x",
            payer="company",
            amount=Decimal("-5"),
            advance_payment=True,
        )


def test_advance_payment_is_agreed_at_once_from_the_fund(agent):
    complaint = complaint_mediating(agent)
    item = compensation.compensation_add(
        complaint_id=complaint.pk,
        actor=agent,
        kind="money",
        description="先行赔付",
        payer="company",
        amount=Decimal("500.00"),
        advance_payment=True,
    )
    assert item.status == Compensation.Status.AGREED and item.payer == Compensation.Payer.FUND


def test_compensation_is_paid_once(agent):
    complaint = complaint_resolved(agent)
    item = complaint.compensations.get()
    compensation.compensation_pay(compensation_id=item.pk, actor=agent, voucher=voucher_png())
    with pytest.raises(ValidationError) as refused:
        compensation.compensation_pay(compensation_id=item.pk, actor=agent, voucher=voucher_png())
    assert refused.value.code == "paid"
    item.refresh_from_db()
    assert item.voucher_sha256 and "receipt" not in item.voucher.name


def test_money_payment_needs_a_real_voucher(agent):
    complaint = complaint_resolved(agent)
    item = complaint.compensations.get()
    with pytest.raises(ValidationError):
        compensation.compensation_pay(compensation_id=item.pk, actor=agent)
    fake = SimpleUploadedFile("receipt.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    with pytest.raises(ValidationError):
        compensation.compensation_pay(compensation_id=item.pk, actor=agent, voucher=fake)


def test_only_payment_recorders_record_payments(agent, investigator):
    complaint = complaint_resolved(agent)
    with pytest.raises(PermissionDenied):
        compensation.compensation_pay(
            compensation_id=complaint.compensations.get().pk, actor=investigator, voucher=voucher_png()
        )


def test_unpaid_agreed_compensation_blocks_closing(agent):
    complaint = complaint_resolved(agent)
    outcome.result_notice_send(complaint_id=complaint.pk, actor=agent)
    outcome.result_notice_confirm_phone(complaint_id=complaint.pk, actor=agent)
    complaint.refresh_from_db()
    assert not complaint.can_be_closed()
    with pytest.raises(ValidationError) as refused:
        outcome.follow_up_close(complaint_id=complaint.pk, actor=agent)
    assert refused.value.code == "conditions"


def test_paid_complaint_can_be_closed(agent):
    complaint = complaint_in_follow_up(agent)
    assert complaint.can_be_closed()
    outcome.follow_up_close(complaint_id=complaint.pk, actor=agent)
    complaint.refresh_from_db()
    assert complaint.state == State.CLOSED and complaint.closed_at
