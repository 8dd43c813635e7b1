"""Workers: identity kept as a keyed hash, blacklist refusal, onboarding check, complaint link."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from penalties.identity import identity_hash
from penalties.models import BlacklistEntry, ComplaintSubject, OnboardingCheck
from penalties.services.errors import WorkerBlacklisted
from penalties.services.imports import workers_import
from penalties.services.penalties import penalty_approve, penalty_propose
from penalties.services.workers import onboarding_check, order_upsert, worker_create
from tests.factories import ComplaintFactory
from tests.penalties.factories import ServiceOrderFactory, TeamFactory, WorkerFactory, identity_number

pytestmark = pytest.mark.django_db


def _banned(supervisor, number: str, category: str = "fraud"):
    worker = WorkerFactory(identity_number=number)
    penalty = penalty_propose(worker=worker, kind="ban", category=category, reason="x", actor=supervisor)
    penalty_approve(penalty=penalty, actor=supervisor)
    return worker


def test_the_hash_is_keyed_with_the_setting(settings):
    number = identity_number(1)
    first = identity_hash(number)
    settings.IDENTITY_HASH_KEY = "another key"
    assert identity_hash(number) != first


def test_the_hash_ignores_spaces_and_the_case_of_the_check_letter():
    number = "11010519491231002X"
    assert identity_hash(number) == identity_hash(" 11010519491231002x ")


def test_created_worker_shows_only_the_last_four():
    number = identity_number(7)
    worker = worker_create(name="王芳", identity_number=number)
    assert worker.identity_masked == f"****{number[-4:]}"


def test_an_invalid_identity_number_is_refused():
    with pytest.raises(ValidationError):
        worker_create(name="王芳", identity_number="110101199001011230")


def test_a_second_worker_with_the_same_identity_is_refused():
    number = identity_number(8)
    worker_create(name="王芳", identity_number=number)
    with pytest.raises(ValidationError):
        worker_create(name="王芳芳", identity_number=number)


def test_blacklisted_identity_is_refused_on_create_with_the_reason(supervisor):
    number = identity_number(9)
    _banned(supervisor, number, category="safety_hazard")
    with translation.override("en"), pytest.raises(WorkerBlacklisted) as refusal:
        worker_create(name="改名的人", identity_number=number)
    assert refusal.value.reason_category_label == "Safety hazard"


def test_blacklisted_identity_is_refused_on_import_and_the_other_rows_load(supervisor):
    banned = identity_number(10)
    _banned(supervisor, banned)
    content = f"name,identity_number\n新人,{identity_number(11)}\n旧人,{banned}\n"
    report = workers_import(content=content)
    assert report.created == 1
    assert [line for line, _reason in report.errors] == [3]


def test_onboarding_check_answers_listed_and_logs_the_hash_only(supervisor):
    banned = identity_number(12)
    _banned(supervisor, banned)
    assert onboarding_check(identity_number=banned, actor=supervisor) is True
    assert onboarding_check(identity_number=identity_number(13), actor=supervisor) is False
    checks = list(OnboardingCheck.objects.order_by("checked_at"))
    assert [c.checked_by for c in checks] == [supervisor, supervisor]
    assert checks[0].identity_hash == identity_hash(banned)


def _text_values(table: str):
    """Every value of every text-like column (char, text, JSON), whatever the database."""
    introspection = connection.introspection
    with connection.cursor() as cursor:
        columns = [
            col.name
            for col in introspection.get_table_description(cursor, table)
            if introspection.get_field_type(col.type_code, col) in {"CharField", "TextField", "JSONField"}
        ]
        for column in columns:
            cursor.execute(f'SELECT "{column}" FROM "{table}"')  # noqa: S608 - names from introspection
            yield from (row[0] for row in cursor.fetchall() if row[0] is not None)


def test_no_clear_identity_number_anywhere_in_the_database(agent, supervisor, other_supervisor):
    numbers = [identity_number(20 + i) for i in range(3)]
    imported = workers_import(
        content="name,identity_number,team\n" + "\n".join(f"人{i},{n},A组" for i, n in enumerate(numbers))
    )
    assert imported.created == 3
    worker = worker_create(name="直接", identity_number=identity_number(30))
    penalty = penalty_propose(worker=worker, kind="ban", category="fraud", reason="x", actor=agent)
    penalty_approve(penalty=penalty, actor=supervisor)
    onboarding_check(identity_number=identity_number(31), actor=supervisor)
    all_numbers = [*numbers, identity_number(30), identity_number(31)]
    tables = [t for t in connection.introspection.table_names() if t.startswith("penalties_")]
    assert "penalties_historicalworker" in tables
    scanned = []
    for table in tables:
        for value in _text_values(table):
            scanned.append(str(value))
            assert not any(number in str(value) for number in all_numbers), table
    # The scan did read the name and hash columns of workers and their history.
    assert "人0" in scanned
    assert identity_hash(numbers[0]) in scanned


def test_complaint_order_number_links_to_the_order_worker_and_team():
    order = ServiceOrderFactory(order_number="JZ20260301001")
    complaint = ComplaintFactory(order_number="JZ20260301001")
    subject = ComplaintSubject.objects.get(complaint=complaint)
    assert (subject.order, subject.worker, subject.team) == (order, order.worker, order.worker.team)


def test_an_order_imported_after_the_complaint_fills_in_the_link():
    complaint = ComplaintFactory(order_number="JZ20260301002")
    assert not ComplaintSubject.objects.filter(complaint=complaint).exists()
    worker = WorkerFactory()
    order_upsert(
        order_number="JZ20260301002",
        service_type="cleaning",
        service_date=complaint.received_at.date(),
        amount=100,
        worker=worker,
    )
    assert complaint.subject.worker == worker


def test_complaint_without_order_number_has_no_subject():
    complaint = ComplaintFactory(order_number="")
    assert not ComplaintSubject.objects.filter(complaint=complaint).exists()


def test_team_of_an_order_defaults_to_the_worker_team():
    team = TeamFactory(name="月嫂一组")
    worker = WorkerFactory(team=team)
    order, created = order_upsert(
        order_number="JZ1", service_type="nanny", service_date="2026-03-01", amount=10, worker=worker
    )
    assert created and order.team == team


def test_blacklist_entry_keeps_no_more_than_the_last_four(supervisor):
    number = identity_number(40)
    _banned(supervisor, number)
    entry = BlacklistEntry.objects.get()
    assert entry.identity_last_four == number[-4:]
    assert str(entry).startswith("****")
