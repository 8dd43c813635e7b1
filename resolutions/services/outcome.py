"""The result notice (处理结果通知书) and the follow-up (回访) until the complaint is closed or reopened."""

import logging
import re
import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.outbox import message_queue
from deadlines.calendar import add_working_days
from intake.complainant import complainant_tell
from intake.locking import ComplaintChanged, complaint_for_update
from intake.models import Complaint, State
from investigations.services.investigation import investigation_start

from ..models import Compensation, FollowUp, ResultNotice, survey_token_hash
from ..records import notice_chain
from ..selectors import follow_ups_overdue, notice_content_build
from ..signals import callback_made, survey_answered
from .agreement import notice_send_problems
from .guards import permission_require, state_require, trace, transition_run

logger = logging.getLogger(__name__)

UNPAID_REFUSAL = _("The complaint cannot be closed while an agreed compensation is unpaid.")
#: Words of a comment saying the compensation has not arrived (赔偿款还没到账, 没收到退款 …).
#: The agent reads every comment anyway; this only reopens the payment at once.
UNPAID_COMMENT = re.compile(
    r"(没|未|沒|还没|還沒|尚未|没有|沒有)[^。！？!?.]{0,6}(到账|到賬|收到|赔|賠|付|退|给|給|打款|转账|轉賬|兑现|兌現)"
    r"|(赔偿|賠償|补偿|補償|退款|赔款|賠款)[^。！？!?.]{0,8}(没|未|沒|不见|不見)"
    r"|not (yet )?(been )?(paid|received|refunded)|never (paid|received|arrived)",
    re.IGNORECASE,
)


class SurveyUnavailable(Exception):
    """The survey link is unknown, already answered, or its time is over."""


@transaction.atomic
def result_notice_send(
    *, complaint_id: int, actor, note: str = "", expected_effect: str = "", seen_version: int | None = None
) -> ResultNotice:
    """Freeze the notice from the record, queue it to the complainant with a single-use survey
    link, and move the complaint to *result notified*. Refused while the agreement waits for an
    answer or an agreed compensation has no payment plan."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    state_require(complaint, State.RESOLVED)
    problems = notice_send_problems(complaint)
    if problems:
        raise ValidationError(problems, code="not_ready")
    transition_run(complaint, "notify_result", actor=actor, note=note)
    today = timezone.localdate()
    content = notice_content_build(complaint, sent_on=today, expected_effect=expected_effect)
    notice = ResultNotice.objects.create(
        complaint=complaint, content=content, appeal_by=date.fromisoformat(content["appeal_by"]), sent_by=actor
    )
    notice_chain(complaint, notice, actor=actor)
    token = secrets.token_urlsafe(32)
    FollowUp.objects.create(
        complaint=complaint,
        notice=notice,
        token_hash=survey_token_hash(token),
        due_at=add_working_days(timezone.now(), settings.FOLLOW_UP_DAYS),
    )
    _notice_messages_queue(complaint=complaint, notice=notice, token=token)
    return notice


def _notice_messages_queue(*, complaint: Complaint, notice: ResultNotice, token: str) -> None:
    link = settings.SITE_URL.rstrip("/") + reverse("survey", args=[token])
    with override("zh-hans"):
        body = _(
            "The handling of your complaint %(number)s is complete; the result notice has been issued. "
            "You may appeal until %(date)s. Please tell us how satisfied you are: %(link)s"
        ) % {"number": complaint.tracking_number, "date": notice.appeal_by.isoformat(), "link": link}
        subject = _("Result notice for complaint %(number)s") % {"number": complaint.tracking_number}
    message_queue(channel="sms", recipient=complaint.phone, body=body, complaint=complaint, purpose="result_notice")
    if complaint.email:
        message_queue(
            channel="email",
            recipient=complaint.email,
            subject=subject,
            body=body,
            complaint=complaint,
            purpose="result_notice",
        )


@transaction.atomic
def result_notice_confirm_phone(*, complaint_id: int, actor, note: str = "", seen_version: int | None = None):
    """The agent confirmed by phone that the complainant got the notice: the follow-up begins."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    return _notice_confirm(complaint, actor=actor, note=note)


