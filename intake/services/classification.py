"""What the desk adds to a complaint as it is registered: the classifier's proposal and the repeat link."""

from ..classifier import classify
from ..models import Complaint
from ..repeats import repeat_original_find


def complaint_intake_prepare(*, complaint: Complaint, agent_decided: bool) -> None:
    """Store the classifier's proposal on an unsaved complaint and link it to the complaint it repeats.

    When an agent already chose the classification (the registration screen), we record whether
    they kept the proposal; otherwise (public form, API) the proposal becomes the working
    classification until the acceptance decision, so an urgent complaint jumps the queue at once.
    """
    proposal = classify(complaint.description)
    complaint.proposed_category = proposal.category
    complaint.proposed_severity = proposal.severity
    complaint.proposed_urgent = proposal.urgent
    complaint.proposal_keywords = proposal.matched_keywords
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
