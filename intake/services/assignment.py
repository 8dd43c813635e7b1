"""Who handles a complaint: reassignment by supervisors (with a reason), "assign to me", moving it
to another team, and the team's automatic assignment (round robin or least loaded, by service-type
skill)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import override

from core import roles
from core.models import StaffTeam

from ..locking import complaint_for_update, complaint_save
from ..models import AssignmentRule, Complaint, ComplaintEvent
from ..models.lifecycle import OPEN_STATES
from .desk_reports import desk_report_assignee_check, earlier_handler_ids

ASSIGN_PERMISSION = "intake.assign_complaint"
HANDLER_PERMISSION = "intake.accept_complaint"

#: The role that handles complaints: a complaint is assigned to one of its active members.
HANDLER_ROLES = (roles.AGENT,)


def assignees(team: StaffTeam | None = None):
    """Who a complaint can be given to: active agents (of ``team`` when given)."""
    return roles.role_members(*HANDLER_ROLES, team=team)


def handler_candidates(complaint: Complaint | None = None):
    """Whom a form offers as handler: active agents; for a complaint about the desk, the supervisors
    who did not handle the complaint it reports. Without a complaint (a posted form), either kind:
    the service then refuses the wrong one with a message."""
    if complaint is None:
        return roles.role_members(*HANDLER_ROLES, roles.SUPERVISOR)
    if complaint.is_about_the_desk:
        return roles.role_members(roles.SUPERVISOR).exclude(pk__in=earlier_handler_ids(complaint))
    return assignees()


def assignee_check(*, assigned_to, assigned_team: StaffTeam | None, complaint: Complaint | None = None) -> None:
    """Refuse an inactive account, a user without the agent role, or an agent outside the chosen team;
    a complaint about the desk goes to a supervisor who did not handle the complaint it reports."""
    if assigned_to is None:
        return
    if complaint is not None and complaint.is_about_the_desk:
        desk_report_assignee_check(complaint=complaint, assigned_to=assigned_to)
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


def _handler_check(user) -> None:
    if not user.is_active or not user.has_perm(HANDLER_PERMISSION):
        raise ValidationError({"assigned_to": _("Complaints can only be assigned to desk staff.")})


def _assignment_record(complaint: Complaint, *, actor, handler, team: StaffTeam | None, how: str = "") -> None:
    """Save the new handler and team; the timeline says who moved it where, and how or why."""
    complaint.assigned_to, complaint.assigned_team = handler, team
    complaint._change_reason = how
    complaint_save(complaint, update_fields=["assigned_to", "assigned_team"])
    with override("zh-hans"):
        note = _("Reassigned to %(handler)s / %(team)s.") % {"handler": handler or "—", "team": team or "—"}
        if how:
            note = f"{note} {how}"
    ComplaintEvent.objects.create(
        complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, transition="reassign", note=note[:5000]
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
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    assignee_check(assigned_to=assigned_to, assigned_team=assigned_team, complaint=complaint)
    if (complaint.assigned_to_id, complaint.assigned_team_id) == (
        getattr(assigned_to, "pk", None),
        getattr(assigned_team, "pk", None),
    ):
        raise ValidationError(_("The complaint already has this handler and team."), code="unchanged")
    _assignment_record(complaint, actor=actor, handler=assigned_to, team=assigned_team, how=reason.strip())
    return complaint


@transaction.atomic
def complaint_handler_set(*, complaint_id: int, actor, handler, seen_version: int | None = None) -> Complaint:
    """A supervisor gives the complaint to ``handler``; its team stays."""
    if not actor.has_perm(ASSIGN_PERMISSION):
        raise PermissionDenied
    _handler_check(handler)
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    _open_check(complaint)
    desk_report_assignee_check(complaint=complaint, assigned_to=handler)
    _assignment_record(complaint, actor=actor, handler=handler, team=complaint.assigned_team)
    return complaint


@transaction.atomic
def complaint_take(*, complaint_id: int, actor, seen_version: int | None = None) -> Complaint:
    """ "Assign to me": desk staff take an open complaint nobody handles; supervisors may take any."""
    _handler_check(actor)
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    _open_check(complaint)
    if complaint.assigned_to_id == actor.pk:
        raise ValidationError(_("This complaint is already yours."))
    desk_report_assignee_check(complaint=complaint, assigned_to=actor)
    if complaint.assigned_to_id is not None and not actor.has_perm(ASSIGN_PERMISSION):
        raise ValidationError(
            _("%(handler)s already handles this complaint; a supervisor can reassign it.")
            % {"handler": complaint.assigned_to}
        )
    _assignment_record(complaint, actor=actor, handler=actor, team=complaint.assigned_team)
    return complaint


@transaction.atomic
def complaint_team_move(*, complaint_id: int, actor, team: StaffTeam, seen_version: int | None = None) -> Complaint:
    """Move the complaint to ``team``. Its handler stays when they belong to the team; otherwise the
    team's automatic assignment picks one, or the complaint waits in the team without a handler."""
    if not actor.has_perm(ASSIGN_PERMISSION):
        raise PermissionDenied
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    _open_check(complaint)
    if complaint.assigned_team_id == team.pk:
        raise ValidationError(_("This complaint is already in team %(team)s.") % {"team": team})
    handler = complaint.assigned_to
    if handler is not None and not team.members.filter(pk=handler.pk).exists():
        handler = None
    how = ""
    if handler is None and not complaint.is_about_the_desk:
        handler = team_assignee_pick(team=team, service_type=complaint.service_type)
        if handler is not None:
            with override("zh-hans"):
                how = _("Handler chosen by the team's automatic assignment.")
    _assignment_record(complaint, actor=actor, handler=handler, team=team, how=how)
    return complaint


def _open_check(complaint: Complaint) -> None:
    if complaint.state not in OPEN_STATES:
        raise ValidationError(_("This complaint is no longer open."))


def team_assignee_pick(*, team: StaffTeam, service_type: str):
    """The member the team's enabled rule picks for a complaint of ``service_type``, or ``None``.

    Eligible: active members who may handle complaints and, when the rule lists skills, are listed
    for the service type (an empty list takes every type). Round robin takes the next after the
    last one picked (by username); least loaded takes the one with the fewest open complaints.
    Must run inside the transaction that assigns, which holds the rule's row lock.
    """
    assert transaction.get_connection().in_atomic_block, "team_assignee_pick needs a transaction"
    rule = AssignmentRule.objects.select_for_update().filter(team=team, enabled=True).first()
    if rule is None:
        return None
    candidates = (
        get_user_model()
        .objects.filter(is_active=True, staff_teams=team)
        .filter(Q(groups__permissions__codename="accept_complaint") | Q(is_superuser=True))
        .distinct()
    )
    skills = {row.user_id: row.service_types for row in rule.skills.all()}
    if skills:
        eligible = [pk for pk, types in skills.items() if not types or service_type in types]
        candidates = candidates.filter(pk__in=eligible)
    if rule.method == AssignmentRule.Method.LEAST_LOADED:
        load = Count("assigned_complaints", filter=Q(assigned_complaints__state__in=OPEN_STATES))
        chosen = candidates.annotate(load=load).order_by("load", "username").first()
    else:
        ordered = list(candidates.order_by("username"))
        last = rule.last_assigned.username if rule.last_assigned_id else None
        chosen = next((user for user in ordered if last is None or user.username > last), None)
        chosen = chosen or (ordered[0] if ordered else None)
    if chosen is not None:
        # The pointer is excluded from the rule's history: moving it is not a change of the rule.
        AssignmentRule.objects.filter(pk=rule.pk).update(last_assigned=chosen)
    return chosen