def _notice_confirm(complaint: Complaint, *, actor, note: str) -> ResultNotice:
    transition_run(complaint, "start_follow_up", actor=actor, note=note)
    notice = complaint.result_notices.first()
    notice.phone_confirmed_at, notice.phone_confirmed_by = timezone.now(), actor
    notice.save(update_fields=["phone_confirmed_at", "phone_confirmed_by"])
    callback_made.send(sender=ResultNotice, complaint=complaint, at=notice.phone_confirmed_at)
    return notice


def follow_up_current(complaint: Complaint) -> FollowUp | None:
    """The follow-up of the latest notice: after a reopening, earlier links and deadlines are over."""
    return complaint.follow_ups.order_by("-id").first()


def follow_up_by_token(token: str) -> FollowUp:
    follow_up = FollowUp.objects.select_related("complaint").filter(token_hash=survey_token_hash(token)).first()
    if (
        follow_up is None
        or follow_up.answered
        or follow_up.closed_unanswered
        or follow_up.complaint.state not in (State.NOTIFIED, State.FOLLOW_UP)
        or follow_up_current(follow_up.complaint).pk != follow_up.pk
    ):
        raise SurveyUnavailable
    return follow_up


@transaction.atomic
def follow_up_answer(*, token: str, score: int, comment: str = "") -> FollowUp:
    """The complainant's answer through the link, accepted once. Answering confirms receipt of
    the notice, so a complaint still waiting for the phone confirmation moves on too."""
    follow_up = follow_up_by_token(token)
    complaint = complaint_for_update(pk=follow_up.complaint_id)
    follow_up = follow_up_by_token(token)  # again, now that the complaint is locked
    _answer_save(follow_up, score=score, comment=comment, channel=FollowUp.Channel.LINK, actor=None)
    if complaint.state == State.NOTIFIED:
        transition_run(complaint, "start_follow_up", actor=None, note=_("The complainant answered the survey."))
    _answer_act(complaint, follow_up)
    return follow_up


@transaction.atomic
def follow_up_callback_record(
    *, complaint_id: int, actor, score: int, comment: str = "", seen_version: int | None = None
) -> FollowUp:
    """An agent's phone callback. It is the survey's answer, so the link stops working. A callback
    before the notice was confirmed confirms it too: the complainant has it and is answering."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    permission_require(actor, "intake.follow_up_complaint")
    state_require(complaint, State.NOTIFIED, State.FOLLOW_UP)
    if complaint.state == State.NOTIFIED:
        _notice_confirm(complaint, actor=actor, note=_("Notice confirmed in the satisfaction callback."))
    follow_up = follow_up_current(complaint)
    if follow_up.answered:
        raise ValidationError(_("The satisfaction survey is already answered."), code="answered")
    _answer_save(follow_up, score=score, comment=comment, channel=FollowUp.Channel.PHONE, actor=actor)
    _answer_act(complaint, follow_up, actor=actor)
    return follow_up


def _answer_save(follow_up: FollowUp, *, score: int, comment: str, channel: str, actor) -> None:
    follow_up.score, follow_up.comment, follow_up.channel = score, comment, channel
    follow_up.answered_at, follow_up.recorded_by = timezone.now(), actor
    follow_up.full_clean()
    follow_up.save()
    trace(
        follow_up.complaint,
        actor=actor,
        note=_("Satisfaction: %(score)d/5. %(comment)s") % {"score": score, "comment": comment},
    )
    survey_answered.send(sender=FollowUp, complaint=follow_up.complaint, follow_up=follow_up)


def _answer_act(complaint: Complaint, follow_up: FollowUp, *, actor=None) -> None:
    """Only a good score without a comment closes the complaint by itself (unless a compensation
    is still unpaid; then the agent closes it after the payment). A comment waits for the agent
    to read it, and one saying the compensation has not arrived reopens the payment."""
    if follow_up.comment.strip():
        if UNPAID_COMMENT.search(follow_up.comment):
            payments_reopen(complaint, actor=actor, reason=follow_up.comment)
        return
    if not follow_up.unsatisfied and complaint.can_be_closed():
        _close(complaint, actor=actor, note=_("The complainant is satisfied."))


@transaction.atomic
def payment_reopen(*, complaint_id: int, actor, reason: str, seen_version: int | None = None) -> int:
    """The agent read that the compensation has not arrived (in a comment the words missed, or
    on the phone): the payment is to be proven again before the complaint can close."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    permission_require(actor, "resolutions.record_payment")
    state_require(complaint, State.NOTIFIED, State.FOLLOW_UP)
    if not reason.strip():
        raise ValidationError({"reason": _("Please record what the complainant said.")})
    reopened = payments_reopen(complaint, actor=actor, reason=reason)
    if not reopened:
        raise ValidationError(_("No compensation has been paid yet."), code="unpaid")
    return reopened


