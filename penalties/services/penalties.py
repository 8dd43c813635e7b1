"""The life of a penalty: proposed, approved or rejected by a supervisor, in effect, ended."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from core.outbox import message_queue

from ..models import BlacklistEntry, Penalty, PenaltyKind, PenaltyRule, PointsEntry, Worker
from ..notifications import penalty_approved_tell
from ..selectors import points_balance

DECIDE_PERMISSION = "penalties.decide_penalty"
PROPOSE_PERMISSION = "penalties.propose_penalty"


def _require(user, permission: str) -> None:
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(_("You may not do this."))


def penalty_suggestion(*, category: str) -> dict:
    """The rule's suggestion for a category, as initial values for a new penalty."""
    rule = PenaltyRule.objects.filter(category=category).first()
    if rule is None:
        return {"kind": PenaltyKind.CRITICISM, "points": 0}
    return {
        "kind": rule.kind,
        "points": rule.points,
        "fine_amount": rule.fine_amount,
        "suspension_days": rule.suspension_days,
    }


@transaction.atomic
def penalty_propose(
    *,
    worker: Worker,
    kind: str,
    reason: str,
    actor=None,
    complaint=None,
    category: str = "",
    points: int = 0,
    fine_amount: Decimal | None = None,
    suspension_days: int | None = None,
    authority: str = "",
    reported_on=None,
    authority_reference: str = "",
) -> Penalty:
    """A proposal waits for a supervisor. ``actor=None`` is the desk itself (points exhausted)."""
    if actor is not None:
        _require(actor, PROPOSE_PERMISSION)
    penalty = Penalty(
        worker=worker,
        complaint=complaint,
        kind=kind,
        category=category or (complaint.category if complaint else ""),
        reason=reason,
        points=points or 0,
        fine_amount=fine_amount,
        suspension_days=suspension_days,
        authority=authority,
        reported_on=reported_on,
        authority_reference=authority_reference,
        proposed_by=actor,
    )
    penalty.full_clean()
    penalty.save()
    return penalty


def _locked(penalty: Penalty) -> Penalty:
    return Penalty.objects.select_for_update().select_related("worker").get(pk=penalty.pk)


@transaction.atomic
def penalty_approve(*, penalty: Penalty, actor, note: str = "") -> Penalty:
    _require(actor, DECIDE_PERMISSION)
    penalty = _locked(penalty)
    if penalty.status != Penalty.Status.PROPOSED:
        raise ValidationError(_("Only a proposed penalty can be approved."))
    penalty.status = Penalty.Status.IN_EFFECT
    penalty.decided_by = actor
    penalty.decided_at = timezone.now()
    penalty.decision_note = note
    if penalty.kind == PenaltyKind.SUSPENSION:
        penalty.starts_on = timezone.localdate()
        penalty.ends_on = penalty.starts_on + timedelta(days=penalty.suspension_days)
    penalty.save()
    _take_effect(penalty=penalty, actor=actor)
    from .appeals import appeal_deadline  # appeals builds on this module

    penalty_approved_tell(penalty=penalty, appeal_by=appeal_deadline(penalty))
    return penalty


@transaction.atomic
def penalty_reject(*, penalty: Penalty, actor, note: str) -> Penalty:
    _require(actor, DECIDE_PERMISSION)
    if not note.strip():
        raise ValidationError({"note": _("Give the reason for rejecting.")})
    penalty = _locked(penalty)
    if penalty.status != Penalty.Status.PROPOSED:
        raise ValidationError(_("Only a proposed penalty can be rejected."))
    penalty.status = Penalty.Status.REJECTED
    penalty.decided_by = actor
    penalty.decided_at = timezone.now()
    penalty.decision_note = note
    penalty.save()
    return penalty


