"""Outgoing webhooks: every state change of a complaint, POSTed to each integration that has a
webhook URL and may read that complaint (scope ``complaints:read``, and its account's scope).

The body is JSON (no personal data: ids, tracking number, transition, states, time). Headers:

- ``X-Desk-Event``: ``complaint.transition``;
- ``X-Desk-Delivery``: the delivery's id — the same on every retry of one delivery;
- ``X-Desk-Timestamp``: seconds since the epoch when this attempt was signed;
- ``X-Desk-Signature``: ``sha256=`` + hex HMAC-SHA256, keyed with the integration's webhook secret,
  of ``<timestamp>.`` followed by the raw body.

A receiver recomputes the signature over the raw body, compares it in constant time, refuses a
timestamp more than five minutes away from its clock (a replayed request), and ignores a delivery
id it has already processed (a retry after a lost answer). A delivery is written in the
transaction of the change, sent after commit, and retried by the sweep with growing pauses (1, 2,
4, … minutes) until a 2xx answer or ``MAX_ATTEMPTS``; the log is in admin.
"""

import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.db import transaction
from django.utils import timezone

from .models import Integration, WebhookDelivery

logger = logging.getLogger(__name__)

EVENT_TRANSITION = "complaint.transition"
MAX_ATTEMPTS = 8
TIMEOUT_SECONDS = 10


def webhook_signature(*, secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def complaint_transitioned(sender, instance, name, source, target, **kwargs) -> None:
    """``post_transition`` of a complaint: one delivery per integration that may read it."""
    from intake.access import complaint_visible

    integrations = Integration.objects.filter(revoked_at__isnull=True).exclude(webhook_url="").select_related("user")
    payload = {
        "event": EVENT_TRANSITION,
        "complaint": {"id": instance.pk, "tracking_number": instance.tracking_number},
        "transition": name,
        "from": source,
        "to": target,
        "at": timezone.now().isoformat(),
    }
    for integration in integrations:
        if "complaints:read" not in integration.scopes or not complaint_visible(integration.user, instance.pk):
            continue
        delivery = WebhookDelivery.objects.create(
            integration=integration, complaint_id=instance.pk, event=EVENT_TRANSITION, payload=payload
        )
        transaction.on_commit(lambda pk=delivery.pk: _enqueue(pk), robust=True)


def _enqueue(delivery_id: int) -> None:
    from .tasks import deliver_webhook

    try:
        deliver_webhook.delay(delivery_id)
    except Exception:  # the broker is down: the sweep will send it
        logger.warning("Broker unavailable; webhook delivery %s left for the sweep", delivery_id)


def _claim(delivery_id: int) -> WebhookDelivery | None:
    """Count the attempt and set the next one before calling out, so a process that dies during
    the call leaves the delivery to the sweep's next round."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("integration")
            .filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=timezone.now())
            .first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        delivery.next_attempt_at = timezone.now() + timedelta(minutes=2 ** (delivery.attempts - 1))
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    return delivery


def webhook_deliver(*, delivery_id: int) -> bool:
    """One attempt of one delivery; True when the receiver answered 2xx."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return False
    body = json.dumps({**delivery.payload, "delivery": delivery.pk}, ensure_ascii=False, sort_keys=True).encode()
    timestamp = int(time.time())
    signature = webhook_signature(secret=delivery.integration.webhook_secret, timestamp=timestamp, body=body)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "complaint-desk-webhook",
        "X-Desk-Event": delivery.event,
        "X-Desk-Delivery": str(delivery.pk),
        "X-Desk-Timestamp": str(timestamp),
        "X-Desk-Signature": f"sha256={signature}",
    }
    code, error = None, ""
    request = Request(delivery.integration.webhook_url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        if request.type not in ("https", "http"):
            raise ValueError(f"not an http(s) URL: {request.type}")
        with urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310 - the scheme is checked above
            code = answer.status
    except HTTPError as failure:
        code, error = failure.code, str(failure)
    except (URLError, OSError, ValueError) as failure:
        error = str(failure)
    delivered = code is not None and 200 <= code < 300
    delivery.last_status_code, delivery.last_error = code, error[:500]
    if delivered:
        delivery.status, delivery.delivered_at = WebhookDelivery.Status.DELIVERED, timezone.now()
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
    delivery.save(update_fields=["last_status_code", "last_error", "status", "delivered_at"])
    return delivered


def webhooks_sweep(*, limit: int = 200) -> int:
    """Send every delivery whose next attempt is due; returns how many were delivered."""
    due = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=timezone.now())
    return sum(
        webhook_deliver(delivery_id=pk) for pk in due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    )
