"""A message is sent at most once, even when the sending process is killed between the gateway
accepting it and the outcome being committed.

Real processes on a file database of their own: the process that sends is killed with SIGKILL
right after the gateway accepted, and later processes retry and sweep.
"""

import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings

QUEUE = """
from core.models import OutboxMessage
print(OutboxMessage.objects.create(channel="sms", recipient="13800138000", body="x").pk)
"""
SEND = "from core.outbox import message_send; print(message_send(message_id={pk}))"
#: After the kill: the status, a retry, a sweep; then a sweep past the timeout, the status, a retry.
AFTER_THE_KILL = """
from django.conf import settings
from core.models import OutboxMessage
from core.outbox import message_send, outbox_sweep
status = lambda: OutboxMessage.objects.get(pk={pk}).status
print(status(), message_send(message_id={pk}), outbox_sweep())
settings.OUTBOX_SENDING_TIMEOUT = 0
print(outbox_sweep(), status(), message_send(message_id={pk}))
"""


@pytest.fixture
def run(tmp_path):
    gateway_log = tmp_path / "gateway.log"
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env = {
        **base,
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "complaints_site.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'outbox.sqlite3'}",
        "CELERY_BROKER_URL": "memory://",
        "GATEWAY_LOG": str(gateway_log),
    }

    def _run(code: str, *, gateway: str = "RecordingBackend", **extra) -> subprocess.CompletedProcess:
        script = f"import django\ndjango.setup()\n{code}"
        return subprocess.run(
            [sys.executable, "-c", script],
            env={**env, "SMS_BACKEND": f"tests.core.dying_gateway.{gateway}", **extra},
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
        )

    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "core"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stderr
    _run.gateway_calls = lambda: gateway_log.read_text().splitlines() if gateway_log.exists() else []
    return _run


def _out(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_killed_between_gateway_and_commit_never_sends_twice(run):
    pk = int(_out(run(QUEUE)))
    killed = run(SEND.format(pk=pk), gateway="DieAfterSendBackend")
    assert killed.returncode == -signal.SIGKILL
    assert len(run.gateway_calls()) == 1
    after = run(AFTER_THE_KILL.format(pk=pk))
    assert after.returncode == 0, after.stderr
    assert after.stdout.strip().splitlines()[-2:] == ["sending False 0", "0 failed False"]
    assert len(run.gateway_calls()) == 1


def test_a_process_that_lives_records_the_message_sent(run):
    pk = int(_out(run(QUEUE)))
    status = f"from core.models import OutboxMessage\nprint(OutboxMessage.objects.get(pk={pk}).status)"
    code = SEND.format(pk=pk) + "\n" + status
    assert _out(run(code)) == "sent"
    assert len(run.gateway_calls()) == 1
