"""Quarterly categories, handler KPIs and the supervision sample, against hand-computed values."""

import pytest
from django.contrib.auth.models import Group

from core import roles
from intake.models import Complaint, ComplaintEvent
from reporting import selectors, services
from reporting.models import SupervisionCallback
from reporting.period import Month, Scope
from resolutions.models import Withdrawal
from tests.factories import ComplaintFactory
from tests.reporting.factories import local, march_2026, march_2026_sources

pytestmark = pytest.mark.django_db


def test_quarterly_category_distribution():
    """2026: Q1 holds c1 c2 c3 (Mar) and c4 (Feb); Q2 holds c5 (1 April, fraud)."""
    march_2026()
    rows = {row["key"]: row for row in selectors.quarterly_categories(year=2026, scope=Scope())}
    assert rows["service_quality"] == {"key": "service_quality", "q1": 2, "q2": 0, "q3": 0, "q4": 0}
    assert (rows["fee_dispute"]["q1"], rows["other"]["q1"], rows["fraud"]["q2"]) == (1, 1, 1)


def test_handler_kpis(agent):
    """The agent handled c1 and c2 in March; c2 was reopened once → reopen rate 1 ÷ 2; c2 is a repeat
    of c1 → repeat complaint rate 1 ÷ 2; both ended by the desk → resolution 2 ÷ 2; the one first
    contact due in March (c1's) was late → 0 %."""
    data = march_2026_sources(agent)
    ComplaintEvent.objects.create(complaint=data["c2"], kind="transition", transition="reopen")
    assert selectors.agent_kpis(month=Month(2026, 3), scope=Scope()) == [
        {
            "handler_id": agent.pk,
            "handler": agent.username,
            "handled": 2,
            "reopen_rate": 50.0,
            "resolution_rate": 100.0,
            "repeat_rate": 50.0,
            "on_time_rate": 50.0,
            "contact_rate": 0.0,
            "satisfaction_rate": 50.0,
            "praise": 0,
            "accountability": 0,
        }
    ]


def test_a_withdrawn_complaint_is_not_resolved_by_the_handler(agent):
    """Withdrawn by the complainant, it was not the handler's resolution: resolution 1 ÷ 2."""
    data = march_2026_sources(agent)
    Withdrawal.objects.create(complaint=data["c2"], reason="不想继续", recorded_by=agent)
    (row,) = selectors.agent_kpis(month=Month(2026, 3), scope=Scope())
    assert row["resolution_rate"] == 50.0


def _closed(count: int, month: Month) -> list[Complaint]:
    return [
        ComplaintFactory(received_at=month.start, closed_at=local(month.year, month.month, 2, 9), state="closed")
        for _ in range(count)
    ]


def test_supervision_sample_is_a_fifth_of_the_closed_complaints_and_reproducible():
    _closed(11, Month(2026, 5))
    first = list(selectors.supervision_sample(month=Month(2026, 5)).values_list("pk", flat=True))
    again = list(selectors.supervision_sample(month=Month(2026, 5)).values_list("pk", flat=True))
    assert len(first) == 3  # 20 % of 11, rounded up
    assert first == again


def test_supervision_sample_differs_from_month_to_month():
    may, june = Month(2026, 5), Month(2026, 6)
    may_ids = [c.pk for c in _closed(30, may)]
    june_ids = [c.pk for c in _closed(30, june)]
    may_rank = [may_ids.index(pk) for pk in selectors.supervision_sample(month=may).values_list("pk", flat=True)]
    june_rank = [june_ids.index(pk) for pk in selectors.supervision_sample(month=june).values_list("pk", flat=True)]
    assert may_rank != june_rank


def test_supervision_sample_percent_is_a_setting(settings):
    settings.SUPERVISION_SAMPLE_PERCENT = 50
    _closed(4, Month(2026, 5))
    assert len(selectors.supervision_sample(month=Month(2026, 5))) == 2


def test_empty_month_has_an_empty_sample():
    assert list(selectors.supervision_sample(month=Month(2025, 1))) == []


def test_supervisor_records_a_callback_on_a_sampled_complaint(client, supervisor):
    month = Month(2026, 5)
    _closed(5, month)
    sampled = selectors.supervision_sample(month=month)[0]
    client.force_login(supervisor)
    page = client.get("/reports/2026-05/sample/")
    assert sampled.tracking_number in page.content.decode()
    response = client.post(
        "/reports/2026-05/sample/", {"complaint": sampled.pk, "result": "unsatisfied", "note": "说没有人回访"}
    )
    assert response.status_code == 302
    callback = SupervisionCallback.objects.get(complaint=sampled)
    assert (callback.result, callback.called_by, callback.month.isoformat()) == (
        "unsatisfied",
        supervisor,
        "2026-05-01",
    )


def test_callback_on_a_complaint_outside_the_sample_is_refused(supervisor):
    month = Month(2026, 5)
    _closed(10, month)
    sampled = set(selectors.supervision_sample(month=month).values_list("pk", flat=True))
    outside = Complaint.objects.exclude(pk__in=sampled).first()
    with pytest.raises(services.NotInSample):
        services.supervision_callback_record(complaint=outside, month=month, result="satisfied", by=supervisor)


def test_bad_callback_form_comes_back_with_a_message(client, supervisor):
    month = Month(2026, 5)
    _closed(5, month)
    sampled = selectors.supervision_sample(month=month)[0]
    client.force_login(supervisor)
    response = client.post("/reports/2026-05/sample/", {"complaint": sampled.pk, "result": "<script>"}, follow=True)
    assert response.status_code == 200
    assert not SupervisionCallback.objects.exists()


def test_managers_cannot_see_the_sample(client, manager):
    client.force_login(manager)
    assert client.get("/reports/2026-05/sample/").status_code == 403


def test_role_groups_carry_the_report_permissions():
    for role in (roles.SUPERVISOR, roles.MANAGER, roles.MANAGEMENT):
        assert Group.objects.get(name=role).permissions.filter(codename="view_report").exists()
    assert not Group.objects.get(name=roles.AGENT).permissions.filter(codename="view_report").exists()


def test_callback_with_a_malformed_complaint_id_is_refused_without_error(client, supervisor):
    client.force_login(supervisor)
    response = client.post("/reports/2026-05/sample/", {"complaint": "abc", "result": "satisfied"})
    assert response.status_code == 200
    assert not SupervisionCallback.objects.exists()


def test_large_sample_is_paginated(client, supervisor):
    _closed(260, Month(2026, 5))  # 52 drawn
    client.force_login(supervisor)
    first = client.get("/reports/2026-05/sample/").content.decode()
    second = client.get("/reports/2026-05/sample/?page=2").content.decode()
    assert first.count('name="complaint"') == 50
    assert second.count('name="complaint"') == 2


def test_sample_list_masks_the_complainants_phone_and_links_to_the_workbench(client, supervisor):
    _closed(5, Month(2026, 5))
    sampled = selectors.supervision_sample(month=Month(2026, 5))[0]
    client.force_login(supervisor)
    body = client.get("/reports/2026-05/sample/").content.decode()
    assert sampled.phone not in body
    assert f"{sampled.phone[:3]}****{sampled.phone[-4:]}" in body
    assert f"/{sampled.pk}/" in body
