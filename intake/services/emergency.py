"""The emergency procedure (应急处理程序) of an urgent complaint, and the report of a major one to
management. Each step is a private timeline event by the person who took it, and a signal the
deadlines listen to (the acknowledgement and follow-up clocks, the one-working-day report)."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import Severity
from ..locking import ComplaintChanged, complaint_for_update, complaint_refuse_if_archived
from ..models import Complaint, ComplaintEvent, Emergency, ManagementReport, State
from ..signals import emergency_acknowledged, emergency_followed_up, emergency_opened, management_report_recorded
from .alerts import emergency_alert_queue

#: A lead takes responsibility for the emergency (seed 004: 报告公司主管领导).
ACKNOWLEDGE_PERMISSION = "intake.acknowledge_emergency"
#: Whoever works the case records what was done and follows up.
RECORD_PERMISSION = "intake.record_emergency"
REPORT_PERMISSION = "intake.add_managementreport"
#: The emergency record promises a follow-up 24 hours after acknowledgement; the SLA policy
#: "emergency follow-up" turns it red and escalates it.
FOLLOW_UP_WITHIN = timedelta(hours=24)
#: A report "at 10:02" typed at 10:00 by a clock a little behind is not in the future.
_CLOCK_SLACK = timedelta(minutes=2)
RECORD_FIELDS = ("actions_taken", "hospital_reference", "police_reference", "people_informed")


def emergency_open(*, complaint: Complaint, actor=None) -> Emergency:
    """Start the emergency procedure of a complaint that became urgent, once: a complaint already
    in the procedure keeps its record and nobody is alerted twice.

    ``actor`` is who set the complaint urgent; ``None`` when the classifier proposed it. Runs in the
    caller's transaction (registration, acceptance decision).
    """
    existing = Emergency.objects.filter(complaint=complaint).first()
    if existing is not None:
        return existing
    emergency = Emergency(complaint=complaint, opened_by=actor)
    emergency.full_clean(exclude=["complaint"])
    emergency.save()
    _event(complaint, actor, "emergency_open", _("Emergency procedure started: supervisors and management alerted."))
    emergency_alert_queue(complaint=complaint)
    emergency_opened.send(sender=Emergency, complaint=complaint, emergency=emergency)
    return emergency


@transaction.atomic
def emergency_acknowledge(*, complaint_id: int, actor) -> Emergency:
    """Someone responsible has seen the emergency: the banner goes, the one-hour clock is met and
    the 24-hour follow-up starts."""
    _permission_require(actor, ACKNOWLEDGE_PERMISSION)
    complaint, emergency = _emergency_for_update(complaint_id)
    if emergency.is_acknowledged:
        raise ValidationError(
            _("This emergency was already acknowledged by %(name)s at %(time)s.")
            % {"name": emergency.acknowledged_by, "time": _local(emergency.acknowledged_at)},
            code="acknowledged",
        )
    emergency.acknowledged_at = timezone.now()
    emergency.acknowledged_by = actor
    emergency.follow_up_due_at = emergency.acknowledged_at + FOLLOW_UP_WITHIN
    _emergency_save(emergency)
    _event(complaint, actor, "emergency_acknowledge", _("Emergency acknowledged."))
    emergency_acknowledged.send(sender=Emergency, complaint=complaint, emergency=emergency)
    return emergency


@transaction.atomic
def emergency_record(
    *,
    complaint_id: int,
    actor,
    seen_version: int,
    actions_taken: str = "",
    hospital_reference: str = "",
    police_reference: str = "",
    people_informed: str = "",
) -> Emergency:
    """Record what was done: actions taken, hospital or police reference, people informed.

    The record is edited as a whole; ``seen_version`` is the record's version the form was shown
    with, so a second person's edit is never silently overwritten (its history keeps every value).
    """
    _permission_require(actor, RECORD_PERMISSION)
    complaint, emergency = _emergency_for_update(complaint_id)
    if emergency.version != seen_version:
        raise ComplaintChanged
    values = {
        "actions_taken": actions_taken.strip(),
        "hospital_reference": hospital_reference.strip(),
        "police_reference": police_reference.strip(),
        "people_informed": people_informed.strip(),
    }
    changed = [name for name, value in values.items() if getattr(emergency, name) != value]
    if not changed:
        raise ValidationError(_("Nothing was changed in the emergency record."), code="unchanged")
    for name in changed:
        setattr(emergency, name, values[name])
    _emergency_save(emergency)
    labels = ", ".join(str(Emergency._meta.get_field(name).verbose_name) for name in changed)
    _event(complaint, actor, "emergency_record", _("Emergency record updated: %(fields)s.") % {"fields": labels})
    return emergency


@transaction.atomic
def emergency_follow_up(*, complaint_id: int, actor, note: str) -> Emergency:
    """The follow-up the procedure owes within 24 hours of acknowledgement: once, with a note."""
    _permission_require(actor, RECORD_PERMISSION)
    complaint, emergency = _emergency_for_update(complaint_id)
    note = note.strip()
    if not emergency.is_acknowledged:
        raise ValidationError(_("Acknowledge the emergency before recording its follow-up."), code="unacknowledged")
    if emergency.is_followed_up:
        raise ValidationError(
            _("The follow-up was already recorded by %(name)s at %(time)s.")
            % {"name": emergency.followed_up_by, "time": _local(emergency.followed_up_at)},
            code="followed_up",
        )
    if not note:
        raise ValidationError({"note": _("Write what the follow-up found.")})
    emergency.followed_up_at = timezone.now()
    emergency.followed_up_by = actor
    emergency.follow_up_note = note
    _emergency_save(emergency)
    _event(complaint, actor, "emergency_follow_up", _("Emergency follow-up: %(note)s") % {"note": note})
    emergency_followed_up.send(sender=Emergency, complaint=complaint, emergency=emergency)
    return emergency


@transaction.atomic
def management_report_record(
    *,
    complaint_id: int,
    actor,
    reported_to: str,
    reported_at: datetime,
    summary: str,
    seen_reports: int | None = None,
) -> ManagementReport:
    """Record that a major complaint was reported to management (seed 003: within one working day).

    ``seen_reports`` is how many reports the page showed: a double click or a page that missed
    someone else's report gets a message instead of a second, identical report.
    """
    _permission_require(actor, REPORT_PERMISSION)
    complaint = complaint_for_update(pk=complaint_id)
    complaint_refuse_if_archived(complaint)
    if complaint.severity != Severity.MAJOR:
        raise ValidationError(_("Only a major complaint is reported to management."), code="not_major")
    if complaint.state == State.SUBMITTED:
        raise ValidationError(
            _("Decide on acceptance first: the report to management follows the acceptance decision."),
            code="submitted",
        )
    if seen_reports is not None and complaint.management_reports.count() != seen_reports:
        raise ValidationError(
            _("A report to management was recorded in the meantime. Please reload the page to see it."),
            code="reported",
        )
    if reported_at > timezone.now() + _CLOCK_SLACK:
        raise ValidationError({"reported_at": _("The report cannot be in the future.")})
    if reported_at < complaint.received_at:
        raise ValidationError({"reported_at": _("The report cannot be earlier than the complaint.")})
    report = ManagementReport(
        complaint=complaint,
        reported_by=actor,
        reported_to=reported_to.strip(),
        reported_at=reported_at,
        summary=summary.strip(),
    )
    report.full_clean()
    report.save()
    note = _("Reported to management (%(to)s) at %(time)s: %(summary)s") % {
        "to": report.reported_to,
        "time": _local(report.reported_at),
        "summary": report.summary,
    }
    _event(complaint, actor, "management_report", note)
    management_report_recorded.send(sender=ManagementReport, complaint=complaint, report=report)
    return report


def _permission_require(actor, permission: str) -> None:
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied


def _emergency_for_update(complaint_id: int) -> tuple[Complaint, Emergency]:
    complaint = complaint_for_update(pk=complaint_id)
    complaint_refuse_if_archived(complaint)
    emergency = Emergency.objects.select_for_update().filter(complaint=complaint).first()
    if emergency is None:
        raise ValidationError(_("This complaint is not in the emergency procedure."), code="no_emergency")
    return complaint, emergency


def _emergency_save(emergency: Emergency) -> None:
    emergency.version += 1
    emergency.full_clean(exclude=["complaint"])
    emergency.save()


def _event(complaint: Complaint, actor, name: str, note: str) -> None:
    """A private timeline entry: the procedure is the desk's business, never shown on /track/."""
    ComplaintEvent.objects.create(
        complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, transition=name, note=note[:5000]
    )


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
