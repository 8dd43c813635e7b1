"""One timeline event per state transition, written in the transition's own transaction; and the
signals of the emergency procedure that other stages (the deadlines) listen to.

The emergency signals are sent inside the transaction of the step, with ``complaint`` and the
record (``emergency`` or ``report``), so a receiver that starts or meets a clock commits or rolls
back together with it.
"""

from django.dispatch import Signal, receiver
from django_fsm.signals import post_transition

from .models import Complaint, ComplaintEvent

emergency_opened = Signal()
emergency_acknowledged = Signal()
emergency_followed_up = Signal()
management_report_recorded = Signal()

#: Transitions the complainant sees on the public status page.
PUBLIC_TRANSITIONS = {
    "accept",
    "decline",
    "start_investigation",
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
