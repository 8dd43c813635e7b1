"""Opening an investigation, its report, and extensions of its deadline."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from deadlines import calendar
from intake.complainant import complainant_tell
from intake.locking import complaint_for_update, complaint_save
from intake.models import ComplaintEvent, State

from ..models import ExtensionRequest, Investigation, InvestigationReport, InvestigationSettings
from ..signals import investigation_extension_approved, investigation_report_submitted
from .access import SUPERVISOR_PERMISSION, investigation_current, team_member_require

User = get_user_model()
INVESTIGATOR_PERMISSION = "intake.investigate_complaint"
#: Company leadership (seed 001: 公司领导) approves extensions beyond a supervisor's limit.
LEADERSHIP_PERMISSION = "investigations.approve_long_extension"
OPEN_STATUSES = (ExtensionRequest.Status.PENDING, ExtensionRequest.Status.AWAITING_LEADERSHIP)


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


def extension_days_granted(*, investigation: Investigation) -> int:
    return (
        investigation.extension_requests.filter(status=ExtensionRequest.Status.APPROVED).aggregate(
            total=Sum("working_days")
        )["total"]
        or 0
    )


def extension_days_left(*, investigation: Investigation) -> int:
    """Working days still grantable under the absolute maximum (seed 001: 最长不得超过[X]个工作日)."""
    limit = InvestigationSettings.current().extension_max_days
    return max(0, limit - extension_days_granted(investigation=investigation))


@transaction.atomic
def extension_request(
    *, complaint_id: int, actor, reason: str, working_days: int = 0, hours: int = 0
) -> ExtensionRequest:
    """Ask for more time in working days (or, as before, clock hours); all extensions of one
    investigation together stay under the cap."""
    complaint = complaint_for_update(pk=complaint_id)
    if complaint.state != State.INVESTIGATING:
        raise ValidationError(_("An extension can only be asked for while the complaint is under investigation."))
    investigation = investigation_current(complaint=complaint)
    if not actor.has_perm("investigations.add_extensionrequest"):
        raise PermissionDenied
    if actor.pk != complaint.assigned_to_id:
        team_member_require(user=actor, investigation=investigation, permission="investigations.add_extensionrequest")
    if investigation.extension_requests.filter(status__in=OPEN_STATUSES).exists():
        raise ValidationError(_("An extension request is already waiting for a decision."))
    if hours and working_days:
        raise ValidationError(_("Ask for working days or for hours, not both."))
    if hours:
        _hours_check(hours, investigation=investigation)
    else:
        _days_check(working_days, investigation=investigation)
    request = ExtensionRequest(
        investigation=investigation, hours=hours, working_days=working_days, reason=reason, requested_by=actor
    )
    request.full_clean()
    request.save()
    if hours:
        note = _("Extension of %(hours)d hours requested: %(reason)s") % {"hours": hours, "reason": reason}
    else:
        note = _("Extension of %(days)d working days requested: %(reason)s") % {"days": working_days, "reason": reason}
    _event(complaint, actor, note)
    return request


@transaction.atomic
def extension_decide(*, request_id: int, actor, approve: bool, note: str = "") -> ExtensionRequest:
    """A supervisor other than the requester approves or rejects. Beyond the supervisor's limit the
    supervisor's approval waits for company leadership (seed 001: 经公司领导批准), whose approval
    applies it; approval moves the investigation deadline by working days of the calendar."""
    request = ExtensionRequest.objects.select_related("investigation").get(pk=request_id)
    complaint = complaint_for_update(pk=request.investigation.complaint_id)
    request = ExtensionRequest.objects.select_for_update().select_related("investigation").get(pk=request_id)
    leadership_stage = request.status == ExtensionRequest.Status.AWAITING_LEADERSHIP
    needed = LEADERSHIP_PERMISSION if leadership_stage else SUPERVISOR_PERMISSION
    if not actor.has_perm(needed):
        raise PermissionDenied
    if request.requested_by_id == actor.pk:
        raise PermissionDenied
    if not request.is_open:
        raise ValidationError(_("This extension request has already been decided."))
    amount = _amount(request)
    if not approve:
        _decided(request, actor=actor, status=ExtensionRequest.Status.REJECTED, note=note)
        message = _("Extension of %(amount)s rejected.") % {"amount": amount}
        _event(complaint, actor, f"{message} {note}".strip())
        return request
    if request.hours:
        _hours_check(request.hours, investigation=request.investigation)
    else:
        _days_check(request.working_days, investigation=request.investigation)
    granted = extension_days_granted(investigation=request.investigation) + request.working_days
    if not leadership_stage and granted > InvestigationSettings.current().extension_supervisor_max_days:
        request.status = ExtensionRequest.Status.AWAITING_LEADERSHIP
        request.supervisor_approved_by = actor
        request.supervisor_approved_at = timezone.now()
        request.decision_note = note
        request.save()
        message = _("Extension of %(amount)s approved by the supervisor; awaiting company leadership.") % {
            "amount": amount
        }
        _event(complaint, actor, f"{message} {note}".strip())
        return request
    if not leadership_stage:
        request.supervisor_approved_by = actor
        request.supervisor_approved_at = timezone.now()
    hours = request.hours
    if request.working_days:
        due = _investigation_due(complaint)
        if due is not None:
            request.new_due_at = calendar.add_working_days(due, request.working_days)
            hours = (request.new_due_at - due).total_seconds() / 3600
        else:
            hours = request.working_days * 24
    _decided(request, actor=actor, status=ExtensionRequest.Status.APPROVED, note=note)
    message = _("Extension of %(amount)s approved.") % {"amount": amount}
    _event(complaint, actor, f"{message} {note}".strip())
    investigation_extension_approved.send(sender=ExtensionRequest, complaint=complaint, hours=hours, request=request)
    return request


def _decided(request: ExtensionRequest, *, actor, status: str, note: str) -> None:
    request.status = status
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save()


def _amount(request: ExtensionRequest) -> str:
    if request.working_days:
        return _("%(days)d working days") % {"days": request.working_days}
    return _("%(hours)d hours") % {"hours": request.hours}


def _investigation_due(complaint):
    """The open investigation deadline's due moment, or None when the deadlines do not track one."""
    from deadlines.models import Deadline, Step

    deadline = Deadline.objects.open().filter(complaint=complaint, step=Step.INVESTIGATION).first()
    return deadline.due_at if deadline else None


def _hours_check(hours: int, *, investigation: Investigation) -> None:
    left = extension_hours_left(investigation=investigation)
    if not 1 <= hours <= left:
        raise ValidationError(
            {"hours": _("At most %(left)d more hours can be granted for this investigation.") % {"left": left}}
        )


def _days_check(days: int, *, investigation: Investigation) -> None:
    limit = InvestigationSettings.current().extension_max_days
    left = extension_days_left(investigation=investigation)
    if days < 1:
        raise ValidationError({"working_days": _("Ask for at least one working day.")})
    if days > left:
        raise ValidationError(
            {
                "working_days": _(
                    "An investigation may be extended by at most %(limit)d working days in all; "
                    "%(left)d working days are left."
                )
                % {"limit": limit, "left": left}
            }
        )


def _event(complaint, actor, note: str) -> None:
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, note=note[:5000])
