"""/track/ after a lookup: the written result, the notice, and information the complainant adds."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from intake.models import Attachment, ComplaintEvent, State
from tests.factories import ComplaintFactory
from tests.resolutions.factories import complaint_mediating, complaint_notified, propose

pytestmark = pytest.mark.django_db
PHONE = "13812345678"


def lookup(client, complaint, phone=PHONE):
    return client.post("/track/", {"tracking_number": complaint.tracking_number, "phone": phone})


def photo(name="kitchen.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_receipt_link_fills_in_the_number_but_never_the_phone(client):
    complaint = ComplaintFactory(phone=PHONE)
    html = client.get(f"/track/?number={complaint.tracking_number.lower()}").content.decode()
    assert f'value="{complaint.tracking_number}"' in html
    assert PHONE not in html


def test_open_proposal_is_shown_with_its_terms(client, agent):
    complaint = complaint_mediating(agent, phone=PHONE)
    propose(complaint, agent)
    html = lookup(client, complaint).content.decode()
    assert "退还服务费并道歉" in html
    assert "重新培训" not in html  # what the worker side gets is not the complainant's business


def test_notice_terms_and_payments_after_the_result(client, agent):
    complaint = complaint_notified(agent, phone=PHONE, complainant_name="王小明")
    html = lookup(client, complaint).content.decode()
    assert "退还服务费并道歉" in html  # the settlement terms
    assert "已支付" in html or "Paid" in html
    assert "/track/notice/" in html
    notice = client.get("/track/notice/")
    assert notice.status_code == 200
    assert complaint.tracking_number in notice.content.decode()
    assert "王小明" not in notice.content.decode()
    pdf = client.get("/track/notice.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment")


def test_notice_needs_a_lookup_in_this_browser(client, agent):
    complaint_notified(agent, phone=PHONE)
    assert client.get("/track/notice/")["Location"] == "/track/"
    assert client.get("/track/notice.pdf")["Location"] == "/track/"


def test_lookup_is_followed_for_an_hour_only(client, time_machine):
    complaint = ComplaintFactory(phone=PHONE)
    time_machine.move_to(timezone.now())
    lookup(client, complaint)
    assert complaint.tracking_number in client.get("/track/").content.decode()
    time_machine.shift(3601)
    assert 'name="phone"' in client.get("/track/").content.decode()


def test_wrong_phone_follows_nothing(client):
    complaint = ComplaintFactory(phone=PHONE)
    lookup(client, complaint, phone="13900000000")
    assert client.post("/track/add/", {"text": "补充"})["Location"] == "/track/"
    assert not ComplaintEvent.objects.filter(complaint=complaint, transition="complainant_added").exists()


def test_complainant_adds_a_message_and_a_photo(client):
    complaint = ComplaintFactory(phone=PHONE)
    lookup(client, complaint)
    response = client.post("/track/add/", {"text": "阿姨还打碎了一个杯子", "evidence": [photo()]})
    assert response.status_code == 302
    event = ComplaintEvent.objects.get(complaint=complaint, transition="complainant_added")
    assert "阿姨还打碎了一个杯子" in event.note and "kitchen.png" in event.note
    assert Attachment.objects.filter(complaint=complaint, kind="image").count() == 1
    html = client.get("/track/").content.decode()
    assert "阿姨还打碎了一个杯子" in html


def test_a_file_that_fails_the_checks_is_refused_and_nothing_is_kept(client):
    complaint = ComplaintFactory(phone=PHONE)
    lookup(client, complaint)
    fake = SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    response = client.post("/track/add/", {"text": "看图", "evidence": [fake]})
    assert response.status_code == 400
    assert not Attachment.objects.filter(complaint=complaint).exists()
    assert not ComplaintEvent.objects.filter(complaint=complaint, transition="complainant_added").exists()


def test_closed_complaint_takes_no_more_information(client):
    complaint = ComplaintFactory(phone=PHONE, state=State.CLOSED)
    html = lookup(client, complaint).content.decode()
    assert 'action="/track/add/"' not in html
    response = client.post("/track/add/", {"text": "还有一件事"})
    assert response.status_code == 400
    assert not ComplaintEvent.objects.filter(complaint=complaint, transition="complainant_added").exists()


def test_a_flood_of_additions_is_slowed_down(client, settings):
    settings.TRACK_ADD_RATE = "2/h"
    complaint = ComplaintFactory(phone=PHONE)
    lookup(client, complaint)
    statuses = [client.post("/track/add/", {"text": f"第{i}条"}).status_code for i in range(3)]
    assert statuses == [302, 302, 429]


def test_empty_addition_is_refused_with_a_message(client):
    complaint = ComplaintFactory(phone=PHONE)
    lookup(client, complaint)
    response = client.post("/track/add/", {"text": "  "})
    assert response.status_code == 400


def test_addition_shows_on_the_desk_timeline(client, agent):
    complaint = ComplaintFactory(phone=PHONE)
    lookup(client, complaint)
    client.post("/track/add/", {"text": "阿姨还打碎了一个杯子"})
    client.force_login(agent)
    html = client.get(f"/desk/complaints/{complaint.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "New information from the complainant" in html
    assert "阿姨还打碎了一个杯子" in html
