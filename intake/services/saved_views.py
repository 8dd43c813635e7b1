"""Saved inbox views: a filter and sort under a name, for oneself or shared with one's team."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import StaffTeam

from ..models import SavedView


@transaction.atomic
def saved_view_save(*, owner, name: str, query: str, team: StaffTeam | None = None) -> SavedView:
    """Save (or overwrite, under the same name) the owner's view. ``query`` is the inbox's query
    string, already checked by the inbox's filter form; sharing needs membership of the team."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the view a name.")})
    if team is not None and not team.members.filter(pk=owner.pk).exists():
        raise ValidationError({"team": _("You can share a view only with a team you belong to.")})
    name = name[:60]
    view = SavedView.objects.select_for_update().filter(owner=owner, name=name).first()
    view = view or SavedView(owner=owner, name=name)
    view.query, view.team = query, team
    view.full_clean()
    view.save()
    return view


@transaction.atomic
def saved_view_delete(*, view_id: int, actor) -> None:
    """Only its owner deletes a view; the team it was shared with loses it too."""
    view = SavedView.objects.select_for_update().filter(pk=view_id).first()
    if view is None or view.owner_id != actor.pk:
        raise PermissionDenied
    view.delete()
