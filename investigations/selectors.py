"""Reads of the investigation stage: the workbench panel in a fixed number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from intake.models import State

from . import forms
from .models import (
    DepartmentReferral,
    EvidenceItem,
    ExtensionRequest,
    ExternalTeamMember,
    Investigation,
    InvestigationSettings,
    JointHandlingGroup,
)
from .privacy import external_member_phone
from .services.access import SUPERVISOR_PERMISSION
from .services.evidence import complaint_chain_check
from .services.investigation import LEADERSHIP_PERMISSION


def evidence_for_complaint(*, complaint_id: int) -> list[EvidenceItem]:
    return list(
        EvidenceItem.objects.filter(complaint_id=complaint_id)
        .select_related("added_by", "supersedes", "superseded_by")
        .order_by("sequence")
    )


def complainant_files_adopted(complaint, items: list[EvidenceItem]) -> list[tuple]:
    """Each file the complainant sent, with the evidence item that adopted it (or None)."""
    adopted = {item.attachment_id: item for item in items if item.attachment_id is not None}
    return [(file, adopted.get(file.pk)) for file in complaint.attachments.order_by("uploaded_at", "pk")]


def workbench_panel_context(request, complaint) -> dict | None:
    """The investigation panel: team, evidence with its chain status, statements, visits, report."""
    user = request.user
    if not user.has_perm("investigations.view_investigation"):
        return None
    investigation = (
        Investigation.objects.filter(complaint=complaint)
        .select_related("lead", "report", "report__submitted_by")
        # The newer sections are usually empty: one EXISTS each here, their rows only when there are any.
        .annotate(
            has_external=Exists(ExternalTeamMember.objects.filter(investigation=OuterRef("pk"))),
            has_referrals=Exists(DepartmentReferral.objects.filter(complaint=OuterRef("complaint"))),
            has_joint_group=Exists(JointHandlingGroup.objects.filter(complaint=OuterRef("complaint"))),
        )
        .prefetch_related(
            "members",
            "statements__taken_by",
            "site_visits__recorded_by",
            Prefetch(
                "extension_requests",
                queryset=ExtensionRequest.objects.select_related("requested_by", "decided_by"),
            ),
        )
        .order_by("-round")
        .first()
    )
    if investigation is None:
        return None
    members = list(investigation.members.all())
    on_team = user.pk == investigation.lead_id or user in members
    may_supervise = user.has_perm(SUPERVISOR_PERMISSION)
    may_see_evidence = user.has_perm("investigations.view_evidenceitem")
    items = evidence_for_complaint(complaint_id=complaint.pk) if may_see_evidence else []
    report = getattr(investigation, "report", None)
    requests = list(investigation.extension_requests.all())
    pending = next((r for r in requests if r.is_open), None)
    may_work = (on_team or may_supervise) and complaint.state != State.ARCHIVED
    investigating = complaint.state == State.INVESTIGATING
    return {
        "investigation": investigation,
        "members": members,
        "evidence": items,
        # Records and texts only: re-hashing every stored file is the job of the "verify" button.
        "chain_status": complaint_chain_check(complaint_id=complaint.pk, items=items, files=False),
        "complainant_files": complainant_files_adopted(complaint, items),
        "report": report,
        "extension_requests": requests,
        "pending_extension": pending,
        "may_decide_extension": _may_decide(user, pending, may_supervise=may_supervise),
        "may_add_evidence": may_work and user.has_perm("investigations.add_evidenceitem"),
        "may_report": investigating and report is None and may_work,
        "may_request_extension": investigating
        and pending is None
        and user.has_perm("investigations.add_extensionrequest")
        and (on_team or may_supervise or user.pk == complaint.assigned_to_id),
        "days_left": _days_left(requests) if investigating else 0,
        **_team_context(user, complaint, investigation, may_supervise=may_supervise),
        **departments_context(
            user, complaint, referrals=investigation.has_referrals, group=investigation.has_joint_group
        ),
    }


def _days_left(requests: list[ExtensionRequest]) -> int | None:
    """Working days still grantable, from the requests already read; None (some) while none was
    granted, so the common case reads no settings row."""
    granted = sum(r.working_days for r in requests if r.status == ExtensionRequest.Status.APPROVED)
    if not granted:
        return None
    return max(0, InvestigationSettings.current().extension_max_days - granted)


def _may_decide(user, pending, *, may_supervise: bool) -> bool:
    if pending is None or pending.requested_by_id == user.pk:
        return False
    if pending.status == ExtensionRequest.Status.AWAITING_LEADERSHIP:
        return user.has_perm(LEADERSHIP_PERMISSION)
    return may_supervise


def _team_context(user, complaint, investigation, *, may_supervise: bool) -> dict:
    """Team members without a login (seed 001), their phones masked (domain.md §8)."""
    may_manage = (user.pk == investigation.lead_id or may_supervise) and complaint.state != State.ARCHIVED
    rows = investigation.external_members.select_related("added_by") if investigation.has_external else []
    external = [(member, external_member_phone(member)) for member in rows]
    return {
        "external_members": external,
        "may_manage_team": may_manage,
        "external_member_form": forms.ExternalMemberForm() if may_manage else None,
    }


def departments_context(user, complaint, *, referrals: bool = True, group: bool = True) -> dict:
    """Referrals to departments (seed 004) and the joint handling group (seed 002) of the complaint;
    ``referrals`` / ``group`` False when the caller already knows there are none."""
    referrals = (
        list(
            DepartmentReferral.objects.filter(complaint=complaint)
            .select_related("department", "referred_by", "responded_by")
            .order_by("referred_at", "id")
        )
        if referrals
        else []
    )
    mine = set()
    if any(referral.status == DepartmentReferral.Status.OPEN for referral in referrals):
        mine = set(user.departments.values_list("pk", flat=True)) | {
            r.department_id for r in referrals if r.department.head_id == user.pk
        }
    group = (
        JointHandlingGroup.objects.filter(complaint=complaint)
        .select_related("leader", "formed_by")
        .prefetch_related("departments")
        .first()
        if group
        else None
    )
    open_complaint = complaint.state != State.ARCHIVED
    may_refer = open_complaint and user.has_perm("investigations.add_departmentreferral")
    may_form_group = open_complaint and user.has_perm("investigations.add_jointhandlinggroup")
    return {
        "referrals": [(referral, referral.department_id in mine) for referral in referrals],
        "referral_form": forms.ReferralForm() if may_refer else None,
        "joint_group": group,
        "joint_group_form": forms.JointGroupForm(
            initial={"leader": group.leader_id, "departments": [d.pk for d in group.departments.all()]}
            if group
            else None
        )
        if may_form_group
        else None,
    }


def _on_team(user) -> Q:
    return Q(lead=user) | Q(members=user)


def on_investigation_team(user) -> Q:
    """Worklist "mine" for investigators: complaints whose investigation team they are on."""
    return Q(Exists(Investigation.objects.filter(_on_team(user), complaint=OuterRef("pk"))))


def awaiting_investigation_by(user) -> Q:
    """Worklist: under investigation by a team the user is on, and no report submitted yet."""
    rounds = Investigation.objects.filter(_on_team(user), complaint=OuterRef("pk"), report__isnull=True)
    return Q(state=State.INVESTIGATING) & Q(Exists(rounds))


def extension_awaiting_approval_by(user) -> Q:
    """Worklist "awaiting my approval": a pending extension someone else asked for."""
    pending = ExtensionRequest.objects.filter(
        investigation__complaint=OuterRef("pk"), status=ExtensionRequest.Status.PENDING
    ).exclude(requested_by=user)
    return Q(Exists(pending))
