"""A complaint transferred by another body (domain.md §9): its record, opened at registration with
the body's dates; the testing or appraisal pauses of the body's mediation; and the outcome the desk
reports back to the body. Each step is announced (``intake.signals``) to the deadlines, which keep
the body's clock beside the desk's."""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import TransferBody
from ..locking import complaint_for_update, complaint_refuse_if_archived
from ..models import Complaint, ComplaintEvent, Transfer, TransferPause
from ..signals import transfer_opened, transfer_outcome_recorded, transfer_paused

TRANSFER_PERMISSION = "intake.change_transfer"
PAUSE_PERMISSION = "intake.add_transferpause"
#: An outcome "at 10:02" typed at 10:00 by a clock a little behind is not in the future.
_CLOCK_SLACK = timedelta(minutes=2)


def transfer_open(*, complaint: Complaint, received_on: date | None, accepted_on: date | None, actor) -> Transfer:
    """The body's record of a complaint being registered (inside the registration's transaction):
    a transferred complaint is refused without its body, its case number and both dates."""
    errors = {}
    if not complaint.transfer_body:
        errors["transfer_body"] = _("Choose the body that transferred the complaint.")
    if not complaint.transfer_case_number.strip():
        errors["transfer_case_number"] = _("Enter the transferring body's case number.")
    if received_on is None:
        errors["transfer_received_on"] = _("Enter the date the body received the complaint.")
    if accepted_on is None:
        errors["transfer_accepted_on"] = _("Enter the date the body accepted the complaint.")
    if errors:
        raise ValidationError(errors)
    transfer = Transfer(complaint=complaint, received_on=received_on, accepted_on=accepted_on)
    try:
        transfer.full_clean(exclude=["complaint"])
    except ValidationError as error:
        raise ValidationError({f"transfer_{name}": messages for name, messages in error.message_dict.items()}) from None
    transfer._history_user = actor
    transfer.save()
    transfer_opened.send(sender=Transfer, complaint=complaint, transfer=transfer, by=actor)
    return transfer


def _transfer_for_update(*, complaint_id: int, actor, permission: str) -> Transfer:
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied
    complaint = complaint_for_update(pk=complaint_id)
    complaint_refuse_if_archived(complaint)
    transfer = Transfer.objects.select_for_update().filter(complaint=complaint).first()
    if transfer is None:
        raise ValidationError(_("This complaint has no record of a transferring body."))
    transfer.complaint = complaint
    return transfer


@transaction.atomic
def transfer_pause_record(*, complaint_id: int, actor, kind: str, started_on: date, ended_on: date) -> TransferPause:
    """A testing or appraisal pause of the body's mediation: its days are not counted."""
    transfer = _transfer_for_update(complaint_id=complaint_id, actor=actor, permission=PAUSE_PERMISSION)
    if transfer.outcome_recorded:
        raise ValidationError(_("The outcome was already reported to the body: its period is over."))
    pause = TransferPause(transfer=transfer, kind=kind, started_on=started_on, ended_on=ended_on, recorded_by=actor)
    pause.full_clean()
    if transfer.pauses.filter(started_on__lte=ended_on, ended_on__gte=started_on).exists():
        raise ValidationError(_("This pause overlaps a pause already recorded."))
    pause._history_user = actor
    pause.save()
    text = _("%(kind)s pause of the body's mediation: %(start)s to %(end)s (%(days)d days not counted).") % {
        "kind": pause.get_kind_display(),
        "start": f"{started_on:%Y-%m-%d}",
        "end": f"{ended_on:%Y-%m-%d}",
        "days": pause.days,
    }
    ComplaintEvent.objects.create(
        complaint=transfer.complaint,
        kind=ComplaintEvent.Kind.ACTION,
        actor=actor,
        transition="transfer_pause",
        note=text,
    )
    transfer_paused.send(sender=Transfer, complaint=transfer.complaint, transfer=transfer, by=actor)
    return pause


@transaction.atomic
def transfer_outcome_record(
    *,
    complaint_id: int,
    actor,
    outcome_at: datetime,
    outcome_process: str,
    outcome_method: str,
    outcome_result: str,
    mediation_end: str = "",
) -> Transfer:
    """The outcome to report back to the body, in the 12315 platform's fields, by the person who
    handled it; it meets the body's clock. Recording it again corrects it (history keeps both)."""
    transfer = _transfer_for_update(complaint_id=complaint_id, actor=actor, permission=TRANSFER_PERMISSION)
    if outcome_at > timezone.now() + _CLOCK_SLACK:
        raise ValidationError({"outcome_at": _("The handling time cannot be in the future.")})
    if timezone.localtime(outcome_at).date() < transfer.accepted_on:
        raise ValidationError({"outcome_at": _("The handling time cannot be before the body accepted the complaint.")})
    required = {"outcome_process": outcome_process, "outcome_method": outcome_method, "outcome_result": outcome_result}
    if missing := [name for name, value in required.items() if not value.strip()]:
        raise ValidationError({name: _("The body's platform needs this field.") for name in missing})
    if transfer.complaint.transfer_body == TransferBody.REGULATOR_12315 and not mediation_end:
        raise ValidationError({"mediation_end": _("Choose how the body's mediation ended.")})
    transfer.outcome_at, transfer.outcome_method, transfer.mediation_end = outcome_at, outcome_method, mediation_end
    transfer.outcome_process, transfer.outcome_result = outcome_process.strip(), outcome_result.strip()
    transfer.outcome_by = actor
    transfer.full_clean(exclude=["complaint"])
    transfer._history_user = actor
    transfer.save()
    text = _("Outcome for %(body)s %(case)s: %(method)s. %(result)s") % {
        "body": transfer.complaint.get_transfer_body_display(),
        "case": transfer.complaint.transfer_case_number,
        "method": transfer.get_outcome_method_display(),
        "result": transfer.outcome_result,
    }
    if mediation_end:
        text = f"{text} ({transfer.get_mediation_end_display()})"
    ComplaintEvent.objects.create(
        complaint=transfer.complaint,
        kind=ComplaintEvent.Kind.ACTION,
        actor=actor,
        transition="transfer_outcome",
        note=text,
    )
    transfer_outcome_recorded.send(sender=Transfer, complaint=transfer.complaint, transfer=transfer, by=actor)
    return transfer
