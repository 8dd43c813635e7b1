"""A complaint's classification changed (severity, urgency, channel): its open clocks follow.

Each open deadline takes the policy the new classification selects, counted from the moment it
started; a step the new classification no longer owes stops (not counted); a step it now owes and
that never ran starts. The timeline says what moved. Met deadlines are history and stay as they were.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from intake.models import Complaint, ComplaintEvent, State

from . import history
from .history import history_reason
from .models import Deadline, Step
from .nearest import complaints_next_due_refresh
from .policies import policies_for, policy_due
from .services import deadlines_start

#: Steps whose policy depends on the classification and that start with registration (from receipt) …
REGISTRATION_STEPS = (Step.HANDOVER, Step.RESPONSE)
#: … and with the acceptance (steps that may start on a later reclassification, from then on).
ACCEPTANCE_STEPS = (
    Step.SOLUTION,
    Step.DECISION,
    Step.COMPLETION,
    Step.MAJOR_REPORT,
    Step.MAJOR_OPINION,
    Step.MAJOR_DECISION,
)
#: States in which the acceptance's steps are still owed.
HANDLING_STATES = (State.ACCEPTED, State.INVESTIGATING, State.MEDIATING, State.RULING, State.REOPENED)


@transaction.atomic
def deadlines_recompute(*, complaint: Complaint, changes: dict, actor=None) -> list[str]:
    """Move the open clocks to the complaint's new classification; returns the lines of the timeline note."""
    now = timezone.now()
    # An evidence request's clock runs to the date given, an incident's statement to its 72 hours and the
    # transferring body's to the end of its own period, whatever the class.
    rows = list(
        Deadline.objects.open()
        .select_for_update()
        .filter(complaint=complaint)
        .exclude(step__in=[Step.EVIDENCE, Step.INCIDENT_STATEMENT, Step.TRANSFER_BODY])
    )
    policies = policies_for(steps=[d.step for d in rows], severity=complaint.severity, channel=complaint.channel)
    with override("zh-hans"):
        labels = {value: str(label) for value, label in Step.choices}
        lines = []
        for deadline in rows:
            policy = policies.get(deadline.step)
            if actor is not None:
                deadline._history_user = actor
            if policy is None:
                deadline.stopped_at, deadline.next_check_at = now, None
                deadline._change_reason = history_reason(history.UNOWED_AFTER_RECLASSIFICATION)
                deadline.save(update_fields=["stopped_at", "next_check_at"])
                lines.append(_("%(step)s: no longer owed, stopped") % {"step": labels[deadline.step]})
            elif policy.pk != deadline.policy_id:
                before = deadline.due_at
                _policy_apply(deadline, policy, now=now)
                lines.append(
                    _("%(step)s: due %(before)s → %(after)s")
                    % {"step": labels[deadline.step], "before": _local(before), "after": _local(deadline.due_at)}
                )
        if rows:
            complaints_next_due_refresh([complaint.pk])
        ran = set(Deadline.objects.filter(complaint=complaint).values_list("step", flat=True))
        started = []
        if complaint.state == State.SUBMITTED:
            missing = [step for step in REGISTRATION_STEPS if step not in ran]
            started = deadlines_start(complaint=complaint, steps=missing, start=complaint.received_at)
        elif complaint.state in HANDLING_STATES:
            started = deadlines_start(complaint=complaint, steps=[s for s in ACCEPTANCE_STEPS if s not in ran])
        lines += [
            _("%(step)s: started, due %(due)s") % {"step": labels[d.step], "due": _local(d.due_at)} for d in started
        ]
        if lines:
            moved = ", ".join(
                f"{Complaint._meta.get_field(name).verbose_name}: {_value(name, before)} → {_value(name, after)}"
                for name, (before, after) in changes.items()
            )
            note = _("Deadlines recomputed after reclassification (%(moved)s): %(lines)s.") % {
                "moved": moved,
                "lines": "; ".join(lines),
            }
            ComplaintEvent.objects.create(
                complaint=complaint,
                kind=ComplaintEvent.Kind.ACTION,
                actor=actor,
                transition="deadlines_recompute",
                note=note[:5000],
            )
    return lines


def _policy_apply(deadline: Deadline, policy, *, now: datetime) -> None:
    """The new policy from the deadline's own start, plus any approved pause; a deadline that is no
    longer late stops being red or missed (notices already sent stay sent)."""
    due, red = policy_due(policy, start=deadline.started_at)
    deadline.policy, deadline.policy_version, deadline.clock = policy, policy.version, policy.clock
    deadline.due_at, deadline.red_at = due + deadline.paused_total, red + deadline.paused_total
    deadline.escalation_interval = policy.escalation_interval
    if deadline.due_at > now:
        deadline.breached_at = deadline.next_escalation_at = None
    if deadline.red_at > now:
        deadline.warned_at = None
    deadline.next_check_at = deadline.compute_next_check()
    deadline._change_reason = history_reason(history.RECLASSIFIED)
    deadline.save()


def _value(name: str, value) -> str:
    if isinstance(value, bool):
        return str(_("urgent") if value else _("not urgent"))
    return str(dict(Complaint._meta.get_field(name).choices).get(value, value))


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
