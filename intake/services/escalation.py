"""Manual escalation (seed 004: 不能及时处理的将服务上移): a complaint the agent cannot handle in time
moves up one layer -- agent, then supervisor, then management -- and that layer is told at once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from core import roles

from ..choices import EscalationLayer
from ..locking import complaint_for_update, complaint_save
from ..models import Complaint, ComplaintEvent, State
from ..models.lifecycle import OPEN_STATES
from .alerts import staff_alert

ESCALATE_PERMISSION = "intake.escalate_complaint"
#: The role that owns each layer above the agent.
LAYER_ROLES = {EscalationLayer.SUPERVISOR: roles.SUPERVISOR, EscalationLayer.MANAGEMENT: roles.MANAGEMENT}


def escalation_next(complaint: Complaint) -> EscalationLayer | None:
    """The layer above the complaint's, or ``None`` at the top."""
    following = complaint.escalation_layer + 1
    return EscalationLayer(following) if following in EscalationLayer.values else None


def may_escalate(complaint: Complaint) -> bool:
    return complaint.state in OPEN_STATES and complaint.state != State.SUBMITTED and escalation_next(complaint)


@transaction.atomic
def complaint_escalate(*, complaint_id: int, actor, seen_version: int, reason: str) -> Complaint:
    """Move an accepted, open complaint up one layer with the reason on the timeline, and alert every
    active member of that layer by e-mail and SMS (tracking number and reason only, no personal data)."""
    if actor is None or not actor.has_perm(ESCALATE_PERMISSION):
        raise PermissionDenied
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the complaint cannot be handled at this layer.")})
    if complaint.state not in OPEN_STATES or complaint.state == State.SUBMITTED:
        raise ValidationError(_("Only an accepted complaint that is still open can be escalated."), code="state")
    layer = escalation_next(complaint)
    if layer is None:
        raise ValidationError(_("This complaint is already with management, the last layer."), code="top")
    complaint.escalation_layer = layer
    complaint._change_reason = reason
    complaint_save(complaint, update_fields=["escalation_layer"])
    with override("zh-hans"):
        note = _("Escalated to %(layer)s: %(reason)s") % {"layer": layer.label, "reason": reason}
        subject = _("Complaint %(number)s escalated to you") % {"number": complaint.tracking_number}
        body = _(
            "Complaint %(number)s was escalated to %(layer)s by %(actor)s: %(reason)s Please open it in the desk."
        ) % {
            "number": complaint.tracking_number,
            "layer": layer.label,
            "actor": actor.get_full_name() or actor.get_username(),
            "reason": reason,
        }
    ComplaintEvent.objects.create(
        complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, transition="escalate", note=note[:5000]
    )
    users = roles.role_members(LAYER_ROLES[layer]).select_related("staff_profile")
    staff_alert(users=users, subject=subject, body=body, complaint=complaint, purpose=f"escalation_{layer.value}")
    return complaint
