"""Archives past their retention period lose their personal data only after leadership approved
the list (seed 001): a supervisor proposes, management approves, the supervisor carries it out."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Complaint
from intake.services.privacy import personal_data_erase

from ..models import RetentionDisposal
from ..selectors import archives_past_retention
from .guards import permission_require

PROPOSE = "resolutions.propose_disposal"
APPROVE = "resolutions.approve_disposal"


def archives_to_dispose():
    """Archives past retention whose personal data is still there."""
    return archives_past_retention().filter(personal_data_erased_at__isnull=True)


@transaction.atomic
def disposal_propose(*, actor) -> RetentionDisposal:
    """List today's archives past retention for leadership's approval; one list waits at a time."""
    permission_require(actor, PROPOSE)
    if RetentionDisposal.objects.select_for_update().filter(carried_out_at__isnull=True).exists():
        raise ValidationError(_("A disposal list is already waiting; carry it out or wait for its approval first."))
    archives = list(archives_to_dispose().values_list("pk", flat=True))
    if not archives:
        raise ValidationError(_("No archive is past its retention period."))
    disposal = RetentionDisposal.objects.create(proposed_by=actor)
    disposal.complaints.set(archives)
    return disposal


def _disposal_for_update(disposal_id: int) -> RetentionDisposal:
    return RetentionDisposal.objects.select_for_update().get(pk=disposal_id)


@transaction.atomic
def disposal_approve(*, disposal_id: int, actor, note: str = "") -> RetentionDisposal:
    """Leadership's approval (management), never by whoever proposed the list."""
    permission_require(actor, APPROVE)
    disposal = _disposal_for_update(disposal_id)
    if disposal.approved_at is not None:
        raise ValidationError(_("This disposal list is already approved."))
    if disposal.proposed_by_id == actor.pk:
        raise PermissionDenied
    disposal.approved_by, disposal.approved_at, disposal.approval_note = actor, timezone.now(), note.strip()
    disposal.save(update_fields=["approved_by", "approved_at", "approval_note"])
    return disposal


@transaction.atomic
def disposal_carry_out(*, disposal_id: int, actor) -> RetentionDisposal:
    """Anonymise the approved list's archives, all or none. An archive reopened, erased or no
    longer past retention since the proposal is left as it is."""
    permission_require(actor, PROPOSE)
    disposal = _disposal_for_update(disposal_id)
    if disposal.approved_at is None:
        raise ValidationError(_("Leadership has not approved this disposal list yet."))
    if disposal.carried_out_at is not None:
        raise ValidationError(_("This disposal list was already carried out."))
    due = archives_to_dispose().filter(pk__in=disposal.complaints.values("pk"))
    reason = _("Personal data erased: retention period ended, disposal approved by %(who)s") % {
        "who": disposal.approved_by.get_full_name() or disposal.approved_by.get_username()
    }
    erased = 0
    for complaint in Complaint.objects.select_for_update().filter(pk__in=due.values("pk")):
        personal_data_erase(complaint, actor=actor, reason=reason)
        erased += 1
    disposal.carried_out_at, disposal.carried_out_by, disposal.erased = timezone.now(), actor, erased
    disposal.save(update_fields=["carried_out_at", "carried_out_by", "erased"])
    return disposal
