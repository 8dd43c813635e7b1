"""Who acts next on a complaint, on what, and by when: the workbench's first line, so nobody guesses
("等待 调查员 张三 提交调查报告，截止 12-03 17:00").

The stage's owner comes from the state; the person from the complaint (its agent, or the lead of the
running investigation, read through the reverse relation as the lifecycle's conditions do); a
complaint escalated by hand is its layer's (supervisors, then management); the time from the open
deadline of that work due first (any open deadline when that work has none).
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from core import roles
from deadlines.selectors import deadline_nearest_open

from .choices import EscalationLayer
from .models import Complaint, State

#: state -> (the role whose move it is, what they do next).
_TASKS = {
    State.SUBMITTED: (roles.AGENT, _("decide whether to accept the complaint")),
    State.ACCEPTED: (roles.AGENT, _("contact the complainant and start the investigation")),
    State.INVESTIGATING: (roles.INVESTIGATOR, _("submit the investigation report")),
    State.MEDIATING: (roles.AGENT, _("record the settlement, or the request for a ruling")),
    State.RULING: (roles.RULING_PANEL, _("vote on the ruling")),
    State.RESOLVED: (roles.AGENT, _("send the result notice")),
    State.NOTIFIED: (roles.AGENT, _("confirm the notice with the complainant by phone")),
    State.FOLLOW_UP: (roles.AGENT, _("record the satisfaction follow-up and close the complaint")),
    State.REOPENED: (roles.AGENT, _("start the investigation again")),
}
#: state -> the deadlines (``deadlines.models.Step`` values) that measure that work.
_STEPS = {
    State.SUBMITTED: ("register", "handover", "assign"),
    State.ACCEPTED: ("first_contact", "investigation"),
    State.INVESTIGATING: ("investigation",),
    State.MEDIATING: ("solution", "decision", "resolve"),
    State.RULING: ("decision", "resolve"),
    State.RESOLVED: ("completion",),
    State.NOTIFIED: ("callback",),
    State.FOLLOW_UP: ("follow_up_survey",),
    State.REOPENED: ("investigation",),
}
_LAYER_ROLES = {EscalationLayer.SUPERVISOR: roles.SUPERVISOR, EscalationLayer.MANAGEMENT: roles.MANAGEMENT}


@dataclass(frozen=True)
class NextStep:
    role: str
    person: object | None
    task: str
    due_at: datetime | None
    due_step: str = ""

    @property
    def person_name(self) -> str:
        if self.person is None:
            return ""
        return self.person.get_full_name() or self.person.get_username()


def next_step(complaint: Complaint) -> NextStep | None:
    """``None`` when the desk owes nothing more (closed, withdrawn, merged, archived ...). At most two queries."""
    if complaint.state not in _TASKS:
        return None
    role, task = _TASKS[complaint.state]
    person = complaint.assigned_to
    if role == roles.INVESTIGATOR:
        investigation = complaint.investigations.select_related("lead").order_by("-round").first()
        person = investigation.lead if investigation is not None else None
    elif role == roles.RULING_PANEL:
        person = None
    if role == roles.AGENT and complaint.escalation_layer in _LAYER_ROLES:
        role, person = _LAYER_ROLES[complaint.escalation_layer], None
    deadline = deadline_nearest_open(complaint, steps=_STEPS[complaint.state])
    return NextStep(
        role=str(roles.ROLE_LABELS[role]),
        person=person,
        task=str(task),
        due_at=deadline.due_at if deadline is not None else None,
        due_step=deadline.get_step_display() if deadline is not None else "",
    )
