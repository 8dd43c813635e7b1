"""One timeline event per state transition, written in the transition's own transaction."""

from django.dispatch import receiver
from django_fsm.signals import post_transition

from .models import Complaint, ComplaintEvent

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
