"""The monthly report with 1,000,000 complaints over 24 months: a closed month's page under 300 ms
(served from its snapshot), the live month under 2 s.

Runs against its own PostgreSQL database (``BENCH_REPORTS_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/bench_reports``), never the development or test database.
Rows are cloned in SQL with ``generate_series`` from one row of each kind made by the test
factories, so columns added later keep their defaults. The timed part is the whole page request
through Django's test client, logged in as a manager.
"""

import os
import platform
import statistics
import subprocess
import sys
import time

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_reports"
COMPLAINTS = int(os.environ.get("BENCH_REPORTS_COMPLAINTS", "1000000"))
ORDERS = COMPLAINTS // 2
SECONDS_IN_24_MONTHS = 730 * 86400
ROUNDS = 5


def run() -> None:
    """Start a fresh interpreter pointed at the benchmark database (Django's settings are per process)."""
    from bench.deadlines import _create_database

    url = os.environ.get("BENCH_REPORTS_DATABASE_URL", DEFAULT_URL)
    _create_database(url)
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true", "CELERY_BROKER_URL": "memory://"}
    subprocess.run([sys.executable, "-m", "bench.reports"], env=env, check=True)


def _main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "complaints_site.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _generate()
    generated = time.perf_counter() - started
    _report(generated, _measure())


def _clone(cursor, model, template_pk: int, overrides: dict[str, str], source: str, params: dict) -> None:
    """INSERT one row per row of ``source``: the template's values, with ``overrides`` (SQL) per column."""
    table = model._meta.db_table
    columns = [field.column for field in model._meta.concrete_fields if field.column != "id"]
    select = ", ".join(overrides.get(column, f't."{column}"') for column in columns)
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in columns)}) "  # noqa: S608 (no input)
        f"SELECT {select} FROM {table} t, {source} AND t.id = %(template)s",
        {**params, "template": template_pk},
    )


def _generate() -> None:
    from django.db import connection

    from intake.models import Complaint

    if Complaint.objects.count() >= COMPLAINTS:
        return
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE intake_complaint, penalties_serviceorder, penalties_worker, penalties_team CASCADE")
        cursor.execute("TRUNCATE reporting_monthlysnapshot")
    templates = _templates()
    with connection.cursor() as cursor:
        for step in _steps(templates):
            step(cursor)
        for table in ("intake_complaint", "deadlines_deadline", "resolutions_followup", "penalties_serviceorder"):
            cursor.execute(f"VACUUM ANALYZE {table}")


def _templates() -> dict:
    """One row of each kind, made by the factories; the SQL below clones them."""
    from django.contrib.auth.models import Group

    from core import roles
    from deadlines.models import Deadline
    from tests.factories import ComplaintFactory, UserFactory
    from tests.penalties.factories import PenaltyFactory, ServiceOrderFactory, WorkerFactory
    from tests.reporting.factories import CompensationFactory, FollowUpFactory

    manager = UserFactory(username="bench-manager")
    manager.groups.add(Group.objects.get(name=roles.MANAGER))
    agents = [UserFactory(username=f"bench-agent-{n}").pk for n in range(20)]
    complaint = ComplaintFactory(assigned_to_id=agents[0])
    workers = [WorkerFactory() for _ in range(10)]
    order = ServiceOrderFactory(worker=workers[0])
    follow_up = FollowUpFactory(complaint=complaint, answered_at=complaint.received_at, score=5)
    return {
        "agents": agents,
        "complaint": complaint,
        "deadline": Deadline.objects.filter(complaint=complaint).first(),
        "order": order,
        "workers": [worker.pk for worker in workers],
        "teams": [worker.team_id for worker in workers],
        "follow_up": follow_up,
        "compensation": CompensationFactory(complaint=complaint, amount="10.00", paid_at=complaint.received_at),
        "penalty": PenaltyFactory(worker=order.worker),
    }


