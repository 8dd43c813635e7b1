"""The other ends: the complainant withdraws, or takes an external route."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from intake.complainant import complainant_tell
from intake.locking import complaint_for_update

from ..models import ExternalReferral, Withdrawal
from .guards import transition_run


@transaction.atomic
def complaint_withdraw(*, complaint_id: int, actor, reason: str, seen_version: int | None = None) -> Withdrawal:
    """The complainant withdrew, for the reason they gave (possible until a decision exists)."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    withdrawal = Withdrawal(complaint=complaint, reason=reason, recorded_by=actor)
    withdrawal.full_clean()
    complaint.closed_at = timezone.now()
    transition_run(complaint, "withdraw", actor=actor, note=reason)
    withdrawal.save()
    complainant_tell(complaint=complaint, purpose="withdrawn")
    return withdrawal


@transaction.atomic
def complaint_refer(
    *,
    complaint_id: int,
    actor,
    route: str,
    referred_on: date,
    reference: str = "",
    note: str = "",
    seen_version: int | None = None,
) -> ExternalReferral:
    """The complainant took an external route; the desk keeps the route, their reference and date."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    referral = ExternalReferral(
        complaint=complaint, route=route, reference=reference, referred_on=referred_on, note=note, recorded_by=actor
    )
    referral.full_clean()
    complaint.closed_at = timezone.now()
    transition_run(complaint, "refer", actor=actor, note=f"{referral.get_route_display()} {reference}".strip())
    referral.save()
    complainant_tell(complaint=complaint, purpose="referred", route=ExternalReferral.Route(referral.route).label)
    return referral
