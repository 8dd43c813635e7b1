"""The transferring body's own clock (domain.md §9): which rule a transfer falls under, and the day
the body's period ends.

- The market regulator's mediation: Order No. 121 (in force 2026-04-15) ends it when no agreement
  is reached within 60 days of acceptance; the 2019 Interim Measures it replaced allowed 45 working
  days. The rule follows the day the regulator received the complaint.
- 12315 online dispute resolution: the company negotiates within a number of working days (10 by
  default, ``DeadlineSettings.odr_negotiation_working_days``).

Periods count from the day after acceptance, leave out testing or appraisal pauses, and a period
ending on a non-working day ends on the next working day (Order No. 121, Art. 45).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from intake.acceptance import ORDER_121_IN_FORCE
from intake.choices import TransferBody

from . import calendar
from .models import DeadlineSettings

ORDER_121_DAYS = 60
INTERIM_MEASURES_WORKING_DAYS = 45


@dataclass(frozen=True)
class BodyRule:
    label: str
    days: int
    working_days: bool


def transfer_rule(transfer) -> BodyRule | None:
    """The rule of the body's clock, or None for a body without one (12345, a court, the media …)."""
    body = transfer.complaint.transfer_body
    if body == TransferBody.ODR_12315:
        days = DeadlineSettings.current().odr_negotiation_working_days
        label = _("12315 online dispute resolution: negotiated within %(days)d working days") % {"days": days}
        return BodyRule(label=label, days=days, working_days=True)
    if body != TransferBody.REGULATOR_12315:
        return None
    if transfer.received_on >= ORDER_121_IN_FORCE:
        label = _("Order No. 121: mediation ends %(days)d days after acceptance") % {"days": ORDER_121_DAYS}
        return BodyRule(label=label, days=ORDER_121_DAYS, working_days=False)
    label = _("Interim Measures (2019): mediation ends %(days)d working days after acceptance") % {
        "days": INTERIM_MEASURES_WORKING_DAYS
    }
    return BodyRule(label=label, days=INTERIM_MEASURES_WORKING_DAYS, working_days=True)


def transfer_due_on(transfer, *, pauses=None) -> date | None:
    """The last day of the body's period, the paused days left out; None without a rule."""
    rule = transfer_rule(transfer)
    if rule is None:
        return None
    pauses = transfer.pauses.all() if pauses is None else pauses
    skipped = frozenset(p.started_on + timedelta(days=n) for p in pauses for n in range(p.days))
    return calendar.days_after(transfer.accepted_on, rule.days, working_days=rule.working_days, skipped=skipped)
