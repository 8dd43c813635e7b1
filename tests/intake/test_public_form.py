"""The public complaint form: kind to people, hard on bad input, never a 500, never half-saved."""

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from core.models import OutboxMessage
from intake.choices import Channel
from intake.models import Attachment, Complaint
from tests.intake.public_data import IDEMPOTENCY_KEY, complaint_post_data, png_upload

URL = "/complaints/new/"
pytestmark = pytest.mark.django_db


def post(client, data, **extra):
    return client.post(URL, data, **extra)


def receipt_complaint(response):
    """The complaint a submission's receipt link shows. The link is signed with a timestamp, so two
    answers for the same complaint a second apart differ in text but not in what they open."""
    return Client().get(response["Location"]).context["complaint"]


def test_form_page_is_chinese_by_default_with_privacy_notice_and_hidden_key(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="idempotency_key"' in html and 'type="hidden"' in html
    assert 'id="privacy-notice"' in html
    assert "投诉" in html
    assert '<meta name="description"' in html


def test_form_page_switches_to_english(client):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in response.content.decode()
    assert "File a complaint" in response.content.decode()


def test_valid_complaint_is_registered_from_the_web_form_and_shows_a_receipt(client, settings):
    settings.SITE_URL = "https://ts.example.cn"
    response = post(client, complaint_post_data())
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert complaint.channel == Channel.WEB_FORM
    assert complaint.phone == "13812345678"
    assert complaint.demands == ["refund", "apology"]
    assert complaint.received_by is None
    assert complaint.privacy_consent_at is not None
    assert complaint.reply_wanted_by is not None
    receipt = client.get(response["Location"])
    assert complaint.tracking_number in receipt.content.decode()
    sms = OutboxMessage.objects.get(channel="sms")
    assert sms.recipient == "13812345678"
    assert "https://ts.example.cn/track/" in sms.body


def test_complaint_with_a_photo_stores_it_as_an_attachment(client):
    post(client, complaint_post_data(evidence=[png_upload("厨房.png")]))
    attachment = Attachment.objects.get()
    assert attachment.complaint == Complaint.objects.get()
    assert attachment.original_name == "厨房.png"
    assert attachment.kind == Attachment.Kind.IMAGE


def test_retried_post_returns_the_same_complaint(client):
    first = post(client, complaint_post_data())
    second = post(client, complaint_post_data())
    assert Complaint.objects.count() == 1
    assert receipt_complaint(first) == receipt_complaint(second) == Complaint.objects.get()


def test_retry_does_not_use_up_the_rate_limit(client, settings):
    settings.PUBLIC_COMPLAINT_RATE = "1/h"
    post(client, complaint_post_data())
    assert post(client, complaint_post_data()).status_code == 302


def test_missing_fields_come_back_with_messages_and_keep_what_was_typed(client):
    response = post(
        client, complaint_post_data(complainant_name="", description="", privacy_consent=""), HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in html
    assert "Please agree to the privacy notice" in html
    assert 'value="SO-2026-0001"' in html
    assert not Complaint.objects.exists()


def test_ten_megabytes_of_text_is_a_field_error_not_a_400(client):
    response = post(client, complaint_post_data(description="投" * (10 * 1024 * 1024 // 3)), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "at most 5000 characters" in response.content.decode()
    assert not Complaint.objects.exists()


def test_null_characters_are_refused_not_stored(client):
    response = post(client, complaint_post_data(description="正常的描述内容\x00隐藏"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Null characters are not allowed." in response.content.decode()
    assert not Complaint.objects.exists()


def test_emoji_are_accepted(client):
    post(client, complaint_post_data(complainant_name="小明😀", description="阿姨很不礼貌😡😡，还打碎了杯子。"))
    complaint = Complaint.objects.get()
    assert complaint.complainant_name == "小明😀"
    assert "😡" in complaint.description


def test_html_script_and_sql_are_stored_verbatim_and_shown_escaped(client):
    hostile = "<script>alert(1)</script>' OR 1=1; DROP TABLE intake_complaint; --"
    response = post(client, complaint_post_data(worker_named=hostile[:100], phone="not a phone"))
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    post(client, complaint_post_data(worker_named=hostile[:100], description=hostile))
    assert Complaint.objects.get().description == hostile


@pytest.mark.parametrize("phone", ["12345", "23812345678", "1381234567", "010-12345678", "138123456789"])
def test_wrong_phone_is_refused_in_the_users_language(client, phone):
    english = post(client, complaint_post_data(phone=phone), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = post(client, complaint_post_data(phone=phone)).content.decode()
    assert "Enter a mainland China mobile number" in english
    assert "请输入11位中国大陆手机号码" in chinese
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("phone", ["+86 138 1234 5678", "0086-13812345678", "138-1234-5678"])
def test_phone_written_with_country_code_or_separators_is_normalised(client, phone):
    post(client, complaint_post_data(phone=phone))
    assert Complaint.objects.get().phone == "13812345678"


def test_landline_must_have_an_area_code(client):
    response = post(client, complaint_post_data(landline="12345"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Enter a landline with its area code" in response.content.decode()


def test_date_in_the_future_is_refused(client):
    response = post(client, complaint_post_data(occurred_at="2999-01-01T10:00"), HTTP_ACCEPT_LANGUAGE="en")
    assert "This date is in the future." in response.content.decode()


def test_honeypot_filled_saves_nothing(client):
    response = post(client, complaint_post_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, complaint_post_data())
    assert response.status_code == 403
    assert not Complaint.objects.exists()


def test_rate_limit_per_client_address(client, settings):
    settings.PUBLIC_COMPLAINT_RATE = "2/h"
    for n in range(2):
        assert post(client, complaint_post_data(idempotency_key=f"key-{n}".ljust(20, "x"))).status_code == 302
    refused = post(client, complaint_post_data(idempotency_key="key-3".ljust(20, "x")), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert "Too many complaints" in refused.content.decode()
    assert 'value="SO-2026-0001"' in refused.content.decode()
    other = post(client, complaint_post_data(idempotency_key="key-4".ljust(20, "x")), REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302
    assert Complaint.objects.count() == 3


def test_rotating_forwarded_for_does_not_escape_the_rate_limit(client, settings):
    settings.PUBLIC_COMPLAINT_RATE = "1/h"
    post(client, complaint_post_data(idempotency_key="a" * 20), HTTP_X_FORWARDED_FOR="1.1.1.1")
    response = post(client, complaint_post_data(idempotency_key="b" * 20), HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert response.status_code == 429


def test_missing_or_forged_idempotency_key_gets_a_fresh_one(client):
    response = post(client, complaint_post_data(idempotency_key="<bad key>"))
    assert response.status_code == 302
    assert Complaint.objects.get().idempotency_key != "<bad key>"


def test_oversized_body_is_refused_with_the_form_before_reading_it(client, settings):
    settings.COMPLAINT_MAX_TOTAL_UPLOAD = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(client, complaint_post_data(evidence=[png_upload()], description="x" * 3000))
    assert response.status_code == 413
    assert 'name="idempotency_key"' in response.content.decode()
    assert not Complaint.objects.exists()


def test_text_over_djangos_memory_limit_is_refused_with_the_form(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    response = post(client, complaint_post_data(description="x" * 5000), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert "too large" in response.content.decode()


def test_too_many_files_is_refused_with_the_form(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    response = post(client, complaint_post_data(evidence=[png_upload(f"{n}.png") for n in range(3)]))
    assert response.status_code == 413
    assert not Complaint.objects.exists()


def test_form_shown_again_asks_to_choose_files_again(client):
    response = post(client, complaint_post_data(phone="1", evidence=[png_upload()]), HTTP_ACCEPT_LANGUAGE="en")
    assert "please choose your files again" in response.content.decode()
    assert not Attachment.objects.exists()


def test_broker_down_still_saves_the_complaint_and_keeps_the_message(client, django_capture_on_commit_callbacks):
    with mock.patch("core.tasks.send_outbox_message.delay", side_effect=ConnectionError("redis down")):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, complaint_post_data())
    assert response.status_code == 302
    assert Complaint.objects.count() == 1
    assert OutboxMessage.objects.get(channel="sms").status == OutboxMessage.Status.PENDING


def test_receipt_cannot_be_reached_by_guessing(client):
    post(client, complaint_post_data())
    complaint = Complaint.objects.get()
    guessed = reverse("complaint-receipt", kwargs={"token": complaint.tracking_number})
    assert client.get(guessed).status_code == 404


def test_receipt_shows_the_promised_reply_and_next_steps_without_personal_data(client):
    response = post(client, complaint_post_data(complainant_name="王小二"))
    html = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "within 24 hours" in html
    assert "What happens next" in html
    assert "王小二" not in html and "13812345678" not in html


def test_idempotency_key_is_stored_with_the_complaint(client):
    post(client, complaint_post_data())
    assert Complaint.objects.get().idempotency_key == IDEMPOTENCY_KEY


@pytest.mark.services
def test_simultaneous_retries_on_postgres_create_one_complaint(transactional_db):
    """Two copies of the same POST racing (a phone retrying while the first is still running)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def submit(_):
        try:
            return receipt_complaint(post(Client(), complaint_post_data(), REMOTE_ADDR="10.0.0.7"))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        shown = list(pool.map(submit, range(4)))
    assert Complaint.objects.count() == 1
    assert set(shown) == {Complaint.objects.get()}
