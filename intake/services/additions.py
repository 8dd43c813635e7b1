"""What the complainant adds after submitting (补充材料), from the tracking page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ..locking import complaint_for_update
from ..models import Complaint, ComplaintEvent
from ..tracking import OPEN_STATES
from ..uploads import CheckedUpload, attachments_discard, attachments_store

#: The event the desk's timeline shows for an addition; the public timeline lists it too.
ADDED_BY_COMPLAINANT = "complainant_added"


def complaint_information_add(*, complaint_id: int, text: str, uploads: list[CheckedUpload]) -> ComplaintEvent:
    """Attach the complainant's message and checked files to an open complaint, in one
    transaction (files deleted again if it rolls back). The complaint-wide upload limit counts
    what was sent before."""
    text = text.strip()
    if not text and not uploads:
        raise ValidationError(_("Write a message or choose a file to add."))
    stored = []
    try:
        with transaction.atomic():
            complaint = complaint_for_update(pk=complaint_id)
            if complaint.state not in OPEN_STATES:
                raise ValidationError(_("This complaint is closed; information can no longer be added to it."))
            _total_check(complaint, uploads)
            stored = attachments_store(complaint=complaint, uploads=uploads)
            names = ", ".join(upload.original_name for upload in uploads)
            note = "\n".join(filter(None, [text, _("Files: %(names)s") % {"names": names} if names else ""]))
            return ComplaintEvent.objects.create(
                complaint=complaint,
                kind=ComplaintEvent.Kind.ACTION,
                transition=ADDED_BY_COMPLAINANT,
                note=note[:5000],
                public=True,
            )
    except Exception:
        attachments_discard(stored)
        raise


def _total_check(complaint: Complaint, uploads: list[CheckedUpload]) -> None:
    earlier = complaint.attachments.aggregate(total=Sum("size"))["total"] or 0
    if earlier + sum(upload.size for upload in uploads) > settings.COMPLAINT_MAX_TOTAL_UPLOAD:
        raise ValidationError(
            _("This complaint already holds %(size)s of files; together they may not exceed %(limit)s.")
            % {"size": filesizeformat(earlier), "limit": filesizeformat(settings.COMPLAINT_MAX_TOTAL_UPLOAD)}
        )
