"""The half-yearly reconciliation of the complaint ledger with finance's compensation payments
(seed 002: 审计部门每半年核查投诉台账与财务赔偿记录的匹配度).

The desk knows every money compensation a complaint agreed and every payment recorded against it
(with finance's payment reference and the voucher). Finance knows what actually left the
company's accounts. Comparing the two, payment reference by payment reference, lists every
mismatch: a payment the desk recorded that finance does not have, one finance made that no
complaint accounts for, an amount that differs, a payment the desk cannot match because it has
no reference, and an agreed compensation past its date with no payment at all.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resolutions.models import Compensation

#: A finance export larger than this is not a half-year of compensation payments.
MAX_FILE_BYTES = 2 * 1024 * 1024
_HALF = re.compile(r"^(\d{4})-H([12])$")

#: Column names accepted in finance's CSV export, in Chinese or English, for each field.
COLUMNS = {
    "reference": {"payment_reference", "reference", "付款单号", "凭证号", "支付流水号"},
    "amount": {"amount", "金额", "付款金额"},
    "paid_on": {"paid_on", "date", "付款日期", "日期"},
}


class Mismatch:
    """The kinds of mismatch, in the order the page lists them."""

    UNPAID = "unpaid"
    NO_REFERENCE = "no_reference"
    AMOUNT = "amount"
    DESK_ONLY = "desk_only"
    FINANCE_ONLY = "finance_only"

    LABELS = {
        UNPAID: gettext_lazy("Agreed and past its date, with no payment recorded"),
        NO_REFERENCE: gettext_lazy("Paid in the desk without a payment reference (cannot be matched)"),
        AMOUNT: gettext_lazy("Amounts differ"),
        DESK_ONLY: gettext_lazy("Paid in the desk, not in finance's records"),
        FINANCE_ONLY: gettext_lazy("Paid by finance, on no complaint"),
    }


class FinanceFileError(ValueError):
    """Finance's file cannot be read; ``messages`` say why, line by line, in the user's language."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


class NothingToReconcile(ValueError):
    pass


@dataclass(frozen=True, order=True)
class HalfYear:
    year: int
    half: int

    @classmethod
    def parse(cls, text: str) -> HalfYear:
        match = _HALF.match(text or "")
        if not match:
            raise ValueError(f"not a half-year: {text!r}")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def recent(cls, count: int = 4) -> list[HalfYear]:
        """The current half-year and the ones before it, newest first."""
        today = timezone.localdate()
        half = cls(today.year, 1 if today.month <= 6 else 2)
        halves = [half]
        while len(halves) < count:
            half = HalfYear(half.year, 1) if half.half == 2 else HalfYear(half.year - 1, 2)
            halves.append(half)
        return halves

    def __str__(self) -> str:
        return f"{self.year}-H{self.half}"

    @property
    def first_day(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first_day, datetime.min.time()))

    @property
    def end(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.last_day + timedelta(days=1), datetime.min.time()))


@dataclass(frozen=True)
class FinanceRow:
    line: int
    reference: str
    amount: Decimal
    paid_on: date | None


