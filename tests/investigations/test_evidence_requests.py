"""The desk asks the worker or the company for evidence by a due date; the workbench shows it."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.message_templates import message_templates_install
from core.models import MessageTemplate, OutboxMessage
from intake.models import ComplaintEvent
from investigations import services
from investigations.models import EvidenceRequest
from tests.investigations.factories import investigating_complaint

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.get_default_timezone())


def _ask(complaint, actor, **fields):
    data = {
        "addressee": EvidenceRequest.Addressee.WORKER,
        "addressee_name": "周阿姨",
        "asked_for": "当天的打卡记录和工作照片",
        "due_on": date(2026, 11, 5),
        "phone": "139 0000 0009",
    }
    data.update(fields)
    return services.evidence_request_create(complaint_id=complaint.pk, actor=actor, **data)


@time_machine.travel(NOW, tick=False)
def test_request_is_sent_to_the_worker_without_the_tracking_number(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    request = _ask(complaint, investigator)
    assert request.phone == "13900000009"
    sms = OutboxMessage.objects.get(purpose="evidence_request")
    assert sms.recipient == "13900000009"
    assert "2026-11-05" in sms.body and "打卡记录" in sms.body
    assert complaint.tracking_number not in sms.body
    assert ComplaintEvent.objects.filter(complaint=complaint, note__contains="2026-11-05").exists()


@time_machine.travel(NOW, tick=False)
def test_company_request_without_a_phone_sends_nothing(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    _ask(complaint, investigator, addressee=EvidenceRequest.Addressee.COMPANY, addressee_name="保洁一组", phone="")
    assert not OutboxMessage.objects.filter(purpose="evidence_request").exists()


@time_machine.travel(NOW, tick=False)
def test_due_date_must_be_in_the_future(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    with pytest.raises(ValidationError):
        _ask(complaint, investigator, due_on=date(2026, 11, 2))


def test_only_the_team_asks(agent, investigator, other_agent):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    with pytest.raises(PermissionDenied):
        _ask(complaint, other_agent, due_on=timezone.localdate() + timedelta(days=3))


def test_workbench_shows_due_overdue_and_received(client, agent, investigator):
    with time_machine.travel(NOW, tick=False):
        complaint = investigating_complaint(agent=agent, lead=investigator)
        first = _ask(complaint, investigator)
        _ask(complaint, investigator, addressee_name="保洁一组", due_on=date(2026, 11, 20), phone="")
    client.force_login(investigator)
    with time_machine.travel(NOW + timedelta(days=5), tick=False):
        html = client.get(f"/desk/complaints/{complaint.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "overdue since 2026-11-05" in html
        assert "due 2026-11-20" in html
        response = client.post(f"/desk/evidence-requests/{first.pk}/received/")
        assert response.status_code == 302
    first.refresh_from_db()
    assert first.received_at is not None
    with pytest.raises(ValidationError):
        services.evidence_request_receive(request_id=first.pk, actor=investigator)


def test_request_form_page_records_the_request(client, agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    client.force_login(investigator)
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        f"/desk/complaints/{complaint.pk}/evidence/request/",
        {"addressee": "company", "addressee_name": "客服部", "asked_for": "派单记录", "due_on": due, "phone": ""},
    )
    assert response.status_code == 302
    assert EvidenceRequest.objects.get().addressee_name == "客服部"


@time_machine.travel(NOW, tick=False)
def test_the_request_is_worded_as_supervisors_last_edited_it(client, agent, investigator, supervisor):
    message_templates_install()
    template = MessageTemplate.objects.get(purpose="evidence_request")
    client.force_login(supervisor)
    response = client.post(
        reverse("admin:core_messagetemplate_change", args=[template.pk]),
        {"text_zh": "请于{due}前交来{what}（服务日期{date}）。", "text_en": template.text_en},
    )
    assert response.status_code == 302
    complaint = investigating_complaint(agent=agent, lead=investigator)
    _ask(complaint, investigator)
    sms = OutboxMessage.objects.get(purpose="evidence_request")
    assert sms.body.startswith("请于2026-11-05前交来当天的打卡记录和工作照片（服务日期")


def test_a_wording_with_the_tracking_number_is_refused(client, supervisor):
    message_templates_install()
    template = MessageTemplate.objects.get(purpose="evidence_request")
    client.force_login(supervisor)
    response = client.post(
        reverse("admin:core_messagetemplate_change", args=[template.pk]),
        {"text_zh": "投诉{number}：请于{due}前交来{what}。", "text_en": template.text_en},
    )
    assert response.status_code == 200
    template.refresh_from_db()
    assert "{number}" not in template.text_zh


def test_the_shipped_wording_exists_in_both_languages():
    message_templates_install()
    template = MessageTemplate.objects.get(purpose="evidence_request")
    assert "{due}" in template.text_zh and "证据" in template.text_zh
    assert "{due}" in template.text_en and "evidence" in template.text_en
