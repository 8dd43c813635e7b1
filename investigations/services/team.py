"""Team members without a login (seed 001: 家政服务项目负责人、相关服务人员)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intake.models import ComplaintEvent

from ..models import ExternalTeamMember, Investigation
from .access import SUPERVISOR_PERMISSION


def _team_lead_require(*, user, investigation: Investigation) -> None:
    if not (user.pk == investigation.lead_id or user.has_perm(SUPERVISOR_PERMISSION)):
        raise ValidationError(_("Only the investigation's lead or a supervisor may change its team."))


@transaction.atomic
def external_member_add(
    *, investigation_id: int, actor, name: str, role: str, phone: str = "", worker=None
) -> ExternalTeamMember:
    """Add a person without a login to the team; they gain access to nothing."""
    investigation = Investigation.objects.select_for_update().select_related("complaint").get(pk=investigation_id)
    _team_lead_require(user=actor, investigation=investigation)
    name = (name or "").strip()
    if worker is not None and not name:
        name = worker.name
    duplicate = investigation.external_members.filter(name=name, role=role)
    if worker is not None:
        duplicate = duplicate | investigation.external_members.filter(worker=worker)
    if duplicate.exists():
        raise ValidationError(_("%(name)s is already on this investigation team.") % {"name": name})
    member = ExternalTeamMember(
        investigation=investigation, name=name, role=role, phone=(phone or "").strip(), worker=worker, added_by=actor
    )
    member.full_clean()
    member.save()
    _event(investigation, actor, _("Added to the investigation team: %(member)s") % {"member": member})
    return member


@transaction.atomic
def external_member_remove(*, member_id: int, actor) -> None:
    member = ExternalTeamMember.objects.select_related("investigation__complaint").filter(pk=member_id).first()
    if member is None:
        raise ValidationError(_("This team member is no longer on the team."))
    _team_lead_require(user=actor, investigation=member.investigation)
    label = str(member)
    member.delete()
    _event(member.investigation, actor, _("Removed from the investigation team: %(member)s") % {"member": label})


def _event(investigation, actor, note: str) -> None:
    ComplaintEvent.objects.create(
        complaint=investigation.complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, note=note[:5000]
    )
