"""Pluggable SMS backends, chosen by the ``SMS_BACKEND`` setting (a dotted class path).

A backend's ``send`` raises on any failure; the outbox then retries the message with back-off.
It returns the provider's id of the message, or None. A backend whose provider keeps delivery
receipts sets ``reports_delivery`` and answers ``delivery_report``; for the others a message is
taken as delivered once sent.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsDeliveryError(Exception):
    """The gateway did not accept the message (refused, timed out or answered nonsense)."""


def signed(text: str) -> str:
    """The text as a handset shows it: the registered signature first."""
    return f"{settings.SMS_SIGNATURE}{text}"


@dataclass(frozen=True)
class DeliveryReport:
    delivered: bool
    #: The provider's error code when not delivered (e.g. ``MOBILE_NOT_ON_SERVICE``).
    error: str
    at: datetime | None


class LogSmsBackend:
    """Writes the message to the log instead of sending it: the default for development."""

    reports_delivery = False

    def send(self, *, phone: str, text: str, purpose: str = "") -> None:
        logger.info("SMS to %s: %s", phone, signed(text))


class MemorySmsBackend:
    """Keeps sent messages in ``outbox`` for tests."""

    reports_delivery = False
    outbox: list[dict] = []

    def send(self, *, phone: str, text: str, purpose: str = "") -> None:
        type(self).outbox.append({"phone": phone, "text": signed(text), "purpose": purpose})


def get_sms_backend():
    return import_string(settings.SMS_BACKEND)()
