"""Messages are written with the change that caused them and survive a broker outage."""

from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from core.models import OutboxMessage
from core.outbox import message_queue, message_send, outbox_sweep
from core.sms import MemorySmsBackend


def test_rolled_back_change_sends_nothing(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        message_queue(channel="sms", recipient="13800000000", body="hi")
        raise RuntimeError
    assert not OutboxMessage.objects.exists()


def test_message_is_enqueued_after_commit(db, django_capture_on_commit_callbacks):
    with mock.patch("core.tasks.send_outbox_message.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            message = message_queue(channel="sms", recipient="13800000000", body="hi")
    delay.assert_called_once_with(message.pk)


def test_broker_down_keeps_the_message_for_the_sweep(db, django_capture_on_commit_callbacks):
    with mock.patch("core.tasks.send_outbox_message.delay", side_effect=ConnectionError("redis down")):
        with django_capture_on_commit_callbacks(execute=True):
            message = message_queue(channel="sms", recipient="13800000000", body="您的投诉已受理")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert outbox_sweep() == 1
    assert MemorySmsBackend.outbox[0]["text"].endswith("您的投诉已受理")


def test_sending_twice_sends_once(db):
    message = message_queue(channel="email", recipient="a@example.com", subject="s", body="b")
    assert message_send(message_id=message.pk) is True
    assert message_send(message_id=message.pk) is False
    assert len(mail.outbox) == 1


def test_failed_delivery_is_retried_later_with_back_off(db):
    message = message_queue(channel="email", recipient="a@example.com", subject="s", body="b")
    with mock.patch("core.outbox.send_mail", side_effect=OSError("smtp down")):
        assert message_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert "smtp down" in message.last_error
    assert outbox_sweep() == 0  # not yet due


def test_subject_cannot_inject_mail_headers(db):
    message = message_queue(channel="email", recipient="a@example.com", subject="hi\r\nBcc: x@evil.test", body="b")
    assert "\n" not in message.subject and "\r" not in message.subject


def test_gateway_is_called_with_no_transaction_open_and_the_row_marked_sending(transactional_db):
    seen = {}

    def gateway(subject, body, sender, recipients):
        seen["in_transaction"] = transaction.get_connection().in_atomic_block
        seen["status"] = OutboxMessage.objects.get(recipient=recipients[0]).status

    message = message_queue(channel="email", recipient="a@example.com", subject="s", body="b")
    with mock.patch("core.outbox.send_mail", side_effect=gateway):
        assert message_send(message_id=message.pk) is True
    assert seen == {"in_transaction": False, "status": OutboxMessage.Status.SENDING}
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT and message.sending_since is None


def test_a_message_left_sending_is_neither_sent_again_nor_failed_before_the_timeout(db):
    message = message_queue(channel="email", recipient="a@example.com", subject="s", body="b")
    claimed = {"status": OutboxMessage.Status.SENDING, "sending_since": timezone.now()}
    OutboxMessage.objects.filter(pk=message.pk).update(**claimed)
    assert message_send(message_id=message.pk) is False
    assert outbox_sweep() == 0
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENDING
    assert mail.outbox == []
