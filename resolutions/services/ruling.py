"""Ruling (裁决): when mediation fails, a panel of at least three votes and the majority decides.

When the decision may be recorded: as soon as one verdict holds a strict majority of the whole
panel (2 of 3, 3 of 4 or 5), or once every member has voted. The verdict is the median vote on
the scale uphold > partly > reject, which is the majority's verdict whenever one exists and
otherwise the position most members can stand behind; an even split between the two middle
votes is decided as "partly". The panel member who records it must state the basis.
"""

from collections import Counter

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from intake.locking import complaint_for_update
from intake.models import Complaint, State

from ..models import Compensation, Ruling, RulingVote, Verdict
from ..statute import below_minimum_reason_check
from .compensation import (
    CompensationItem,
    compensation_items_check,
    compensation_items_create,
    compensations_status_set,
)
from .guards import permission_require, state_require, trace, transition_run

MIN_PANEL_SIZE = 3
_SCALE = [Verdict.UPHOLD, Verdict.PARTLY, Verdict.REJECT]


def ruling_verdict(*, votes: list[str], panel_size: int) -> str | None:
    """The panel's decision from the votes cast so far, or None while it is still open."""
    counts = Counter(votes)
    if counts and counts.most_common(1)[0][1] * 2 > panel_size:
        return counts.most_common(1)[0][0]
    if len(votes) < panel_size:
        return None
    ordered = sorted(votes, key=_SCALE.index)
    low, high = ordered[(len(ordered) - 1) // 2], ordered[len(ordered) // 2]
    return low if low == high else Verdict.PARTLY


@transaction.atomic
def ruling_form(*, complaint_id: int, actor, members: list, seen_version: int | None = None) -> Ruling:
    """Form the panel (agent or supervisor). Members must hold the ruling-panel role."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    permission_require(actor, "intake.mediate_complaint")
    state_require(complaint, State.RULING)
    members = list({m.pk: m for m in members}.values())
    if len(members) < MIN_PANEL_SIZE:
        raise ValidationError({"members": _("A ruling panel needs at least %(n)d members.") % {"n": MIN_PANEL_SIZE}})
    panel_ids = set(
        get_user_model().objects.filter(groups__name=roles.RULING_PANEL, is_active=True).values_list("pk", flat=True)
    )
    if any(m.pk not in panel_ids for m in members):
        raise ValidationError({"members": _("Every member must belong to the ruling panel.")})
    if complaint.rulings.filter(verdict="").exists():
        raise ValidationError(_("A ruling panel is already sitting on this complaint."), code="open")
    ruling = Ruling.objects.create(complaint=complaint, formed_by=actor)
    ruling.members.set(members)
    trace(complaint, actor=actor, note=_("Ruling panel formed."))
    return ruling


def _open_ruling(complaint: Complaint) -> Ruling:
    ruling = complaint.rulings.filter(verdict="").prefetch_related("members", "votes").first()
    if ruling is None:
        raise ValidationError(_("No ruling panel is sitting on this complaint."), code="no_panel")
    return ruling


@transaction.atomic
def ruling_vote(*, complaint_id: int, actor, verdict: str, opinion: str) -> RulingVote:
    """A member's vote and opinion, cast once and never changed."""
    complaint = complaint_for_update(pk=complaint_id)
    permission_require(actor, "intake.rule_complaint")
    state_require(complaint, State.RULING)
    ruling = _open_ruling(complaint)
    if actor not in ruling.members.all():
        raise PermissionDenied
    if any(v.member_id == actor.pk for v in ruling.votes.all()):
        raise ValidationError(_("Your vote is already recorded; it cannot be changed."), code="voted")
    vote = RulingVote(ruling=ruling, member=actor, verdict=verdict, opinion=opinion)
    vote.full_clean()
    vote.save()
    trace(complaint, actor=actor, note=_("A panel member voted."))
    return vote


@transaction.atomic
def ruling_decide(
    *,
    complaint_id: int,
    actor,
    basis: str,
    items: list[CompensationItem] | tuple = (),
    below_minimum_reason: str = "",
    seen_version: int | None = None,
) -> Ruling:
    """Record the majority's decision with its basis and the compensation it grants, and
    resolve the complaint. A decision that rejects the complaint grants none (its basis says
    why); one that grants less than the statutory minimum after a fraud finding records why."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    permission_require(actor, "intake.rule_complaint")
    state_require(complaint, State.RULING)
    ruling = _open_ruling(complaint)
    if actor not in ruling.members.all():
        raise PermissionDenied
    if not basis.strip():
        raise ValidationError({"basis": _("A ruling must state its basis.")})
    verdict = ruling_verdict(votes=[v.verdict for v in ruling.votes.all()], panel_size=ruling.members.count())
    if verdict is None:
        raise ValidationError(_("The panel has no majority yet; wait for more votes."), code="no_majority")
    if items and verdict == Verdict.REJECT:
        raise ValidationError(_("The ruling rejected the complaint: it grants no compensation."), code="rejected")
    compensation_items_check(items)
    upheld = verdict != Verdict.REJECT
    if upheld:
        ruling.below_minimum_reason = below_minimum_reason_check(
            complaint=complaint, items=items, reason=below_minimum_reason
        )
    ruling.verdict, ruling.basis = verdict, basis
    ruling.decided_by, ruling.decided_at = actor, timezone.now()
    ruling.save()
    compensations_status_set(
        ruling.compensations.all(), status=Compensation.Status.AGREED if upheld else Compensation.Status.VOID
    )
    compensation_items_create(items, complaint=complaint, actor=actor, ruling=ruling, status=Compensation.Status.AGREED)
    transition_run(complaint, "rule", actor=actor, note=str(Verdict(verdict).label))
    return ruling
