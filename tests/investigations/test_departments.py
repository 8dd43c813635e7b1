"""Referrals to departments (seed 004) and joint handling groups (seed 002)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from investigations import services
from investigations.models import Department, DepartmentReferral, JointHandlingGroup
from investigations.services.departments import referrals_overdue
from tests.investigations.factories import investigating_complaint


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def business(db, other_agent):
    department = Department.objects.get(kind=Department.Kind.BUSINESS)
    department.members.add(other_agent)
    return department


def test_the_four_departments_of_seed_004_exist(db):
    assert set(Department.objects.values_list("name", flat=True)) >= {"业务部门", "服务部", "品控部", "质量管理部"}


def test_a_member_answers_a_referral_from_the_workbench(client, agent, investigator, other_agent, business):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(agent)
    client.post(reverse("referral-add", args=[complaint.pk]), {"department": business.pk, "request_text": "核实派单"})
    referral = DepartmentReferral.objects.get()
    assert referral.due_on > date.today() - timedelta(days=1)

    client.force_login(other_agent)
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert "核实派单" in page and reverse("referral-respond", args=[complaint.pk]) in page
    client.post(reverse("referral-respond", args=[complaint.pk]), {"referral": referral.pk, "response": "派单无误"})

    referral.refresh_from_db()
    assert referral.status == "answered" and referral.responded_by == other_agent


def test_a_non_member_cannot_answer(agent, investigator, business):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    referral = services.department_referral_create(
        complaint_id=complaint.pk, actor=agent, department=business, request_text="核实"
    )

    with pytest.raises(ValidationError, match="Only members of"):
        services.department_referral_respond(referral_id=referral.pk, actor=investigator, response="我来答")
    referral.refresh_from_db()
    assert referral.status == "open" and referral.response == ""


def test_a_department_without_members_takes_no_referral(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    empty = Department.objects.get(kind=Department.Kind.QUALITY_CONTROL)
    client.force_login(agent)

    response = client.post(
        reverse("referral-add", args=[complaint.pk]), {"department": empty.pk, "request_text": "检测"}, follow=True
    )

    assert "has no members yet" in response.content.decode()
    assert not DepartmentReferral.objects.exists()


def test_an_unanswered_referral_past_its_due_date_is_overdue(agent, investigator, business):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    referral = services.department_referral_create(
        complaint_id=complaint.pk, actor=agent, department=business, request_text="核实"
    )

    with time_machine.travel(referral.due_on + timedelta(days=2)):
        assert list(referrals_overdue()) == [referral]
        assert DepartmentReferral.objects.get().overdue


def test_a_joint_group_needs_two_departments_and_a_leader(agent, investigator, supervisor, management_user):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    service, quality = Department.objects.filter(kind__in=["service", "quality_management"])

    with pytest.raises(ValidationError, match="at least two departments"):
        services.joint_group_form(
            complaint_id=complaint.pk, actor=supervisor, leader=management_user, departments=[service]
        )
    with pytest.raises(ValidationError, match="leader must be"):
        services.joint_group_form(
            complaint_id=complaint.pk, actor=supervisor, leader=investigator, departments=[service, quality]
        )
    assert not JointHandlingGroup.objects.exists()

    group = services.joint_group_form(
        complaint_id=complaint.pk, actor=supervisor, leader=management_user, departments=[service, quality]
    )
    assert group.leader == management_user and group.departments.count() == 2
