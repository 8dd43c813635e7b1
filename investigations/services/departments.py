"""Routing a complaint to a department for help, and the joint handling group of several.

Seed 004: 班长坐席审核工单并转致业务部门协助处理. Seed 002: 跨部门投诉成立联合处理小组，由机构分管领导担任组长.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from deadlines import calendar
from intake.models import Complaint, ComplaintEvent, State

from ..models import Department, DepartmentReferral, InvestigationSettings, JointHandlingGroup

REFER_PERMISSION = "investigations.add_departmentreferral"
JOINT_GROUP_PERMISSION = "investigations.add_jointhandlinggroup"
#: Who may lead a joint handling group: 机构分管领导, i.e. management or a supervisor.
LEADER_ROLES = (roles.MANAGEMENT, roles.SUPERVISOR)


def referral_due_on(*, start=None):
    days = InvestigationSettings.current().referral_response_days
    return calendar.days_after(timezone.localdate(start), days, working_days=True)


@transaction.atomic
def department_referral_create(
    *, complaint_id: int, actor, department: Department, request_text: str
) -> DepartmentReferral:
    if not actor.has_perm(REFER_PERMISSION):
        raise PermissionDenied
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if complaint.state in (State.ARCHIVED,):
        raise ValidationError(_("An archived complaint cannot be referred to a department."))
    if not department.is_active:
        raise ValidationError(_("%(department)s is no longer active.") % {"department": department})
    if department.head_id is None and not department.members.exists():
        raise ValidationError(
            _("%(department)s has no members yet, so nobody could answer. Add its members in admin first.")
            % {"department": department}
        )
    referral = DepartmentReferral(
        complaint=complaint,
        department=department,
        request_text=(request_text or "").strip(),
        due_on=referral_due_on(),
        referred_by=actor,
    )
    referral.full_clean()
    referral.save()
    _event(
        complaint,
        actor,
        _("Referred to %(department)s for help, answer due %(due)s.")
        % {"department": department, "due": referral.due_on.isoformat()},
    )
    return referral


@transaction.atomic
def department_referral_respond(*, referral_id: int, actor, response: str) -> DepartmentReferral:
    referral = (
        DepartmentReferral.objects.select_for_update().select_related("department", "complaint").get(pk=referral_id)
    )
    if not referral.department.has_member(actor):
        raise ValidationError(
            _("Only members of %(department)s may answer this referral.") % {"department": referral.department}
        )
    if referral.status != DepartmentReferral.Status.OPEN:
        raise ValidationError(_("This referral has already been answered."))
    response = (response or "").strip()
    if not response:
        raise ValidationError({"response": _("Write the department's answer.")})
    referral.response = response
    referral.responded_by = actor
    referral.responded_at = timezone.now()
    referral.status = DepartmentReferral.Status.ANSWERED
    referral.full_clean()
    referral.save()
    _event(
        referral.complaint,
        actor,
        _("%(department)s answered: %(response)s")
        % {
            "department": referral.department,
            "response": response,
        },
    )
    return referral


def referrals_overdue(*, today=None):
    """Open referrals past their due date, oldest first (a worklist and the admin filter use it)."""
    today = today or timezone.localdate()
    return (
        DepartmentReferral.objects.filter(status=DepartmentReferral.Status.OPEN, due_on__lt=today)
        .select_related("department", "complaint")
        .order_by("due_on", "id")
    )


@transaction.atomic
def joint_group_form(*, complaint_id: int, actor, leader, departments) -> JointHandlingGroup:
    """Form (or re-form) the complaint's joint handling group: two or more departments and a leader."""
    if not actor.has_perm(JOINT_GROUP_PERMISSION):
        raise PermissionDenied
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    departments = list(departments)
    if len(departments) < 2:
        raise ValidationError({"departments": _("A joint handling group needs at least two departments.")})
    if leader is None or not roles.role_members(*LEADER_ROLES).filter(pk=leader.pk).exists():
        raise ValidationError(
            {"leader": _("The group's leader must be an active member of management or a supervisor.")}
        )
    group = JointHandlingGroup.objects.filter(complaint=complaint).first()
    if group is None:
        group = JointHandlingGroup(complaint=complaint, leader=leader, formed_by=actor)
    else:
        group.leader = leader
    group.full_clean()
    group.save()
    group.departments.set(departments)
    _event(
        complaint,
        actor,
        _("Joint handling group: %(departments)s, led by %(leader)s.")
        % {"departments": "、".join(str(d) for d in departments), "leader": leader},
    )
    return group


def _event(complaint, actor, note: str) -> None:
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, note=note[:5000])
