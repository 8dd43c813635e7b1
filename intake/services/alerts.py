"""Staff alerts of the intake stage: urgent complaints, escalations."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core import roles
from core.outbox import message_queue

from ..models import Complaint

#: Who is told at once about an urgent complaint (seed 004: 第一时间报告公司主管领导).
EMERGENCY_ROLES = (roles.SUPERVISOR, roles.MANAGEMENT)


def emergency_alert_recipients() -> list:
    """Active supervisors and management, each once, with the mobile number of their staff profile."""
    return list(
        get_user_model()
        .objects.filter(groups__name__in=EMERGENCY_ROLES, is_active=True)
        .select_related("staff_profile")
        .distinct()
        .order_by("pk")
    )


def emergency_alert_queue(*, complaint: Complaint) -> int:
    """Tell supervisors and management at once, by e-mail and SMS, that an urgent complaint arrived.

    The message carries the tracking number, category and time of receipt only: personal data stays
    in the desk. Someone without an e-mail address or a mobile number misses that channel.
    Returns the number of messages queued.
    """
    with override("zh-hans"):
        subject = _("Urgent complaint %(number)s") % {"number": complaint.tracking_number}
        body = _(
            "An urgent complaint (%(category)s) was received at %(received)s. "
            "Please open %(number)s in the desk now and acknowledge it."
        ) % {
            "category": complaint.get_category_display() or _("not classified"),
            "received": timezone.localtime(complaint.received_at).strftime("%Y-%m-%d %H:%M"),
            "number": complaint.tracking_number,
        }
    return staff_alert(
        users=emergency_alert_recipients(), subject=subject, body=body, complaint=complaint, purpose="emergency_alert"
    )


def staff_alert(*, users, subject: str, body: str, complaint: Complaint, purpose: str) -> int:
    """Queue one alert to each user by e-mail and by SMS to their staff profile's mobile; someone
    without an address or a number misses that channel. Returns the number of messages queued."""
    count = 0
    for user in users:
        profile = getattr(user, "staff_profile", None)
        if user.email:
            message_queue(
                channel="email", recipient=user.email, subject=subject, body=body, complaint=complaint, purpose=purpose
            )
            count += 1
        if profile is not None and profile.mobile_phone:
            message_queue(
                channel="sms", recipient=profile.mobile_phone, body=body, complaint=complaint, purpose=purpose
            )
            count += 1
    return count
