"""What the desk adds to a complaint as it is registered: the triage proposal and the repeat link."""

from ..choices import Channel, TransferBody
from ..models import Complaint
from ..repeats import repeat_original_find
from ..triage.proposal import Proposal, propose

#: The word shown among the proposal's reasons for a transfer: cues are words as complaints use them.
_TRANSFER_CUES = {
    TransferBody.REGULATOR_12315: "12315",
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
    complaint.repeat_of = repeat_original_find(
        phone=complaint.phone,
        order_number=complaint.order_number,
        received_at=complaint.received_at,
        exclude_pk=complaint.pk,
    )
