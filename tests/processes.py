"""Start real Celery worker / beat processes for a test, pointed at the test database.

Only meaningful on PostgreSQL (the test database is a real database other processes can open)
with a real broker: tests using this carry the ``services`` marker and run in CI's second pass.
"""

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import connection


def _environment() -> dict:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "DEBUG": "true", "CELERY_BROKER_URL": settings.CELERY_BROKER_URL}


@contextlib.contextmanager
def celery_processes(*kinds: str, beat_interval: int = 1) -> Iterator[None]:
    assert connection.vendor == "postgresql", "real Celery processes need the PostgreSQL test database"
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "real Celery processes need Redis as the broker"
    base = [sys.executable, "-m", "celery", "-A", "complaints_site"]
    commands = {
        "worker": [*base, "worker", "--pool=solo", "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        "beat": [*base, "beat", "--loglevel=WARNING", "--max-interval", str(beat_interval)],
    }
    env = _environment()
    processes = [subprocess.Popen(commands[kind], cwd=settings.BASE_DIR, env=env) for kind in kinds]
    try:
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_until(condition: Callable[[], bool], *, timeout: float = 30.0, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()
