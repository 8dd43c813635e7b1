"""Notes on a complaint: internal notes for the desk, or a message that goes to the complainant."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.outbox import message_queue

from ..locking import complaint_for_update, complaint_refuse_if_archived
from ..models import ComplaintEvent
from ..replies import variables_fill
from ..signals import complainant_messaged

#: Talking to the complainant is the work of those who give feedback and call back (domain.md §1).
MESSAGE_PERMISSION = "intake.follow_up_complaint"


@transaction.atomic
def note_add(*, complaint_id: int, actor, text: str, public: bool = False) -> ComplaintEvent:
    """An internal note stays on the desk; a public one is sent by SMS and shown on the status page.
    Variables of canned replies (``{name}``, ``{tracking_number}``, ``{due_date}``) are filled in.

    The complaint row is locked (not versioned): a note never conflicts with someone else's edit.
    """
    if not actor.has_perm("intake.view_complaint") or (public and not actor.has_perm(MESSAGE_PERMISSION)):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the note first.")})
    complaint = complaint_for_update(pk=complaint_id)
    complaint_refuse_if_archived(complaint)
    text = variables_fill(text, complaint, to_complainant=public)
    event = ComplaintEvent(
        complaint=complaint,
        kind=ComplaintEvent.Kind.MESSAGE if public else ComplaintEvent.Kind.NOTE,
        actor=actor,
        note=text,
        public=public,
    )
    event.full_clean()
    event.save()
    if public:
        message_queue(channel="sms", recipient=complaint.phone, body=text, complaint=complaint, purpose="message")
        complainant_messaged.send(sender=ComplaintEvent, complaint=complaint, event=event)
    return event
