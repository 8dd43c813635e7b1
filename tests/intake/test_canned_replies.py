"""Canned replies kept by supervisors, their variables, and the notice that someone else has the
same complaint open (issue: the agent's day)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from core.models import OutboxMessage, StaffTeam
from intake.models import CannedReply, ComplaintEvent, QuickPathSettings
from intake.services.notes import note_add
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

TEXT = "{name}您好，您的投诉 {tracking_number} 已在处理，我们会在 {due_date} 前答复您。{unknown}"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_message_fills_in_the_variables_with_the_full_name(agent):
    complaint = ComplaintFactory(complainant_name="王小二")
    note_add(complaint_id=complaint.pk, actor=agent, text=TEXT, public=True)
    body = OutboxMessage.objects.get(complaint=complaint, purpose="message").body
    assert body.startswith("王小二您好，您的投诉 " + complaint.tracking_number)
    assert "{due_date}" not in body and "{unknown}" in body  # only the known variables are replaced


def test_an_internal_note_names_the_complainant_only_masked(agent):
    complaint = ComplaintFactory(complainant_name="王小二")
    event = note_add(complaint_id=complaint.pk, actor=agent, text="{name} 要求主管回电", public=False)
    assert event.note == "王** 要求主管回电"
    assert not OutboxMessage.objects.filter(complaint=complaint).exists()


def test_workbench_offers_everyone_s_and_the_user_s_team_replies_only(client, agent, other_agent):
    mine, theirs = StaffTeam.objects.create(name="一组"), StaffTeam.objects.create(name="二组")
    mine.members.add(agent)
    theirs.members.add(other_agent)
    CannedReply.objects.create(title="通用致歉", body="抱歉给您带来不便。")
    CannedReply.objects.create(title="一组回访", body="一组回访话术", team=mine, use=CannedReply.Use.NOTE)
    CannedReply.objects.create(title="二组专用", body="二组话术", team=theirs)
    CannedReply.objects.create(title="停用的", body="旧话术", active=False)
    client.force_login(agent)
    page = client.get(reverse("complaint-workbench", args=[ComplaintFactory().pk])).content.decode()
    assert "通用致歉" in page and "一组回访" in page
    assert "二组专用" not in page and "停用的" not in page
    assert 'data-canned="抱歉给您带来不便。" data-public="1"' in page
    assert 'data-canned="一组回访话术" data-public="0"' in page


def test_another_viewer_is_named_on_the_page_and_in_the_poll(client, agent, other_agent):
    complaint = ComplaintFactory()
    other_agent.first_name = "李四"
    other_agent.save()
    client.force_login(other_agent)
    client.get(reverse("complaint-workbench", args=[complaint.pk]))

    client.force_login(agent)
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert "同时打开：李四" in page
    assert client.get(reverse("complaint-viewers", args=[complaint.pk])).json() == {"others": ["李四"]}


def test_alone_on_the_complaint_no_notice(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)
    client.get(reverse("complaint-workbench", args=[complaint.pk]))
    assert client.get(reverse("complaint-viewers", args=[complaint.pk])).json() == {"others": []}


def test_viewers_poll_is_scoped_like_the_page(client, agent, panel):
    complaint = ComplaintFactory()
    client.force_login(panel[0])
    assert client.get(reverse("complaint-viewers", args=[complaint.pk])).status_code == 404
    assert Client().get(reverse("complaint-viewers", args=[complaint.pk])).status_code == 302


def test_a_cache_outage_only_hides_the_notice(client, agent, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", down)
    client.force_login(agent)
    response = client.get(reverse("complaint-workbench", args=[ComplaintFactory().pk]))
    assert response.status_code == 200
    assert ComplaintEvent.objects.count() == 0


def test_supervisors_keep_the_replies_and_the_quick_path_switch_in_admin(client, supervisor, agent):
    client.force_login(supervisor)
    added = client.post(
        "/admin/intake/cannedreply/add/", {"title": "致歉", "body": "{name}您好", "use": "message", "order": 0}
    )
    assert added.status_code == 302 and CannedReply.objects.get().title == "致歉"
    switched = client.post("/admin/intake/quickpathsettings/add/", {})  # the box unticked: switched off
    assert switched.status_code == 302
    assert QuickPathSettings.current().enabled is False
    client.force_login(agent)
    assert client.get("/admin/intake/cannedreply/").status_code in (302, 403)
