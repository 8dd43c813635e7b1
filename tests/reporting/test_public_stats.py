"""The public disclosure page: figures and supervisor-written cases, and never a complainant's data."""

from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting import tasks
from reporting.models import MonthlySnapshot, TypicalCase
from tests.factories import ComplaintFactory
from tests.reporting.factories import TypicalCaseFactory, local, march_2026_sources

pytestmark = pytest.mark.django_db
NOW = local(2026, 4, 15, 12)
PERSONAL = {
    "complainant_name": "欧阳娜娜",
    "phone": "13912345678",
    "landline": "010-66668888",
    "email": "nana.ouyang@example.cn",
    "address": "朝阳区幸福路88号3单元",
    "order_number": "ORD-7788-XYZ",
    "worker_named": "钱师傅",
    "description": "独特的描述文本不应公开",
}


@time_machine.travel(NOW, tick=False)
def test_public_page_shows_monthly_figures_without_login(client, agent):
    march_2026_sources(agent)
    tasks.snapshots_refresh()
    response = client.get("/public/stats/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "2026-03" in body and "66.7 %" in body  # completion rate of March
    assert "2026-04" in body


@time_machine.travel(NOW, tick=False)
def test_public_page_leaks_no_personal_data(client, supervisor):
    complaint = ComplaintFactory(received_at=local(2026, 3, 3, 9), proposal_keywords=["欧阳娜娜"], **PERSONAL)
    TypicalCaseFactory(month=local(2026, 3, 1).date(), created_by=supervisor)
    tasks.snapshots_refresh()
    body = client.get("/public/stats/").content.decode()
    for value in [*PERSONAL.values(), complaint.tracking_number, "139****5678", supervisor.username]:
        assert value not in body


@time_machine.travel(NOW, tick=False)
def test_only_published_cases_appear(client, supervisor):
    TypicalCaseFactory(title="已发布案例", created_by=supervisor)
    TypicalCaseFactory(title="草稿案例", published=False, created_by=supervisor)
    body = client.get("/public/stats/").content.decode()
    assert "已发布案例" in body and "草稿案例" not in body


@time_machine.travel(NOW, tick=False)
def test_an_anonymous_visitor_never_causes_a_computation(client, agent, django_capture_on_commit_callbacks):
    march_2026_sources(agent)
    with mock.patch.object(tasks.snapshot_prepare, "delay") as queued, django_capture_on_commit_callbacks(execute=True):
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/public/stats/").content.decode()
    assert "正在准备" in body and "2026-03" not in body
    assert not queued.called and not MonthlySnapshot.objects.exists()
    assert len(queries) <= 3


def test_typical_case_holds_no_field_copied_from_a_complaint():
    fields = {field.name for field in TypicalCase._meta.get_fields()}
    assert fields == {"id", "month", "title", "summary", "published", "created_by", "created_at"}


@time_machine.travel(NOW, tick=False)
def test_public_page_is_light_and_has_no_external_asset(client):
    response = client.get("/public/stats/")
    body = response.content.decode()
    assert "<script" not in body
    assert "http://" not in body.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in body
    assert len(response.content) < 30_000
