"""The deadline sweep with 1,000,000 open deadlines of which 1,000 are due: one sweep under 1 s.

Runs against its own PostgreSQL database (``BENCH_DEADLINES_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/bench_deadlines``), never the development or test database.
Rows are generated in SQL with ``generate_series``; the timed part is ``deadlines_sweep()`` itself,
including the outbox messages it queues for the missed deadlines.
"""

import os
import platform
import statistics
import subprocess
import sys
import time

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_deadlines"
OPEN_DEADLINES = int(os.environ.get("BENCH_DEADLINES_OPEN", "1000000"))
DUE = int(os.environ.get("BENCH_DEADLINES_DUE", "1000"))
STEPS = ["register", "assign", "first_contact", "response"]
ROUNDS = 3


def run() -> None:
    """Start a fresh interpreter pointed at the benchmark database (Django's settings are per process)."""
    url = os.environ.get("BENCH_DEADLINES_DATABASE_URL", DEFAULT_URL)
    _create_database(url)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true", "CELERY_BROKER_URL": "memory://"}
    subprocess.run([sys.executable, "-m", "bench.deadlines"], env=env, check=True)


def _create_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    base, name = url.rsplit("/", 1)
    connection = psycopg2.connect(f"{base}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def _main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "complaints_site.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print("deadlines sweep benchmark")
    started = time.perf_counter()
    generated = _generate()
    print(f"  data: {'generated in %.0f s' % (time.perf_counter() - started) if generated else 'reused'}")
    timings, done = [], None
    for _ in range(ROUNDS):
        _make_due()
        timings.append(_timed_sweep())
        done = done or _last_done
    _report(timings, done)


_last_done = None


def _generate() -> bool:
    """Complaints with four open deadlines each; ``DUE`` of the deadlines will be due at sweep time."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from deadlines.models import Deadline, SlaPolicy
    from tests.factories import ComplaintFactory

    if Deadline.objects.count() >= OPEN_DEADLINES:
        return False
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE intake_complaint CASCADE")  # the benchmark database holds nothing else
    agent, _ = get_user_model().objects.get_or_create(username="bench-agent", defaults={"email": "agent@example.com"})
    template = ComplaintFactory(assigned_to=agent)
    policy = SlaPolicy.objects.get(step="register", active=True)
    complaints = OPEN_DEADLINES // len(STEPS)
    columns = [f.column for f in template._meta.concrete_fields if f.column != "id"]
    unique = {"tracking_number": "'B' || lpad(n::text, 12, '0')", "idempotency_key": "NULL", "archive_number": "NULL"}
    select = ", ".join(unique.get(c, f't."{c}"') for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO intake_complaint ({', '.join(chr(34) + c + chr(34) for c in columns)}) "  # noqa: S608
            f"SELECT {select} FROM intake_complaint t, generate_series(1, %s) AS n WHERE t.id = %s",
            [complaints, template.pk],
        )
        # Open deadlines far from due: next check spread over the coming 30 days.
        cursor.execute(
            """
            INSERT INTO deadlines_deadline (complaint_id, step, policy_id, policy_version, clock, responsible_id,
                started_at, due_at, red_at, escalation_level, escalation_interval, next_check_at, paused_total)
            SELECT c.id, s.step, %(policy)s, 1, 'clock_hours', %(agent)s,
                now(), now() + interval '1 day' + (c.id %% 43200) * interval '1 minute',
                now() + interval '20 hours' + (c.id %% 43200) * interval '1 minute',
                0, interval '1 hour', now() + interval '20 hours' + (c.id %% 43200) * interval '1 minute',
                interval '0'
            FROM intake_complaint c CROSS JOIN unnest(%(steps)s::text[]) AS s(step)
            WHERE c.id <> %(template)s
            """,
            {"policy": policy.pk, "agent": agent.pk, "steps": STEPS, "template": template.pk},
        )
        cursor.execute("DELETE FROM deadlines_deadline WHERE complaint_id = %s", [template.pk])
        cursor.execute("VACUUM ANALYZE deadlines_deadline")
        cursor.execute("VACUUM ANALYZE intake_complaint")
    return True


def _make_due() -> None:
    """Reset ``DUE`` rows to "missed one minute ago, never swept" and forget earlier notices."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM deadlines_deadlinenotice")
        cursor.execute("DELETE FROM core_outboxmessage")
        cursor.execute(
            """
            UPDATE deadlines_deadline SET due_at = now() - interval '1 minute', red_at = now() - interval '13 minutes',
                warned_at = NULL, breached_at = NULL, escalation_level = 0, next_escalation_at = NULL,
                next_check_at = now() - interval '13 minutes'
            WHERE id IN (SELECT id FROM deadlines_deadline ORDER BY id LIMIT %s)
            """,
            [DUE],
        )
        cursor.execute("ANALYZE deadlines_deadline")


def _timed_sweep() -> float:
    global _last_done
    from deadlines.services import deadlines_sweep

    started = time.perf_counter()
    _last_done = deadlines_sweep()
    return time.perf_counter() - started


def _report(timings: list[float], done) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), pg_size_pretty(pg_database_size(current_database()))")
        version, size = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM deadlines_deadline WHERE met_at IS NULL AND stopped_at IS NULL")
        open_rows = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM intake_complaint")
        complaints = cursor.fetchone()[0]
        cursor.execute(
            "EXPLAIN SELECT id FROM deadlines_deadline WHERE next_check_at <= now() "
            "ORDER BY next_check_at LIMIT 1000 FOR UPDATE SKIP LOCKED"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"  machine: {os.cpu_count()} CPUs, {memory:.1f} GiB RAM, {platform.platform()}")
    print(f"  database: {version.split(',')[0]}, size {size}")
    print(f"  data: {complaints} complaints, {open_rows} open deadlines, {DUE} due per sweep")
    print(f"  sweep did: {dict(done)}")
    rounds = ", ".join(f"{t:.3f}" for t in timings)
    print(f"  sweep seconds per round: {rounds} (median {statistics.median(timings):.3f})")
    print("  plan of the due-rows query:\n    " + plan.replace("\n", "\n    "))
    verdict = "OK" if max(timings) < 1.0 else "TOO SLOW"
    print(f"  target: < 1 s per sweep -> {verdict}")


if __name__ == "__main__":
    _main()
