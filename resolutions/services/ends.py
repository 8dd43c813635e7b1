"""The other ends: the complainant withdraws, or takes an external route."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
    initiated_by: str = ExternalReferral.InitiatedBy.COMPLAINANT,
    body: str = "",
    seen_version: int | None = None,
) -> ExternalReferral:
    """The complaint leaves the desk for an external route; the desk keeps the route, the other
    side's reference and the date. When the desk passes the matter on, it names the body and says
    why, and the complainant is told both (seed 004)."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    referral = ExternalReferral(
        complaint=complaint,
        route=route,
        reference=reference,
        referred_on=referred_on,
        note=note.strip(),
        initiated_by=initiated_by,
        body=body.strip(),
        recorded_by=actor,
    )
    referral.full_clean()
    by_desk = referral.initiated_by == ExternalReferral.InitiatedBy.DESK
    if by_desk and not (referral.body and referral.note):
        raise ValidationError(
            {
                name: _("The complainant is told which body now handles the matter and why: fill this in.")
                for name, value in (("body", referral.body), ("note", referral.note))
                if not value
            }
        )
    complaint.closed_at = timezone.now()
    where = referral.body or referral.get_route_display()
    transition_run(complaint, "refer", actor=actor, note=f"{where} {reference}".strip())
    referral.save()
    if by_desk:
        complainant_tell(complaint=complaint, purpose="transferred_out", body=referral.body, reason=referral.note)
    else:
        complainant_tell(complaint=complaint, purpose="referred", route=ExternalReferral.Route(referral.route).label)
    return referral
