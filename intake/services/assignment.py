"""Reassigning a complaint to another member of the desk or another staff team (supervisors)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.models import StaffTeam

from ..locking import complaint_for_update, complaint_save
from ..models import Complaint, ComplaintEvent

ASSIGN_PERMISSION = "intake.assign_complaint"


@transaction.atomic
def complaint_assign(
    *,
    complaint_id: int,
    actor,
    assigned_to=None,
    assigned_team: StaffTeam | None = None,
    seen_version: int | None = None,
) -> Complaint:
    """Give the complaint a new handler and/or team; the timeline says who moved it where.

    Archived complaints refuse (``ComplaintArchived``), as every write does.
    """
    if not actor.has_perm(ASSIGN_PERMISSION):
        raise PermissionDenied
    if assigned_to is None and assigned_team is None:
        raise ValidationError(_("Choose a handler or a team."))
    if assigned_to is not None and not assigned_to.has_perm("intake.accept_complaint"):
        raise ValidationError({"assigned_to": _("Complaints can only be assigned to desk staff.")})
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    complaint.assigned_to, complaint.assigned_team = assigned_to, assigned_team
    complaint_save(complaint, update_fields=["assigned_to", "assigned_team"])
    with override("zh-hans"):
        note = _("Reassigned to %(handler)s / %(team)s.") % {
            "handler": assigned_to or "—",
            "team": assigned_team or "—",
        }
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, note=note)
    return complaint
