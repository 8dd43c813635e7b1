"""The complaint's lifecycle starts and meets deadlines; intake knows nothing about them.

Registration is not a transition, so it is a ``post_save(created)``; every later step is a
``post_transition`` of the state machine, and the steps of the emergency procedure and the report
to management are intake's own signals. All run in the transaction that changed the complaint.
"""

from datetime import timedelta

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_fsm.signals import post_transition

from intake import signals as intake_signals
from intake.models import Complaint

from . import calendar, services
from .models import CalendarOverride, Step

#: Clocks started at registration, all from the moment of receipt.
ON_REGISTRATION = (Step.REGISTER, Step.ASSIGN, Step.FIRST_CONTACT, Step.RESPONSE, Step.RESOLVE)
#: Clocks started by accepting (or re-assessing) a complaint; a step the severity has no policy for is skipped.
ON_ACCEPT = (Step.INVESTIGATION, Step.SOLUTION, Step.MAJOR_REPORT, Step.MAJOR_DECISION)
#: The report to management is not among them: only the recorded report meets it.
_RESOLVED = [Step.SOLUTION, Step.MAJOR_DECISION, Step.RESOLVE]

#: transition -> steps it meets. Earlier steps are listed again on later transitions, so a step
#: without a transition of its own (first contact) is met at the latest by the next stage.
MEETS = {
    "accept": [Step.REGISTER, Step.ASSIGN],
    "decline": [Step.REGISTER, Step.ASSIGN, Step.FIRST_CONTACT, Step.RESPONSE],
    "start_investigation": [Step.FIRST_CONTACT, Step.RESPONSE],
    "start_mediation": [Step.FIRST_CONTACT, Step.RESPONSE, Step.INVESTIGATION],
    "settle": _RESOLVED,
    "rule": _RESOLVED,
    "start_follow_up": [Step.CALLBACK],
    "reopen": [Step.FOLLOW_UP_SURVEY],
}
#: Transitions into a state where no step is owed any more (closing keeps the follow-up survey).
STOPS = {"decline", "withdraw", "refer", "archive", "close"}
#: The emergency procedure is about the people involved, not the complaint's outcome: its clocks
#: keep running when the complaint ends, until it is archived.
EMERGENCY_STEPS = (Step.EMERGENCY_ACKNOWLEDGE, Step.EMERGENCY_FOLLOW_UP)


@receiver(post_save, sender=Complaint, dispatch_uid="deadlines.registration")
def start_registration_clocks(sender, instance: Complaint, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        services.deadlines_start(complaint=instance, steps=ON_REGISTRATION, start=instance.received_at)


@receiver(post_transition, sender=Complaint, dispatch_uid="deadlines.lifecycle")
def follow_transition(sender, instance: Complaint, name: str, **kwargs) -> None:
    if name in MEETS:
        services.deadlines_meet(complaint=instance, steps=MEETS[name])
    if name in STOPS:
        services.deadlines_stop(complaint=instance, keep=() if name == "archive" else EMERGENCY_STEPS)
    if name == "accept":
        services.deadlines_start(complaint=instance, steps=[Step.INVESTIGATION], start=instance.received_at)
    if name in ("accept", "reopen"):
        services.deadlines_start(complaint=instance, steps=ON_ACCEPT)
    if name == "notify_result":
        services.deadlines_start(complaint=instance, steps=[Step.CALLBACK])
    if name == "close":
        services.deadlines_start(complaint=instance, steps=[Step.FOLLOW_UP_SURVEY])


@receiver(intake_signals.emergency_opened, dispatch_uid="deadlines.emergency_opened")
def start_emergency_acknowledgement(sender, complaint: Complaint, emergency, **kwargs) -> None:
    services.deadlines_start(complaint=complaint, steps=[Step.EMERGENCY_ACKNOWLEDGE], start=emergency.opened_at)


@receiver(intake_signals.emergency_acknowledged, dispatch_uid="deadlines.emergency_acknowledged")
def meet_emergency_acknowledgement(sender, complaint: Complaint, emergency, **kwargs) -> None:
    services.deadlines_meet(complaint=complaint, steps=[Step.EMERGENCY_ACKNOWLEDGE], at=emergency.acknowledged_at)
    services.deadlines_start(complaint=complaint, steps=[Step.EMERGENCY_FOLLOW_UP], start=emergency.acknowledged_at)


@receiver(intake_signals.emergency_followed_up, dispatch_uid="deadlines.emergency_followed_up")
def meet_emergency_follow_up(sender, complaint: Complaint, emergency, **kwargs) -> None:
    services.deadlines_meet(complaint=complaint, steps=[Step.EMERGENCY_FOLLOW_UP], at=emergency.followed_up_at)


@receiver(intake_signals.management_report_recorded, dispatch_uid="deadlines.management_report")
def meet_major_report(sender, complaint: Complaint, report, **kwargs) -> None:
    services.deadlines_meet(complaint=complaint, steps=[Step.MAJOR_REPORT], at=report.reported_at)


def extend_investigation(sender, complaint: Complaint, hours: float, **kwargs) -> None:
    """An approved investigation extension moves the investigation deadline by its amount."""
    services.deadline_pause(
        complaint=complaint,
        step=Step.INVESTIGATION,
        amount=timedelta(hours=hours),
        reason=_("Investigation extension approved"),
        by=kwargs.get("by"),
    )


def connect_optional_signals() -> None:
    """Listen to the investigation stage's extension signal when that stage provides it."""
    try:
        from investigations import signals as investigation_signals
    except ImportError:
        return
    signal = getattr(investigation_signals, "investigation_extension_approved", None)
    if signal is not None:
        signal.connect(extend_investigation, dispatch_uid="deadlines.investigation_extension")


post_save.connect(calendar.clear_override_cache, sender=CalendarOverride, dispatch_uid="deadlines.override_saved")
post_delete.connect(calendar.clear_override_cache, sender=CalendarOverride, dispatch_uid="deadlines.override_deleted")
