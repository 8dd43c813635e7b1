"""Reads of the investigation stage: the workbench panel in a fixed number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from intake.models import State

from .models import EvidenceItem, ExtensionRequest, Investigation
from .services.access import SUPERVISOR_PERMISSION
from .services.evidence import complaint_chain_check
from .services.investigation import extension_hours_left


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
    pending = next((r for r in requests if r.status == ExtensionRequest.Status.PENDING), None)
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
        "may_decide_extension": pending is not None and may_supervise and pending.requested_by_id != user.pk,
        "may_add_evidence": may_work and user.has_perm("investigations.add_evidenceitem"),
        "may_report": investigating and report is None and may_work,
        "may_request_extension": investigating
        and pending is None
        and user.has_perm("investigations.add_extensionrequest")
        and (on_team or may_supervise or user.pk == complaint.assigned_to_id),
        "hours_left": extension_hours_left(investigation=investigation) if investigating else 0,
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
