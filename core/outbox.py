"""The outbox: queue a message with the change that caused it, send it after commit.

The row is written in the caller's transaction, so a rolled-back change sends nothing and a
committed one is never lost: if the broker is down when the transaction commits, the periodic
``outbox_sweep`` sends the message later.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage
from .sms import get_sms_backend

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def message_queue(
    *,
    channel: str,
    recipient: str,
    body: str,
    subject: str = "",
    complaint=None,
    purpose: str = "",
) -> OutboxMessage:
    message = OutboxMessage.objects.create(
        channel=channel,
        recipient=recipient,
        # Header injection: a subject never carries a line break, whatever a name field held.
        subject=" ".join(subject.split())[:200],
        body=body,
        complaint=complaint,
        purpose=purpose,
    )
    transaction.on_commit(lambda: _enqueue(message.pk), robust=True)
    return message


def _enqueue(message_id: int) -> None:
    from .tasks import send_outbox_message

    try:
        send_outbox_message.delay(message_id)
    except Exception:  # the broker is down: the sweep will send it
        logger.warning("Broker unavailable; outbox message %s left for the sweep", message_id)


def message_send(*, message_id: int) -> bool:
    """Send one pending message. Safe to call twice: a sent message is not sent again."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboxMessage.Status.PENDING:
            return False
        message.attempts += 1
        try:
            _deliver(message)
        except Exception as error:  # any backend failure: retry later with back-off
            message.last_error = repr(error)[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
            else:
                message.next_attempt_at = timezone.now() + timedelta(minutes=2**message.attempts)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "status", "sent_at"])
        return True


def _deliver(message: OutboxMessage) -> None:
    if message.channel == OutboxMessage.Channel.SMS:
        get_sms_backend().send(phone=message.recipient, text=f"{settings.SMS_SIGNATURE}{message.body}")
    else:
        send_mail(message.subject, message.body, None, [message.recipient])


def outbox_sweep(*, limit: int = 200) -> int:
    """Send the messages whose time has come. Returns how many were sent."""
    due = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)[:limit]
    return sum(message_send(message_id=pk) for pk in list(due))