def _take_effect(*, penalty: Penalty, actor) -> None:
    worker = Worker.objects.select_for_update().get(pk=penalty.worker_id)
    if penalty.points:
        points_deduct(penalty=penalty, worker=worker)
    if penalty.kind == PenaltyKind.BAN:
        BlacklistEntry.objects.get_or_create(
            identity_hash=worker.identity_hash,
            defaults={
                "identity_last_four": worker.identity_last_four,
                "reason_category": penalty.category or "other",
                "penalty": penalty,
            },
        )
    worker_status_follow(worker=worker, reason=penalty.get_kind_display())


def points_deduct(*, penalty: Penalty, worker: Worker) -> None:
    """Deduct in the period of the decision; reaching zero proposes a suspension to supervisors."""
    year = timezone.localdate().year
    before = points_balance(worker=worker, year=year)
    PointsEntry.objects.create(
        worker=worker, penalty=penalty, year=year, delta=-penalty.points, note=penalty.get_kind_display()
    )
    if before > 0 >= before - penalty.points:
        _propose_suspension_for_zero_points(worker=worker, year=year)


def _propose_suspension_for_zero_points(*, worker: Worker, year: int) -> None:
    already = worker.penalties.filter(kind=PenaltyKind.SUSPENSION, status=Penalty.Status.PROPOSED).exists()
    if already:
        return
    penalty_propose(
        worker=worker,
        kind=PenaltyKind.SUSPENSION,
        suspension_days=settings.PENALTY_ZERO_POINTS_SUSPENSION_DAYS,
        reason=_("Points balance for %(year)s reached zero.") % {"year": year},
    )
    body = _("%(name)s has no points left for %(year)s; a suspension awaits your decision.") % {
        "name": worker.name,
        "year": year,
    }
    for email in supervisor_emails():
        message_queue(
            channel="email", recipient=email, subject=_("Suspension proposed"), body=body, purpose="penalty_proposed"
        )


def supervisor_emails() -> list[str]:
    users = get_user_model().objects.filter(groups__name=roles.SUPERVISOR, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def worker_status_follow(*, worker: Worker, reason: str) -> Worker:
    """The worker's status is whatever their penalties in effect say: ban > dismissal > suspension."""
    in_effect = worker.penalties.filter(status=Penalty.Status.IN_EFFECT)
    today = timezone.localdate()
    suspended_until = None
    if in_effect.filter(kind=PenaltyKind.BAN).exists():
        status = Worker.Status.BANNED
    elif in_effect.filter(kind=PenaltyKind.DISMISSAL).exists():
        status = Worker.Status.DISMISSED
    else:
        ends = in_effect.filter(kind=PenaltyKind.SUSPENSION, ends_on__gt=today).order_by("-ends_on").first()
        status = Worker.Status.SUSPENDED if ends else Worker.Status.ACTIVE
        suspended_until = ends.ends_on if ends else None
    if (worker.status, worker.suspended_until) != (status, suspended_until):
        worker.status = status
        worker.suspended_until = suspended_until
        worker._change_reason = reason
        worker.save()
    return worker


@transaction.atomic
def suspension_end(*, penalty: Penalty, reason: str) -> None:
    penalty.status = Penalty.Status.ENDED
    penalty.ended_at = timezone.now()
    penalty._change_reason = reason
    penalty.save()
    worker = Worker.objects.select_for_update().get(pk=penalty.worker_id)
    worker_status_follow(worker=worker, reason=reason)


def suspensions_end() -> int:
    """Periodic: end every suspension whose end date has come. Safe if two schedulers run it."""
    ended = 0
    today = timezone.localdate()
    due = Penalty.objects.filter(kind=PenaltyKind.SUSPENSION, status=Penalty.Status.IN_EFFECT, ends_on__lte=today)
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            penalty = (
                Penalty.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=Penalty.Status.IN_EFFECT)
                .first()
            )
            if penalty is not None:
                suspension_end(penalty=penalty, reason=_("Suspension ended"))
                ended += 1
    return ended
