"""The work on a complaint starts and meets its deadlines; the stages know nothing about them.

Each clock is met by the action that does its work, recorded by the person who did it: a call that
reached the complainant, the investigation report, a mediation proposal, a report or a decision of
management, the callback, the survey's answer. The stages announce those actions with their own
signals (``intake.signals``, ``investigations.signals``, ``resolutions.signals``); the lifecycle's
transitions start clocks, stop them when the complaint ends, and meet the steps that are themselves
transitions (the acceptance decision, the result notice, the resolution). Registration is not a
transition, so it is a ``post_save(created)``. All run in the transaction of the step.
"""

from datetime import timedelta

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm.signals import post_transition

from intake import signals as intake_signals
from intake.models import Complaint, ManagementDecision
from investigations import signals as investigation_signals
from investigations.models import ReviewStep
from resolutions import signals as resolution_signals

from . import calendar, services
from .models import CalendarOverride, DeadlineSettings, Step
from .reclassification import deadlines_recompute

#: Clocks started at registration, all from the moment of receipt (a step without a policy for the
#: complaint's severity and channel is skipped: the e-mail hand-over exists for e-mails only).
ON_REGISTRATION = (Step.REGISTER, Step.HANDOVER, Step.ASSIGN, Step.FIRST_CONTACT, Step.RESPONSE, Step.RESOLVE)
#: Clocks the acceptance starts from the moment of receipt (seeds 002 and 003 count them from it) …
ON_ACCEPT_FROM_RECEIPT = (Step.INVESTIGATION, Step.COMPLETION)
#: … and from the acceptance (seed 004: 从受理之日起; the solution and management's steps).
ON_ACCEPT = (Step.SOLUTION, Step.DECISION, Step.MAJOR_REPORT, Step.MAJOR_OPINION, Step.MAJOR_DECISION)
#: A reopened complaint owes a new report, a new solution and, when major, a new decision.
ON_REOPEN = (Step.INVESTIGATION, Step.SOLUTION, Step.DECISION, Step.MAJOR_DECISION)
#: The result notice ends the handling: the callback (004: 24 hours) and the survey (001) start.
ON_RESULT = (Step.CALLBACK, Step.FOLLOW_UP_SURVEY)

#: Transitions that are themselves the work of a step.
MEETS = {
    # The acceptance decision registers the work order, hands it over and assigns it.
    "accept": [Step.REGISTER, Step.HANDOVER, Step.ASSIGN],
    # Declining is decided and told to the complainant at once.
    "decline": [Step.REGISTER, Step.HANDOVER, Step.ASSIGN, Step.RESPONSE],
    # The agreed solution at first contact is the solution, the handling decision and the resolution.
    "resolve_on_call": [Step.SOLUTION, Step.DECISION, Step.RESOLVE],
    "settle": [Step.RESOLVE],
    "rule": [Step.RESOLVE],
    "notify_result": [Step.COMPLETION],
}
#: Steps the quick path does not owe: resolved at first contact, nothing is investigated.
NOT_OWED = {"resolve_on_call": (Step.INVESTIGATION,)}
#: Transitions into a state where no step is owed any more.
STOPS = {"decline", "withdraw", "refer", "archive", "close", "merge"}
#: The emergency procedure is about the people involved, not the complaint's outcome: its clocks
#: keep running when the complaint ends, until it is archived.
EMERGENCY_STEPS = (Step.EMERGENCY_ACKNOWLEDGE, Step.EMERGENCY_FOLLOW_UP)
#: The review chain after a finding (seed 004), each step met by its record and starting the next.
REVIEW_CHAIN = {
    ReviewStep.MANAGEMENT_REVIEW: (Step.MANAGEMENT_REVIEW, Step.GM_REPORT),
    ReviewStep.GM_REPORT: (Step.GM_REPORT, Step.ACCOUNTABILITY),
    ReviewStep.ACCOUNTABILITY: (Step.ACCOUNTABILITY, None),
}


