"""The acceptance decision (受理 / 不予受理). Either way the complaint stays registered and the
complainant is told; a complaint the agent marks urgent starts the emergency procedure."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django_fsm import can_proceed, has_transition_perm

from core.models import StaffTeam

from ..acceptance import ORDER_121_IN_FORCE, not_accepted_reasons_for
from ..choices import Category, NotAcceptedReason, Severity
from ..complainant import complainant_tell, handling_team
from ..locking import complaint_for_update, complaint_save
from ..models import Complaint
from .assignment import assignee_check, team_assignee_pick
from .classification import classification_announce, classification_of
from .emergency import emergency_open

#: The reply promised at acceptance unless the agent sets another time.
DEFAULT_REPLY_WITHIN = timedelta(hours=24)


class DecisionNotPossible(Exception):
    """The complaint is no longer awaiting a decision (someone decided already)."""

    message = gettext_lazy("This complaint has already been decided.")


def _decidable(complaint: Complaint, transition, actor) -> None:
    if not can_proceed(transition):
        raise DecisionNotPossible
    if not has_transition_perm(transition, actor):
        raise PermissionDenied


@transaction.atomic
def complaint_accept(
    *,
    complaint_id: int,
    actor,
    seen_version: int,
    category: str,
    severity: str,
    urgent: bool,
    assigned_to=None,
    assigned_team: StaffTeam | None = None,
    promised_reply_at: datetime,
) -> Complaint:
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    _decidable(complaint, complaint.accept, actor)
    if category not in Category.values or severity not in Severity.values:
        raise ValidationError(_("Choose a category and a severity."))
    if promised_reply_at <= complaint.received_at:
        raise ValidationError({"promised_reply_at": _("The promised reply time must be after the complaint arrived.")})
    assignee_check(assigned_to=assigned_to, assigned_team=assigned_team, complaint=complaint)
    if complaint.proposal_accepted is None:
        complaint.proposal_accepted = (complaint.proposed_category, complaint.proposed_severity) == (
            category,
            severity,
        ) and complaint.proposed_urgent == urgent
    before = classification_of(complaint)
    complaint.category, complaint.severity, complaint.urgent = category, severity, urgent
    # A complaint about the desk waits for a supervisor: the team's rule would pick an agent.
    if assigned_team is not None and assigned_to is None and not complaint.is_about_the_desk:
        assigned_to = team_assignee_pick(team=assigned_team, service_type=complaint.service_type)
    complaint.assigned_to, complaint.assigned_team = assigned_to, assigned_team
    complaint.promised_reply_at = promised_reply_at
    complaint.decided_at = timezone.now()
    complaint.accept(by=actor)
    complaint_save(complaint)
    complainant_tell(
        complaint=complaint,
        purpose="accepted",
        team=handling_team(complaint),
        date=timezone.localtime(promised_reply_at).strftime("%Y-%m-%d %H:%M"),
    )
    if urgent:
        # Opened once: a complaint already urgent at registration keeps its record and alerts.
        emergency_open(complaint=complaint, actor=actor)
    # The registration's clocks were set on the proposal's classification: the decision may move them.
    classification_announce(complaint=complaint, before=before, actor=actor)
    return complaint


def complaint_accept_as_proposed(*, complaint_id: int, actor, seen_version: int) -> Complaint:
    """Accept from the inbox's bulk action: the classification as it stands (the proposal's when the
    agent has not changed it), the handler and team it has, a reply promised within a day."""
    complaint = Complaint.objects.get(pk=complaint_id)
    category = complaint.category or complaint.proposed_category
    if not category:
        raise ValidationError(_("No category was proposed: decide this complaint on its own page."))
    return complaint_accept(
        complaint_id=complaint_id,
        actor=actor,
        seen_version=seen_version,
        category=category,
        severity=complaint.severity,
        urgent=complaint.urgent,
        assigned_to=complaint.assigned_to,
        assigned_team=complaint.assigned_team,
        promised_reply_at=timezone.now() + DEFAULT_REPLY_WITHIN,
    )


@transaction.atomic
def complaint_decline(*, complaint_id: int, actor, seen_version: int, reason: str, note: str) -> Complaint:
    """Not accepted: the complaint stays on record, and the complainant learns the reason."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    if reason not in NotAcceptedReason.values:
        raise ValidationError({"reason": _("Choose the reason for not accepting.")})
    if reason not in not_accepted_reasons_for(complaint):
        raise ValidationError(
            {
                "reason": _(
                    "“%(reason)s” is a ground of SAMR Order No. 121, in force from %(date)s: this complaint "
                    "was received earlier and cannot be declined for it."
                )
                % {"reason": NotAcceptedReason(reason).label, "date": ORDER_121_IN_FORCE.isoformat()}
            }
        )
    complaint.not_accepted_reason = reason  # the decline transition's condition
    _decidable(complaint, complaint.decline, actor)
    complaint.not_accepted_note = note.strip()
    complaint.decided_at = timezone.now()
    with override("zh-hans"):
        reason_label = str(NotAcceptedReason(reason).label)
        complaint.decline(by=actor, note=" ".join(filter(None, [reason_label, complaint.not_accepted_note])))
    complaint_save(complaint)
    reason_text = " ".join(filter(None, [reason_label, complaint.not_accepted_note]))
    complainant_tell(complaint=complaint, purpose="not_accepted", reason=reason_text)
    return complaint
