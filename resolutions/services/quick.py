"""The quick path: a simple complaint resolved by the agent on the call (seed 004: 受理人员能够及时处理的
投诉要及时处理). Investigation and mediation are skipped; the result notice and the follow-up are not."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intake.locking import complaint_for_update
from intake.models import ContactAttempt
from intake.services.contact import contact_attempt_record

from ..models import QuickResolution
from .guards import transition_run

NOT_SIMPLE = _(
    "Only a general, non-urgent complaint that is neither a safety hazard nor fraud can be resolved at first "
    "contact, and only while the desk allows it."
)


@transaction.atomic
def quick_resolution_record(
    *,
    complaint_id: int,
    actor,
    solution: str,
    channel: str,
    complainant_agreed: bool,
    no_worker_blamed: bool,
    seen_version: int | None = None,
) -> QuickResolution:
    """Record the solution the complainant agreed to in this contact, the contact itself (which meets
    the first-contact clock), and move the complaint to *resolved*."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    if not complainant_agreed:
        raise ValidationError(_("The quick path needs the complainant's agreement to the solution."), code="agreement")
    if not no_worker_blamed:
        raise ValidationError(
            _("A complaint that blames a worker or team needs an investigation: start one instead."), code="blame"
        )
    solution = solution.strip()
    if not solution:
        raise ValidationError({"solution": _("Write down the solution the complainant agreed to.")})
    attempt = contact_attempt_record(
        complaint_id=complaint.pk,
        actor=actor,
        channel=channel,
        outcome=ContactAttempt.Outcome.REACHED,
        note=_("Agreed to the solution at first contact."),
    )
    transition_run(complaint, "resolve_on_call", actor=actor, note=solution, refused=NOT_SIMPLE)
    return QuickResolution.objects.create(
        complaint=complaint, solution=solution, contact_attempt=attempt, recorded_by=actor
    )