@receiver(post_save, sender=Complaint, dispatch_uid="deadlines.registration")
def start_registration_clocks(sender, instance: Complaint, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        services.deadlines_start(complaint=instance, steps=ON_REGISTRATION, start=instance.received_at)
        if instance.received_by_id is not None:
            # An agent typed the call or letter in: the work order is registered (on time or late).
            services.deadlines_meet(complaint=instance, steps=[Step.REGISTER], at=instance.created_at)


@receiver(post_transition, sender=Complaint, dispatch_uid="deadlines.lifecycle")
def follow_transition(sender, instance: Complaint, name: str, **kwargs) -> None:
    if name in MEETS:
        services.deadlines_meet(complaint=instance, steps=MEETS[name])
    if name in NOT_OWED:
        services.deadlines_stop(complaint=instance, only=NOT_OWED[name])
    if name in STOPS:
        services.deadlines_stop(complaint=instance, keep=() if name == "archive" else EMERGENCY_STEPS)
    if name == "accept":
        services.deadlines_start(complaint=instance, steps=ON_ACCEPT_FROM_RECEIPT, start=instance.received_at)
        services.deadlines_start(complaint=instance, steps=ON_ACCEPT)
    if name == "reopen":
        services.deadlines_stop(complaint=instance, only=ON_RESULT)
        services.deadlines_start(complaint=instance, steps=ON_REOPEN)
    if name == "notify_result":
        services.deadlines_start(complaint=instance, steps=ON_RESULT)


@receiver(intake_signals.complaint_reclassified, dispatch_uid="deadlines.reclassified")
def follow_reclassification(sender, complaint: Complaint, changes: dict, actor=None, **kwargs) -> None:
    deadlines_recompute(complaint=complaint, changes=changes, actor=actor)


@receiver(intake_signals.contact_attempt_recorded, dispatch_uid="deadlines.contact_attempt")
def meet_contact(sender, complaint: Complaint, attempt, **kwargs) -> None:
    """A call or message that reached the complainant is the first contact and a response."""
    if attempt.reached:
        services.deadlines_meet(
            complaint=complaint,
            steps=[Step.FIRST_CONTACT, Step.CUSTOMER_MANAGER, Step.RESPONSE],
            at=attempt.attempted_at,
        )


@receiver(intake_signals.complainant_messaged, dispatch_uid="deadlines.complainant_messaged")
def meet_response_by_message(sender, complaint: Complaint, event, **kwargs) -> None:
    """A written reply to the complainant (seed 004: 回复给顾客) is a response."""
    services.deadlines_meet(complaint=complaint, steps=[Step.RESPONSE], at=event.at)


@receiver(intake_signals.incident_opened, dispatch_uid="deadlines.incident_opened")
def start_incident_statement(sender, complaint: Complaint, incident, **kwargs) -> None:
    services.incident_clock_start(incident=incident, complaint=complaint)


@receiver(intake_signals.incident_statement_made, dispatch_uid="deadlines.incident_statement_made")
def meet_incident_statement(sender, complaint: Complaint, incident, **kwargs) -> None:
    services.incident_clock_meet(incident=incident, at=incident.statement_at, by=kwargs.get("by"))


@receiver(intake_signals.transfer_opened, dispatch_uid="deadlines.transfer_opened")
def start_transfer_body_clock(sender, complaint: Complaint, transfer, **kwargs) -> None:
    services.transfer_clock_start(transfer=transfer, by=kwargs.get("by"))


@receiver(intake_signals.transfer_paused, dispatch_uid="deadlines.transfer_paused")
def move_transfer_body_clock(sender, complaint: Complaint, transfer, **kwargs) -> None:
    services.transfer_clock_move(transfer=transfer, by=kwargs.get("by"))


@receiver(intake_signals.transfer_outcome_recorded, dispatch_uid="deadlines.transfer_outcome_recorded")
def meet_transfer_body_clock(sender, complaint: Complaint, transfer, **kwargs) -> None:
    services.transfer_clock_meet(transfer=transfer, at=transfer.outcome_at, by=kwargs.get("by"))


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


@receiver(intake_signals.management_decision_recorded, dispatch_uid="deadlines.management_decision")
def meet_major_decision(sender, complaint: Complaint, decision: ManagementDecision, **kwargs) -> None:
    """An opinion meets the opinion; the meeting's resolution is also the decision on the handling."""
    steps = [Step.MAJOR_OPINION]
    if decision.kind == ManagementDecision.Kind.RESOLUTION:
        steps += [Step.MAJOR_DECISION, Step.DECISION]
    services.deadlines_meet(complaint=complaint, steps=steps, at=decision.decided_at)


@receiver(investigation_signals.investigation_report_submitted, dispatch_uid="deadlines.investigation_report")
def meet_investigation(sender, complaint: Complaint, report, **kwargs) -> None:
    services.deadlines_meet(complaint=complaint, steps=[Step.INVESTIGATION], at=report.submitted_at)
    if DeadlineSettings.current().review_chain:
        services.deadlines_start(complaint=complaint, steps=[Step.MANAGEMENT_REVIEW], start=report.submitted_at)


@receiver(investigation_signals.finding_review_recorded, dispatch_uid="deadlines.finding_review")
def meet_review_step(sender, complaint: Complaint, review, **kwargs) -> None:
    met, following = REVIEW_CHAIN[review.step]
    services.deadlines_meet(complaint=complaint, steps=[met], at=review.recorded_at)
    if following is not None and DeadlineSettings.current().review_chain:
        services.deadlines_start(complaint=complaint, steps=[following], start=review.recorded_at)


@receiver(investigation_signals.investigation_extension_approved, dispatch_uid="deadlines.investigation_extension")
def extend_investigation(sender, complaint: Complaint, hours: float, **kwargs) -> None:
    """An approved investigation extension moves the investigation deadline by its amount."""
    services.deadline_pause(
        complaint=complaint,
        step=Step.INVESTIGATION,
        amount=timedelta(hours=hours),
        reason=_("Investigation extension approved"),
        by=kwargs.get("by"),
    )


@receiver(investigation_signals.evidence_requested, dispatch_uid="deadlines.evidence_requested")
def start_evidence_clock(sender, complaint: Complaint, request, **kwargs) -> None:
    services.evidence_clock_start(complaint=complaint, request=request)


@receiver(investigation_signals.evidence_received, dispatch_uid="deadlines.evidence_received")
def meet_evidence_clock(sender, complaint: Complaint, request, **kwargs) -> None:
    services.evidence_clock_meet(request=request, at=request.received_at, by=kwargs.get("by"))


@receiver(resolution_signals.solution_proposed, dispatch_uid="deadlines.solution_proposed")
def meet_solution(sender, complaint: Complaint, proposal, **kwargs) -> None:
    """A mediation proposal is the solution (seed 002: 出具解决方案) and the handling decision (004)."""
    services.deadlines_meet(complaint=complaint, steps=[Step.SOLUTION, Step.DECISION], at=timezone.now())


@receiver(resolution_signals.callback_made, dispatch_uid="deadlines.callback_made")
def meet_callback(sender, complaint: Complaint, at, **kwargs) -> None:
    services.deadlines_meet(complaint=complaint, steps=[Step.CALLBACK], at=at)


@receiver(resolution_signals.survey_answered, dispatch_uid="deadlines.survey_answered")
def meet_survey(sender, complaint: Complaint, follow_up, **kwargs) -> None:
    """The survey's answer meets the survey; answered in a phone callback, it is the callback too."""
    steps = [Step.FOLLOW_UP_SURVEY]
    if follow_up.channel == follow_up.Channel.PHONE:
        steps.append(Step.CALLBACK)
    services.deadlines_meet(complaint=complaint, steps=steps, at=follow_up.answered_at)


post_save.connect(calendar.clear_override_cache, sender=CalendarOverride, dispatch_uid="deadlines.override_saved")
post_delete.connect(calendar.clear_override_cache, sender=CalendarOverride, dispatch_uid="deadlines.override_deleted")
