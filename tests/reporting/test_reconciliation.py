"""The half-yearly reconciliation of the complaint ledger with finance's payments (seed 002:
审计部门每半年核查投诉台账与财务赔偿记录的匹配度): every mismatch is listed, nothing is lost."""

from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from reporting.models import Reconciliation
from reporting.reconciliation import FinanceFileError, HalfYear, Mismatch, NothingToReconcile, finance_rows
from reporting.services import reconciliation_run
from resolutions.models import Compensation
from resolutions.services.compensation import compensation_pay
from tests.resolutions.factories import complaint_resolved, voucher_png

pytestmark = pytest.mark.django_db

SHANGHAI = timezone.get_fixed_timezone(8 * 60)
H2 = HalfYear(2026, 2)


def _paid(agent, amount: str, reference: str):
    complaint = complaint_resolved(agent, amount=Decimal(amount))
    item = complaint.compensations.get()
    compensation_pay(compensation_id=item.pk, actor=agent, voucher=voucher_png(), payment_reference=reference)
    return complaint


def _csv(*lines: str, encoding: str = "utf-8") -> bytes:
    return "\n".join(["付款单号,金额,付款日期", *lines]).encode(encoding)


@pytest.fixture
def ledger(agent):
    """Five money compensations of July 2026, one of each outcome."""
    with time_machine.travel(datetime(2026, 7, 10, 10, tzinfo=SHANGHAI)):
        return {
            "matched": _paid(agent, "200.00", "FK-001"),
            "amount": _paid(agent, "300.00", "FK-002"),
            "desk_only": _paid(agent, "150.00", "FK-003"),
            "no_reference": _paid(agent, "80.00", ""),
            "unpaid": complaint_resolved(agent, amount=Decimal("500.00")),
        }


def test_every_mismatch_is_listed_by_kind(agent, ledger):
    rows = finance_rows(_csv("FK-001,200.00,2026-07-10", "FK-002,250.00,2026-07-10", "FK-999,60.00,2026-07-11"))
    with time_machine.travel(datetime(2026, 12, 20, 10, tzinfo=SHANGHAI)):
        record = reconciliation_run(
            half=H2,
            file_name="finance.csv",
            data=_csv("FK-001,200.00,2026-07-10", "FK-002,250.00,2026-07-10", "FK-999,60.00,2026-07-11"),
            by=agent,
        )
    result = record.result
    by_kind = {m["kind"]: m for m in result["mismatches"]}
    assert set(by_kind) == {
        Mismatch.AMOUNT,
        Mismatch.DESK_ONLY,
        Mismatch.NO_REFERENCE,
        Mismatch.UNPAID,
        Mismatch.FINANCE_ONLY,
    }
    assert (
        by_kind[Mismatch.AMOUNT]["desk_amount"] == "300.00" and by_kind[Mismatch.AMOUNT]["finance_amount"] == "250.00"
    )
    assert by_kind[Mismatch.DESK_ONLY]["tracking_number"] == ledger["desk_only"].tracking_number
    assert by_kind[Mismatch.NO_REFERENCE]["tracking_number"] == ledger["no_reference"].tracking_number
    assert by_kind[Mismatch.UNPAID]["tracking_number"] == ledger["unpaid"].tracking_number
    assert (
        by_kind[Mismatch.FINANCE_ONLY]["reference"] == "FK-999" and by_kind[Mismatch.FINANCE_ONLY]["finance_line"] == 4
    )
    assert result["matched"] == 1 and result["desk_payments"] == 4 and result["desk_total"] == "730.00"
    assert result["finance_total"] == "510.00" and len(rows) == 3
    assert record.finance_file_sha256 and record.run_by == agent


def test_payments_of_another_half_year_are_not_compared(agent, ledger):
    with time_machine.travel(datetime(2026, 12, 20, 10, tzinfo=SHANGHAI)):
        with pytest.raises(NothingToReconcile):
            reconciliation_run(half=HalfYear(2026, 1), file_name="f.csv", data=_csv(), by=agent)
    assert not Reconciliation.objects.exists()


def test_an_unpaid_item_not_yet_due_is_no_mismatch(agent):
    with time_machine.travel(datetime(2026, 12, 20, 10, tzinfo=SHANGHAI)):
        complaint_resolved(agent, amount=Decimal("100.00"))  # due in a week
        with pytest.raises(NothingToReconcile):
            reconciliation_run(half=H2, file_name="f.csv", data=_csv(), by=agent)
    assert Compensation.objects.filter(status=Compensation.Status.AGREED).count() == 1


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"ref;amt\nFK-1;2", "付款单号"),
        (_csv("FK-1,abc,2026-07-01"), "第 2 行"),
        (_csv("FK-1,-5,2026-07-01"), "第 2 行"),
        (_csv("FK-1,10,2026-07-01", "FK-1,10,2026-07-02"), "第 3 行"),
        (_csv("FK-1,10,31.07.2026"), "第 2 行"),
        (_csv(",10,2026-07-01"), "第 2 行"),
        (b"\xff\xfe\x00\x00" * 10, "CSV"),
        (b"x" * (2 * 1024 * 1024 + 1), "2 MB"),
    ],
)
def test_a_bad_finance_file_is_refused_with_its_line(data, words):
    with pytest.raises(FinanceFileError) as refused:
        finance_rows(data)
    assert words in " ".join(refused.value.messages)


def test_excel_chinese_csv_in_gb18030_with_yuan_signs_is_read():
    rows = finance_rows(_csv('FK-1,"¥1,200.50",2026/07/31', encoding="gb18030"))
    assert (rows[0].reference, rows[0].amount, rows[0].paid_on.isoformat()) == (
        "FK-1",
        Decimal("1200.50"),
        "2026-07-31",
    )


def test_supervisor_reconciles_in_the_browser_and_finds_the_mismatches(client, supervisor, ledger):
    with time_machine.travel(datetime(2026, 12, 20, 10, tzinfo=SHANGHAI)):
        client.force_login(supervisor)
        page = client.get(reverse("report-reconciliations"))
        assert page.status_code == 200 and "2026-H2" in page.content.decode()
        answer = client.post(
            reverse("report-reconciliations"),
            {"half_year": "2026-H2", "finance_file": SimpleUploadedFile("fin.csv", _csv("FK-001,200.00,2026-07-10"))},
        )
        assert answer.status_code == 302
        detail = client.get(answer["Location"]).content.decode()
    assert ledger["desk_only"].tracking_number in detail and ledger["unpaid"].tracking_number in detail
    assert "fin.csv" in detail


def test_a_refused_file_keeps_nothing_and_says_why(client, supervisor, ledger):
    with time_machine.travel(datetime(2026, 12, 20, 10, tzinfo=SHANGHAI)):
        client.force_login(supervisor)
        answer = client.post(
            reverse("report-reconciliations"),
            {"half_year": "2026-H2", "finance_file": SimpleUploadedFile("fin.csv", _csv("FK-001,lots,2026-07-10"))},
        )
    assert answer.status_code == 400 and "第 2 行" in answer.content.decode()
    assert not Reconciliation.objects.exists()


def test_only_supervisors_reconcile(client, agent, manager):
    for user in (agent, manager):
        client.force_login(user)
        assert client.get(reverse("report-reconciliations")).status_code == 403
