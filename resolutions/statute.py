"""The law in the outcome (消费者权益保护法).

Art. 55: when the investigation found fraud by the business, the complainant is owed extra
compensation of three times the service fee, and at least ¥500. The desk shows that minimum beside
every proposal and ruling; a plan granting less in money is allowed (the complainant may settle for
less, the facts may differ) but only with its reason on the record.

Art. 56(8): deliberately delaying a refund or compensation is itself a violation, so an agreed
compensation unpaid past its due date is flagged wherever the desk looks (``Compensation.overdue``).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from intake.models import Complaint

from . import selectors  # the module: selectors reads the agreement, whose services check this
from .models.compensation import money_total

FRAUD_FEE_MULTIPLE = 3
FRAUD_MINIMUM_FLOOR = Decimal("500.00")


@dataclass(frozen=True)
class StatutoryMinimum:
    amount: Decimal
    #: The matched service order's fee, or None when the complaint matched no order.
    service_fee: Decimal | None


def statutory_minimum(complaint: Complaint) -> StatutoryMinimum | None:
    """The Art. 55 minimum when the latest investigation report found fraud, otherwise None."""
    report = selectors.investigation_report_latest(complaint)
    if report is None or not report.fraud_found:
        return None
    fee = _service_fee(complaint)
    amount = FRAUD_MINIMUM_FLOOR if fee is None else max(FRAUD_MINIMUM_FLOOR, fee * FRAUD_FEE_MULTIPLE)
    return StatutoryMinimum(amount=amount.quantize(Decimal("0.01")), service_fee=fee)


def _service_fee(complaint: Complaint) -> Decimal | None:
    """The fee of the order the complaint was matched to (the penalties stage matches it)."""
    try:
        subject_model = apps.get_model("penalties", "ComplaintSubject")
    except LookupError:
        return None
    return (
        subject_model.objects.filter(complaint=complaint, order__isnull=False)
        .values_list("order__amount", flat=True)
        .first()
    )


def below_minimum_reason_check(*, complaint: Complaint, items: Iterable, reason: str) -> str:
    """The reason to record with a plan: required when it pays less than the statutory minimum,
    not kept when it does not."""
    minimum = statutory_minimum(complaint)
    total = money_total(items)
    if minimum is None or total >= minimum.amount:
        return ""
    if not reason.strip():
        raise ValidationError(
            {
                "below_minimum_reason": _(
                    "The investigation found fraud: the statutory minimum is ¥%(minimum)s (three times the "
                    "service fee, at least ¥500; Consumer Protection Law Art. 55). This plan pays ¥%(total)s "
                    "in money: record why it is less."
                )
                % {"minimum": minimum.amount, "total": total}
            },
            code="below_minimum",
        )
    return reason.strip()
