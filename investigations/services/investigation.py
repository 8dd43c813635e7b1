"""Opening an investigation, its report, and extensions of its deadline."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.complainant import complainant_tell
from intake.locking import complaint_for_update, complaint_save
from intake.models import ComplaintEvent, State

from ..models import ExtensionRequest, Investigation, InvestigationReport
from ..signals import investigation_extension_approved, investigation_report_submitted
from .access import SUPERVISOR_PERMISSION, investigation_current, team_member_require

User = get_user_model()
INVESTIGATOR_PERMISSION = "intake.investigate_complaint"


@transaction.atomic
def investigation_start(
    *, complaint_id: int, actor, lead, members=(), seen_version: int | None = None, note: str = ""
) -> Investigation:
    """Move the complaint to *investigating* and open the round's investigation with its team."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    team = {lead, *members}
    if any(not user.is_active or not user.has_perm(INVESTIGATOR_PERMISSION) for user in team):
        raise ValidationError(_("Every team member must be a staff member who may investigate complaints."))
    complaint.start_investigation(by=actor, note=note)
    complaint_save(complaint)
    investigation = Investigation(
        complaint=complaint, round=complaint.investigations.count() + 1, lead=lead, opened_by=actor
    )
    investigation.full_clean()
    investigation.save()
    investigation.members.set([user for user in team if user != lead])
    complainant_tell(complaint=complaint, purpose="investigation_started")
    return investigation


@transaction.atomic
def report_submit(*, complaint_id: int, actor, **fields) -> InvestigationReport:
    """Submit the round's report (投诉调查报告); from then on mediation may start."""
    complaint = complaint_for_update(pk=complaint_id)
    if complaint.state != State.INVESTIGATING:
        raise ValidationError(_("A report can only be submitted while the complaint is under investigation."))
    investigation = investigation_current(complaint=complaint)
    team_member_require(user=actor, investigation=investigation, permission="investigations.add_investigationreport")
    if InvestigationReport.objects.filter(investigation=investigation).exists():
        raise ValidationError(_("This investigation already has a report."))
    report = InvestigationReport(investigation=investigation, submitted_by=actor, **fields)
    report.full_clean()
    report.save()
    _event(complaint, actor, _("Investigation report submitted: %(finding)s") % {"finding": report.summary})
    investigation_report_submitted.send(sender=InvestigationReport, complaint=complaint, report=report)
    return report


def extension_hours_left(*, investigation: Investigation) -> int:
    approved = investigation.extension_requests.filter(status=ExtensionRequest.Status.APPROVED).aggregate(
        total=Sum("hours")
    )["total"]
    return max(0, settings.INVESTIGATION_EXTENSION_MAX_HOURS - (approved or 0))


@transaction.atomic
def extension_request(*, complaint_id: int, actor, hours: int, reason: str) -> ExtensionRequest:
    """Ask for more time; all extensions of one investigation together stay under the cap."""
    complaint = complaint_for_update(pk=complaint_id)
    if complaint.state != State.INVESTIGATING:
        raise ValidationError(_("An extension can only be asked for while the complaint is under investigation."))
    investigation = investigation_current(complaint=complaint)
    if not actor.has_perm("investigations.add_extensionrequest"):
        raise PermissionDenied
    if actor.pk != complaint.assigned_to_id:
        team_member_require(user=actor, investigation=investigation, permission="investigations.add_extensionrequest")
    if investigation.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists():
        raise ValidationError(_("An extension request is already waiting for a decision."))
    _hours_check(hours, investigation=investigation)
    request = ExtensionRequest(investigation=investigation, hours=hours, reason=reason, requested_by=actor)
    request.full_clean()
    request.save()
    note = _("Extension of %(hours)d hours requested: %(reason)s") % {"hours": hours, "reason": reason}
    _event(complaint, actor, note)
    return request


@transaction.atomic
def extension_decide(*, request_id: int, actor, approve: bool, note: str = "") -> ExtensionRequest:
    """A supervisor other than the requester approves or rejects; approval tells the deadlines."""
    if not actor.has_perm(SUPERVISOR_PERMISSION):
        raise PermissionDenied
    request = ExtensionRequest.objects.select_related("investigation").get(pk=request_id)
    complaint = complaint_for_update(pk=request.investigation.complaint_id)
    request = ExtensionRequest.objects.select_for_update().select_related("investigation").get(pk=request_id)
    if request.requested_by_id == actor.pk:
        raise PermissionDenied
    if request.status != ExtensionRequest.Status.PENDING:
        raise ValidationError(_("This extension request has already been decided."))
    if approve:
        _hours_check(request.hours, investigation=request.investigation)
    request.status = ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REJECTED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save()
    if approve:
        message = _("Extension of %(hours)d hours approved.") % {"hours": request.hours}
    else:
        message = _("Extension of %(hours)d hours rejected.") % {"hours": request.hours}
    _event(complaint, actor, f"{message} {note}".strip())
    if approve:
        investigation_extension_approved.send(
            sender=ExtensionRequest, complaint=complaint, hours=request.hours, request=request
        )
    return request


def _hours_check(hours: int, *, investigation: Investigation) -> None:
    left = extension_hours_left(investigation=investigation)
    if not 1 <= hours <= left:
        raise ValidationError(
            {"hours": _("At most %(left)d more hours can be granted for this investigation.") % {"left": left}}
        )


def _event(complaint, actor, note: str) -> None:
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, note=note[:5000])
