"""Reads of the investigation stage: the workbench panel in a fixed number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from intake.models import State

from . import forms
from .models import DepartmentReferral, EvidenceItem, ExtensionRequest, Investigation, JointHandlingGroup
from .privacy import external_member_phone
from .services.access import SUPERVISOR_PERMISSION
from .services.evidence import complaint_chain_check
from .services.investigation import LEADERSHIP_PERMISSION, extension_days_left


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
        .prefetch_related(
            "members",
            "external_members",
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
        "days_left": extension_days_left(investigation=investigation) if investigating else 0,
        **_team_context(user, complaint, investigation, may_supervise=may_supervise),
        **departments_context(user, complaint),
    }


def _may_decide(user, pending, *, may_supervise: bool) -> bool:
    if pending is None or pending.requested_by_id == user.pk:
        return False
    if pending.status == ExtensionRequest.Status.AWAITING_LEADERSHIP:
        return user.has_perm(LEADERSHIP_PERMISSION)
    return may_supervise


def _team_context(user, complaint, investigation, *, may_supervise: bool) -> dict:
    """Team members without a login (seed 001), their phones masked (domain.md §8)."""
    may_manage = (user.pk == investigation.lead_id or may_supervise) and complaint.state != State.ARCHIVED
    external = [(member, external_member_phone(member)) for member in investigation.external_members.all()]
    return {
        "external_members": external,
        "may_manage_team": may_manage,
        "external_member_form": forms.ExternalMemberForm() if may_manage else None,
    }


def departments_context(user, complaint) -> dict:
    """Referrals to departments (seed 004) and the joint handling group (seed 002) of the complaint."""
    referrals = list(
        DepartmentReferral.objects.filter(complaint=complaint)
        .select_related("department", "referred_by", "responded_by")
        .order_by("referred_at", "id")
    )
    mine = set()
    if any(referral.status == DepartmentReferral.Status.OPEN for referral in referrals):
        mine = set(user.departments.values_list("pk", flat=True)) | {
            r.department_id for r in referrals if r.department.head_id == user.pk
        }
    group = (
        JointHandlingGroup.objects.filter(complaint=complaint)
        .select_related("leader")
        .prefetch_related("departments")
        .first()
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
