"""Changes after acceptance on the workbench, each with a reason on the timeline: reassign (agent,
team), reclassify (category, severity, urgency, channel), escalate to the next layer, merge a repeat
into its original. Each card shows only to those who may use it, in a state that allows it."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from ..forms.workbench import EscalateForm, MergeForm, ReassignForm, ReclassifyForm
from ..models import Complaint, State
from ..models.lifecycle import OPEN_STATES
from ..services.assignment import ASSIGN_PERMISSION, complaint_assign
from ..services.classification import RECLASSIFY_PERMISSION, complaint_reclassify
from ..services.escalation import ESCALATE_PERMISSION, complaint_escalate, escalation_next, may_escalate
from ..services.merge import MERGE_PERMISSION, complaint_merge
from .workbench import workbench_form_view


def changes_panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    """The cards open to this user now; ``None`` when there is none. At most one query."""
    user = request.user
    is_open = complaint.state in OPEN_STATES
    accepted = is_open and complaint.state != State.SUBMITTED
    cards = {
        "reassign": is_open and user.has_perm(ASSIGN_PERMISSION),
        "reclassify": accepted and user.has_perm(RECLASSIFY_PERMISSION),
        "escalate": bool(may_escalate(complaint)) and user.has_perm(ESCALATE_PERMISSION),
        "merge": is_open and user.has_perm(MERGE_PERMISSION),
    }
    if cards["merge"] and complaint.merged.exists():  # an original stays one: no chains
        cards["merge"] = False
    if not any(cards.values()):
        return None
    return {
        "cards": cards,
        "escalate_to": escalation_next(complaint),
        "reassign_form": ReassignForm(complaint=complaint),
        "reclassify_form": ReclassifyForm(complaint=complaint),
        "escalate_form": EscalateForm(complaint=complaint),
        "merge_form": MergeForm(complaint=complaint),
    }


reassign_view = workbench_form_view(
    ASSIGN_PERMISSION, ReassignForm, "reassign", complaint_assign, gettext_lazy("Complaint reassigned.")
)
reclassify_view = workbench_form_view(
    RECLASSIFY_PERMISSION,
    ReclassifyForm,
    "reclassify",
    complaint_reclassify,
    gettext_lazy("Classification changed; the open deadlines follow it."),
)
escalate_view = workbench_form_view(
    ESCALATE_PERMISSION,
    EscalateForm,
    "escalate",
    complaint_escalate,
    gettext_lazy("Complaint escalated; the next layer is alerted."),
)
merge_view = workbench_form_view(
    MERGE_PERMISSION,
    MergeForm,
    "merge",
    complaint_merge,
    gettext_lazy("Complaint merged into its original; its number still leads there."),
)
