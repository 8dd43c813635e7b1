"""Merging a repeat complaint into its original (二次投诉): one case is handled, both timelines are
kept, and the repeat's tracking number still leads the complainant to the original on /track/."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_fsm import has_transition_perm

from ..access import complaints_visible_to
from ..complainant import complainant_tell
from ..locking import ComplaintChanged, complaint_save
from ..models import Complaint, ComplaintEvent
from ..models.lifecycle import OPEN_STATES

MERGE_PERMISSION = "intake.accept_complaint"


@transaction.atomic
def complaint_merge(*, complaint_id: int, actor, seen_version: int, original_number: str, reason: str) -> Complaint:
    """Merge the complaint into the open complaint numbered ``original_number``; returns the original.

    Refused, with nothing changed: a merge into itself, into a complaint that is no longer open
    (closed, withdrawn, already merged ...), into one the user may not open, and chains -- a
    complaint others were merged into is an original and stays one.
    """
    if actor is None or not actor.has_perm(MERGE_PERMISSION):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the two complaints are one matter.")})
    number = original_number.strip().upper()
    original = complaints_visible_to(actor).filter(tracking_number=number).only("pk").first()
    if original is None:
        raise ValidationError(
            {"original_number": _("No complaint has the tracking number %(number)s.") % {"number": number}}
        )
    if original.pk == complaint_id:
        raise ValidationError({"original_number": _("A complaint cannot be merged into itself.")})
    # Both rows locked in one order, so two merges crossing each other cannot deadlock.
    locked = {c.pk: c for c in Complaint.objects.select_for_update().filter(pk__in=sorted([complaint_id, original.pk]))}
    complaint, original = locked[complaint_id], locked[original.pk]
    if complaint.version != seen_version:
        raise ComplaintChanged
    if original.merged_into_id is not None:
        raise ValidationError(
            {
                "original_number": _("%(number)s was itself merged into %(original)s: merge into that one.")
                % {"number": original.tracking_number, "original": original.merged_into.tracking_number}
            }
        )
    if original.state not in OPEN_STATES:
        raise ValidationError(
            {
                "original_number": _("%(number)s is %(state)s: merge only into an open complaint.")
                % {"number": original.tracking_number, "state": original.get_state_display()}
            }
        )
    if complaint.merged.exists():
        raise ValidationError(
            _("Other complaints were merged into this one: it is an original and cannot be merged itself."),
            code="chain",
        )
    if not has_transition_perm(complaint.merge, actor):
        raise ValidationError(_("This complaint can no longer be merged."), code="state")
    with override("zh-hans"):
        complaint.merge(
            by=actor,
            note=_("Merged into %(number)s: %(reason)s") % {"number": original.tracking_number, "reason": reason},
        )
        original_note = _("Complaint %(number)s merged into this one: %(reason)s") % {
            "number": complaint.tracking_number,
            "reason": reason,
        }
    complaint.merged_into = original
    complaint._change_reason = reason
    complaint_save(complaint)
    ComplaintEvent.objects.create(
        complaint=original, kind=ComplaintEvent.Kind.ACTION, actor=actor, transition="merged_in", note=original_note
    )
    complainant_tell(complaint=complaint, purpose="merged", original=original.tracking_number)
    return original
