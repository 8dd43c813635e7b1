"""The emergency procedure of an urgent complaint: opened once, alerts, banner, the record, refusals."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core import roles
from core.models import OutboxMessage, StaffProfile
from intake.choices import Category, Severity
from intake.locking import ComplaintChanged
from intake.models import Complaint, ComplaintEvent, Emergency
from intake.services.decision import complaint_accept
from intake.services.emergency import (
    emergency_acknowledge,
    emergency_follow_up,
    emergency_open,
    emergency_record,
)
from intake.services.registration import complaint_register
from tests.factories import ComplaintFactory, UserFactory
from tests.intake.desk_data import registration_fields
from tests.intake.public_data import complaint_post_data

pytestmark = pytest.mark.django_db

URGENT_TEXT = "阿姨给老人洗澡时老人摔倒受伤了，头在流血，已经打了120，现在在医院急诊。"
EVENTS = ("emergency_open", "emergency_acknowledge", "emergency_record", "emergency_follow_up")


@pytest.fixture
def reachable(supervisor, other_supervisor, management_user, agent):
    """Supervisors and management with contact details; an agent who must not be alerted."""
    contacts = [
        (supervisor, "boss@example.com", "13900000001"),
        (other_supervisor, "", "13900000002"),
        (management_user, "gm@example.com", ""),
        (agent, "agent@example.com", "13900000009"),
    ]
    for user, email, mobile in contacts:
        user.email = email
        user.save()
        if mobile:
            StaffProfile.objects.create(user=user, mobile_phone=mobile)
    return contacts


def _urgent_complaint(**overrides) -> Complaint:
    return complaint_register(**registration_fields(description=URGENT_TEXT, **overrides))


def _accept(complaint, actor, **overrides):
    arguments = {
        "complaint_id": complaint.pk,
        "actor": actor,
        "seen_version": complaint.version,
        "category": Category.SAFETY_HAZARD,
        "severity": Severity.MAJOR,
        "urgent": True,
        "promised_reply_at": timezone.now() + timedelta(days=1),
    }
    return complaint_accept(**{**arguments, **overrides})


# Opening -----------------------------------------------------------------------------------------


def test_the_public_form_opens_an_emergency_for_an_urgent_complaint_without_an_opener(client):
    response = client.post(reverse("complaint-new"), complaint_post_data(description=URGENT_TEXT))

    assert response.status_code == 302
    emergency = Emergency.objects.get()
    assert emergency.complaint.urgent and emergency.opened_by is None
    assert not emergency.is_acknowledged


def test_the_api_opens_an_emergency_for_an_urgent_complaint():
    response = APIClient().post(
        "/api/complaints/", complaint_post_data(description=URGENT_TEXT, privacy_consent="true"), format="multipart"
    )

    assert response.status_code == 201
    assert Emergency.objects.get().complaint.tracking_number == response.json()["tracking_number"]


def test_an_agent_registering_as_urgent_opens_it_in_their_name(agent):
    complaint = complaint_register(
        actor=agent,
        **registration_fields(category=Category.SAFETY_HAZARD, severity=Severity.MAJOR, urgent=True),
    )

    assert complaint.emergency.opened_by == agent


def test_a_complaint_that_is_not_urgent_opens_nothing():
    complaint_register(**registration_fields())

    assert not Emergency.objects.exists()


def test_accepting_as_urgent_opens_the_emergency_in_the_deciders_name(agent):
    complaint = ComplaintFactory()

    _accept(complaint, agent)

    assert Emergency.objects.get(complaint=complaint).opened_by == agent


def test_the_emergency_is_opened_once_and_alerts_once(agent, reachable):
    complaint = _urgent_complaint()
    alerts = OutboxMessage.objects.filter(complaint=complaint, purpose="emergency_alert").count()

    _accept(Complaint.objects.get(pk=complaint.pk), agent)
    emergency_open(complaint=complaint, actor=agent)

    assert Emergency.objects.filter(complaint=complaint).count() == 1
    assert Emergency.objects.get(complaint=complaint).opened_by is None
    assert OutboxMessage.objects.filter(complaint=complaint, purpose="emergency_alert").count() == alerts
    assert ComplaintEvent.objects.filter(complaint=complaint, transition="emergency_open").count() == 1


# Alerts ------------------------------------------------------------------------------------------


def test_supervisors_and_management_are_alerted_by_email_and_sms(reachable):
    complaint = _urgent_complaint()

    sent = set(
        OutboxMessage.objects.filter(complaint=complaint, purpose="emergency_alert").values_list("channel", "recipient")
    )

    assert sent == {
        ("email", "boss@example.com"),
        ("sms", "13900000001"),
        ("sms", "13900000002"),
        ("email", "gm@example.com"),
    }


def test_the_alert_carries_number_category_and_time_but_no_personal_data(reachable):
    complaint = _urgent_complaint(address="上海市徐汇区某路 1 号", complainant_name="李秀英")

    for message in OutboxMessage.objects.filter(complaint=complaint, purpose="emergency_alert"):
        text = message.subject + message.body
        assert complaint.tracking_number in text
        assert "安全隐患" in text
        assert timezone.localtime(complaint.received_at).strftime("%Y-%m-%d %H:%M") in text
        for personal in (complaint.phone, "李秀英", "上海市", complaint.order_number, "老人"):
            assert personal not in text


def test_staff_without_email_or_mobile_and_inactive_staff_are_skipped(supervisor, management_user):
    management_user.is_active = False
    management_user.email = "gm@example.com"
    management_user.save()

    complaint = _urgent_complaint()

    assert not OutboxMessage.objects.filter(complaint=complaint, purpose="emergency_alert").exists()


def test_someone_both_supervisor_and_management_gets_one_message_per_channel(supervisor):
    supervisor.email = "both@example.com"
    supervisor.save()
    supervisor.groups.add(Group.objects.get(name=roles.MANAGEMENT))

    complaint = _urgent_complaint()

    assert OutboxMessage.objects.filter(complaint=complaint, purpose="emergency_alert").count() == 1


def test_a_staff_mobile_number_is_stored_as_eleven_digits(supervisor):
    profile = StaffProfile(user=supervisor, mobile_phone="+86 139 0000 0001")
    profile.full_clean()
    assert profile.mobile_phone == "13900000001"
    with pytest.raises(ValidationError):
        StaffProfile(user=supervisor, mobile_phone="12345").full_clean()


# Acknowledgement, record and follow-up -----------------------------------------------------------


def test_acknowledging_records_who_and_when_and_sets_the_follow_up_due(supervisor):
    complaint = _urgent_complaint()

    emergency = emergency_acknowledge(complaint_id=complaint.pk, actor=supervisor)

    assert emergency.acknowledged_by == supervisor
    assert emergency.follow_up_due_at == emergency.acknowledged_at + timedelta(hours=24)


def test_a_second_acknowledgement_is_refused_with_who_acknowledged(supervisor, management_user):
    complaint = _urgent_complaint()
    emergency_acknowledge(complaint_id=complaint.pk, actor=supervisor)

    with pytest.raises(ValidationError) as refused:
        emergency_acknowledge(complaint_id=complaint.pk, actor=management_user)

    assert str(supervisor) in refused.value.messages[0]


def test_the_record_keeps_actions_references_and_people_informed_with_history(agent):
    complaint = _urgent_complaint()

    emergency = emergency_record(
        complaint_id=complaint.pk,
        actor=agent,
        seen_version=0,
        actions_taken="已拨打 120，护工停止服务",
        hospital_reference="瑞金医院急诊 2026-1201-88",
        police_reference="",
        people_informed="主管王经理；老人女儿",
    )

    assert emergency.hospital_reference == "瑞金医院急诊 2026-1201-88"
    assert emergency.history.count() == 2
    event = ComplaintEvent.objects.get(complaint=complaint, transition="emergency_record")
    assert event.actor == agent and not event.public


def test_a_stale_record_form_is_refused_instead_of_overwriting(agent, supervisor):
    complaint = _urgent_complaint()
    emergency_record(complaint_id=complaint.pk, actor=supervisor, seen_version=0, actions_taken="已报警")

    with pytest.raises(ComplaintChanged):
        emergency_record(complaint_id=complaint.pk, actor=agent, seen_version=0, actions_taken="已拨打 120")

    assert Emergency.objects.get(complaint=complaint).actions_taken == "已报警"


def test_the_follow_up_needs_an_acknowledgement_first_and_happens_once(supervisor, agent):
    complaint = _urgent_complaint()
    with pytest.raises(ValidationError):
        emergency_follow_up(complaint_id=complaint.pk, actor=agent, note="老人已出院")
    emergency_acknowledge(complaint_id=complaint.pk, actor=supervisor)

    emergency = emergency_follow_up(complaint_id=complaint.pk, actor=agent, note="老人已出院")

    assert (emergency.followed_up_by, emergency.follow_up_note) == (agent, "老人已出院")
    with pytest.raises(ValidationError):
        emergency_follow_up(complaint_id=complaint.pk, actor=agent, note="再次回访")


def test_every_step_is_a_private_timeline_event_by_its_actor(supervisor, agent, client):
    complaint = _urgent_complaint()
    emergency_acknowledge(complaint_id=complaint.pk, actor=supervisor)
    emergency_record(complaint_id=complaint.pk, actor=agent, seen_version=1, actions_taken="已拨打急救电话")
    emergency_follow_up(complaint_id=complaint.pk, actor=agent, note="老人已出院")

    events = ComplaintEvent.objects.filter(complaint=complaint, transition__in=EVENTS)
    assert [(e.transition, e.actor) for e in events] == [
        ("emergency_open", None),
        ("emergency_acknowledge", supervisor),
        ("emergency_record", agent),
        ("emergency_follow_up", agent),
    ]
    assert not events.filter(public=True).exists()
    response = client.post(reverse("track"), {"tracking_number": complaint.tracking_number, "phone": complaint.phone})
    assert response.status_code == 200
    assert complaint.tracking_number in response.content.decode()
    assert "出院" not in response.content.decode() and "紧急" not in response.content.decode()


# Permissions -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [roles.AGENT, roles.INVESTIGATOR, roles.RULING_PANEL, roles.MANAGER])
def test_only_supervisors_and_management_acknowledge(role):
    user = UserFactory(username=f"u-{role}")
    user.groups.add(Group.objects.get(name=role))
    complaint = _urgent_complaint()

    with pytest.raises(PermissionDenied):
        emergency_acknowledge(complaint_id=complaint.pk, actor=user)


@pytest.mark.parametrize("role", [roles.INVESTIGATOR, roles.RULING_PANEL, roles.MANAGER])
def test_roles_outside_the_desk_cannot_record_or_follow_up(role, supervisor):
    user = UserFactory(username=f"u-{role}")
    user.groups.add(Group.objects.get(name=role))
    complaint = _urgent_complaint()
    emergency_acknowledge(complaint_id=complaint.pk, actor=supervisor)

    with pytest.raises(PermissionDenied):
        emergency_record(complaint_id=complaint.pk, actor=user, seen_version=1, actions_taken="x")
    with pytest.raises(PermissionDenied):
        emergency_follow_up(complaint_id=complaint.pk, actor=user, note="x")


def test_a_complaint_without_emergency_cannot_be_acknowledged(supervisor):
    complaint = ComplaintFactory()

    with pytest.raises(ValidationError):
        emergency_acknowledge(complaint_id=complaint.pk, actor=supervisor)


# Workbench and banner ----------------------------------------------------------------------------


def test_acknowledge_is_a_post_from_the_workbench_and_a_double_click_gets_a_message(client, supervisor):
    complaint = _urgent_complaint()
    client.force_login(supervisor)
    url = reverse("emergency-acknowledge", args=[complaint.pk])

    assert client.get(url).status_code == 405
    first = client.post(url, follow=True)
    second = client.post(url, follow=True)

    assert first.status_code == second.status_code == 200
    assert Emergency.objects.get(complaint=complaint).acknowledged_by == supervisor
    assert "该紧急投诉已由" in second.content.decode()


def test_an_agent_posting_acknowledge_is_refused(client, agent):
    complaint = _urgent_complaint()
    client.force_login(agent)

    response = client.post(reverse("emergency-acknowledge", args=[complaint.pk]))

    assert response.status_code == 403
    assert not Emergency.objects.get(complaint=complaint).is_acknowledged


def test_the_workbench_shows_the_emergency_panel_with_its_forms(client, supervisor):
    complaint = _urgent_complaint()
    client.force_login(supervisor)

    html = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()

    assert 'id="emergency"' in html
    assert reverse("emergency-acknowledge", args=[complaint.pk]) in html
    assert reverse("emergency-record", args=[complaint.pk]) in html


def test_an_invalid_record_form_comes_back_with_what_was_typed(client, agent):
    complaint = _urgent_complaint()
    client.force_login(agent)

    response = client.post(
        reverse("emergency-record", args=[complaint.pk]),
        {"seen_version": "0", "actions_taken": "已拨打 120", "hospital_reference": "医" * 101},
    )

    assert response.status_code == 400
    assert "已拨打 120" in response.content.decode()


def test_recording_through_the_workbench_saves_and_returns(client, agent):
    complaint = _urgent_complaint()
    client.force_login(agent)

    response = client.post(
        reverse("emergency-record", args=[complaint.pk]),
        {"seen_version": "0", "actions_taken": "已拨打 120", "police_reference": "徐汇分局 0088"},
    )

    assert response.status_code == 302
    assert Emergency.objects.get(complaint=complaint).police_reference == "徐汇分局 0088"


@pytest.mark.parametrize("role", list(roles.ROLE_PERMISSIONS))
def test_every_role_sees_the_banner_on_a_staff_page_until_acknowledged(client, role, supervisor):
    complaint = _urgent_complaint()
    user = UserFactory(username=f"u-{role}")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    page = reverse("reports") if role == roles.MANAGER else reverse("desk")

    before = client.get(page, follow=True).content.decode()
    emergency_acknowledge(complaint_id=complaint.pk, actor=supervisor)
    after = client.get(page, follow=True).content.decode()

    assert 'id="emergency-banner"' in before and complaint.tracking_number in before
    assert 'id="emergency-banner"' not in after


def test_the_banner_links_to_the_workbench_for_desk_staff_only(client, agent, manager):
    complaint = _urgent_complaint()
    link = reverse("complaint-workbench", args=[complaint.pk])

    client.force_login(agent)
    assert link in client.get(reverse("desk")).content.decode()
    client.force_login(manager)
    assert link not in client.get(reverse("reports"), follow=True).content.decode()


def test_the_banner_shows_in_django_admin(client, supervisor):
    complaint = _urgent_complaint()
    client.force_login(supervisor)

    html = client.get(reverse("admin:index")).content.decode()

    assert 'id="emergency-banner"' in html and complaint.tracking_number in html


def test_the_banner_is_not_on_public_pages(client):
    _urgent_complaint()

    assert 'id="emergency-banner"' not in client.get(reverse("complaint-new")).content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_banner_costs_one_query_whatever_the_number_of_emergencies(client, agent, django_assert_num_queries, count):
    for index in range(count):
        _urgent_complaint(phone=f"1391234{index:04d}", order_number=f"SO-{index}")
    client.force_login(agent)
    client.get(reverse("desk"))  # warm the session

    # session, user, permissions (2), worklist counters, inbox count, page of rows, emergency banner,
    # saved views, teams to share a view with (the same page: the session is not written again)
    with django_assert_num_queries(10):
        response = client.get(reverse("desk"))

    assert response.content.decode().count("#emergency") == min(count, 5)


def test_posting_to_a_complaint_without_emergency_gives_a_message_not_an_error(client, supervisor):
    complaint = ComplaintFactory()
    client.force_login(supervisor)

    for name in ("emergency-acknowledge", "emergency-follow-up"):
        response = client.post(reverse(name, args=[complaint.pk]), {"note": "已回访"}, follow=True)
        assert response.status_code == 200
        assert "未启动应急处理程序" in response.content.decode()


def test_a_second_follow_up_from_a_stale_page_gets_a_message(client, supervisor, agent):
    complaint = _urgent_complaint()
    emergency_acknowledge(complaint_id=complaint.pk, actor=supervisor)
    client.force_login(agent)
    url = reverse("emergency-follow-up", args=[complaint.pk])

    client.post(url, {"note": "老人已出院"})
    response = client.post(url, {"note": "老人已出院"}, follow=True)

    assert response.status_code == 200
    assert "跟进情况已由" in response.content.decode()
    assert Emergency.objects.get(complaint=complaint).follow_up_note == "老人已出院"
