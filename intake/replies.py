"""Canned replies: the texts supervisors keep for agents, and the variables every note and message
may carry. Variables are filled in by the service when the text is saved or sent, never in the
page, so a name the agent may not see is not put in front of them."""

import re

from django.db.models import Q
from django.utils import timezone

from core.privacy import mask_name

from .models import CannedReply, Complaint
from .tracking import reply_promised_by

VARIABLE = re.compile(r"\{(name|tracking_number|due_date)\}")


def canned_replies(user) -> list[CannedReply]:
    """The active replies offered to ``user``: everyone's, and those of the teams they belong to."""
    return list(
        CannedReply.objects.filter(active=True)
        .filter(Q(team__isnull=True) | Q(team__members=user))
        .distinct()
        .only("pk", "title", "body", "use")
    )


def variables_fill(text: str, complaint: Complaint, *, to_complainant: bool) -> str:
    """Replace the known variables; anything else in braces stays as typed. The complainant's own
    message names them in full; an internal note only masked, as the desk sees them."""
    values = {
        "name": complaint.complainant_name if to_complainant else mask_name(complaint.complainant_name),
        "tracking_number": complaint.tracking_number,
        "due_date": timezone.localtime(reply_promised_by(complaint)).strftime("%Y-%m-%d"),
    }
    return VARIABLE.sub(lambda match: values[match.group(1)], text)