def finance_rows(data: bytes) -> list[FinanceRow]:
    """Finance's CSV export (UTF-8, or GB 18030 as Excel in China saves it) as rows; every problem
    found is reported with its line, so finance can correct the file in one go."""
    if len(data) > MAX_FILE_BYTES:
        raise FinanceFileError([_("The file is larger than 2 MB: export only the half-year's compensation payments.")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise FinanceFileError([_("The file is not a CSV text file (UTF-8 or GB 18030).")]) from None
    reader = csv.DictReader(io.StringIO(text))
    columns = _columns(reader.fieldnames or [])
    rows, errors, seen = [], [], set()
    for line, record in enumerate(reader, start=2):
        row = _row(line, record, columns, errors)
        if row is None:
            continue
        if row.reference in seen:
            errors.append(
                _("Line %(line)d: payment reference %(ref)s appears twice.") % {"line": line, "ref": row.reference}
            )
        seen.add(row.reference)
        rows.append(row)
    if errors:
        raise FinanceFileError(errors[:10])
    return rows


def _columns(names: list[str]) -> dict[str, str]:
    found = {}
    for field, accepted in COLUMNS.items():
        match = next((name for name in names if name and name.strip().lower() in accepted), None)
        if match is not None:
            found[field] = match
    missing = [field for field in ("reference", "amount") if field not in found]
    if missing:
        raise FinanceFileError(
            [
                _(
                    "The first line must name the columns: a payment reference (付款单号) "
                    "and an amount (金额); found: %(found)s."
                )
                % {"found": ", ".join(n for n in names if n) or "—"}
            ]
        )
    return found


def _row(line: int, record: dict, columns: dict[str, str], errors: list[str]) -> FinanceRow | None:
    reference = (record.get(columns["reference"]) or "").strip()
    amount_text = (record.get(columns["amount"]) or "").strip().replace(",", "").lstrip("¥￥")
    if not reference and not amount_text:
        return None  # an empty line
    if not reference:
        errors.append(_("Line %(line)d: the payment reference is empty.") % {"line": line})
        return None
    try:
        amount = Decimal(amount_text)
        if not amount.is_finite() or amount <= 0 or amount.as_tuple().exponent < -2:
            raise InvalidOperation
    except InvalidOperation:
        errors.append(
            _("Line %(line)d: %(value)s is not an amount in yuan.") % {"line": line, "value": amount_text or "—"}
        )
        return None
    paid_on = None
    if "paid_on" in columns and (record.get(columns["paid_on"]) or "").strip():
        try:
            paid_on = date.fromisoformat(record[columns["paid_on"]].strip().replace("/", "-"))
        except ValueError:
            errors.append(_("Line %(line)d: the date must be written as 2026-07-31.") % {"line": line})
            return None
    return FinanceRow(line=line, reference=reference, amount=amount, paid_on=paid_on)


def reconcile(half: HalfYear, finance: list[FinanceRow]) -> dict:
    """Compare the desk's money compensations of ``half`` with finance's rows; JSON-ready."""
    paid = list(
        Compensation.objects.filter(
            kind=Compensation.Kind.MONEY, status=Compensation.Status.PAID, paid_at__gte=half.start, paid_at__lt=half.end
        )
        .select_related("complaint")
        .order_by("paid_at", "pk")
    )
    unpaid = list(
        Compensation.objects.filter(
            kind=Compensation.Kind.MONEY,
            status=Compensation.Status.AGREED,
            due_on__gte=half.first_day,
            due_on__lte=min(half.last_day, timezone.localdate() - timedelta(days=1)),
        )
        .select_related("complaint")
        .order_by("due_on", "pk")
    )
    if not paid and not unpaid and not finance:
        raise NothingToReconcile(
            _("No money compensation was paid or due in %(half)s, and finance's file is empty: nothing to reconcile.")
            % {"half": half}
        )
    by_reference = {row.reference: row for row in finance}
    mismatches, matched = [], 0
    for item in unpaid:
        mismatches.append(_mismatch(Mismatch.UNPAID, item=item))
    for item in paid:
        reference = item.payment_reference.strip()
        row = by_reference.pop(reference, None) if reference else None
        if not reference:
            mismatches.append(_mismatch(Mismatch.NO_REFERENCE, item=item))
        elif row is None:
            mismatches.append(_mismatch(Mismatch.DESK_ONLY, item=item))
        elif row.amount != item.amount:
            mismatches.append(_mismatch(Mismatch.AMOUNT, item=item, row=row))
        else:
            matched += 1
    mismatches += [_mismatch(Mismatch.FINANCE_ONLY, row=row) for row in by_reference.values()]
    compared = len(paid) + len(unpaid) + len(by_reference)
    return {
        "half": str(half),
        "desk_payments": len(paid),
        "desk_total": str(sum((item.amount for item in paid), Decimal("0.00"))),
        "finance_rows": len(finance),
        "finance_total": str(sum((row.amount for row in finance), Decimal("0.00"))),
        "matched": matched,
        "match_rate": round(100 * matched / compared, 1) if compared else None,
        "mismatches": mismatches,
    }


def _mismatch(kind: str, *, item: Compensation | None = None, row: FinanceRow | None = None) -> dict:
    return {
        "kind": kind,
        "complaint_id": item.complaint_id if item else None,
        "tracking_number": item.complaint.tracking_number if item else "",
        "reference": item.payment_reference if item and item.payment_reference else (row.reference if row else ""),
        "desk_amount": str(item.amount) if item else None,
        "finance_amount": str(row.amount) if row else None,
        "date": _date(item, row),
        "finance_line": row.line if row else None,
    }


def _date(item: Compensation | None, row: FinanceRow | None) -> str:
    """When it was paid (by the desk's record, else finance's), or when an unpaid item was due."""
    if item is not None:
        day = timezone.localtime(item.paid_at).date() if item.paid_at else item.due_on
    else:
        day = row.paid_on
    return day.isoformat() if day else ""
