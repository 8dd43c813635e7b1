"""`make run`'s start log says nothing alarming that is not a real problem, and the worker banner tells the truth.

Starts the real ``rundesk`` (web, worker, beat over the filesystem broker) on its own SQLite database
and broker folder, waits until the worker is ready, stops it and reads everything the three printed.
"""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

pytestmark = pytest.mark.services

#: The one warning that is true of `make run`: it is Django's development server.
EXPECTED = ("WARNING: This is a development server.",)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_make_run_starts_without_a_false_warning(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"}},
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_FILESYSTEM_DIR": str(tmp_path / "broker"),
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=settings.BASE_DIR, env=env, check=True)
    log = tmp_path / "start.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*manage, "rundesk", "--addr", f"127.0.0.1:{_free_port()}"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and "ready." not in log.read_text():
                time.sleep(0.5)
            time.sleep(3)  # let beat print its start lines too
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    text = log.read_text()

    assert "ready." in text
    assert "No hostname was supplied" not in text
    assert "concurrency: 1 (solo)" in text
    unexpected = [line for line in text.splitlines() if "WARNING" in line and not any(ok in line for ok in EXPECTED)]
    assert unexpected == []
