"""The advance-payment fund's ledger (专项基金预先垫付, seed 002): record money put in and money
recovered, and read the balance with what is already promised from it."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Complaint

from ..models import Compensation, FundEntry
from .guards import permission_require

ZERO = Decimal("0.00")


def _advances():
    return Compensation.objects.filter(advance_payment=True)


@transaction.atomic
def fund_entry_record(
    *, actor, kind: str, amount: Decimal, entered_on: date, note: str, complaint: Complaint | None = None
) -> FundEntry:
    """Money put into the fund, or recovered for a complaint whose advance payment was paid."""
    permission_require(actor, "resolutions.add_fundentry")
    if kind not in FundEntry.Kind.values:
        raise ValidationError({"kind": _("Choose what the entry is.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    if entered_on > timezone.localdate():
        raise ValidationError({"entered_on": _("The date cannot be in the future.")})
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Say where the money came from (a transfer, a voucher number).")})
    if kind == FundEntry.Kind.RECOVERY:
        if complaint is None:
            raise ValidationError({"complaint": _("Name the complaint whose advance payment is recovered.")})
        paid = _advances().filter(complaint=complaint, status=Compensation.Status.PAID)
        advanced = paid.aggregate(total=Sum("amount"))["total"] or ZERO
        recovered = complaint.fund_entries.aggregate(total=Sum("amount"))["total"] or ZERO
        if advanced == ZERO:
            raise ValidationError({"complaint": _("No advance payment of this complaint was paid from the fund.")})
        if recovered + amount > advanced:
            raise ValidationError(
                {
                    "amount": _("Only %(left)s CNY of this complaint's advance payment is still to recover.")
                    % {"left": (advanced - recovered).quantize(ZERO)}
                }
            )
    elif complaint is not None:
        raise ValidationError({"complaint": _("Money put into the fund belongs to no complaint.")})
    return FundEntry.objects.create(
        kind=kind, amount=amount, entered_on=entered_on, note=note, complaint=complaint, recorded_by=actor
    )


@dataclass(frozen=True)
class FundPosition:
    put_in: Decimal
    recovered: Decimal
    paid_out: Decimal
    #: Advance payments agreed and not paid yet: promised from the fund.
    promised: Decimal

    @property
    def balance(self) -> Decimal:
        return self.put_in + self.recovered - self.paid_out

    @property
    def available(self) -> Decimal:
        return self.balance - self.promised


def fund_position() -> FundPosition:
    """The fund's totals in two aggregate queries, whatever the ledger's length."""
    entries = dict(FundEntry.objects.values_list("kind").annotate(total=Sum("amount")))
    advances = dict(
        _advances()
        .filter(status__in=[Compensation.Status.AGREED, Compensation.Status.PAID])
        .values_list("status")
        .annotate(total=Sum("amount"))
    )
    return FundPosition(
        put_in=entries.get(FundEntry.Kind.DEPOSIT, ZERO).quantize(ZERO),
        recovered=entries.get(FundEntry.Kind.RECOVERY, ZERO).quantize(ZERO),
        paid_out=advances.get(Compensation.Status.PAID, ZERO).quantize(ZERO),
        promised=advances.get(Compensation.Status.AGREED, ZERO).quantize(ZERO),
    )
