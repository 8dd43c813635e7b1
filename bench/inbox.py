"""The agent inbox at 100,000 complaints: first page, a filter, searches (by words: ranked and
indexed on PostgreSQL), worklists (every page carries the menu's worklist counters).

Runs against its own database (``BENCH_INBOX_DATABASE_URL``: default the SQLite file
``var/bench-inbox.sqlite3``, or an existing, empty PostgreSQL database), never the development
database. The complaints come from ``seed_complaints`` (created once, reused by later runs); the
timed part is the whole page: the request through Django's test client, logged in as an agent,
including the SQL and the template.
"""

import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMPLAINTS = int(os.environ.get("BENCH_INBOX_COMPLAINTS", "100000"))
ROUNDS = 7
DEFAULT_URL = f"sqlite:///{Path(__file__).resolve().parent.parent / 'var' / 'bench-inbox.sqlite3'}"


def run() -> None:
    """Start a fresh interpreter pointed at the benchmark database (Django's settings are per process)."""
    url = os.environ.get("BENCH_INBOX_DATABASE_URL", DEFAULT_URL)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true", "CELERY_BROKER_URL": "memory://"}
    subprocess.run([sys.executable, "-m", "bench.inbox"], env=env, check=True)


def _main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "complaints_site.settings")
    django.setup()
    from django.core.management import call_command

    from intake.models import Complaint

    call_command("migrate", verbosity=0)
    agent = _agent()
    missing = COMPLAINTS - Complaint.objects.count()
    if missing > 0:
        started = time.perf_counter()
        call_command("seed_complaints", count=missing, seed=2026, verbosity=0)
        print(f"seed_complaints --count {missing}: {time.perf_counter() - started:.1f} s")
    sample = Complaint.objects.order_by("pk").values("phone", "tracking_number").first()
    pages = {
        "first page (open, urgent first)": {},
        "filter: category + severity": {"category": "fee_dispute", "severity": "important"},
        "filter: all states, newest first": {"state": "all", "sort": "-received"},
        "search: a word in the description": {"q": "退款"},
        "search: a word, all states": {"q": "退款", "state": "all"},
        "search: a name and a word": {"q": "王女士 退款", "state": "all"},
        "search: a word found nowhere": {"q": "火星", "state": "all"},
        "search: a word, newest first": {"q": "押金", "state": "all", "sort": "-received"},
        "search: phone": {"q": sample["phone"]},
        "search: tracking number": {"q": sample["tracking_number"]},
        "worklist: my complaints": {"worklist": "mine"},
        "worklist: unassigned": {"worklist": "unassigned"},
        "worklist: overdue": {"worklist": "overdue"},
        "worklist: new information": {"worklist": "new_information"},
    }
    print(f"inbox benchmark: {Complaint.objects.count()} complaints, {platform.processor() or platform.machine()}")
    client = _client(agent)
    for label, params in pages.items():
        timings = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            response = client.get("/desk/", params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        print(f"  {label:<38} median {statistics.median(timings):7.1f} ms   max {max(timings):7.1f} ms")


def _agent():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core import roles

    agent, created = get_user_model().objects.get_or_create(username="bench-agent")
    if created:
        agent.groups.add(Group.objects.get(name=roles.AGENT))
    return agent


def _client(agent):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(agent)
    return client


if __name__ == "__main__":
    _main()
