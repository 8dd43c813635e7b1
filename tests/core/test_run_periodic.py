"""Without Celery beat, cron runs the same periodic jobs through ``manage.py run_periodic``."""

import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction

from complaints_site.celery import app
from core.models import OutboxMessage
from core.outbox import message_queue


def test_without_names_the_jobs_and_their_schedules_are_listed():
    out = io.StringIO()
    call_command("run_periodic", stdout=out)
    assert "outbox-sweep" in out.getvalue()
    assert "core.tasks.outbox_sweep" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_outbox_sweep_sends_a_message_the_broker_never_got(monkeypatch):
    monkeypatch.setattr("core.outbox._enqueue", lambda message_id: None)  # the broker was down
    with transaction.atomic():
        message = message_queue(channel="sms", recipient="13800138000", body="受理通知")
    call_command("run_periodic", "outbox-sweep", stdout=io.StringIO())
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT


def test_an_unknown_job_is_refused_with_the_known_names():
    with pytest.raises(CommandError, match="outbox-sweep"):
        call_command("run_periodic", "no-such-job")


def test_every_scheduled_job_names_a_registered_task():
    app.loader.import_default_modules()
    missing = {name: e["task"] for name, e in settings.CELERY_BEAT_SCHEDULE.items() if e["task"] not in app.tasks}
    assert missing == {}
