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
    """Send one pending message, at most once. Returns whether it went out now.

    Three steps, so that no transaction or row lock is open while the gateway is called: claim
    the row ("sending") and commit, call the gateway, record the outcome. A process that dies
    after the gateway accepted but before the outcome is written leaves the row "sending", and a
    "sending" row is never handed to the gateway again: the sweep marks it failed once
    ``OUTBOX_SENDING_TIMEOUT`` has passed, for a person to check (an SMS twice is worse than an
    SMS that a supervisor sees was possibly not sent).
    """
    message = _claim(message_id)
    if message is None:
        return False
    try:
        receipt = _deliver(message)
    except Exception as error:  # any backend failure: retry later with back-off
        _failure_record(message, error)
        return False
    now = timezone.now()
    _claimed(message).update(status=OutboxMessage.Status.SENT, sent_at=now, sending_since=None, **receipt)
    return True


def _claim(message_id: int) -> OutboxMessage | None:
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboxMessage.Status.PENDING:
            return None
        message.status = OutboxMessage.Status.SENDING
        message.attempts += 1
        message.sending_since = timezone.now()
        message.save(update_fields=["status", "attempts", "sending_since"])
    return message


def _claimed(message: OutboxMessage):
    """The row, only while it is still this attempt's claim (the sweep may have given up on it)."""
    return OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxMessage.Status.SENDING, sending_since=message.sending_since
    )


def _failure_record(message: OutboxMessage, error: Exception) -> None:
    if message.attempts >= MAX_ATTEMPTS:
        status, next_attempt_at = OutboxMessage.Status.FAILED, message.next_attempt_at
    else:
        status = OutboxMessage.Status.PENDING
        next_attempt_at = timezone.now() + timedelta(minutes=2**message.attempts)
    _claimed(message).update(
        status=status, next_attempt_at=next_attempt_at, last_error=repr(error)[:2000], sending_since=None
    )


def _deliver(message: OutboxMessage) -> dict:
    """Hand the message over; returns what the outbox records of the delivery.

    A gateway that keeps receipts gives its id of the message, asked about later
    (``delivery_reports_fetch``); a message to one that keeps none (the log backend) counts as
    delivered once sent. Whether an e-mail arrived is not known.
    """
    if message.channel != OutboxMessage.Channel.SMS:
        send_mail(message.subject, message.body, None, [message.recipient])
        return {}
    backend = get_sms_backend()
    provider_id = backend.send(phone=message.recipient, text=message.body, purpose=message.purpose) or ""
    if getattr(backend, "reports_delivery", False):
        return {"provider_message_id": str(provider_id)[:100]}
    return {"delivery": OutboxMessage.Delivery.DELIVERED, "delivery_reported_at": timezone.now()}


def delivery_reports_fetch(*, limit: int = 200) -> int:
    """Ask the SMS gateway for the receipts of the messages sent in the last
    ``SMS_DELIVERY_REPORT_HOURS`` whose delivery is not known yet; returns how many became known.

    A message without a receipt by then stays "not reported". A failed query is left for the next
    run. Nothing is sent again: a handset that was off is for a person to follow up.
    """
    backend = get_sms_backend()
    if not getattr(backend, "reports_delivery", False):
        return 0
    since = timezone.now() - timedelta(hours=settings.SMS_DELIVERY_REPORT_HOURS)
    waiting = (
        OutboxMessage.objects.filter(
            channel=OutboxMessage.Channel.SMS,
            status=OutboxMessage.Status.SENT,
            delivery=OutboxMessage.Delivery.UNKNOWN,
            sent_at__gte=since,
        )
        .exclude(provider_message_id="")
        .order_by("sent_at")
        .only("recipient", "provider_message_id", "sent_at")[:limit]
    )
    known = 0
    for message in waiting:
        try:
            report = backend.delivery_report(
                phone=message.recipient, provider_id=message.provider_message_id, sent_at=message.sent_at
            )
        except Exception:  # the gateway is down or refused the query: ask again next time
            logger.warning("Delivery report of outbox message %s unavailable", message.pk, exc_info=True)
            continue
        if report is None:
            continue
        OutboxMessage.objects.filter(pk=message.pk, delivery=OutboxMessage.Delivery.UNKNOWN).update(
            delivery=OutboxMessage.Delivery.DELIVERED if report.delivered else OutboxMessage.Delivery.FAILED,
            delivery_error=report.error,
            delivery_reported_at=report.at or timezone.now(),
        )
        known += 1
    return known


def outbox_interrupted_fail() -> int:
    """Mark failed the messages left "sending" by a process that died during or after the gateway
    call: whether they went out is unknown, and they are not sent again."""
    stale = timezone.now() - timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT)
    count = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENDING, sending_since__lt=stale).update(
        status=OutboxMessage.Status.FAILED,
        last_error="Interrupted while sending: delivery unknown, not sent again.",
        sending_since=None,
    )
    if count:
        logger.warning("%d outbox messages interrupted while sending were marked failed", count)
    return count


def outbox_sweep(*, limit: int = 200) -> int:
    """Send the messages whose time has come. Returns how many were sent."""
    outbox_interrupted_fail()
    due = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)[:limit]
    return sum(message_send(message_id=pk) for pk in list(due))
