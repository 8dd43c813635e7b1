"""The outbox sends each message once, retries a failed one with growing pauses, gives up after
eight attempts, and the sweep sends only what is pending and due."""

import logging
from datetime import datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import timezone

from core.models import OutboxMessage
from core.outbox import MAX_ATTEMPTS, _enqueue, message_queue, message_send, outbox_sweep
from core.sms import MemorySmsBackend
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 11, 25, 10, 0))


def _email(subject="Subject", **fields) -> OutboxMessage:
    return message_queue(channel="email", recipient="a@example.com", subject=subject, body="Body", **fields)


def _failing_send(message: OutboxMessage, error: Exception | None = None) -> bool:
    with mock.patch("core.outbox.send_mail", side_effect=error or OSError("smtp down")):
        return message_send(message_id=message.pk)


def test_a_queued_message_keeps_what_it_was_given():
    complaint = ComplaintFactory()

    message = message_queue(
        channel="sms", recipient="13800000000", body="您的投诉已受理", complaint=complaint, purpose="accepted"
    )

    message.refresh_from_db()
    assert (message.channel, message.recipient, message.body, message.complaint, message.purpose) == (
        "sms",
        "13800000000",
        "您的投诉已受理",
        complaint,
        "accepted",
    )
    assert (message.subject, message.status, message.attempts) == ("", OutboxMessage.Status.PENDING, 0)


def test_a_subject_is_one_line_of_single_spaces_and_at_most_200_characters():
    assert _email(subject="  Your\tcomplaint \r\n  TS1  ").subject == "Your complaint TS1"
    assert _email(subject="投" * 250).subject == "投" * 200


def test_a_message_without_a_purpose_or_complaint_is_still_queued():
    message = _email()
    assert (message.purpose, message.complaint) == ("", None)


def test_a_broker_outage_is_logged_and_swallowed(caplog):
    message = _email()
    with mock.patch("core.tasks.send_outbox_message.delay", side_effect=ConnectionError("down")) as delay:
        with caplog.at_level(logging.WARNING, logger="core.outbox"):
            _enqueue(message.pk)
    delay.assert_called_once_with(message.pk)
    assert [record.getMessage() for record in caplog.records] == [
        f"Broker unavailable; outbox message {message.pk} left for the sweep"
    ]


def test_a_failing_enqueue_never_undoes_or_fails_the_committed_change(django_capture_on_commit_callbacks):
    with mock.patch("core.outbox._enqueue", side_effect=RuntimeError("worker registry broken")):
        with django_capture_on_commit_callbacks(execute=True):
            message = _email()

    assert OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.PENDING


def test_an_sms_carries_the_signature_and_goes_to_the_recipient():
    message = message_queue(channel="sms", recipient="13800000000", body="您的投诉已受理")

    assert message_send(message_id=message.pk) is True

    assert MemorySmsBackend.outbox[-1]["phone"] == "13800000000"
    assert MemorySmsBackend.outbox[-1]["text"] == f"{settings.SMS_SIGNATURE}您的投诉已受理"
    assert not mail.outbox


def test_an_email_goes_out_with_its_subject_body_and_the_sites_sender():
    message = _email()

    assert message_send(message_id=message.pk) is True

    (sent,) = mail.outbox
    assert (sent.subject, sent.body, sent.to, sent.from_email) == (
        "Subject",
        "Body",
        ["a@example.com"],
        settings.DEFAULT_FROM_EMAIL,
    )
    assert not MemorySmsBackend.outbox


@time_machine.travel(NOW, tick=False)
def test_a_sent_message_records_when_and_is_never_sent_again():
    message = _email()

    assert message_send(message_id=message.pk) is True
    assert message_send(message_id=message.pk) is False

    message.refresh_from_db()
    assert (message.status, message.sent_at, message.attempts) == (OutboxMessage.Status.SENT, NOW, 1)
    assert len(mail.outbox) == 1


def test_an_unknown_message_is_not_sent():
    assert message_send(message_id=987654) is False


def test_a_message_that_gave_up_is_not_sent_again():
    message = _email()
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.FAILED)

    assert message_send(message_id=message.pk) is False
    assert not mail.outbox


@time_machine.travel(NOW, tick=False)
def test_each_failure_waits_twice_as_long_before_the_next_attempt():
    message = _email()

    for attempt in (1, 2, 3):
        assert _failing_send(message) is False
        message.refresh_from_db()
        assert message.attempts == attempt
        assert message.next_attempt_at == NOW + timedelta(minutes=2**attempt)
        assert message.status == OutboxMessage.Status.PENDING


def test_a_failure_keeps_the_error_cut_to_2000_characters():
    message = _email()

    _failing_send(message, error=OSError("x" * 3000))

    message.refresh_from_db()
    assert message.last_error == repr(OSError("x" * 3000))[:2000]
    assert len(message.last_error) == 2000


def test_the_eighth_failure_gives_up():
    message = _email()
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=MAX_ATTEMPTS - 2)

    _failing_send(message)
    message.refresh_from_db()
    assert (message.attempts, message.status) == (MAX_ATTEMPTS - 1, OutboxMessage.Status.PENDING)

    _failing_send(message)
    message.refresh_from_db()
    assert (message.attempts, message.status) == (MAX_ATTEMPTS, OutboxMessage.Status.FAILED)
    assert MAX_ATTEMPTS == 8


def test_the_sweep_sends_pending_messages_that_are_due_now_and_counts_them():
    with time_machine.travel(NOW, tick=False):
        due_now = _email()
        later = _email()
        OutboxMessage.objects.filter(pk=later.pk).update(next_attempt_at=NOW + timedelta(seconds=1))
        sent = _email()
        OutboxMessage.objects.filter(pk=sent.pk).update(status=OutboxMessage.Status.SENT)
        failed = _email()
        OutboxMessage.objects.filter(pk=failed.pk).update(status=OutboxMessage.Status.FAILED)

        assert outbox_sweep() == 1

    assert OutboxMessage.objects.get(pk=due_now.pk).status == OutboxMessage.Status.SENT
    assert OutboxMessage.objects.get(pk=later.pk).status == OutboxMessage.Status.PENDING
    assert len(mail.outbox) == 1


def test_the_sweep_sends_at_most_its_limit_and_counts_only_successes():
    for _ in range(3):
        _email()

    assert outbox_sweep(limit=2) == 2
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == 1
    with mock.patch("core.outbox.send_mail", side_effect=OSError("smtp down")):
        assert outbox_sweep() == 0


def test_messages_that_gave_up_or_were_sent_do_not_use_up_the_sweeps_limit():
    with time_machine.travel(NOW - timedelta(minutes=2), tick=False):
        pending = _email()
    with time_machine.travel(NOW - timedelta(minutes=1), tick=False):  # newer: listed first
        for status in (OutboxMessage.Status.FAILED, OutboxMessage.Status.SENT):
            OutboxMessage.objects.filter(pk=_email().pk).update(status=status)

    with time_machine.travel(NOW, tick=False):
        assert outbox_sweep(limit=1) == 1
    assert OutboxMessage.objects.get(pk=pending.pk).status == OutboxMessage.Status.SENT


def test_the_sweep_sends_up_to_200_by_default():
    OutboxMessage.objects.bulk_create(
        OutboxMessage(channel="email", recipient="a@example.com", subject="s", body="b") for _ in range(201)
    )

    assert outbox_sweep() == 200
