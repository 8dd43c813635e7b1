"""Telling the worker and their team's supervisor (003: 执行期限、申诉途径): a finding against the
worker, a penalty in effect with its dates and the appeal window, and the appeal's decision.

The worker knows the customer's phone and order, so these texts never carry the complaint's
tracking number (with the phone it opens /track/) nor anything the complainant wrote: only the
date of the service, what was decided, and how to appeal.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from core.message_templates import MessageKind, message_kinds_register, message_text
from core.outbox import message_queue

from .models import Appeal, Penalty, Worker

WORKER = gettext_lazy("the service worker and their team's supervisor")
SERVICE_DATE = {"date": "2026-11-28"}

message_kinds_register(
    MessageKind(
        "worker_finding",
        gettext_lazy("Finding against the worker"),
        WORKER,
        gettext_lazy(
            "An investigation found you responsible for a complaint about the service of %(date)s. "
            "A supervisor will decide on the consequence; you will be told, with how to appeal."
        ),
        SERVICE_DATE,
    ),
    MessageKind(
        "penalty_approved",
        gettext_lazy("Penalty in effect"),
        WORKER,
        gettext_lazy(
            "Decision on the complaint about the service of %(date)s: %(details)s, in effect from %(effective)s. "
            "You may appeal in writing to your team supervisor or the complaint desk until %(appeal_by)s "
            "(%(days)s days)."
        ),
        {
            **SERVICE_DATE,
            "details": "警告；扣 2 分",
            "effective": "2026-12-01",
            "appeal_by": "2026-12-16",
            "days": "15",
        },
    ),
    MessageKind(
        "appeal_decided",
        gettext_lazy("Appeal decided"),
        WORKER,
        gettext_lazy("Your appeal against the %(kind)s of %(date)s was decided: %(outcome)s."),
        {"kind": "警告", "date": "2026-12-01", "outcome": "维持原处罚"},
    ),
)


def _service_date(complaint) -> str:
    when = (complaint.occurred_at or complaint.received_at) if complaint is not None else None
    return timezone.localtime(when).strftime("%Y-%m-%d") if when else "-"


def worker_tell(*, worker: Worker, body: str, purpose: str, complaint=None) -> None:
    """SMS to the worker (when a phone is on record) and to their team's supervisor, by SMS when
    the supervisor has a mobile number, else by e-mail."""
    if worker.phone:
        message_queue(channel="sms", recipient=worker.phone, body=body, complaint=complaint, purpose=purpose)
    supervisor = worker.team.supervisor if worker.team_id and worker.team.supervisor_id else None
    if supervisor is None or not supervisor.is_active:
        return
    with override("zh-hans"):
        team_body = _("Your team member %(name)s: %(text)s") % {"name": worker.name, "text": body}
    profile = getattr(supervisor, "staff_profile", None)
    if profile is not None and profile.mobile_phone:
        message_queue(
            channel="sms", recipient=profile.mobile_phone, body=team_body, complaint=complaint, purpose=purpose
        )
    elif supervisor.email:
        message_queue(
            channel="email",
            recipient=supervisor.email,
            subject=_("Team member %(name)s") % {"name": worker.name},
            body=team_body,
            complaint=complaint,
            purpose=purpose,
        )


def finding_tell(*, penalty: Penalty) -> None:
    with override("zh-hans"):
        body = message_text("worker_finding", date=_service_date(penalty.complaint))
    worker_tell(worker=penalty.worker, body=body, purpose="worker_finding", complaint=penalty.complaint)


def penalty_approved_tell(*, penalty: Penalty, appeal_by) -> None:
    with override("zh-hans"):
        details = [str(penalty.get_kind_display())]
        if penalty.points:
            details.append(_("%(points)s points deducted") % {"points": penalty.points})
        if penalty.fine_amount:
            details.append(_("fine ¥%(amount)s") % {"amount": penalty.fine_amount})
        if penalty.starts_on and penalty.ends_on:
            details.append(
                _("from %(start)s to %(end)s")
                % {"start": penalty.starts_on.isoformat(), "end": penalty.ends_on.isoformat()}
            )
        body = message_text(
            "penalty_approved",
            date=_service_date(penalty.complaint),
            details="；".join(details),
            effective=timezone.localtime(penalty.decided_at).strftime("%Y-%m-%d"),
            appeal_by=timezone.localtime(appeal_by).strftime("%Y-%m-%d"),
            days=settings.PENALTY_APPEAL_DAYS,
        )
    worker_tell(worker=penalty.worker, body=body, purpose="penalty_approved", complaint=penalty.complaint)


def appeal_decided_tell(*, appeal: Appeal) -> None:
    penalty = appeal.penalty
    with override("zh-hans"):
        body = message_text(
            "appeal_decided",
            kind=penalty.get_kind_display(),
            date=timezone.localtime(penalty.decided_at).strftime("%Y-%m-%d"),
            outcome=Appeal.Outcome(appeal.outcome).label,
        )
    worker_tell(worker=penalty.worker, body=body, purpose="appeal_decided", complaint=penalty.complaint)
