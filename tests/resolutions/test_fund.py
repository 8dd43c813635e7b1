"""The advance-payment fund's ledger (专项基金预先垫付, seed 002): money put in, advance payments
drawn from it, money recovered, and what is still available."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from resolutions.models import FundEntry
from resolutions.services import compensation
from resolutions.services.fund import fund_entry_record, fund_position
from tests.resolutions.factories import complaint_mediating, voucher_png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _advance(agent, amount: str, *, paid: bool):
    complaint = complaint_mediating(agent)
    item = compensation.compensation_add(
        complaint_id=complaint.pk,
        actor=agent,
        kind="money",
        description="先行赔付",
        payer="company",
        amount=Decimal(amount),
        advance_payment=True,
    )
    if paid:
        compensation.compensation_pay(compensation_id=item.pk, actor=agent, voucher=voucher_png())
    return complaint


def _record(actor, kind="deposit", amount="10000.00", **fields):
    return fund_entry_record(
        actor=actor,
        kind=kind,
        amount=Decimal(amount),
        entered_on=fields.pop("entered_on", timezone.localdate()),
        note=fields.pop("note", "财务划拨"),
        **fields,
    )


def test_the_position_counts_deposits_paid_and_promised_advances_and_recoveries(agent, supervisor):
    _record(supervisor, amount="10000.00")
    paid = _advance(agent, "800.00", paid=True)
    _advance(agent, "300.00", paid=False)
    _record(supervisor, kind="recovery", amount="500.00", complaint=paid, note="保洁员赔付款")

    position = fund_position()

    assert (position.put_in, position.paid_out, position.recovered) == (
        Decimal("10000.00"),
        Decimal("800.00"),
        Decimal("500.00"),
    )
    assert position.balance == Decimal("9700.00")
    assert position.available == Decimal("9400.00")


def test_a_recovery_cannot_exceed_what_was_advanced_for_the_complaint(agent, supervisor):
    paid = _advance(agent, "800.00", paid=True)
    _record(supervisor, kind="recovery", amount="500.00", complaint=paid)

    with pytest.raises(ValidationError, match="Only 300.00 CNY"):
        _record(supervisor, kind="recovery", amount="400.00", complaint=paid)
    with pytest.raises(ValidationError, match="No advance payment"):
        _record(supervisor, kind="recovery", amount="10.00", complaint=_advance(agent, "50.00", paid=False))
    assert FundEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"note": "  "}, "note"),
        ({"entered_on": timezone.localdate() + timedelta(days=1)}, "entered_on"),
        ({"kind": "recovery"}, "complaint"),
    ],
)
def test_an_entry_without_its_facts_is_refused(supervisor, fields, field):
    with pytest.raises(ValidationError) as refused:
        _record(supervisor, **fields)
    assert field in refused.value.error_dict
    assert not FundEntry.objects.exists()


def test_only_supervisors_keep_the_ledger(agent):
    with pytest.raises(PermissionDenied):
        _record(agent)


def test_the_ledger_page_shows_movements_and_warns_when_promises_exceed_the_balance(
    client, agent, supervisor, django_assert_max_num_queries
):
    _record(supervisor, amount="100.00", note="首笔划拨")
    _advance(agent, "80.00", paid=True)
    _advance(agent, "50.00", paid=False)
    client.force_login(supervisor)

    # The menu counts a supervisor's lists that reach closed complaints (flags due, approvals,
    # requests about personal data) with a query each, so that no list reads every complaint.
    with django_assert_max_num_queries(15):
        page = client.get("/desk/fund/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "首笔划拨" in page and "Advance payment" in page and "-80.00" in page
    assert "The fund needs money before the promised payments." in page
    assert "<dd>20.00</dd>" in page  # the balance, in cents


def test_the_page_records_an_entry_and_names_an_unknown_complaint(client, supervisor):
    client.force_login(supervisor)
    data = {"kind": "recovery", "amount": "10", "entered_on": timezone.localdate().isoformat(), "note": "追回"}

    refused = client.post("/desk/fund/", {**data, "tracking_number": "TS000000NONE"}, HTTP_ACCEPT_LANGUAGE="en")
    recorded = client.post("/desk/fund/", {**data, "kind": "deposit"})

    assert refused.status_code == 400 and "No complaint has this tracking number." in refused.content.decode()
    assert recorded.status_code == 302
    assert FundEntry.objects.get().amount == Decimal("10.00")


def test_agents_do_not_see_the_fund(client, agent):
    client.force_login(agent)
    assert client.get("/desk/fund/").status_code == 403
