"""Guard a complaint against lost updates.

``ConcurrentTransitionMixin`` protects the state field only. Every form on the workbench also
carries the ``version`` the page was rendered with; a service locks the row, compares, and bumps
the version on save, so a stale page gets "this complaint changed, reload" instead of silently
overwriting someone else's edit.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransition

from .models import Complaint, State


class ComplaintChanged(Exception):
    """Someone else changed the complaint since the page was loaded."""

    message = _("This complaint was changed by someone else in the meantime. Please reload the page and try again.")


class ComplaintArchived(ComplaintChanged):
    """Archived complaints are read-only: nothing about them may change any more."""

    message = _("This complaint is archived and can no longer be changed.")


def complaint_refuse_if_archived(complaint: Complaint) -> None:
    """Refuse any write that hangs off an archived complaint (notes, evidence, …)."""
    if Complaint.objects.filter(pk=complaint.pk, state=State.ARCHIVED).exists():
        raise ComplaintArchived


def complaint_for_update(*, pk: int, seen_version: int | None = None) -> Complaint:
    """Lock the complaint row for the current transaction; refuse a stale version.

    Must be called inside ``transaction.atomic()``.
    """
    assert transaction.get_connection().in_atomic_block, "complaint_for_update needs a transaction"
    complaint = Complaint.objects.select_for_update().get(pk=pk)
    if seen_version is not None and complaint.version != seen_version:
        raise ComplaintChanged
    return complaint


def complaint_save(complaint: Complaint, *, update_fields: list[str] | None = None) -> None:
    """Save with a version bump; a concurrent state change surfaces as ``ComplaintChanged``.

    The stored row decides whether the complaint is archived, so the archive transition itself
    (archived in memory, not yet in the database) is the last save an archived complaint gets.
    """
    complaint_refuse_if_archived(complaint)
    complaint.version += 1
    fields = None if update_fields is None else sorted({*update_fields, "version", "state"})
    try:
        complaint.save(update_fields=fields)
    except ConcurrentTransition as error:
        raise ComplaintChanged from error
