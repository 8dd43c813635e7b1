"""Bulk actions of the inbox and "assign to me": one service call per row, each row reports what
happened, a row that changed meanwhile is left alone."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import override

from core.models import StaffTeam
from intake.locking import ComplaintChanged
from intake.models import Complaint, ComplaintEvent, State
from intake.services.assignment import complaint_take
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
BULK = reverse("desk-bulk")


def _post(client, action: str, complaints, **extra):
    data = {"action": action, "ids": [c.pk for c in complaints], "next": reverse("desk") + "?worklist=unassigned"}
    data.update({f"version-{c.pk}": c.version for c in complaints})
    data.update(extra)
    return client.post(BULK, data)


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _proposed(**fields) -> Complaint:
    return ComplaintFactory(proposed_category="service_quality", proposed_severity="general", **fields)


def test_bulk_accept_reports_each_row_and_leaves_a_changed_one_alone(client, agent, other_agent):
    first, second = _proposed(), _proposed()
    client.force_login(agent)
    shown = [Complaint.objects.get(pk=c.pk) for c in (first, second)]
    complaint_take(complaint_id=second.pk, actor=other_agent)  # another agent acts on the second meanwhile

    response = _post(client, "accept", shown)

    assert response.status_code == 302 and response.url.endswith("?worklist=unassigned")
    lines = _messages(response)
    with override("zh-hans"):
        assert f"{first.tracking_number}: 已受理。" in lines
        assert f"{second.tracking_number}: {ComplaintChanged.message}" in lines
    assert Complaint.objects.get(pk=first.pk).state == State.ACCEPTED
    assert Complaint.objects.get(pk=second.pk).state == State.SUBMITTED


def test_bulk_accept_without_a_proposal_asks_for_the_decision_page(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = _post(client, "accept", [complaint])

    assert any(complaint.tracking_number in line for line in _messages(response))
    assert Complaint.objects.get(pk=complaint.pk).state == State.SUBMITTED


def test_bulk_assign_by_a_supervisor_keeps_the_team(client, supervisor, agent):
    team = StaffTeam.objects.create(name="二组")
    complaints = [ComplaintFactory(assigned_team=team) for _ in range(3)]
    client.force_login(supervisor)

    _post(client, "assign", complaints, handler=agent.pk)

    assert set(Complaint.objects.values_list("assigned_to", "assigned_team")) == {(agent.pk, team.pk)}
    assert ComplaintEvent.objects.filter(actor=supervisor, kind="action").count() == 3


def test_bulk_move_team_keeps_a_handler_of_that_team_only(client, supervisor, agent, other_agent):
    team = StaffTeam.objects.create(name="三组")
    team.members.add(agent)
    stays, leaves = ComplaintFactory(assigned_to=agent), ComplaintFactory(assigned_to=other_agent)
    client.force_login(supervisor)

    _post(client, "team", [stays, leaves], team=team.pk)

    assert Complaint.objects.get(pk=stays.pk).assigned_to == agent
    moved = Complaint.objects.get(pk=leaves.pk)
    assert moved.assigned_team == team and moved.assigned_to is None


def test_agents_cannot_assign_others_or_move_teams(client, agent, other_agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = _post(client, "assign", [complaint], handler=other_agent.pk)

    assert Complaint.objects.get(pk=complaint.pk).assigned_to is None
    assert _messages(response)  # the form refuses the action, and says so


def test_a_bulk_post_without_selection_or_with_a_forged_version_changes_nothing(client, agent):
    complaint = _proposed()
    client.force_login(agent)

    assert _messages(client.post(BULK, {"action": "accept"}))
    client.post(BULK, {"action": "accept", "ids": [complaint.pk], f"version-{complaint.pk}": "x"})
    assert Complaint.objects.get(pk=complaint.pk).state == State.SUBMITTED


def test_assign_to_me_from_the_row(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)

    response = client.post(reverse("complaint-take", args=[complaint.pk]), {f"version-{complaint.pk}": 0})

    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).assigned_to == agent


def test_assign_to_me_refuses_a_complaint_someone_else_handles(client, agent, other_agent):
    complaint = ComplaintFactory(assigned_to=other_agent)
    client.force_login(agent)

    response = client.post(reverse("complaint-take", args=[complaint.pk]), {f"version-{complaint.pk}": 0})

    assert any("supervisor" in line.lower() or "主管" in line for line in _messages(response))
    assert Complaint.objects.get(pk=complaint.pk).assigned_to == other_agent


def test_assign_to_me_is_a_post_only_and_not_for_investigators(client, agent, investigator):
    complaint = ComplaintFactory()
    client.force_login(agent)
    assert client.get(reverse("complaint-take", args=[complaint.pk])).status_code == 405
    client.force_login(investigator)
    assert client.post(reverse("complaint-take", args=[complaint.pk]), {"seen_version": 0}).status_code == 403


def test_the_inbox_offers_assign_to_me_on_unassigned_rows_only(client, agent, other_agent):
    free, taken = ComplaintFactory(), ComplaintFactory(assigned_to=other_agent)
    client.force_login(agent)

    html = client.get(reverse("desk")).content.decode()

    assert reverse("complaint-take", args=[free.pk]) in html
    assert reverse("complaint-take", args=[taken.pk]) not in html
