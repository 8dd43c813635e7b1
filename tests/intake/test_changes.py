"""Changes after acceptance from the workbench: reassign, reclassify, escalate, merge -- each with a
reason on the timeline, and bad input (stale page, wrong user, self-merge ...) changing nothing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core import roles
from core.models import OutboxMessage, StaffProfile, StaffTeam
from intake.choices import Category, EscalationLayer, Severity
from intake.locking import complaint_save
from intake.models import ComplaintEvent, State
from intake.tracking import complaint_public_status
from tests.factories import ComplaintFactory, UserFactory
from tests.investigations.factories import accepted_complaint


def _post(client, name, complaint, data, **kwargs):
    return client.post(reverse(name, args=[complaint.pk]), {"seen_version": complaint.version, **data}, **kwargs)


def _messages(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def _errors(response) -> list[str]:
    return [str(message) for message in response.context["messages"] if message.level_tag == "error"]


# --- reassign ------------------------------------------------------------------------------


def test_supervisor_reassigns_to_an_agent_of_the_team_with_the_reason_on_the_timeline(
    client, supervisor, agent, other_agent
):
    team = StaffTeam.objects.create(name="二组")
    team.members.add(other_agent)
    complaint = accepted_complaint(agent=agent, assigned_to=agent)
    client.force_login(supervisor)

    _post(
        client,
        "complaint-reassign",
        complaint,
        {"assigned_to": other_agent.username, "assigned_team": team.pk, "reason": "张三休假"},
    )

    complaint.refresh_from_db()
    assert (complaint.assigned_to, complaint.assigned_team) == (other_agent, team)
    event = complaint.events.get(transition="reassign")
    assert "张三休假" in event.note and event.actor == supervisor


@pytest.mark.parametrize("who", ["inactive", "investigator", "supervisor", "outside_team"])
def test_reassigning_to_someone_who_cannot_handle_it_is_refused_and_changes_nothing(
    client, supervisor, agent, other_agent, investigator, who
):
    team = StaffTeam.objects.create(name="二组")
    team.members.add(agent)
    chosen = {
        "inactive": other_agent,
        "investigator": investigator,
        "supervisor": supervisor,
        "outside_team": other_agent,
    }[who]
    if who == "inactive":
        other_agent.is_active = False
        other_agent.save()
    complaint = accepted_complaint(agent=agent, assigned_to=agent)
    version = complaint.version
    client.force_login(supervisor)

    response = _post(
        client,
        "complaint-reassign",
        complaint,
        {"assigned_to": chosen.username, "assigned_team": team.pk, "reason": "换人"},
        follow=True,
    )

    complaint.refresh_from_db()
    assert (complaint.assigned_to, complaint.version) == (agent, version)
    assert not complaint.events.filter(transition="reassign").exists()
    assert "errorlist" in response.content.decode() or _errors(response)


def test_the_handler_picker_lists_only_active_agents(client, supervisor, agent, other_agent, investigator):
    other_agent.is_active = False
    other_agent.save()
    complaint = accepted_complaint(agent=agent)
    client.force_login(supervisor)

    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    picker = page[page.index('id="id_reassign_assigned_to_choices"') :].split("</datalist>")[0]

    assert f'value="{agent.username}"' in picker
    for absent in (other_agent, investigator, supervisor):
        assert f'value="{absent.username}"' not in picker


def test_a_stale_page_cannot_reassign(client, supervisor, agent, other_agent):
    complaint = accepted_complaint(agent=agent, assigned_to=agent)
    client.force_login(supervisor)

    response = client.post(
        reverse("complaint-reassign", args=[complaint.pk]),
        {"seen_version": complaint.version - 1, "assigned_to": other_agent.username, "reason": "x"},
        follow=True,
    )

    complaint.refresh_from_db()
    assert complaint.assigned_to == agent
    assert "刷新" in _messages(response) or "reload" in _messages(response).lower()


def test_agents_do_not_reassign(client, agent, other_agent):
    complaint = accepted_complaint(agent=agent, assigned_to=agent)
    client.force_login(agent)

    response = _post(client, "complaint-reassign", complaint, {"assigned_to": other_agent.username, "reason": "x"})

    assert response.status_code == 403


# --- reclassify ----------------------------------------------------------------------------


def test_agent_reclassifies_the_category_with_a_reason(client, agent):
    complaint = accepted_complaint(agent=agent, category=Category.SERVICE_QUALITY)
    client.force_login(agent)

    _post(
        client,
        "complaint-reclassify",
        complaint,
        {
            "category": Category.FEE_DISPUTE,
            "severity": complaint.severity,
            "channel": complaint.channel,
            "reason": "其实是多收费",
        },
    )

    complaint.refresh_from_db()
    assert complaint.category == Category.FEE_DISPUTE
    assert "其实是多收费" in complaint.events.get(transition="reclassify").note


# --- escalate ------------------------------------------------------------------------------


def test_agent_escalates_to_the_supervisors_who_are_alerted(client, agent, supervisor):
    StaffProfile.objects.create(user=supervisor, mobile_phone="13900000001")
    supervisor.email = "lead@example.com"
    supervisor.save()
    complaint = accepted_complaint(agent=agent, assigned_to=agent)
    client.force_login(agent)

    _post(client, "complaint-escalate", complaint, {"reason": "客户要求赔偿超出权限"})

    complaint.refresh_from_db()
    assert complaint.escalation_layer == EscalationLayer.SUPERVISOR
    assert "客户要求赔偿超出权限" in complaint.events.get(transition="escalate").note
    alerts = OutboxMessage.objects.filter(complaint=complaint, purpose="escalation_1")
    assert {m.recipient for m in alerts} == {"lead@example.com", "13900000001"}
    assert all(complaint.phone not in m.body for m in alerts)


def test_escalated_to_management_the_complaint_opens_for_management_and_goes_no_higher(
    client, agent, supervisor, management_user
):
    complaint = accepted_complaint(agent=agent)
    workbench = reverse("complaint-workbench", args=[complaint.pk])
    client.force_login(management_user)
    assert client.get(workbench).status_code == 404
    client.force_login(supervisor)

    _post(client, "complaint-escalate", complaint, {"reason": "主管无法处理"})
    complaint.refresh_from_db()
    _post(client, "complaint-escalate", complaint, {"reason": "需要总经理决定"})
    complaint.refresh_from_db()
    response = _post(client, "complaint-escalate", complaint, {"reason": "再上一层"}, follow=True)

    complaint.refresh_from_db()
    assert complaint.escalation_layer == EscalationLayer.MANAGEMENT
    assert complaint.events.filter(transition="escalate").count() == 2
    assert "card-escalate" not in response.content.decode()
    client.force_login(management_user)
    assert client.get(workbench).status_code == 200


def test_escalation_needs_a_reason(client, agent):
    complaint = accepted_complaint(agent=agent)
    client.force_login(agent)

    response = _post(client, "complaint-escalate", complaint, {"reason": "  "})

    complaint.refresh_from_db()
    assert response.status_code == 400
    assert complaint.escalation_layer == EscalationLayer.AGENT


# --- merge ---------------------------------------------------------------------------------


def test_a_repeat_is_merged_into_its_original_and_its_number_still_leads_there(client, agent):
    original = accepted_complaint(agent=agent, phone="13800001111", order_number="SO-1")
    repeat = ComplaintFactory(phone="13900002222", order_number="SO-1")
    assert repeat.repeat_of_id is None or repeat.repeat_of == original
    client.force_login(agent)

    page = client.get(reverse("complaint-workbench", args=[repeat.pk])).content.decode()
    assert "card-merge" in page
    _post(
        client,
        "complaint-merge",
        repeat,
        {"original_number": original.tracking_number.lower(), "reason": "同一订单再次来电"},
    )

    repeat.refresh_from_db()
    assert (repeat.state, repeat.merged_into) == (State.MERGED, original)
    assert not repeat.deadlines.filter(met_at__isnull=True, stopped_at__isnull=True).exists()
    status = complaint_public_status(tracking_number=repeat.tracking_number, phone="13900002222")
    assert status.tracking_number == original.tracking_number
    timeline = client.get(reverse("complaint-workbench", args=[original.pk])).content.decode()
    assert "同一订单再次来电" in timeline
    assert repeat.tracking_number in timeline  # the repeat named on the original
    assert OutboxMessage.objects.filter(complaint=repeat, purpose="merged", recipient="13900002222").exists()


def _withdrawn(agent):
    complaint = ComplaintFactory()
    complaint.withdraw(by=agent)
    complaint_save(complaint)
    return complaint


@pytest.mark.parametrize("target", ["itself", "withdrawn", "merged", "unknown"])
def test_merging_into_a_wrong_complaint_is_refused_and_changes_nothing(client, agent, target):
    complaint = accepted_complaint(agent=agent)
    if target == "itself":
        number = complaint.tracking_number
    elif target == "withdrawn":
        number = _withdrawn(agent).tracking_number
    elif target == "merged":
        first, second = accepted_complaint(agent=agent), ComplaintFactory()
        from intake.services.merge import complaint_merge

        complaint_merge(
            complaint_id=second.pk,
            actor=agent,
            seen_version=second.version,
            original_number=first.tracking_number,
            reason="重复",
        )
        number = second.tracking_number
    else:
        number = "TS260101ZZZZZZZZ"
    version = complaint.version
    client.force_login(agent)

    response = _post(client, "complaint-merge", complaint, {"original_number": number, "reason": "重复"}, follow=True)

    complaint.refresh_from_db()
    assert (complaint.state, complaint.merged_into, complaint.version) == (State.ACCEPTED, None, version)
    assert _errors(response)
    assert not ComplaintEvent.objects.filter(transition__in=["merge", "merged_in"], complaint=complaint).exists()


def test_an_original_with_merged_repeats_cannot_itself_be_merged(client, agent):
    from intake.services.merge import complaint_merge

    original, repeat, other = accepted_complaint(agent=agent), ComplaintFactory(), accepted_complaint(agent=agent)
    complaint_merge(
        complaint_id=repeat.pk,
        actor=agent,
        seen_version=repeat.version,
        original_number=original.tracking_number,
        reason="重复",
    )
    original.refresh_from_db()
    client.force_login(agent)

    assert "card-merge" not in client.get(reverse("complaint-workbench", args=[original.pk])).content.decode()
    _post(client, "complaint-merge", original, {"original_number": other.tracking_number, "reason": "链"})

    original.refresh_from_db()
    assert original.state == State.ACCEPTED


def test_investigators_do_not_merge(client, investigator, agent):
    original, repeat = accepted_complaint(agent=agent), ComplaintFactory()
    client.force_login(investigator)

    response = _post(client, "complaint-merge", repeat, {"original_number": original.tracking_number, "reason": "x"})

    assert response.status_code == 403


def test_management_is_not_offered_changes(client, management_user, agent):
    complaint = accepted_complaint(agent=agent, severity=Severity.MAJOR)
    Group.objects.get(name=roles.MANAGEMENT)
    client.force_login(management_user)

    assert 'id="changes"' not in client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()


def test_a_second_agent_account_can_be_a_handler(supervisor, agent):
    """A fresh agent account is offered as soon as it holds the role."""
    from intake.services.assignment import assignees

    newcomer = UserFactory(username="newcomer")
    assert newcomer not in assignees()
    newcomer.groups.add(Group.objects.get(name=roles.AGENT))
    assert newcomer in assignees()
