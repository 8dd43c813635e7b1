"""Requests from the data subject: made on /track/ after the lookup or registered by an agent,
answered by a supervisor, told by SMS, logged on the timeline (docs/personal-data.md)."""

import json
from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import OutboxMessage, PersonalDataAccess
from deadlines.calendar import add_working_days
from intake.models import Complaint, ComplaintEvent, PrivacyRequest, State
from intake.services.privacy import privacy_request_fulfil, privacy_request_refuse, privacy_request_submit
from intake.worklists import worklist_counts
from resolutions.services import archive, ends
from tests.factories import ComplaintFactory
from tests.resolutions.factories import complaint_accepted, fresh

pytestmark = pytest.mark.django_db
PHONE = "13812345678"
Kind = PrivacyRequest.Kind


def _at(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def lookup(client, complaint, phone=PHONE):
    return client.post("/track/", {"tracking_number": complaint.tracking_number, "phone": phone})


def texts(purpose: str) -> list[str]:
    return list(OutboxMessage.objects.filter(purpose=purpose, channel="sms").values_list("body", flat=True))


def submit(complaint, kind, **kwargs) -> PrivacyRequest:
    kwargs.setdefault("channel", PrivacyRequest.Channel.WEB)
    return privacy_request_submit(complaint_id=complaint.pk, kind=kind, **kwargs)


def reloaded(request: PrivacyRequest) -> PrivacyRequest:
    request.refresh_from_db()
    return request


def archived_complaint(agent, **fields) -> Complaint:
    complaint = complaint_accepted(agent, **fields)
    ends.complaint_withdraw(complaint_id=complaint.pk, actor=agent, reason="已和阿姨私下解决")
    today = timezone.localdate()
    archive.archive_month(year=today.year, month=today.month)
    return fresh(complaint)


# --- from /track/ ----------------------------------------------------------------------------


def test_a_request_from_the_tracking_page_is_recorded_with_its_due_date_and_acknowledged_once(client, settings):
    settings.PRIVACY_REQUEST_WORKING_DAYS = 15
    complaint = ComplaintFactory(phone=PHONE)
    lookup(client, complaint)
    with time_machine.travel(_at(2026, 11, 2, 10), tick=False):
        response = client.post("/track/privacy/", {"kind": Kind.COPY, "details": ""})
    assert response.status_code == 302
    request = complaint.privacy_requests.get()
    assert request.kind == Kind.COPY and request.channel == PrivacyRequest.Channel.WEB
    assert request.due_at == add_working_days(_at(2026, 11, 2, 10), 15)
    assert len(texts("privacy_request_received")) == 1
    assert request.due_at.astimezone().strftime("%Y-%m-%d") in texts("privacy_request_received")[0]
    event = complaint.events.get(transition="privacy_request")
    assert not event.public


def test_the_due_date_follows_the_setting(settings):
    settings.PRIVACY_REQUEST_WORKING_DAYS = 3
    complaint = ComplaintFactory()
    with time_machine.travel(_at(2026, 11, 2, 10), tick=False):
        request = submit(complaint, Kind.SEE)
    assert request.due_at == add_working_days(_at(2026, 11, 2, 10), 3)


def test_no_request_without_a_lookup_in_this_browser(client):
    ComplaintFactory(phone=PHONE)
    response = client.post("/track/privacy/", {"kind": Kind.DELETE})
    assert response["Location"] == "/track/"
    assert not PrivacyRequest.objects.exists()


def test_a_wrong_phone_opens_nothing_to_ask_about(client):
    complaint = ComplaintFactory(phone=PHONE)
    lookup(client, complaint, phone="13900000000")
    client.post("/track/privacy/", {"kind": Kind.DELETE})
    assert not PrivacyRequest.objects.exists()


def test_a_correction_must_say_what_is_wrong(client):
    complaint = ComplaintFactory(phone=PHONE)
    lookup(client, complaint)
    response = client.post("/track/privacy/", {"kind": Kind.CORRECT, "details": " "}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Tell us what is wrong" in response.content.decode()
    assert not PrivacyRequest.objects.exists()


def test_an_unknown_kind_is_a_form_error_not_a_500(client):
    complaint = ComplaintFactory(phone=PHONE)
    lookup(client, complaint)
    assert client.post("/track/privacy/", {"kind": "everything"}).status_code == 400


def test_the_same_request_twice_is_refused_while_the_first_is_open(client):
    complaint = ComplaintFactory(phone=PHONE)
    lookup(client, complaint)
    client.post("/track/privacy/", {"kind": Kind.SEE})
    response = client.post("/track/privacy/", {"kind": Kind.SEE}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "already open" in response.content.decode()
    assert complaint.privacy_requests.count() == 1
    assert len(texts("privacy_request_received")) == 1


def test_the_tracking_page_shows_the_requests_and_links_the_notice(client):
    complaint = ComplaintFactory(phone=PHONE)
    submit(complaint, Kind.RESTRICT)
    html = lookup(client, complaint).content.decode()
    assert 'id="privacy"' in html and "/privacy/" in html
    assert str(Kind.RESTRICT.label) in html or "限制" in html


# --- registered by an agent ------------------------------------------------------------------


def test_an_agent_registers_a_request_made_by_phone(client, agent):
    complaint = ComplaintFactory()
    client.force_login(agent)
    response = client.post(
        f"/desk/complaints/{complaint.pk}/privacy-requests/",
        {"kind": Kind.SEE, "channel": PrivacyRequest.Channel.PHONE, "details": "来电要求查看"},
    )
    assert response.status_code == 302
    request = complaint.privacy_requests.get()
    assert request.registered_by == agent and request.channel == PrivacyRequest.Channel.PHONE
    assert complaint.events.get(transition="privacy_request").actor == agent


def test_a_letter_received_last_week_is_due_from_its_postmark(agent):
    complaint = ComplaintFactory(received_at=_at(2026, 10, 1, 9))
    postmark = _at(2026, 11, 2, 9)
    with time_machine.travel(_at(2026, 11, 9, 9), tick=False):
        request = submit(
            complaint, Kind.DELETE, channel=PrivacyRequest.Channel.LETTER, actor=agent, received_at=postmark
        )
    assert request.due_at == add_working_days(postmark, 15)


def test_an_investigator_cannot_register_requests(client, investigator):
    complaint = ComplaintFactory()
    client.force_login(investigator)
    response = client.post(f"/desk/complaints/{complaint.pk}/privacy-requests/", {"kind": Kind.SEE, "channel": "phone"})
    assert response.status_code == 403
    assert not PrivacyRequest.objects.exists()


def test_the_complainant_cannot_claim_a_phone_request_without_an_agent():
    with pytest.raises(PermissionDenied):
        submit(ComplaintFactory(), Kind.SEE, channel=PrivacyRequest.Channel.PHONE)


# --- see and copy ----------------------------------------------------------------------------


def test_seeing_and_downloading_open_only_after_the_request_is_fulfilled(client, supervisor):
    complaint = ComplaintFactory(phone=PHONE, complainant_name="王小明", address="北京市朝阳区某路1号")
    lookup(client, complaint)
    request = submit(complaint, Kind.COPY)
    assert client.get("/track/my-data/")["Location"] == "/track/"
    assert client.get("/track/my-data.json")["Location"] == "/track/"

    privacy_request_fulfil(request_id=request.pk, actor=supervisor)
    page = client.get("/track/my-data/")
    assert page.status_code == 200 and "北京市朝阳区某路1号" in page.content.decode()
    download = client.get("/track/my-data.json")
    assert download["Content-Disposition"].startswith("attachment")
    data = json.loads(download.content)
    values = {item["field"]: item["value"] for item in data["complaint"]}
    assert values["complainant_name"] == "王小明" and values["phone"] == PHONE
    assert complaint.events.filter(transition="personal_data_downloaded").count() == 1


def test_another_browser_without_the_lookup_gets_nothing(client, supervisor):
    complaint = ComplaintFactory(phone=PHONE)
    privacy_request_fulfil(request_id=submit(complaint, Kind.SEE).pk, actor=supervisor)
    assert client.get("/track/my-data.json")["Location"] == "/track/"


def test_a_supervisor_downloads_the_copy_for_a_letter_and_it_is_logged(client, supervisor, agent):
    complaint = ComplaintFactory(complainant_name="王小明")
    client.force_login(agent)
    assert client.post(f"/desk/complaints/{complaint.pk}/personal-data/").status_code == 403
    client.force_login(supervisor)
    response = client.post(f"/desk/complaints/{complaint.pk}/personal-data/")
    assert "王小明" in response.content.decode()
    assert PersonalDataAccess.objects.filter(user=supervisor, complaint=complaint).count() == 1


# --- correct ---------------------------------------------------------------------------------


def test_a_correction_is_applied_with_history_and_told_once(client, supervisor):
    complaint = ComplaintFactory(phone=PHONE, address="旧地址")
    request = submit(complaint, Kind.CORRECT, details="地址写错了")
    client.force_login(supervisor)
    response = client.post(
        f"/desk/complaints/{complaint.pk}/privacy-requests/{request.pk}/fulfil/",
        {"address": "北京市海淀区新地址2号", "phone": "139 0000 1111"},
    )
    assert response.status_code == 302
    complaint = fresh(complaint)
    assert complaint.address == "北京市海淀区新地址2号" and complaint.phone == "13900001111"
    assert complaint.history.first().history_change_reason
    assert complaint.history.filter(address="旧地址").exists()  # the history keeps what it said
    assert complaint.events.filter(transition="personal_data_corrected").exists()
    assert OutboxMessage.objects.get(purpose="privacy_request_fulfilled", channel="sms").recipient == "13900001111"
    assert reloaded(request).status == PrivacyRequest.Status.FULFILLED


def test_a_correction_that_changes_nothing_is_refused_and_the_request_stays_open(supervisor):
    complaint = ComplaintFactory(address="旧地址")
    request = submit(complaint, Kind.CORRECT, details="地址写错了")
    with pytest.raises(ValidationError):
        privacy_request_fulfil(request_id=request.pk, actor=supervisor, corrections={"address": "旧地址"})
    assert reloaded(request).is_open
    assert not texts("privacy_request_fulfilled")


def test_a_bad_phone_in_a_correction_is_a_message_not_a_500(client, supervisor):
    complaint = ComplaintFactory()
    request = submit(complaint, Kind.CORRECT, details="电话")
    client.force_login(supervisor)
    response = client.post(
        f"/desk/complaints/{complaint.pk}/privacy-requests/{request.pk}/fulfil/", {"phone": "12"}, follow=True
    )
    assert response.status_code == 200
    assert reloaded(request).is_open


# --- delete ----------------------------------------------------------------------------------


def test_deleting_an_open_case_is_refused_with_the_reason(supervisor):
    complaint = ComplaintFactory(phone=PHONE)
    request = submit(complaint, Kind.DELETE)
    with pytest.raises(ValidationError) as refusal:
        privacy_request_fulfil(request_id=request.pk, actor=supervisor)
    assert "closed" in str(refusal.value) or "结案" in str(refusal.value) or "处理" in str(refusal.value)
    assert fresh(complaint).complainant_name == "张三"
    assert reloaded(request).is_open


def test_deleting_a_complaint_under_legal_retention_is_refused_until_its_date(client, agent, supervisor, settings):
    settings.ARCHIVE_RETENTION_YEARS = 5
    with time_machine.travel(_at(2025, 3, 3, 9), tick=False):
        complaint = archived_complaint(agent, phone=PHONE)
        request = submit(complaint, Kind.DELETE)
        client.force_login(supervisor)
        response = client.post(
            f"/desk/complaints/{complaint.pk}/privacy-requests/{request.pk}/fulfil/",
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert "kept until 2030-03-03" in response.content.decode()
    assert fresh(complaint).phone == PHONE


def test_a_refusal_needs_a_reason_and_sends_it_once(supervisor):
    complaint = ComplaintFactory(phone=PHONE)
    request = submit(complaint, Kind.DELETE)
    with pytest.raises(ValidationError):
        privacy_request_refuse(request_id=request.pk, actor=supervisor, reason="  ")
    privacy_request_refuse(request_id=request.pk, actor=supervisor, reason="投诉仍在处理中，结案前需保留。")
    with pytest.raises(ValidationError):
        privacy_request_refuse(request_id=request.pk, actor=supervisor, reason="again")
    sent = texts("privacy_request_refused")
    assert len(sent) == 1 and "投诉仍在处理中" in sent[0]
    assert complaint.events.get(transition="privacy_request_refused").public is False


def test_deleting_after_the_retention_period_anonymises_everything_but_the_statistics(client, agent, supervisor):
    with time_machine.travel(_at(2019, 3, 4, 9), tick=False):
        complaint = archived_complaint(agent, phone=PHONE, complainant_name="王小明", address="北京市朝阳区某路1号")
    category, service_type = complaint.category, complaint.service_type
    with time_machine.travel(_at(2025, 6, 2, 9), tick=False):
        request = submit(complaint, Kind.DELETE, details="请删除我的信息")
        privacy_request_fulfil(request_id=request.pk, actor=supervisor)
    complaint = fresh(complaint)
    assert complaint.state == State.ARCHIVED and complaint.personal_data_erased_at
    assert (complaint.complainant_name, complaint.phone, complaint.address, complaint.description) == ("", "", "", "")
    assert (complaint.category, complaint.service_type) == (category, service_type)
    assert not complaint.history.filter(complainant_name="王小明").exists()
    assert not complaint.history.filter(phone=PHONE).exists()
    assert not PrivacyRequest.history.filter(details="请删除我的信息").exists()
    assert Complaint.objects.filter(pk=complaint.pk).exists()
    assert len(texts("privacy_request_fulfilled")) == 1
    assert OutboxMessage.objects.get(purpose="privacy_request_fulfilled", channel="sms").recipient == PHONE
    assert not OutboxMessage.objects.filter(purpose="received", recipient=PHONE).exists()
    assert complaint.events.filter(transition="personal_data_erased").exists()
    lookup(client, complaint)
    assert client.get("/track/my-data/")["Location"] == "/track/"  # the number and phone no longer match
    with pytest.raises(ValidationError):
        submit(complaint, Kind.SEE)


# --- restrict and withdraw consent -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "field"),
    [(Kind.RESTRICT, "processing_restricted_at"), (Kind.WITHDRAW_CONSENT, "consent_withdrawn_at")],
)
def test_restriction_and_withdrawal_are_marked_on_the_complaint(client, supervisor, kind, field):
    complaint = ComplaintFactory()
    request = submit(complaint, kind)
    client.force_login(supervisor)
    client.post(f"/desk/complaints/{complaint.pk}/privacy-requests/{request.pk}/fulfil/")
    assert getattr(fresh(complaint), field) is not None
    assert len(texts("privacy_request_fulfilled")) == 1
    assert client.get(f"/desk/complaints/{complaint.pk}/").status_code == 200


def test_an_archived_complaint_can_still_be_restricted(agent, supervisor):
    complaint = archived_complaint(agent)
    privacy_request_fulfil(request_id=submit(complaint, Kind.RESTRICT).pk, actor=supervisor)
    assert fresh(complaint).processing_restricted_at is not None


# --- who answers -----------------------------------------------------------------------------


def test_an_agent_cannot_answer_a_request(client, agent):
    complaint = ComplaintFactory()
    request = submit(complaint, Kind.SEE)
    client.force_login(agent)
    assert client.post(f"/desk/complaints/{complaint.pk}/privacy-requests/{request.pk}/fulfil/").status_code == 403
    with pytest.raises(PermissionDenied):
        privacy_request_refuse(request_id=request.pk, actor=agent, reason="不行")
    assert reloaded(request).is_open


def test_a_request_of_another_complaint_is_not_found_under_this_one(client, supervisor):
    request = submit(ComplaintFactory(), Kind.SEE)
    other = ComplaintFactory()
    client.force_login(supervisor)
    assert client.post(f"/desk/complaints/{other.pk}/privacy-requests/{request.pk}/fulfil/").status_code == 404
    assert reloaded(request).is_open


def test_fulfilling_twice_tells_the_complainant_once(supervisor):
    request = submit(ComplaintFactory(), Kind.SEE)
    privacy_request_fulfil(request_id=request.pk, actor=supervisor)
    with pytest.raises(ValidationError):
        privacy_request_fulfil(request_id=request.pk, actor=supervisor)
    assert len(texts("privacy_request_fulfilled")) == 1


# --- the supervisors' worklist ---------------------------------------------------------------


def test_the_worklist_counts_open_requests_archived_complaints_included(client, agent, supervisor):
    answered = submit(ComplaintFactory(), Kind.SEE)
    privacy_request_fulfil(request_id=answered.pk, actor=supervisor)
    open_one = submit(ComplaintFactory(), Kind.COPY)
    archived = archived_complaint(agent)
    submit(archived, Kind.DELETE)
    counts = {worklist.key: count for worklist, count in worklist_counts(supervisor)}
    assert counts["privacy_requests"] == 2
    assert "privacy_requests" not in {worklist.key for worklist, _count in worklist_counts(agent)}
    client.force_login(supervisor)
    html = client.get("/desk/privacy-requests/").content.decode()
    assert open_one.complaint.tracking_number in html and archived.tracking_number in html
    assert answered.complaint.tracking_number not in html
    client.force_login(agent)
    assert client.get("/desk/privacy-requests/").status_code == 403


def test_the_workbench_panel_offers_the_answers_to_supervisors_only(client, agent, supervisor):
    complaint = ComplaintFactory()
    request = submit(complaint, Kind.CORRECT, details="名字写错了")
    fulfil_url = f"/desk/complaints/{complaint.pk}/privacy-requests/{request.pk}/fulfil/"
    client.force_login(supervisor)
    assert fulfil_url in client.get(f"/desk/complaints/{complaint.pk}/").content.decode()
    client.force_login(agent)
    html = client.get(f"/desk/complaints/{complaint.pk}/").content.decode()
    assert "名字写错了" in html and fulfil_url not in html


def test_the_panel_says_why_a_deletion_cannot_be_done_yet(client, supervisor):
    complaint = ComplaintFactory()
    submit(complaint, Kind.DELETE)
    client.force_login(supervisor)
    html = client.get(f"/desk/complaints/{complaint.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "still being handled" in html


def test_request_events_stay_off_the_public_status(client):
    complaint = ComplaintFactory(phone=PHONE)
    submit(complaint, Kind.SEE)
    assert not ComplaintEvent.objects.filter(complaint=complaint, public=True).exists()
