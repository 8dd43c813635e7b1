"""Repeat complaints (二次投诉): the same phone or the same service order again.

A complaint is a repeat when an earlier one with the same phone or the same service order was
received within ``settings.REPEAT_WINDOW_DAYS`` before it, or is still open however old it is.
It links to the *first* complaint of the series, so every repeat of one matter points at the
same original and the original lists them all.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from .models import Complaint
from .models.lifecycle import OPEN_STATES


def repeat_original_find(
    *, phone: str, order_number: str, received_at: datetime, exclude_pk: int | None = None
) -> Complaint | None:
    """The original complaint a new one repeats, or ``None``."""
    same_party = Q(phone=phone) if phone else Q(pk__in=[])
    if order_number:
        same_party |= Q(order_number=order_number)
    window_start = received_at - timedelta(days=settings.REPEAT_WINDOW_DAYS)
    recent_or_open = Q(received_at__gte=window_start) | Q(state__in=OPEN_STATES)
    earlier = (
        Complaint.objects.filter(same_party, recent_or_open, received_at__lte=received_at)
        .exclude(pk=exclude_pk)
        .order_by("received_at", "pk")
        .only("pk", "repeat_of_id")
        .first()
    )
    if earlier is None:
        return None
    return earlier.repeat_of if earlier.repeat_of_id else earlier


def complaint_repeats(*, complaint: Complaint):
    """The repeats of an original complaint, oldest first (for the workbench)."""
    return complaint.repeats.order_by("received_at", "pk")
