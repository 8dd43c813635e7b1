"""A worker's appeal against a penalty, decided by a supervisor other than the one who approved it."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Appeal, BlacklistEntry, Penalty, PenaltyKind, PointsEntry, Worker
from ..notifications import appeal_decided_tell
from .penalties import DECIDE_PERMISSION, PROPOSE_PERMISSION, _require, suspension_end, worker_status_follow

APPEALABLE = (Penalty.Status.IN_EFFECT, Penalty.Status.ENDED)


def appeal_deadline(penalty: Penalty):
    return penalty.decided_at + timedelta(days=settings.PENALTY_APPEAL_DAYS)


@transaction.atomic
def appeal_submit(*, penalty: Penalty, grounds: str, actor, submitted_at=None) -> Appeal:
    """Staff record the worker's appeal; ``submitted_at`` is when the worker lodged it (a letter may be late)."""
    _require(actor, PROPOSE_PERMISSION)
    penalty = Penalty.objects.select_for_update().get(pk=penalty.pk)
    submitted_at = submitted_at or timezone.now()
    if penalty.status not in APPEALABLE:
        raise ValidationError(_("Only a penalty in effect can be appealed."))
    if Appeal.objects.filter(penalty=penalty).exists():
        raise ValidationError(_("This penalty has already been appealed."))
    if submitted_at > timezone.now():
        raise ValidationError({"submitted_at": _("The date of the appeal cannot be in the future.")})
    if submitted_at > appeal_deadline(penalty):
        raise ValidationError(
            _("The appeal period of %(days)s days has passed.") % {"days": settings.PENALTY_APPEAL_DAYS}
        )
    if not grounds.strip():
        raise ValidationError({"grounds": _("Give the grounds of the appeal.")})
    appeal = Appeal(penalty=penalty, grounds=grounds, submitted_at=submitted_at, recorded_by=actor)
    appeal.full_clean()
    appeal.save()
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    appeal: Appeal,
    outcome: str,
    actor,
    note: str,
    points: int | None = None,
    fine_amount: Decimal | None = None,
    suspension_days: int | None = None,
) -> Appeal:
    """Upheld, reduced (lower points, fine or days) or revoked; points and the worker's status follow."""
    _require(actor, DECIDE_PERMISSION)
    appeal = Appeal.objects.select_for_update().select_related("penalty").get(pk=appeal.pk)
    penalty = Penalty.objects.select_for_update().get(pk=appeal.penalty_id)
    if appeal.outcome != Appeal.Outcome.PENDING:
        raise ValidationError(_("This appeal has already been decided."))
    if actor.pk == penalty.decided_by_id:
        raise PermissionDenied(_("A supervisor other than the one who approved the penalty decides the appeal."))
    if outcome not in (Appeal.Outcome.UPHELD, Appeal.Outcome.REDUCED, Appeal.Outcome.REVOKED):
        raise ValidationError({"outcome": _("Choose upheld, reduced or revoked.")})
    if not note.strip():
        raise ValidationError({"note": _("Give the reasons for the decision.")})
    reason = _("Appeal: %(outcome)s") % {"outcome": Appeal.Outcome(outcome).label}
    if outcome == Appeal.Outcome.REDUCED:
        _reduce(penalty=penalty, points=points, fine_amount=fine_amount, suspension_days=suspension_days)
    elif outcome == Appeal.Outcome.REVOKED:
        _revoke(penalty=penalty)
    penalty._change_reason = reason
    penalty.save()
    worker = Worker.objects.select_for_update().get(pk=penalty.worker_id)
    worker_status_follow(worker=worker, reason=reason)
    appeal.outcome = outcome
    appeal.decided_by = actor
    appeal.decided_at = timezone.now()
    appeal.decision_note = note
    appeal.save()
    appeal_decided_tell(appeal=appeal)
    return appeal


def _points_return(*, penalty: Penalty, points: int, note: str) -> None:
    """Points come back in the period they were taken from."""
    if points <= 0:
        return
    year = timezone.localtime(penalty.decided_at).year
    PointsEntry.objects.create(worker_id=penalty.worker_id, penalty=penalty, year=year, delta=points, note=note)


def _reduce(*, penalty: Penalty, points, fine_amount, suspension_days) -> None:
    changes = {
        "points": (points, penalty.points),
        "fine_amount": (fine_amount, penalty.fine_amount),
        "suspension_days": (suspension_days, penalty.suspension_days),
    }
    lowered = False
    for field, (new, old) in changes.items():
        if new is None:
            continue
        if old is None or new > old or new < 0:
            raise ValidationError({field: _("A reduction cannot increase the penalty.")})
        lowered = lowered or new < old
    if not lowered:
        raise ValidationError(_("A reduction must lower the points, the fine or the days."))
    if points is not None:
        _points_return(penalty=penalty, points=penalty.points - points, note=_("Reduced on appeal"))
        penalty.points = points
    if fine_amount is not None:
        penalty.fine_amount = fine_amount
    if suspension_days is not None and penalty.kind == PenaltyKind.SUSPENSION:
        penalty.suspension_days = suspension_days
        penalty.ends_on = penalty.starts_on + timedelta(days=suspension_days)
        if penalty.status == Penalty.Status.IN_EFFECT and penalty.ends_on <= timezone.localdate():
            suspension_end(penalty=penalty, reason=_("Suspension shortened on appeal"))


def _revoke(*, penalty: Penalty) -> None:
    _points_return(penalty=penalty, points=penalty.points, note=_("Revoked on appeal"))
    penalty.status = Penalty.Status.REVOKED
    if penalty.kind == PenaltyKind.BAN:
        for entry in BlacklistEntry.objects.filter(penalty=penalty):
            entry.delete()