def _steps(t: dict) -> list:
    from deadlines.models import Deadline
    from intake.models import Complaint
    from penalties.models import Penalty, ServiceOrder
    from resolutions.models import Compensation, FollowUp, ResultNotice

    def complaints(cursor):
        """Received evenly over 24 months; 90 % closed 1–300 h later; 3 % repeats."""
        received = f"now() - ((n::bigint * 104729) %% {SECONDS_IN_24_MONTHS}) * interval '1 second'"
        closed = "CASE WHEN n %% 10 <> 0 THEN LEAST(now(), g.r + ((n * 31) %% 300 + 1) * interval '1 hour') END"
        pick = "(%(values)s::text[])[1 + (n * {m}) %% cardinality(%(values)s::text[])]"
        overrides = {
            "tracking_number": "'B' || lpad(n::text, 12, '0')",
            "idempotency_key": "NULL",
            "archive_number": "NULL",
            "received_at": "g.r",
            "closed_at": closed,
            "state": "CASE WHEN n %% 10 <> 0 THEN 'closed' ELSE 'accepted' END",
            "category": pick.replace("%(values)s", "%(categories)s").format(m=7),
            "channel": pick.replace("%(values)s", "%(channels)s").format(m=11),
            "severity": pick.replace("%(values)s", "%(severities)s").format(m=13),
            "service_type": pick.replace("%(values)s", "%(service_types)s").format(m=17),
            "assigned_to_id": "(%(agents)s::bigint[])[1 + n %% 20]",
            "repeat_of_id": "CASE WHEN n %% 33 = 0 THEN %(template)s END",
            "order_number": "'SO' || n",
            "proposal_keywords": "jsonb_build_array((%(keywords)s::text[])[1 + (n * 19) %% 8], "
            "(%(keywords)s::text[])[1 + (n * 23) %% 8])",
        }
        source = f"(SELECT n, {received} AS r FROM generate_series(1, %(count)s) AS n) g WHERE true"  # noqa: S608
        _clone(cursor, Complaint, t["complaint"].pk, overrides, source, {"count": COMPLAINTS, **_vocabularies(t)})

    def deadlines(cursor):
        """Two deadlines per complaint (register, first contact); 90 % met on time."""
        overrides = {
            "complaint_id": "c.id",
            "step": "s.step",
            "started_at": "c.received_at",
            "due_at": "c.received_at + s.limit_",
            "red_at": "c.received_at + s.limit_ * 0.8",
            "met_at": "c.received_at + s.limit_ * CASE WHEN c.id %% 10 = 0 THEN 2 ELSE 0.5 END",
            "breached_at": "CASE WHEN c.id %% 10 = 0 THEN c.received_at + s.limit_ END",
            "escalation_level": "CASE WHEN c.id %% 20 = 0 THEN 1 ELSE 0 END",
            "responsible_id": "c.assigned_to_id",
            "next_check_at": "NULL",
        }
        steps = "(VALUES ('register', interval '1 hour'), ('first_contact', interval '24 hours')) AS s(step, limit_)"
        source = f"intake_complaint c CROSS JOIN {steps} WHERE c.id <> %(template)s"
        _clone(cursor, Deadline, t["deadline"].pk, overrides, source, {})

    def surveys(cursor):
        """A result notice and an answered survey for every fifth closed complaint."""
        closed = "intake_complaint c WHERE c.closed_at IS NOT NULL AND c.id %% 5 = 0 AND c.id <> %(template)s"
        notice = {"complaint_id": "c.id", "sent_at": "c.closed_at"}
        _clone(cursor, ResultNotice, t["follow_up"].notice_id, notice, closed, {})
        survey = {
            "complaint_id": "c.id",
            "notice_id": "rn.id",
            "token_hash": "md5(rn.id::text) || md5('x' || rn.id::text)",
            "due_at": "c.closed_at + interval '3 days'",
            "answered_at": "c.closed_at + interval '1 day'",
            "score": "1 + (c.id * 7) %% 5",
        }
        source = (
            "resolutions_resultnotice rn JOIN intake_complaint c ON c.id = rn.complaint_id WHERE rn.id <> %(notice)s"
        )
        _clone(cursor, FollowUp, t["follow_up"].pk, survey, source, {"notice": t["follow_up"].notice_id})

    def compensation(cursor):
        overrides = {
            "complaint_id": "c.id",
            "paid_at": "c.closed_at",
            "amount": "(c.id %% 500)::numeric",
            "kind": "(ARRAY['money', 'in_kind', 'service', 'apology'])[1 + c.id %% 4]",
        }
        source = "intake_complaint c WHERE c.closed_at IS NOT NULL AND c.id %% 20 = 0"
        _clone(cursor, Compensation, t["compensation"].pk, overrides, source, {})

    def orders(cursor):
        """Service orders over the same 24 months; half of the complaints quote one of them."""
        overrides = {
            "order_number": "'SO' || n",
            "worker_id": "(%(workers)s::bigint[])[1 + n %% 10]",
            "team_id": "(%(teams)s::bigint[])[1 + n %% 10]",
            "service_date": f"(now() - ((n::bigint * 7919) %% {SECONDS_IN_24_MONTHS}) * interval '1 second')::date",
        }
        source = "generate_series(1, %(count)s) AS n WHERE true"
        params = {"count": ORDERS, "workers": t["workers"], "teams": t["teams"]}
        _clone(cursor, ServiceOrder, t["order"].pk, overrides, source, params)
        cursor.execute(
            "INSERT INTO penalties_complaintsubject (complaint_id, order_id, worker_id, team_id, matched_at) "
            "SELECT c.id, o.id, o.worker_id, o.team_id, now() FROM intake_complaint c "
            "JOIN penalties_serviceorder o ON o.order_number = c.order_number "
            "ON CONFLICT (complaint_id) DO NOTHING"
        )

    def penalties(cursor):
        overrides = {
            "complaint_id": "c.id",
            "status": "'in_effect'",
            "decided_at": "c.closed_at",
            "kind": "(ARRAY['criticism', 'warning', 'points', 'fine'])[1 + c.id %% 4]",
        }
        source = "intake_complaint c WHERE c.closed_at IS NOT NULL AND c.id %% 100 = 0"
        _clone(cursor, Penalty, t["penalty"].pk, overrides, source, {})

    return [complaints, deadlines, surveys, compensation, orders, penalties]


