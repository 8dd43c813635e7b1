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
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
    plan = RectificationPlan(
        team=team, owner=owner, actions=actions, deadline=deadline, created_by=actor, complaint=complaint
    )
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def rectification_plan_verify(*, plan: RectificationPlan, actor, note: str) -> RectificationPlan:
    """A supervisor confirms the actions were carried out; until then the plan can be overdue."""
    _require(actor, DECIDE_PERMISSION)
    plan = RectificationPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == RectificationPlan.Status.VERIFIED:
        raise ValidationError(_("This plan has already been verified."))
    if not note.strip():
        raise ValidationError({"note": _("Describe what was verified.")})
    plan.status = RectificationPlan.Status.VERIFIED
    plan.verified_by = actor
    plan.verified_at = timezone.now()
    plan.verification_note = note
    plan.save()
    return plan


@transaction.atomic
def process_change_record(*, description: str, owner, actor, complaint=None) -> ProcessChange:
    _require(actor, PROPOSE_PERMISSION)
    change = ProcessChange(description=description, owner=owner, recorded_by=actor, complaint=complaint)
    change.full_clean()
    change.save()
    return change
