"""Telling the complainant: one SMS (and an e-mail when they gave one) at each step that matters
to them (003: 定期反馈、及时更新处理进度).

Texts are in Chinese, the public's language, whatever language the staff member works in. They
carry only what the complainant already knows — the tracking number, what happened and the link
to follow it — never the worker's name or a staff member's note.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.outbox import message_queue

from .models import Complaint


def track_link(complaint: Complaint) -> str:
    """The tracking page with the number filled in (never the phone, which is the second key)."""
    query = urlencode({"number": complaint.tracking_number})
    return f"{settings.SITE_URL.rstrip('/')}{reverse('track')}?{query}"


def _texts() -> dict[str, str]:
    # Built inside ``override``: each text is translated when the message is written.
    return {
        "investigation_started": _(
            "Your complaint %(number)s is now under investigation: we are checking the facts with everyone involved."
        ),
        "proposal_awaiting": _(
            "For your complaint %(number)s we have proposed a solution. Please give us your answer; "
            "the terms are on the tracking page."
        ),
        "payment_made": _("For your complaint %(number)s the agreed compensation has been paid: %(item)s."),
        "closed": _(
            "Your complaint %(number)s is closed. Thank you; if the problem comes back, you can file a new complaint."
        ),
        "withdrawn": _("Your complaint %(number)s has been withdrawn as you asked. Nothing more will happen."),
        "referred": _("Your complaint %(number)s continues with %(route)s; our desk has closed its file."),
    }


def complainant_tell(*, complaint: Complaint, purpose: str, body: str = "", **values) -> None:
    """Queue the message of ``purpose`` (or the ready ``body``) with the tracking link appended."""
    with override("zh-hans"):
        text = body or _texts()[purpose] % {"number": complaint.tracking_number, **values}
        text = _("%(text)s Follow it at %(link)s") % {"text": text, "link": track_link(complaint)}
        subject = _("Your complaint %(number)s") % {"number": complaint.tracking_number}
    complainant_message_queue(complaint=complaint, subject=subject, body=text, purpose=purpose)


def complainant_message_queue(*, complaint: Complaint, subject: str, body: str, purpose: str) -> None:
    """The same text by SMS to the complainant's phone, and by e-mail when they gave an address."""
    message_queue(channel="sms", recipient=complaint.phone, body=body, complaint=complaint, purpose=purpose)
    if complaint.email:
        message_queue(
            channel="email",
            recipient=complaint.email,
            subject=subject,
            body=body,
            complaint=complaint,
            purpose=purpose,
        )
