"""The evidence request sent to the worker or the company (002: 要求被投诉方提供证据材料).

The worker knows the customer's phone, so the text never carries the complaint's tracking number
(with the phone it opens /track/): the kind offers no such variable, and a supervisor's wording
naming one is refused.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy, override

from core.message_templates import MessageKind, message_kinds_register, message_text
from core.outbox import message_queue

message_kinds_register(
    MessageKind(
        "evidence_request",
        gettext_lazy("Evidence asked of the worker or the company"),
        gettext_lazy("the service worker or the company asked for evidence"),
        gettext_lazy(
            "The complaint desk asks you for evidence about the service of %(date)s by %(due)s: %(what)s. "
            "Please hand it to the person in charge of the investigation."
        ),
        {"date": "2026-11-28", "due": "2026-12-03", "what": "当天的打卡记录和工作照片"},
    ),
)


def evidence_request_tell(*, request, complaint) -> None:
    """SMS to the phone given in the request; nothing when it has none."""
    if not request.phone:
        return
    when = timezone.localtime(complaint.occurred_at or complaint.received_at).strftime("%Y-%m-%d")
    with override("zh-hans"):
        body = message_text("evidence_request", date=when, due=request.due_on.isoformat(), what=request.asked_for)
    message_queue(channel="sms", recipient=request.phone, body=body, complaint=complaint, purpose="evidence_request")
