"""Checks every resolutions service makes before it changes anything.

Services check the actor's permission themselves (not only the views), so the admin, the API,
tasks and tests can't bypass a rule. ``actor=None`` is the system (a periodic task, or the
complainant answering the survey through the single-use link) and runs without a permission.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from intake.locking import complaint_save
from intake.models import Complaint, ComplaintEvent

WRONG_STATE = _("This action is not possible in the complaint's current state.")


def permission_require(actor, perm: str) -> None:
    if actor is not None and not actor.has_perm(perm):
        raise PermissionDenied


def state_require(complaint: Complaint, *states: str) -> None:
    if complaint.state not in states:
        raise ValidationError(WRONG_STATE, code="state")


def transition_run(complaint: Complaint, name: str, *, actor, note: str = "", refused=None) -> None:
    """Run the transition ``name`` for ``actor`` and save the (locked) complaint.

    ``refused`` is the message shown when the state allows the transition but its conditions
    (e.g. an unpaid compensation before closing) do not hold yet.
    """
    method = getattr(complaint, name)
    if not can_proceed(method, check_conditions=False):
        raise ValidationError(WRONG_STATE, code="state")
    meta = method._django_fsm
    if actor is not None and not meta.has_transition_perm(complaint, complaint.state, actor):
        raise PermissionDenied
    if not can_proceed(method):
        raise ValidationError(refused or WRONG_STATE, code="conditions")
    method(by=actor, note=note)
    complaint_save(complaint)


def trace(complaint: Complaint, *, actor, note: str, public: bool = False) -> None:
    """A timeline entry for a step that is not a state change (a proposal, an answer, a payment)."""
    ComplaintEvent.objects.create(
        complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, note=note[:5000], public=public
    )
