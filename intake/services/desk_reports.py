"""Complaints about the desk itself (seed 002: 平台用户可通过举报渠道对投诉管理中心的投诉处理情况进行监督).

Such a complaint comes through the report channel, or names the complaint whose handling it reports;
its category is *handling of a complaint by the desk*. A supervisor assigns it, and never to
someone who worked on the complaint it reports.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import roles

from ..choices import Category, Channel
from ..models import Complaint, ComplaintEvent
from ..validators import tracking_number_normalize


def desk_report_prepare(complaint: Complaint) -> None:
    """Give a complaint about the desk its category, whatever the classifier proposed."""
    if complaint.channel == Channel.DESK_REPORT or complaint.earlier_complaint_id:
        complaint.category = Category.DESK_HANDLING


def earlier_complaint_find(tracking_number: str) -> Complaint | None:
    """The complaint a report about the desk names by its tracking number (``None`` when not named).

    An unknown number is refused with a clear message that tells nothing about any complaint.
    """
    number = tracking_number_normalize(tracking_number)
    if not number:
        return None
    found = Complaint.objects.filter(tracking_number=number).first()
    if found is None:
        raise ValidationError(
            {"earlier_tracking_number": _("No complaint has this tracking number; check it or leave it empty.")}
        )
    return found


def earlier_handler_ids(complaint: Complaint) -> set[int]:
    """Who worked on the complaint that ``complaint`` reports: whoever registered it, was ever
    assigned it, or acted on its timeline. Empty when it names none."""
    earlier_id = complaint.earlier_complaint_id
    if earlier_id is None:
        return set()
    earlier = Complaint.objects.filter(pk=earlier_id)
    handlers = set(earlier.exclude(received_by=None).values_list("received_by", flat=True))
    handlers |= set(
        Complaint.history.filter(id=earlier_id).exclude(assigned_to=None).values_list("assigned_to", flat=True)
    )
    handlers |= set(
        ComplaintEvent.objects.filter(complaint_id=earlier_id).exclude(actor=None).values_list("actor", flat=True)
    )
    return handlers


def desk_report_assignee_check(*, complaint: Complaint, assigned_to) -> None:
    """A complaint about the desk goes to a supervisor, never to someone who handled the complaint it reports."""
    if assigned_to is None or not complaint.is_about_the_desk:
        return
    if not roles.has_role(assigned_to, roles.SUPERVISOR):
        raise ValidationError({"assigned_to": _("A complaint about the desk is handled by a supervisor: choose one.")})
    if assigned_to.pk in earlier_handler_ids(complaint):
        raise ValidationError(
            {
                "assigned_to": _("%(user)s worked on the complaint this one reports: choose another supervisor.")
                % {"user": assigned_to}
            }
        )