def payments_reopen(complaint: Complaint, *, actor, reason: str) -> int:
    """The complainant says the compensation has not arrived: its payment is to be proven again,
    so the complaint cannot close until it is. Returns how many items were reopened."""
    reopened = 0
    for item in complaint.compensations.filter(status=Compensation.Status.PAID):
        item.status = Compensation.Status.AGREED
        item.save(update_fields=["status"])
        reopened += 1
    if reopened:
        trace(
            complaint,
            actor=actor,
            note=_("Payment reopened: the complainant says the compensation has not arrived. %(reason)s")
            % {"reason": reason},
        )
    return reopened


def _close(complaint: Complaint, *, actor, note: str) -> None:
    complaint.closed_at = timezone.now()
    transition_run(complaint, "close", actor=actor, note=note, refused=UNPAID_REFUSAL)
    complainant_tell(complaint=complaint, purpose="closed")


@transaction.atomic
def follow_up_close(*, complaint_id: int, actor, note: str = "", seen_version: int | None = None) -> Complaint:
    """The agent closes a complaint in follow-up. An unsatisfied answer is reopened or referred instead."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    state_require(complaint, State.FOLLOW_UP)
    follow_up = follow_up_current(complaint)
    if follow_up is not None and follow_up.unsatisfied:
        raise ValidationError(
            _("The complainant is unsatisfied: reopen the complaint or record an external route."), code="unsatisfied"
        )
    _close(complaint, actor=actor, note=note)
    return complaint


@transaction.atomic
def follow_up_reopen(*, complaint_id: int, actor, reason: str, seen_version: int | None = None) -> Complaint:
    """Unsatisfied: reopen, and go straight back to investigation for a re-assessment in a new
    round led by the previous round's lead (a new report is needed before mediating again)."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Please record why the complaint is reopened.")})
    complaint.closed_at = None
    transition_run(complaint, "reopen", actor=actor, note=reason)
    previous = complaint.investigations.order_by("-round").select_related("lead").first()
    lead = previous.lead if previous and previous.lead.is_active else actor
    investigation_start(complaint_id=complaint.pk, actor=actor, lead=lead, note=_("Re-assessment after reopening."))
    complaint.refresh_from_db()
    return complaint


def follow_up_close_unanswered(*, now=None) -> int:
    """Close the complaints whose survey got no answer in time (periodic). A complaint with an
    unpaid agreed compensation stays open for the agent. Returns how many were closed."""
    closed = 0
    for follow_up_id, complaint_id in follow_ups_overdue(now=now).values_list("pk", "complaint_id"):
        try:
            with transaction.atomic():
                complaint = complaint_for_update(pk=complaint_id)
                current = follow_up_current(complaint)
                if complaint.state != State.FOLLOW_UP or current.pk != follow_up_id or current.answered:
                    continue
                if not complaint.can_be_closed():  # an unpaid compensation: the agent closes after paying
                    continue
                current.closed_unanswered = True
                current.save(update_fields=["closed_unanswered"])
                _close(complaint, actor=None, note=_("No answer within the follow-up period."))
                closed += 1
        except ComplaintChanged:
            logger.info("Complaint %s changed while closing an unanswered follow-up; next run retries", complaint_id)
    return closed
