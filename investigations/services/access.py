"""Who may work on an investigation: its team, and supervisors who own the complaint's solution."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..models import Investigation

SUPERVISOR_PERMISSION = "investigations.decide_extension"


def investigation_current(*, complaint) -> Investigation:
    """The complaint's latest investigation round; evidence and reports attach to it."""
    investigation = complaint.investigations.order_by("-round").first()
    if investigation is None:
        raise ValidationError(_("No investigation has been opened for this complaint yet."))
    return investigation


def team_member_require(*, user, investigation: Investigation, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied
    if not (investigation.is_on_team(user) or user.has_perm(SUPERVISOR_PERMISSION)):
        raise PermissionDenied
