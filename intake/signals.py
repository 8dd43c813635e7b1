"""One timeline event per state transition, written in the transition's own transaction; and the
signals of intake's steps that other stages (the deadlines) listen to.

Every signal is sent inside the transaction of the step, with ``complaint`` and the record
(``emergency``, ``report``, ``attempt``, ``decision``, ``event``), so a receiver that starts or
meets a clock commits or rolls back together with it. ``complaint_reclassified`` carries
``changes`` ({field: (before, after)}) and the ``actor`` who changed the classification.
"""

from django.dispatch import Signal, receiver
from django_fsm.signals import post_transition

from .models import Complaint, ComplaintEvent

emergency_opened = Signal()
emergency_acknowledged = Signal()
emergency_followed_up = Signal()
management_report_recorded = Signal()
management_decision_recorded = Signal()
contact_attempt_recorded = Signal()
complainant_messaged = Signal()
complaint_reclassified = Signal()
#: A group incident opened (``complaint``: its first complaint, ``incident``) or its public statement made.
incident_opened = Signal()
incident_statement_made = Signal()
#: A transferred complaint's record (``transfer``) opened, a testing or appraisal pause recorded on
#: it, or its outcome recorded for the body; ``by`` is who did it.
transfer_opened = Signal()
transfer_paused = Signal()
transfer_outcome_recorded = Signal()

#: Transitions the complainant sees on the public status page.
PUBLIC_TRANSITIONS = {
    "accept",
    "decline",
    "start_investigation",
    "resolve_on_call",
    "settle",
    "rule",
    "notify_result",
    "close",
    "reopen",
    "withdraw",
    "refer",
}


@receiver(post_transition, sender=Complaint)
def record_transition(sender, instance: Complaint, name: str, source: str, target: str, **kwargs) -> None:
    method_kwargs = kwargs.get("method_kwargs") or {}
    ComplaintEvent.objects.create(
        complaint=instance,
        kind=ComplaintEvent.Kind.TRANSITION,
        actor=method_kwargs.get("by"),
        transition=name,
        from_state=source,
        to_state=target,
        note=method_kwargs.get("note", ""),
        public=name in PUBLIC_TRANSITIONS,
    )
