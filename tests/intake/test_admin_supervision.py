"""Supervisors act in the complaint admin through the workbench's own views and the services:
state changes as buttons, a bulk reassignment, read-only archived complaints, field diffs in the
history."""

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from core.models import StaffTeam
from intake.models import ComplaintEvent, State
from intake.services.decision import complaint_decline
from resolutions.services.archive import archive_month
from tests.factories import ComplaintFactory
from tests.resolutions.factories import complaint_mediating, fresh

pytestmark = pytest.mark.django_db


def _change_url(complaint) -> str:
    return reverse("admin:intake_complaint_change", args=[complaint.pk])


def test_change_page_offers_the_transitions_open_to_the_supervisor(client, supervisor, agent):
    complaint = complaint_mediating(agent)
    client.force_login(supervisor)
    page = client.get(_change_url(complaint))
    offered = {item["action"].transition for item in page.context["transition_actions"]}
    assert {"request_ruling", "withdraw", "refer"} <= offered
    assert "close" not in offered
    assert reverse("resolution-withdraw", args=[complaint.pk]) in page.content.decode()


def test_a_transition_button_runs_the_service_and_comes_back_to_admin(client, supervisor, agent):
    complaint = complaint_mediating(agent)
    client.force_login(supervisor)
    response = client.post(
        reverse("resolution-withdraw", args=[complaint.pk]),
        {"seen_version": complaint.version, "reason": "投诉人撤回", "next": _change_url(complaint)},
    )
    assert response.status_code == 302
    assert response["Location"] == _change_url(complaint)
    complaint = fresh(complaint)
    assert complaint.state == State.WITHDRAWN
    assert complaint.events.filter(kind=ComplaintEvent.Kind.TRANSITION, actor=supervisor, to_state="withdrawn").exists()


def test_a_foreign_next_address_goes_back_to_the_workbench(client, supervisor, agent):
    complaint = complaint_mediating(agent)
    client.force_login(supervisor)
    response = client.post(
        reverse("resolution-withdraw", args=[complaint.pk]),
        {"seen_version": complaint.version, "reason": "投诉人撤回", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("complaint-workbench", args=[complaint.pk])


def test_a_stale_admin_page_changes_nothing(client, supervisor, agent):
    complaint = complaint_mediating(agent)
    client.force_login(supervisor)
    client.post(
        reverse("resolution-withdraw", args=[complaint.pk]),
        {"seen_version": complaint.version - 1, "reason": "投诉人撤回", "next": _change_url(complaint)},
    )
    assert fresh(complaint).state == State.MEDIATING


def test_bulk_reassign_goes_through_the_service_for_each_complaint(client, supervisor, other_agent):
    team = StaffTeam.objects.create(name="二组")
    complaints = [ComplaintFactory(), ComplaintFactory()]
    client.force_login(supervisor)
    url = reverse("admin:intake_complaint_changelist")
    selected = {"action": "reassign", ACTION_CHECKBOX_NAME: [c.pk for c in complaints]}

    asked = client.post(url, selected)
    assert asked.status_code == 200 and "form" in asked.context

    done = client.post(url, {**selected, "apply": "1", "assigned_to": other_agent.pk, "assigned_team": team.pk})
    assert done.status_code == 302
    for complaint in complaints:
        complaint = fresh(complaint)
        assert (complaint.assigned_to, complaint.assigned_team) == (other_agent, team)
        assert complaint.version == 1
        assert complaint.history.count() == 2
        assert complaint.events.filter(kind=ComplaintEvent.Kind.ACTION, actor=supervisor).exists()


def test_reassign_refuses_someone_outside_the_desk(client, supervisor, manager):
    complaint = ComplaintFactory()
    client.force_login(supervisor)
    client.post(
        reverse("admin:intake_complaint_changelist"),
        {"action": "reassign", ACTION_CHECKBOX_NAME: [complaint.pk], "apply": "1", "assigned_to": manager.pk},
    )
    assert fresh(complaint).assigned_to is None


def test_agents_without_the_permission_cannot_reassign(agent):
    from django.core.exceptions import PermissionDenied

    from intake.services.assignment import complaint_assign

    complaint = ComplaintFactory()
    with pytest.raises(PermissionDenied):
        complaint_assign(complaint_id=complaint.pk, actor=agent, assigned_to=agent)


@pytest.fixture
def archived(agent):
    complaint = ComplaintFactory()
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 10, 15, 10))):
        complaint_decline(complaint_id=complaint.pk, actor=agent, seen_version=0, reason="no_facts", note="")
    archive_month(year=2026, month=10)
    complaint = fresh(complaint)
    assert complaint.state == State.ARCHIVED
    return complaint


def test_archived_complaint_offers_no_state_change_and_refuses_reassignment(client, supervisor, agent, archived):
    client.force_login(supervisor)
    page = client.get(_change_url(archived))
    assert page.context["transition_actions"] == []
    assert page.context["archived"] is True
    client.post(
        reverse("admin:intake_complaint_changelist"),
        {"action": "reassign", ACTION_CHECKBOX_NAME: [archived.pk], "apply": "1", "assigned_to": agent.pk},
    )
    assert fresh(archived).assigned_to is None
    assert client.post(_change_url(archived), {"state": "closed"}).status_code == 403


def _history_changes(client, complaint) -> list[tuple[str, str, str]]:
    history = client.get(reverse("admin:intake_complaint_history", args=[complaint.pk]))
    assert history.status_code == 200
    return [
        (str(change["field"]), str(change["old"]), str(change["new"]))
        for record in history.context["page_obj"]
        for change in getattr(record, "history_delta_changes", [])
    ]


def test_history_shows_each_field_change(client, supervisor, other_agent):
    from intake.services.assignment import complaint_assign

    complaint = ComplaintFactory()
    complaint_assign(complaint_id=complaint.pk, actor=supervisor, assigned_to=other_agent)
    client.force_login(supervisor)
    changes = _history_changes(client, complaint)
    assert any(new == str(other_agent) for _field, _old, new in changes)
    assert not any(field == "version" for field, _old, _new in changes)


def test_history_hides_personal_data_changes_from_staff_who_may_not_see_it(client, agent):
    complaint = ComplaintFactory(phone="13800000001")
    complaint.phone = "13900000002"
    complaint.save()
    agent.is_staff = True
    agent.save()
    client.force_login(agent)
    changes = _history_changes(client, complaint)
    assert not any("13900000002" in new or "13800000001" in old for _field, old, new in changes)
