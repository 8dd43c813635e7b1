"""The nearest open due time of each complaint, kept on the complaint (``Complaint.next_due_at``).

The inbox sorts open complaints by it and shows whether one is overdue. Reading it from the
deadlines at every page would sort every open complaint on each request; kept on the complaint,
the page walks an index and stops after the rows it shows. Every service that opens, closes or
moves a deadline calls ``complaints_next_due_refresh`` in the same transaction.
"""

from collections.abc import Iterable

from django.db.models import OuterRef, Subquery

from intake.models import Complaint

from .models import Deadline


def complaints_next_due_refresh(complaint_ids: Iterable[int]) -> None:
    """Recompute the nearest open due time of these complaints, in one statement."""
    ids = set(complaint_ids)
    if not ids:
        return
    nearest = Deadline.objects.open().filter(complaint=OuterRef("pk")).order_by("due_at").values("due_at")[:1]
    Complaint.objects.filter(pk__in=ids).update(next_due_at=Subquery(nearest))
