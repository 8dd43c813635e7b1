"""Registering a complaint (登记), whatever the channel it came through."""

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from core.message_templates import message_text
from core.models import StaffProfile, StaffTeam

from ..choices import Channel
from ..complainant import complainant_message_queue
from ..models import Complaint, ComplaintEvent
from .classification import complaint_intake_prepare
from .emergency import emergency_open
from .transfers import transfer_open


@transaction.atomic
def complaint_register(
    *,
    actor=None,
    received_at: datetime | None = None,
    transfer_received_on: date | None = None,
    transfer_accepted_on: date | None = None,
    **fields,
) -> Complaint:
    """Create a complaint in the state *submitted* and queue the complainant's confirmation; an
    urgent one starts the emergency procedure.

    ``actor`` is the agent who typed it in (``None`` for the public form and the API).
    ``received_at`` is when the complaint reached us, which starts every clock; an agent logging a
    call or a letter later gives the real receipt time. A complaint transferred by another body
    comes with the dates that body received and accepted it (its own clock counts from them).
    """
    complaint = Complaint(received_by=actor, received_at=received_at or timezone.now(), **fields)
    if actor is not None:
        complaint.received_by_team, complaint.received_by_staff_number = receiving_agent(actor)
    agent_decided = "category" in fields
    complaint_intake_prepare(complaint=complaint, agent_decided=agent_decided)
    # The FSM field refuses assignment, and clean_fields would assign it: it is not user input anyway.
    complaint.full_clean(exclude=["state"])
    complaint.save()
    ComplaintEvent.objects.create(
        complaint=complaint, kind=ComplaintEvent.Kind.ACTION, actor=actor, transition="register", public=True
    )
    if complaint.channel == Channel.TRANSFER:
        transfer_open(
            complaint=complaint, received_on=transfer_received_on, accepted_on=transfer_accepted_on, actor=actor
        )
    complaint_confirmation_queue(complaint=complaint)
    if complaint.urgent:
        # The agent who classified it chose "urgent"; otherwise the classifier proposed it.
        emergency_open(complaint=complaint, actor=actor if agent_decided else None)
    return complaint


def receiving_agent(actor) -> tuple[StaffTeam | None, str]:
    """The agent's team (the first by name when they belong to several) and staff number, kept on
    the complaint as they are at receipt."""
    profile = StaffProfile.objects.filter(user=actor).only("staff_number").first()
    return actor.staff_teams.order_by("name").first(), profile.staff_number if profile else ""


def complaint_confirmation_queue(*, complaint: Complaint) -> None:
    """Tell the complainant we have the complaint and how to follow it (in Chinese, the public's language)."""
    with override("zh-hans"):
        body = message_text(
            "received",
            number=complaint.tracking_number,
            url=settings.SITE_URL.rstrip("/") + reverse("track"),
        )
    complainant_message_queue(complaint=complaint, subject=complaint.tracking_number, body=body, purpose="received")
