"""Reassigning a complaint to another agent or another staff team (supervisors)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from core import roles
from core.models import StaffTeam

from ..locking import complaint_for_update, complaint_save
from ..models import Complaint, ComplaintEvent

ASSIGN_PERMISSION = "intake.assign_complaint"
#: The role that handles complaints: a complaint is assigned to one of its active members.
HANDLER_ROLES = (roles.AGENT,)


def assignees(team: StaffTeam | None = None):
    """Who a complaint can be given to: active agents (of ``team`` when given)."""
    return roles.role_members(*HANDLER_ROLES, team=team)


def assignee_check(*, assigned_to, assigned_team: StaffTeam | None) -> None:
    """Refuse an inactive account, a user without the agent role, or an agent outside the chosen team."""
    if assigned_to is None:
        return
    if not roles.has_role(assigned_to, *HANDLER_ROLES):
        raise ValidationError(
            {"assigned_to": _("%(user)s is not an active agent: choose another handler.") % {"user": assigned_to}}
        )
    if assigned_team is not None and assigned_team.members.exists():
        if not assigned_team.members.filter(pk=assigned_to.pk).exists():
            raise ValidationError(
                {
                    "assigned_to": _("%(user)s is not a member of the team %(team)s.")
                    % {"user": assigned_to, "team": assigned_team}
                }
            )


@transaction.atomic
def complaint_assign(
    *,
    complaint_id: int,
    actor,
    assigned_to=None,
    assigned_team: StaffTeam | None = None,
    seen_version: int | None = None,
    reason: str = "",
) -> Complaint:
    """Give the complaint a new handler and/or team; the timeline says who moved it where, and why.

    Archived complaints refuse (``ComplaintArchived``), as every write does.
    """
    if not actor.has_perm(ASSIGN_PERMISSION):
        raise PermissionDenied
    if assigned_to is None and assigned_team is None:
        raise ValidationError(_("Choose a handler or a team."))
    assignee_check(assigned_to=assigned_to, assigned_team=assigned_team)
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    if (complaint.assigned_to_id, complaint.assigned_team_id) == (
        getattr(assigned_to, "pk", None),
        getattr(assigned_team, "pk", None),
    ):
        raise ValidationError(_("The complaint already has this handler and team."), code="unchanged")
    complaint.assigned_to, complaint.assigned_team = assigned_to, assigned_team
    complaint._change_reason = reason.strip()
    complaint_save(complaint, update_fields=["assigned_to", "assigned_team"])
    with override("zh-hans"):
        note = _("Reassigned to %(handler)s / %(team)s.") % {
            "handler": assigned_to or "—",
            "team": assigned_team or "—",
        }
    if reason.strip():
        note = f"{note} {reason.strip()}"
    ComplaintEvent.objects.create(
        complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, transition="reassign", note=note[:5000]
    )
    return complaint
