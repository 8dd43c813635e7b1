"""Submitting a complaint from outside (public form, API): registration plus evidence, exactly once."""

import re
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import Channel
from ..models import Complaint
from ..uploads import CheckedUpload, attachments_discard, attachments_store
from .registration import complaint_register


class ReplyWithin(models.TextChoices):
    """How soon the complainant wants an answer; a choice is kinder on a phone than a date picker."""

    ANY = "", _("No preference")
    DAY = "1d", _("Within 24 hours")
    THREE_DAYS = "3d", _("Within 3 days")
    WEEK = "7d", _("Within a week")


_REPLY_DELTAS = {
    ReplyWithin.DAY: timedelta(days=1),
    ReplyWithin.THREE_DAYS: timedelta(days=3),
    ReplyWithin.WEEK: timedelta(days=7),
}


_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def idempotency_key_new() -> str:
    return secrets.token_urlsafe(24)


def idempotency_key_valid(key: str | None) -> bool:
    return bool(key and _IDEMPOTENCY_KEY.match(key))


def complaint_by_idempotency_key(key: str | None) -> Complaint | None:
    # A key we never issued cannot find a complaint (and a malformed one never reaches the database).
    if not idempotency_key_valid(key):
        return None
    return Complaint.objects.filter(idempotency_key=key).first()


def complaint_submit(
    *,
    idempotency_key: str | None,
    uploads: list[CheckedUpload],
    reply_within: str = "",
    channel: str = Channel.WEB_FORM,
    **fields,
) -> tuple[Complaint, bool]:
    """Register a complaint with its files; returns ``(complaint, created)``.

    A phone that retries a timed-out POST sends the same idempotency key: it gets the complaint
    saved the first time, not a second one.
    """
    existing = complaint_by_idempotency_key(idempotency_key)
    if existing is not None:
        return existing, False
    now = timezone.now()
    try:
        complaint = complaint_register_with_files(
            uploads=uploads,
            actor=None,
            channel=channel,
            received_at=now,
            idempotency_key=idempotency_key or None,
            privacy_consent_at=now,
            reply_wanted_by=now + _REPLY_DELTAS[reply_within] if reply_within in _REPLY_DELTAS else None,
            **fields,
        )
    except (IntegrityError, ValidationError):
        # Two retries raced and the other one committed first; anything else is a real error.
        existing = complaint_by_idempotency_key(idempotency_key)
        if existing is None:
            raise
        return existing, False
    return complaint, True


def complaint_register_with_files(*, uploads: list[CheckedUpload], **registration) -> Complaint:
    """``complaint_register`` and the checked files in one transaction (the public form, the API, an agent).

    Files are written inside the complaint's transaction and deleted again if it rolls back, so a
    failure leaves neither rows nor orphan files.
    """
    stored = []
    try:
        with transaction.atomic():
            complaint = complaint_register(**registration)
            stored = attachments_store(complaint=complaint, uploads=uploads)
    except Exception:
        attachments_discard(stored)
        raise
    return complaint
