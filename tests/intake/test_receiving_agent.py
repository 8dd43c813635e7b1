"""The receiving agent's team and staff number on the complaint (seed 004: 受理的工作人员班组、工号),
kept as they were at receipt."""

import pytest
from django.urls import reverse

from core.models import StaffProfile, StaffTeam
from intake.services.registration import complaint_register

pytestmark = pytest.mark.django_db

FIELDS = {
    "channel": "hotline",
    "complainant_name": "王女士",
    "phone": "13812340001",
    "service_type": "cleaning",
    "description": "保洁阿姨迟到一个半小时。",
}


def test_a_registered_complaint_keeps_the_agent_s_team_and_staff_number(client, agent):
    StaffProfile.objects.create(user=agent, staff_number="KF007")
    team = StaffTeam.objects.create(name="热线一组")
    team.members.add(agent)
    complaint = complaint_register(actor=agent, **FIELDS)
    team.members.remove(agent)  # moving teams later does not rewrite the record
    complaint.refresh_from_db()
    assert (complaint.received_by_team, complaint.received_by_staff_number) == (team, "KF007")
    client.force_login(agent)
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert "工号 KF007" in page and "热线一组" in page


def test_the_public_form_has_no_receiving_agent(agent):
    complaint = complaint_register(actor=None, **{**FIELDS, "channel": "web_form"})
    assert complaint.received_by_team is None and complaint.received_by_staff_number == ""


def test_an_agent_without_profile_or_team_is_recorded_without_them(agent):
    complaint = complaint_register(actor=agent, **FIELDS)
    assert complaint.received_by_team is None and complaint.received_by_staff_number == ""
