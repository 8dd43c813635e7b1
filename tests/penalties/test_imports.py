"""CSV import: bad rows reported with their line numbers, good rows loaded, re-imports update."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from penalties.identity import identity_hash
from penalties.models import ServiceOrder, Team, Worker
from penalties.services.imports import orders_import, workers_import
from tests.penalties.factories import WorkerFactory, identity_number

pytestmark = pytest.mark.django_db


def test_bad_worker_rows_are_reported_with_line_numbers_and_good_rows_load():
    content = (
        "name,phone,identity_number,team,service_types\n"
        f"王芳,13900000001,{identity_number(1)},保洁一组,cleaning;hourly\n"
        "李四,13900000002,123,保洁一组,cleaning\n"
        f",13900000003,{identity_number(3)},保洁一组,cleaning\n"
        f"赵六,12345,{identity_number(4)},保洁一组,cleaning\n"
        f"钱七,13900000005,{identity_number(5)},,gardening\n"
        f"孙八,13900000006,{identity_number(6)},月嫂组,maternity_nurse\n"
    )
    report = workers_import(content=content.encode("utf-8-sig"))
    assert report.created == 2
    assert [line for line, _reason in report.errors] == [3, 4, 5, 6]
    assert all(reason for _line, reason in report.errors)
    worker = Worker.objects.get(identity_hash=identity_hash(identity_number(1)))
    assert worker.service_types == ["cleaning", "hourly"]
    assert worker.team.name == "保洁一组"
    assert set(Team.objects.values_list("name", flat=True)) == {"保洁一组", "月嫂组"}


def test_reimporting_workers_updates_instead_of_duplicating():
    number = identity_number(1)
    workers_import(content=f"name,phone,identity_number\n王芳,13900000001,{number}\n")
    report = workers_import(content=f"name,phone,identity_number\n王芳芳,13900000009,{number}\n")
    assert (report.created, report.updated) == (0, 1)
    worker = Worker.objects.get()
    assert (worker.name, worker.phone) == ("王芳芳", "13900000009")


def test_missing_columns_are_one_error_on_the_header_line():
    report = workers_import(content="name,phone\n王芳,13900000001\n")
    assert report.errors and report.errors[0][0] == 1
    assert Worker.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused_cleanly():
    report = workers_import(content="name,identity_number\n王芳,1\n".encode("gbk"))
    assert report.errors[0][0] == 1


def test_orders_import_links_workers_reports_bad_rows_and_updates_on_reimport():
    worker = WorkerFactory(identity_number=identity_number(50))
    content = (
        "order_number,service_type,worker_identity_number,team,customer_phone,service_date,amount\n"
        f"JZ001,cleaning,{identity_number(50)},,13800000001,2026-03-01,199.00\n"
        "JZ002,cleaning,,,13800000002,2026-03-32,199.00\n"
        "JZ003,cleaning,,,13800000003,2026-03-02,abc\n"
        f"JZ004,cleaning,{identity_number(51)},,13800000004,2026-03-02,10\n"
        "JZ005,spa,,,13800000005,2026-03-02,10\n"
        "JZ006,nanny,,月嫂组,,2026-03-03,8800\n"
    )
    report = orders_import(content=content)
    assert report.created == 2
    assert [line for line, _reason in report.errors] == [3, 4, 5, 6]
    order = ServiceOrder.objects.get(order_number="JZ001")
    assert order.worker == worker and order.team == worker.team
    again = orders_import(content=content.replace("199.00", "299.00"))
    assert (again.created, again.updated) == (0, 2)
    order.refresh_from_db()
    assert str(order.amount) == "299.00"
    assert ServiceOrder.objects.count() == 2


def test_import_command_prints_the_report_and_fails_on_bad_rows(tmp_path, capsys):
    path = tmp_path / "workers.csv"
    path.write_text(f"name,identity_number\n王芳,{identity_number(1)}\n李四,bad\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_workers", str(path))
    captured = capsys.readouterr()
    assert "created: 1" in captured.out
    assert "line 3:" in captured.err
