"""The malicious or false complaint flag (seed 002: 对恶意投诉或虚假举报者纳入管理): set by a
supervisor with a reason, reviewed after ``COMPLAINANT_FLAG_REVIEW_DAYS`` and kept or lifted.

Internal only, and information only: no service refuses a complaint because of it.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ComplainantFlag, Complaint

FLAG_PERMISSION = "intake.flag_complainant"


def _review_date():
    return timezone.localdate() + timedelta(days=settings.COMPLAINANT_FLAG_REVIEW_DAYS)


def _supervisor_check(actor) -> None:
    if actor is None or not actor.has_perm(FLAG_PERMISSION):
        raise PermissionDenied


@transaction.atomic
def complainant_flag_set(*, complaint_id: int, actor, reason: str) -> ComplainantFlag:
    """Flag the complainant of ``complaint_id`` (known by its phone); one active flag per phone."""
    _supervisor_check(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this complainant is flagged.")})
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if ComplainantFlag.objects.active().filter(phone=complaint.phone).exists():
        raise ValidationError(_("This complainant is already flagged; review the flag instead."))
    flag = ComplainantFlag(
        phone=complaint.phone,
        complaint=complaint,
        reason=reason,
        set_by=actor,
        set_at=timezone.now(),
        review_on=_review_date(),
    )
    flag.full_clean()
    flag._change_reason = reason[:100]
    flag.save()
    return flag


KEEP, LIFT = "keep", "lift"


@transaction.atomic
def complainant_flag_review(*, complaint_id: int, actor, decision: str, note: str) -> ComplainantFlag:
    """Keep the active flag on the complaint's complainant until the next review, or lift it; the
    note says why, in the flag's history."""
    _supervisor_check(actor)
    note = (note or "").strip()
    if decision not in (KEEP, LIFT):
        raise ValidationError({"decision": _("Choose to keep or to lift the flag.")})
    if not note:
        raise ValidationError({"note": _("Say why the flag is kept or lifted.")})
    complaint = Complaint.objects.get(pk=complaint_id)
    flag = ComplainantFlag.objects.active().select_for_update().filter(phone=complaint.phone).first()
    if flag is None:
        raise ValidationError(_("This complainant has no active flag to review."))
    keep = decision == KEEP
    now = timezone.now()
    flag.reviewed_by, flag.reviewed_at, flag.review_note = actor, now, note
    if keep:
        flag.review_on = _review_date()
    else:
        flag.lifted_at = now
    flag._change_reason = (_("Kept") if keep else _("Lifted")) + ": " + note[:80]
    flag.save()
    return flag


def complainant_flag_for(complaint: Complaint) -> ComplainantFlag | None:
    """The active flag on the complainant's phone, shown to staff as information only."""
    return ComplainantFlag.objects.active().filter(phone=complaint.phone).select_related("set_by").first()
