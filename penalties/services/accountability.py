"""Team and company responsibility: rectification plans (整改) and recorded process changes."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ProcessChange, RectificationPlan, Team
from .penalties import DECIDE_PERMISSION, PROPOSE_PERMISSION, _require


@transaction.atomic
def rectification_plan_create(
    *, team: Team, owner, actions: str, deadline: date, actor=None, complaint=None
) -> RectificationPlan:
    """``actor=None`` is the desk itself, creating the plan from an investigation finding."""
    if actor is not None:
        _require(actor, PROPOSE_PERMISSION)
    _deadline_check(deadline)
    plan = RectificationPlan(
        team=team, owner=owner, actions=actions, deadline=deadline, created_by=actor, complaint=complaint
    )
    plan.full_clean()
    plan.save()
    return plan


def _verify(record, *, actor, note: str, already: str):
    """A supervisor confirms a plan or change was carried out; until then it can be overdue."""
    _require(actor, DECIDE_PERMISSION)
    record = type(record).objects.select_for_update().get(pk=record.pk)
    if record.status == RectificationPlan.Status.VERIFIED:
        raise ValidationError(already)
    if not note.strip():
        raise ValidationError({"note": _("Describe what was verified.")})
    record.status = RectificationPlan.Status.VERIFIED
    record.verified_by = actor
    record.verified_at = timezone.now()
    record.verification_note = note
    record.save()
    return record


@transaction.atomic
def rectification_plan_verify(*, plan: RectificationPlan, actor, note: str) -> RectificationPlan:
    return _verify(plan, actor=actor, note=note, already=_("This plan has already been verified."))


def _deadline_check(deadline: date) -> None:
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline cannot be in the past.")})


@transaction.atomic
def process_change_record(*, description: str, owner, deadline: date, actor, complaint=None) -> ProcessChange:
    _require(actor, PROPOSE_PERMISSION)
    _deadline_check(deadline)
    change = ProcessChange(
        description=description, owner=owner, deadline=deadline, recorded_by=actor, complaint=complaint
    )
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def process_change_verify(*, change: ProcessChange, actor, note: str) -> ProcessChange:
    return _verify(change, actor=actor, note=note, already=_("This change has already been verified."))
