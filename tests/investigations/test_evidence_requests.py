"""The desk asks the worker or the company for evidence by a due date; the workbench shows it."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import OutboxMessage
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