def _vocabularies(t: dict) -> dict:
    from intake.choices import Category, Channel, ServiceType, Severity

    return {
        "categories": [value for value, _label in Category.choices],
        "channels": [value for value, _label in Channel.choices],
        "severities": [value for value, _label in Severity.choices],
        "service_types": [value for value, _label in ServiceType.choices],
        "keywords": ["迟到", "态度差", "多收费", "退款慢", "没打扫", "临时换人", "损坏物品", "不专业"],
        "agents": t["agents"],
    }


def _timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def _measure() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from reporting.models import MonthlySnapshot
    from reporting.period import Month, Scope
    from reporting.services import snapshot_compute

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="bench-manager"))
    current, closed = Month.current(), Month.current().previous
    MonthlySnapshot.objects.all().delete()
    months = [closed]
    while len(months) < 24:
        months.insert(0, months[0].previous)
    timings = {"freezing one closed month (the beat job, oldest first)": []}
    for month in months:
        started = time.perf_counter()
        snapshot_compute(month=month, scope=Scope())
        timings["freezing one closed month (the beat job, oldest first)"].append(time.perf_counter() - started)
    timings["closed month, from snapshot"] = [_timed(client, f"/reports/{closed}/") for _ in range(ROUNDS)]
    timings["live month"] = [_timed(client, f"/reports/{current}/") for _ in range(ROUNDS)]
    timings["live month, service type filter"] = [
        _timed(client, f"/reports/{current}/?service_type=cleaning") for _ in range(ROUNDS)
    ]
    timings["public page (12 months)"] = [_timed(client, "/public/stats/") for _ in range(ROUNDS)]
    return timings


def _report(generated: float, timings: dict) -> None:
    from django.db import connection

    from deadlines.models import Deadline
    from intake.models import Complaint

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    python = platform.python_version()
    print(f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {python}, PostgreSQL {version}")
    complaints, deadlines = Complaint.objects.count(), Deadline.objects.count()
    print(f"Data: {complaints:,} complaints, {deadlines:,} deadlines (generated in {generated:.0f} s)")
    print("| request | median | max |\n|---|---|---|")
    for name, values in timings.items():
        print(f"| {name} | {statistics.median(values) * 1000:.0f} ms | {max(values) * 1000:.0f} ms |")


if __name__ == "__main__":
    _main()
