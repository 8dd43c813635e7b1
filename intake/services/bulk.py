"""The inbox's bulk actions: one service call per complaint, each in its own transaction.

A complaint that changed since the page was shown (another agent accepted or took it) is left
untouched and its row says so; the others go ahead. Nothing is ever half-done: each row's service
either commits whole or not at all.
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..access import complaints_visible_to
from ..locking import ComplaintChanged
from .assignment import complaint_handler_set, complaint_take, complaint_team_move
from .decision import DecisionNotPossible, complaint_accept_as_proposed

#: action -> (permission it needs, service run on each complaint)
BULK_ACTIONS = {
    "take": ("intake.accept_complaint", complaint_take),
    "accept": ("intake.accept_complaint", complaint_accept_as_proposed),
    "assign": ("intake.assign_complaint", complaint_handler_set),
    "team": ("intake.assign_complaint", complaint_team_move),
}


@dataclass(frozen=True)
class BulkOutcome:
    complaint_id: int
    tracking_number: str
    done: bool
    message: str


def _done_message(action: str, complaint) -> str:
    if action == "accept":
        return _("accepted.")
    handler = "—"
    if complaint.assigned_to is not None:
        handler = complaint.assigned_to.get_full_name() or complaint.assigned_to.get_username()
    return _("now with %(handler)s / %(team)s.") % {"handler": handler, "team": complaint.assigned_team or "—"}


def complaints_bulk_apply(*, action: str, actor, versions: dict[int, int], **params) -> list[BulkOutcome]:
    """Run ``action`` on each complaint of ``versions`` (id -> the version the page showed).

    ``params``: ``handler`` for "assign", ``team`` for "team". Complaints the user may not open
    are reported as not found, as everywhere else.
    """
    permission, service = BULK_ACTIONS[action]
    if not actor.has_perm(permission):
        raise PermissionDenied
    numbers = dict(complaints_visible_to(actor).filter(pk__in=versions).values_list("pk", "tracking_number"))
    outcomes = []
    for complaint_id, version in versions.items():
        number = numbers.get(complaint_id)
        if number is None:
            outcomes.append(BulkOutcome(complaint_id, str(complaint_id), False, _("not found.")))
            continue
        try:
            complaint = service(complaint_id=complaint_id, actor=actor, seen_version=version, **params)
        except (ComplaintChanged, DecisionNotPossible) as error:
            outcomes.append(BulkOutcome(complaint_id, number, False, str(error.message)))
        except ValidationError as error:
            outcomes.append(BulkOutcome(complaint_id, number, False, " ".join(error.messages)))
        except (PermissionDenied, ObjectDoesNotExist):
            outcomes.append(BulkOutcome(complaint_id, number, False, _("not allowed for you at this stage.")))
        else:
            outcomes.append(BulkOutcome(complaint_id, number, True, _done_message(action, complaint)))
    return outcomes
