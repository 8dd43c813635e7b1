"""What the desk adds to a complaint as it is registered (the triage proposal and the repeat link),
and a person's later change of its classification."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..choices import Category, Channel, Severity, TransferBody
from ..locking import complaint_for_update, complaint_save
from ..models import Complaint, ComplaintEvent, State
from ..models.lifecycle import OPEN_STATES
from ..repeats import repeat_original_find
from ..signals import complaint_reclassified
from ..triage.proposal import Proposal, propose
from .desk_reports import desk_report_prepare
from .emergency import emergency_open

#: The word shown among the proposal's reasons for a transfer: cues are words as complaints use them.
_TRANSFER_CUES = {
    TransferBody.REGULATOR_12315: "12315",
    TransferBody.ODR_12315: "12315",
    TransferBody.CITY_HOTLINE_12345: "12345",
    TransferBody.CONSUMER_ASSOCIATION: "消协",
}


def complaint_proposal(complaint: Complaint) -> Proposal:
    """The triage proposal for a (possibly unsaved) complaint: its text, and the channel it came through.

    A complaint transferred by 12315, 12345 or a consumer association is major whatever it says
    (seed 003: 监管部门 sources).
    """
    proposal = propose(complaint.description)
    if complaint.channel == Channel.TRANSFER:
        proposal = proposal.raised_by_transfer(_TRANSFER_CUES.get(complaint.transfer_body, "转办"))
    return proposal


def complaint_intake_prepare(*, complaint: Complaint, agent_decided: bool) -> None:
    """Store the triage proposal on an unsaved complaint and link it to the complaint it repeats.

    When an agent already chose the classification (the registration screen), we record whether
    they kept the proposal; otherwise (public form, API) the proposal becomes the working
    classification until the acceptance decision, so an urgent complaint jumps the queue at once.
    The service type stays as the complainant or the agent chose it: the proposal only suggests one.
    """
    proposal = complaint_proposal(complaint)
    complaint.proposed_category = proposal.category
    complaint.proposed_severity = proposal.severity
    complaint.proposed_urgent = proposal.urgent
    complaint.proposed_service_type = proposal.service_type
    complaint.proposal_confidence = proposal.confidence
    complaint.proposal_keywords = proposal.cues
    complaint.proposal_version_id = proposal.version
    if agent_decided:
        complaint.proposal_accepted = proposal.matches(
            category=complaint.category, severity=complaint.severity, urgent=complaint.urgent
        )
    else:
        complaint.category = proposal.category
        complaint.severity = proposal.severity
        complaint.urgent = proposal.urgent
    desk_report_prepare(complaint)
    complaint.repeat_of = repeat_original_find(
        phone=complaint.phone,
        order_number=complaint.order_number,
        received_at=complaint.received_at,
        exclude_pk=complaint.pk,
    )


#: What a person may change in the classification after registration; each may move the clocks.
RECLASSIFIED_FIELDS = ("severity", "urgent", "channel")
RECLASSIFY_PERMISSION = "intake.accept_complaint"


def classification_of(complaint: Complaint) -> dict:
    return {name: getattr(complaint, name) for name in RECLASSIFIED_FIELDS}


def classification_announce(*, complaint: Complaint, before: dict, actor) -> dict:
    """Tell the other stages what moved since ``before`` (the deadlines recompute the open clocks)."""
    changes = {
        name: (before[name], getattr(complaint, name))
        for name in RECLASSIFIED_FIELDS
        if before[name] != getattr(complaint, name)
    }
    if changes:
        complaint_reclassified.send(sender=Complaint, complaint=complaint, changes=changes, actor=actor)
    return changes


@transaction.atomic
def complaint_reclassify(
    *,
    complaint_id: int,
    actor,
    seen_version: int,
    severity: str,
    urgent: bool,
    channel: str,
    reason: str,
    category: str | None = None,
) -> Complaint:
    """A person corrects the category, the severity, the urgency or the channel of an open complaint
    (``category=None`` keeps it), with a reason kept in its history and on the timeline; a complaint
    that becomes urgent starts the emergency procedure, and the clocks follow the new classification."""
    if actor is None or not actor.has_perm(RECLASSIFY_PERMISSION):
        raise PermissionDenied
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    if complaint.state not in OPEN_STATES or complaint.state == State.SUBMITTED:
        raise ValidationError(
            _("Only an accepted complaint that is still open can be reclassified; before that, decide on it."),
            code="state",
        )
    category = complaint.category if category is None else category
    known_category = category in Category.values or category == complaint.category
    if severity not in Severity.values or channel not in Channel.values or not known_category:
        raise ValidationError(_("Choose a category, a severity and a channel."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the classification changes.")})
    before = classification_of(complaint)
    fields = ("category", *RECLASSIFIED_FIELDS)
    shown_before = {**before, "category": complaint.category}
    complaint.category, complaint.severity, complaint.urgent, complaint.channel = category, severity, urgent, channel
    if all(getattr(complaint, name) == shown_before[name] for name in fields):
        raise ValidationError(_("Nothing was changed in the classification."), code="unchanged")
    complaint._change_reason = reason
    complaint_save(complaint)
    labels = {name: Complaint._meta.get_field(name) for name in fields}
    moved = "; ".join(
        f"{labels[name].verbose_name}: {_display(labels[name], shown_before[name])} → "
        f"{_display(labels[name], getattr(complaint, name))}"
        for name in fields
        if shown_before[name] != getattr(complaint, name)
    )
    ComplaintEvent.objects.create(
        complaint=complaint,
        kind=ComplaintEvent.Kind.ACTION,
        actor=actor,
        transition="reclassify",
        note=(_("Classification changed (%(moved)s): %(reason)s") % {"moved": moved, "reason": reason})[:5000],
    )
    if complaint.urgent and not before["urgent"]:
        emergency_open(complaint=complaint, actor=actor)
    classification_announce(complaint=complaint, before=before, actor=actor)
    return complaint


def _display(field, value) -> str:
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(dict(field.choices).get(value, value) or "—")
