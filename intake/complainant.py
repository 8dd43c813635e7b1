"""Telling the complainant: one SMS (and an e-mail when they gave one) at each step that matters
to them (003: 定期反馈、及时更新处理进度).

Texts are in Chinese, the public's language, whatever language the staff member works in, in the
wording supervisors set in admin (``core.message_templates``). They carry only what the
complainant already knows — the tracking number, what happened and the link to follow it — never
the worker's name or a staff member's note.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from core.message_templates import MessageKind, message_kinds_register, message_text
from core.outbox import message_queue

from .models import Complaint


def track_link(complaint: Complaint) -> str:
    """The tracking page with the number filled in (never the phone, which is the second key)."""
    query = urlencode({"number": complaint.tracking_number})
    return f"{settings.SITE_URL.rstrip('/')}{reverse('track')}?{query}"


COMPLAINANT = _("the complainant")
NUMBER = {"number": "H2026120100001"}

message_kinds_register(
    MessageKind(
        "received",
        _("Complaint received"),
        COMPLAINANT,
        _("We have received your complaint %(number)s. You can follow it at %(url)s with this number and your phone."),
        {**NUMBER, "url": "https://example.com/track/"},
    ),
    MessageKind(
        "accepted",
        _("Complaint accepted"),
        COMPLAINANT,
        _(
            "Your complaint %(number)s has been accepted and is handled by %(team)s. We will reply to you by "
            "%(date)s. You can follow it on our website with this number and your phone."
        ),
        {**NUMBER, "team": "客服一组", "date": "2026-12-03 18:00"},
    ),
    MessageKind(
        "not_accepted",
        _("Complaint not accepted"),
        COMPLAINANT,
        _("Your complaint %(number)s could not be accepted. Reason: %(reason)s."),
        {**NUMBER, "reason": "不属于本公司服务范围"},
    ),
    MessageKind(
        "investigation_started",
        _("Investigation started"),
        COMPLAINANT,
        _("Your complaint %(number)s is now under investigation: we are checking the facts with everyone involved."),
        NUMBER,
    ),
    MessageKind(
        "proposal_awaiting",
        _("Proposal awaiting the complainant's answer"),
        COMPLAINANT,
        _(
            "For your complaint %(number)s we have proposed a solution. Please give us your answer; "
            "the terms are on the tracking page."
        ),
        NUMBER,
    ),
    MessageKind(
        "payment_made",
        _("Compensation paid"),
        COMPLAINANT,
        _("For your complaint %(number)s the agreed compensation has been paid: %(item)s."),
        {**NUMBER, "item": "退款 ¥200.00"},
    ),
    MessageKind(
        "closed",
        _("Complaint closed"),
        COMPLAINANT,
        _("Your complaint %(number)s is closed. Thank you; if the problem comes back, you can file a new complaint."),
        NUMBER,
    ),
    MessageKind(
        "withdrawn",
        _("Withdrawal recorded"),
        COMPLAINANT,
        _("Your complaint %(number)s has been withdrawn as you asked. Nothing more will happen."),
        NUMBER,
    ),
    MessageKind(
        "referred",
        _("Referral to an external route recorded"),
        COMPLAINANT,
        _("Your complaint %(number)s continues with %(route)s; our desk has closed its file."),
        {**NUMBER, "route": "消费者协会"},
    ),
    MessageKind(
        "transferred_out",
        _("Complaint passed on by the desk to another body"),
        COMPLAINANT,
        _(
            "Your complaint %(number)s is a matter for %(body)s, and we have passed it to them. Why: %(reason)s "
            "Our desk has closed its file."
        ),
        {**NUMBER, "body": "公司总部客户服务中心", "reason": "该订单由总部直营门店提供服务。"},
    ),
    MessageKind(
        "merged",
        _("Complaint merged into its original"),
        COMPLAINANT,
        _("Your complaint %(number)s is handled together with complaint %(original)s."),
        {**NUMBER, "original": "H2026112800042"},
    ),
    MessageKind(
        "privacy_request_received",
        _("Request about personal data received"),
        COMPLAINANT,
        _(
            "We have received your request about your personal data in complaint %(number)s (%(request)s). "
            "We will answer by %(date)s."
        ),
        {**NUMBER, "request": "更正我的信息", "date": "2026-12-22"},
    ),
    MessageKind(
        "privacy_request_fulfilled",
        _("Request about personal data fulfilled"),
        COMPLAINANT,
        _("Your request about your personal data in complaint %(number)s (%(request)s) has been carried out."),
        {**NUMBER, "request": "更正我的信息"},
    ),
    MessageKind(
        "privacy_request_refused",
        _("Request about personal data refused"),
        COMPLAINANT,
        _(
            "We cannot carry out your request about your personal data in complaint %(number)s (%(request)s). "
            "Reason: %(reason)s If you disagree, you may take the matter to a people's court."
        ),
        {**NUMBER, "request": "删除我的信息", "reason": "投诉仍在处理中，结案前需保留。"},
    ),
)


def handling_team(complaint: Complaint) -> str:
    """The team the complainant is told handles the complaint: the assigned team, else the handling
    agent's team, else the desk."""
    team = complaint.assigned_team
    if team is None and complaint.assigned_to_id is not None:
        team = complaint.assigned_to.staff_teams.order_by("name").first()
    with override("zh-hans"):
        return team.name if team is not None else gettext("our complaint desk")


def complainant_tell(*, complaint: Complaint, purpose: str, **values) -> None:
    """Queue the message of ``purpose`` in the wording supervisors set, with the tracking link appended."""
    with override("zh-hans"):
        text = message_text(purpose, number=complaint.tracking_number, **values)
        text = gettext("%(text)s Follow it at %(link)s") % {"text": text, "link": track_link(complaint)}
        subject = gettext("Your complaint %(number)s") % {"number": complaint.tracking_number}
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
