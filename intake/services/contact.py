"""Contact with the complainant: every call or message is recorded with its outcome, by the person
who made it, so the first-contact clock is met by the call that reached them (seed 003) and a
complainant not reached in 24 hours goes to the customer manager's 48 hours (seed 004)."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..locking import complaint_for_update, complaint_refuse_if_archived
from ..models import ComplaintEvent, ContactAttempt
from ..signals import contact_attempt_recorded

CONTACT_PERMISSION = "intake.add_contactattempt"
#: An attempt "at 10:02" typed at 10:00 by a clock a little behind is not in the future.
_CLOCK_SLACK = timedelta(minutes=2)


@transaction.atomic
def contact_attempt_record(
    *, complaint_id: int, actor, channel: str, outcome: str, attempted_at: datetime | None = None, note: str = ""
) -> ContactAttempt:
    """Record one attempt to reach the complainant, with its outcome, on the timeline."""
    if actor is None or not actor.has_perm(CONTACT_PERMISSION):
        raise PermissionDenied
    complaint = complaint_for_update(pk=complaint_id)
    complaint_refuse_if_archived(complaint)
    attempted_at = attempted_at or timezone.now()
    if attempted_at > timezone.now() + _CLOCK_SLACK:
        raise ValidationError({"attempted_at": _("The attempt cannot be in the future.")})
    if attempted_at < complaint.received_at:
        raise ValidationError({"attempted_at": _("The attempt cannot be earlier than the complaint.")})
    attempt = ContactAttempt(
        complaint=complaint,
        channel=channel,
        outcome=outcome,
        attempted_at=attempted_at,
        note=note.strip(),
        recorded_by=actor,
    )
    attempt.full_clean()
    attempt.save()
    text = _("Contact attempt (%(channel)s) at %(time)s: %(outcome)s.") % {
        "channel": attempt.get_channel_display(),
        "time": timezone.localtime(attempted_at).strftime("%Y-%m-%d %H:%M"),
        "outcome": attempt.get_outcome_display(),
    }
    if attempt.note:
        text = f"{text} {attempt.note}"
    ComplaintEvent.objects.create(
        complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, transition="contact_attempt", note=text
    )
    contact_attempt_recorded.send(sender=ContactAttempt, complaint=complaint, attempt=attempt)
    return attempt
