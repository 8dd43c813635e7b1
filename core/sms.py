"""Pluggable SMS backends, chosen by the ``SMS_BACKEND`` setting (a dotted class path)."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class LogSmsBackend:
    """Writes the message to the log instead of sending it: the default for development."""

    def send(self, *, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


class MemorySmsBackend:
    """Keeps sent messages in ``outbox`` for tests."""

    outbox: list[dict] = []

    def send(self, *, phone: str, text: str) -> None:
        type(self).outbox.append({"phone": phone, "text": text})


def get_sms_backend():
    return import_string(settings.SMS_BACKEND)()
