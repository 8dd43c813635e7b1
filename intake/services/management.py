"""What management decides on a major complaint (seed 002: 管理层会议审议, at most 7 working days;
seed 003: an opinion within 3), recorded by a member of management on the timeline."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles

from ..choices import Severity
from ..locking import complaint_for_update, complaint_refuse_if_archived
from ..models import ComplaintEvent, ManagementDecision, State
from ..signals import management_decision_recorded

DECISION_PERMISSION = "intake.add_managementdecision"
_CLOCK_SLACK = timedelta(minutes=2)


def may_decide(user) -> bool:
    """Only the management role decides; a supervisor with the permission through admin does not."""
    return user.has_perm(DECISION_PERMISSION) and roles.MANAGEMENT in roles.user_roles(user)


@transaction.atomic
def management_decision_record(
    *, complaint_id: int, actor, kind: str, decided_at: datetime, decision: str
) -> ManagementDecision:
    if actor is None or not may_decide(actor):
        raise PermissionDenied
    complaint = complaint_for_update(pk=complaint_id)
    complaint_refuse_if_archived(complaint)
    if complaint.severity != Severity.MAJOR:
        raise ValidationError(_("Management decides on major complaints only."), code="not_major")
    if complaint.state == State.SUBMITTED:
        raise ValidationError(_("Decide on acceptance first."), code="submitted")
    if decided_at > timezone.now() + _CLOCK_SLACK:
        raise ValidationError({"decided_at": _("The decision cannot be in the future.")})
    if decided_at < complaint.received_at:
        raise ValidationError({"decided_at": _("The decision cannot be earlier than the complaint.")})
    record = ManagementDecision(
        complaint=complaint, kind=kind, decided_by=actor, decided_at=decided_at, decision=decision.strip()
    )
    record.full_clean()
    record.save()
    note = _("Management decision (%(kind)s) at %(time)s: %(decision)s") % {
        "kind": record.get_kind_display(),
        "time": timezone.localtime(decided_at).strftime("%Y-%m-%d %H:%M"),
        "decision": record.decision,
    }
    ComplaintEvent.objects.create(
        complaint=complaint,
        kind=ComplaintEvent.Kind.ACTION,
        actor=actor,
        transition="management_decision",
        note=note[:5000],
    )
    management_decision_recorded.send(sender=ManagementDecision, complaint=complaint, decision=record)
    return record
