"""Staff alerts of the intake stage."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core import roles
from core.outbox import message_queue

from ..models import Complaint


def urgent_alert_queue(*, complaint: Complaint) -> int:
    """Tell every supervisor at once that an urgent complaint arrived (emergency procedure, domain.md §2).

    The message carries the tracking number and category only: personal data stays in the desk.
    Returns the number of messages queued.
    """
    supervisors = (
        get_user_model()
        .objects.filter(groups__name=roles.SUPERVISOR, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    with override("zh-hans"):
        subject = _("Urgent complaint %(number)s") % {"number": complaint.tracking_number}
        body = _(
            "An urgent complaint (%(category)s) was registered at %(received)s. Please open %(number)s in the desk now."
        ) % {
            "category": complaint.get_category_display(),
            "received": timezone.localtime(complaint.received_at).strftime("%Y-%m-%d %H:%M"),
            "number": complaint.tracking_number,
        }
    count = 0
    for supervisor in supervisors:
        message_queue(
            channel="email",
            recipient=supervisor.email,
            subject=subject,
            body=body,
            complaint=complaint,
            purpose="urgent_alert",
        )
        count += 1
    return count
