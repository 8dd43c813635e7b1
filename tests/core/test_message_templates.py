"""Supervisors word the messages to complainants and workers in admin; each change keeps its history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.message_templates import KINDS, message_templates_install, message_text
from core.models import MessageTemplate, OutboxMessage, StaffTeam
from intake.choices import Category, Severity
from intake.services.decision import complaint_accept
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _accept(complaint, agent, **overrides):
    return complaint_accept(
        **{
            "complaint_id": complaint.pk,
            "actor": agent,
            "seen_version": complaint.version,
            "category": Category.SERVICE_QUALITY,
            "severity": Severity.GENERAL,
            "urgent": False,
            "promised_reply_at": timezone.now() + timedelta(days=1),
            **overrides,
        }
    )


def _change(client, template, **texts):
    return client.post(
        reverse("admin:core_messagetemplate_change", args=[template.pk]),
        {"text_zh": template.text_zh, "text_en": template.text_en, **texts},
    )


def test_every_kind_of_message_ships_with_its_wording_in_both_languages():
    message_templates_install()

    templates = {t.purpose: t for t in MessageTemplate.objects.all()}
    assert set(KINDS) <= set(templates)
    accepted = templates["accepted"]
    assert "{number}" in accepted.text_zh and "{team}" in accepted.text_zh and "受理" in accepted.text_zh
    assert "{number}" in accepted.text_en and "accepted" in accepted.text_en


def test_a_supervisors_wording_is_what_the_complainant_receives(client, supervisor, agent):
    message_templates_install()
    template = MessageTemplate.objects.get(purpose="accepted")
    client.force_login(supervisor)

    response = _change(client, template, text_zh="您好，投诉{number}已由{team}受理，{date}前答复。")
    complaint = ComplaintFactory()
    _accept(complaint, agent, assigned_team=StaffTeam.objects.create(name="客服二组"))

    assert response.status_code == 302
    sms = OutboxMessage.objects.get(complaint=complaint, purpose="accepted", channel="sms")
    assert sms.body.startswith(f"您好，投诉{complaint.tracking_number}已由客服二组受理，")
    assert template.history.latest().history_user == supervisor


def test_an_unknown_variable_is_refused_and_nothing_is_saved(client, supervisor):
    message_templates_install()
    template = MessageTemplate.objects.get(purpose="closed")
    client.force_login(supervisor)

    response = _change(client, template, text_zh="投诉{number}已结案，处理人{agent_name}。")

    assert response.status_code == 200
    assert "{agent_name}" in response.content.decode()
    template.refresh_from_db()
    assert "{agent_name}" not in template.text_zh


def test_the_admin_page_lists_the_variables_and_previews_both_languages(client, supervisor):
    message_templates_install()
    template = MessageTemplate.objects.get(purpose="payment_made")
    client.force_login(supervisor)

    page = client.get(reverse("admin:core_messagetemplate_change", args=[template.pk])).content.decode()

    assert "{item}" in page
    assert "退款 ¥200.00" in page  # the example value, filled into the preview
    assert page.count("H2026120100001") == 2  # one preview per language


def test_without_its_row_a_message_falls_back_to_the_shipped_wording():
    MessageTemplate.objects.all().delete()

    text = message_text("withdrawn", number="H1")

    assert text == KINDS["withdrawn"].default_text("zh-hans").replace("{number}", "H1")
    assert "撤回" in text


def test_the_accepted_message_names_the_handling_agents_team(agent, other_agent):
    team = StaffTeam.objects.create(name="家政三组")
    team.members.add(other_agent)
    complaint = ComplaintFactory()

    _accept(complaint, agent, assigned_to=other_agent)

    sms = OutboxMessage.objects.get(complaint=complaint, purpose="accepted", channel="sms")
    assert "家政三组" in sms.body
