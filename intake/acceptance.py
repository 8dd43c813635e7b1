"""Acceptance by the statute: the reasons a complaint may be declined for, and what the acceptance
page warns about.

The desk's reasons for not accepting mirror the market regulator's grounds. Until 2026-04-14 those
were the six of the 2019 暂行办法 (Art. 15); from 2026-04-15 SAMR Order No. 121 (Art. 16) adds false
materials and the misuse of someone else's identity or a refused identity check. Which rule applies
is decided by the day the complaint was received, not by the day it is decided: a complaint
received under the old rule is declined under the old rule.

The warnings never decide: they point the agent at what the rules name as a reason to look again
(the desk's time limit, the three years of Art. 16, and Order No. 121 Art. 17's signs of a complaint
made for profit rather than as a consumer).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import NotAcceptedReason
from .models import AcceptanceSettings, Complaint

#: SAMR Order No. 121 (《市场监督管理投诉举报处理办法》) in force.
ORDER_121_IN_FORCE = date(2026, 4, 15)
#: The grounds Order No. 121 added to the 暂行办法's.
ORDER_121_REASONS = (NotAcceptedReason.FALSE_MATERIALS, NotAcceptedReason.IDENTITY)
#: Art. 16: more than three years since the complainant knew or should have known of the harm.
STATUTE_YEARS = 3


def not_accepted_reasons_for(complaint: Complaint) -> list[NotAcceptedReason]:
    """The reasons this complaint may be declined for, by the rule in force on its received date."""
    if timezone.localdate(complaint.received_at) >= ORDER_121_IN_FORCE:
        return list(NotAcceptedReason)
    return [reason for reason in NotAcceptedReason if reason not in ORDER_121_REASONS]


@dataclass(frozen=True)
class AcceptanceWarning:
    kind: str
    message: str


def acceptance_warnings(complaint: Complaint) -> list[AcceptanceWarning]:
    """What the agent should look at before accepting, in two queries whatever the record holds."""
    limits = AcceptanceSettings.current()
    return _time_warnings(complaint, limits) + _non_consumer_warnings(complaint, limits)


def _time_warnings(complaint: Complaint, limits: AcceptanceSettings) -> list[AcceptanceWarning]:
    if complaint.occurred_at is None:
        return []
    occurred = timezone.localtime(complaint.occurred_at)
    received = timezone.localtime(complaint.received_at)
    day = occurred.strftime("%Y-%m-%d")
    if occurred < received - relativedelta(years=STATUTE_YEARS):
        return [
            AcceptanceWarning(
                "three_years",
                _(
                    "It happened on %(date)s, more than three years before the complaint arrived: the "
                    "regulator does not accept such a complaint unless the complainant learned of the harm later."
                )
                % {"date": day},
            )
        ]
    if received - occurred > timedelta(days=limits.time_limit_days):
        return [
            AcceptanceWarning(
                "time_limit",
                _(
                    "It happened on %(date)s, more than %(days)d days before the complaint arrived: past the "
                    "desk's time limit, unless the complainant learned of it later."
                )
                % {"date": day, "days": limits.time_limit_days},
            )
        ]
    return []


def _non_consumer_warnings(complaint: Complaint, limits: AcceptanceSettings) -> list[AcceptanceWarning]:
    """Order No. 121 Art. 17: several complainants behind one phone or one address, or one phone
    behind many complaints in a short time. The phone is the complainant's identity on the desk, as
    for repeat complaints; an erased complaint has none and is never counted."""
    phone, name, address = complaint.phone, complaint.complainant_name, complaint.address.strip()
    if not phone and not address:
        return []
    same_phone = Q(phone=phone) if phone else Q(pk__in=[])
    same_address = Q(address__iexact=address) if address else Q(pk__in=[])
    window_start = complaint.received_at - timedelta(days=limits.frequent_complaints_days)
    found = (
        Complaint.objects.filter(same_phone | same_address)
        .exclude(pk=complaint.pk)
        .aggregate(
            names=Count("complainant_name", distinct=True, filter=same_phone & ~Q(complainant_name=name)),
            phones=Count("phone", distinct=True, filter=same_address & ~Q(phone=phone) & ~Q(phone="")),
            recent=Count(
                "pk", filter=same_phone & Q(received_at__gte=window_start, received_at__lte=complaint.received_at)
            ),
        )
    )
    warnings = []
    if found["names"]:
        warnings.append(
            AcceptanceWarning(
                "shared_phone",
                ngettext(
                    "%(count)d other complainant has used this phone number.",
                    "%(count)d other complainants have used this phone number.",
                    found["names"],
                )
                % {"count": found["names"]},
            )
        )
    if found["phones"]:
        warnings.append(
            AcceptanceWarning(
                "shared_address",
                ngettext(
                    "%(count)d other complainant has given this address.",
                    "%(count)d other complainants have given this address.",
                    found["phones"],
                )
                % {"count": found["phones"]},
            )
        )
    count = found["recent"] + 1
    if phone and count >= limits.frequent_complaints:
        warnings.append(
            AcceptanceWarning(
                "frequent",
                _("%(count)d complaints from this phone number within %(days)d days.")
                % {"count": count, "days": limits.frequent_complaints_days},
            )
        )
    return warnings
