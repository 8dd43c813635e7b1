"""Automatic assignment in a team, configured in admin: round robin or least loaded, by service-type skill."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from core import roles
from core.models import StaffTeam
from intake.models import AssignmentRule, AssignmentSkill, Complaint
from intake.services.assignment import complaint_team_move
from intake.services.decision import complaint_accept
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(agent, other_agent):
    team = StaffTeam.objects.create(name="保洁组")
    team.members.add(agent, other_agent)
    return team


def _accept_into(team, actor, **fields) -> Complaint:
    complaint = ComplaintFactory(**fields)
    complaint_accept(
        complaint_id=complaint.pk,
        actor=actor,
        seen_version=complaint.version,
        category="service_quality",
        severity="general",
        urgent=False,
        assigned_team=team,
        promised_reply_at=timezone.now() + timedelta(days=1),
    )
    return Complaint.objects.get(pk=complaint.pk)


def test_round_robin_takes_the_members_in_turn(team, agent, other_agent, supervisor):
    AssignmentRule.objects.create(team=team, method=AssignmentRule.Method.ROUND_ROBIN)

    handlers = [_accept_into(team, supervisor).assigned_to for _ in range(3)]

    assert handlers == [agent, other_agent, agent]


def test_least_loaded_takes_the_member_with_fewest_open_complaints(team, agent, other_agent, supervisor):
    AssignmentRule.objects.create(team=team, method=AssignmentRule.Method.LEAST_LOADED)
    ComplaintFactory.create_batch(2, assigned_to=agent)

    assert _accept_into(team, supervisor).assigned_to == other_agent


def test_skills_limit_who_takes_a_service_type(team, agent, other_agent, supervisor):
    rule = AssignmentRule.objects.create(team=team)
    AssignmentSkill.objects.create(rule=rule, user=agent, service_types=["nanny"])
    AssignmentSkill.objects.create(rule=rule, user=other_agent, service_types=["cleaning"])

    assert _accept_into(team, supervisor, service_type="cleaning").assigned_to == other_agent
    assert _accept_into(team, supervisor, service_type="nanny").assigned_to == agent


def test_inactive_members_and_members_without_the_desk_role_are_never_picked(team, agent, other_agent, supervisor):
    AssignmentRule.objects.create(team=team)
    other_agent.is_active = False
    other_agent.save()
    investigator = UserFactory(username="inv-x")
    investigator.groups.add(Group.objects.get(name=roles.INVESTIGATOR))
    team.members.add(investigator)

    assert {_accept_into(team, supervisor).assigned_to for _ in range(3)} == {agent}


def test_a_disabled_rule_or_a_chosen_handler_assigns_nobody_automatically(team, agent, other_agent, supervisor):
    AssignmentRule.objects.create(team=team, enabled=False)
    assert _accept_into(team, supervisor).assigned_to is None


def test_moving_a_complaint_to_a_team_lets_its_rule_pick_the_handler(team, agent, supervisor):
    AssignmentRule.objects.create(team=team, method=AssignmentRule.Method.LEAST_LOADED)
    complaint = ComplaintFactory()

    moved = complaint_team_move(complaint_id=complaint.pk, actor=supervisor, team=team)

    assert moved.assigned_team == team and moved.assigned_to is not None
    assert "自动分派" in moved.events.last().note


def test_supervisors_configure_it_in_admin_with_history(client, supervisor, team):
    client.force_login(supervisor)
    url = reverse("admin:intake_assignmentrule_add")
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "team": team.pk,
            "method": "least_loaded",
            "enabled": "on",
            "skills-TOTAL_FORMS": "0",
            "skills-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    rule = AssignmentRule.objects.get(team=team)
    assert rule.history.count() == 1
