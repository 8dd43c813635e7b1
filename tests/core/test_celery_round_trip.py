"""A real worker process takes a message from Redis and sends it: no eager mode."""

import pytest

from core.models import OutboxMessage
from core.outbox import message_queue
from tests.processes import celery_processes, wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_a_queued_message_is_sent_by_a_real_worker(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with celery_processes("worker"):
        message = message_queue(channel="email", recipient="someone@example.com", subject="hello", body="round trip")

        def sent() -> bool:
            message.refresh_from_db()
            return message.status == OutboxMessage.Status.SENT

        assert wait_until(sent, timeout=60), message.last_error
    assert message.attempts == 1
