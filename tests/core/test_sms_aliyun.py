"""The Alibaba Cloud SMS backend (the official SDK) against a local stand-in of the gateway's HTTP API:
the request, the signature the stand-in checks, and failures the outbox retries."""

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMessage
from core.outbox import delivery_reports_fetch, message_queue, message_send
from core.sms import SmsDeliveryError
from core.sms_aliyun import GATEWAY_TIME, AliyunSmsBackend, parse_templates
from tests.core.aliyun_stand_in import AliyunStandIn, signature_v3


@pytest.fixture
def aliyun(settings):
    settings.SMS_BACKEND = "core.sms_aliyun.AliyunSmsBackend"
    settings.ALIYUN_SMS_ACCESS_KEY_ID = "testId"
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = "testSecret"
    settings.ALIYUN_SMS_SIGN_NAME = "家政投诉中心"
    settings.ALIYUN_SMS_TEMPLATES = "received=SMS_100, default=SMS_999"
    settings.SMS_TIMEOUT = 2
    return settings


def test_stand_in_checks_the_signature_as_the_provider_documents_it():
    # The worked example of Alibaba Cloud's "signature method V3" page (POST RunInstances, YourAccessKeySecret).
    headers = {
        "host": "ecs.cn-shanghai.aliyuncs.com",
        "x-acs-action": "RunInstances",
        "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-acs-date": "2023-10-26T09:01:01Z",
        "x-acs-signature-nonce": "d410180a5abf7fe235dd9b74aca91fc0",
        "x-acs-version": "2014-05-26",
    }
    query = {"ImageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId": "cn-shanghai"}
    signature = signature_v3(
        method="POST", path="/", query=query, headers=headers, signed=sorted(headers), secret="YourAccessKeySecret"
    )
    assert signature == "e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804"


def test_template_list_is_read_from_one_variable():
    assert parse_templates(" received=SMS_1, ,bad,result_notice = SMS_2") == {
        "received": "SMS_1",
        "result_notice": "SMS_2",
    }


def test_message_goes_to_the_gateway_with_the_template_of_its_kind(aliyun, db):
    with AliyunStandIn(secret="testSecret") as gateway:
        aliyun.ALIYUN_SMS_ENDPOINT = gateway.url
        message = message_queue(channel="sms", recipient="13800000000", body="您的投诉已受理", purpose="received")
        assert message_send(message_id=message.pk) is True
    sent = gateway.received[0]
    assert sent["Action"] == "SendSms" and sent["AccessKeyId"] == "testId"
    assert sent["PhoneNumbers"] == "13800000000"
    assert sent["TemplateCode"] == "SMS_100"
    assert sent["SignName"] == "家政投诉中心"
    assert json.loads(sent["TemplateParam"]) == {"content": "您的投诉已受理"}
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT


def test_kind_without_its_own_template_uses_the_default(aliyun, db):
    with AliyunStandIn(secret="testSecret") as gateway:
        aliyun.ALIYUN_SMS_ENDPOINT = gateway.url
        AliyunSmsBackend().send(phone="13800000000", text="进度更新", purpose="investigation_started")
    assert gateway.received[0]["TemplateCode"] == "SMS_999"


def test_refused_message_stays_in_the_outbox_for_a_retry(aliyun, db):
    with AliyunStandIn(secret="testSecret", code="isv.BUSINESS_LIMIT_CONTROL", status=400) as gateway:
        aliyun.ALIYUN_SMS_ENDPOINT = gateway.url
        message = message_queue(channel="sms", recipient="13800000000", body="hi", purpose="received")
        assert message_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert "isv.BUSINESS_LIMIT_CONTROL" in message.last_error
    assert message.next_attempt_at > message.created_at


def test_wrong_secret_is_refused_by_the_gateway(aliyun, db):
    with AliyunStandIn(secret="anotherSecret") as gateway:
        aliyun.ALIYUN_SMS_ENDPOINT = gateway.url
        with pytest.raises(SmsDeliveryError, match="SignatureDoesNotMatch"):
            AliyunSmsBackend().send(phone="13800000000", text="hi", purpose="received")


def test_a_gateway_slower_than_the_configured_limit_is_a_delivery_error(aliyun):
    aliyun.SMS_TIMEOUT = 1
    with AliyunStandIn(secret="testSecret", delay=3) as gateway:
        aliyun.ALIYUN_SMS_ENDPOINT = gateway.url
        started = time.monotonic()
        with pytest.raises(SmsDeliveryError, match="unreachable"):
            AliyunSmsBackend().send(phone="13800000000", text="hi", purpose="received")
        assert time.monotonic() - started < 2.5


def test_unreadable_answer_is_a_delivery_error(aliyun):
    with AliyunStandIn(secret="testSecret", raw_answer=b"<html>proxy error</html>") as gateway:
        aliyun.ALIYUN_SMS_ENDPOINT = gateway.url
        with pytest.raises(SmsDeliveryError, match="unreachable"):
            AliyunSmsBackend().send(phone="13800000000", text="hi", purpose="received")


def test_an_unreachable_gateway_leaves_the_message_for_a_retry_without_its_content_in_the_error(aliyun, db):
    with AliyunStandIn(secret="testSecret") as gateway:
        aliyun.ALIYUN_SMS_ENDPOINT = gateway.url
    # The stand-in is gone: the endpoint refuses the connection.
    message = message_queue(channel="sms", recipient="13800000000", body="您的投诉已受理", purpose="received")
    assert message_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert "unreachable" in message.last_error
    assert "13800000000" not in message.last_error
    assert "%E6%82%A8" not in message.last_error and "您" not in message.last_error


def test_a_refusal_answered_with_success_status_is_a_delivery_error(aliyun):
    # The gateway answers most business refusals with HTTP 200 and the code in the body.
    with AliyunStandIn(secret="testSecret", code="isv.MOBILE_NUMBER_ILLEGAL") as gateway:
        aliyun.ALIYUN_SMS_ENDPOINT = gateway.url
        with pytest.raises(SmsDeliveryError, match="isv.MOBILE_NUMBER_ILLEGAL"):
            AliyunSmsBackend().send(phone="1380000", text="hi", purpose="received")


def test_a_wrong_key_id_is_refused_by_the_gateway(aliyun):
    with AliyunStandIn(secret="testSecret", key_id="anotherId") as gateway:
        aliyun.ALIYUN_SMS_ENDPOINT = gateway.url
        with pytest.raises(SmsDeliveryError, match="InvalidAccessKeyId"):
            AliyunSmsBackend().send(phone="13800000000", text="hi", purpose="received")


def test_missing_keys_are_a_configuration_error(aliyun):
    aliyun.ALIYUN_SMS_ACCESS_KEY_SECRET = ""
    with pytest.raises(ImproperlyConfigured):
        AliyunSmsBackend()


def test_endpoint_must_be_a_web_address(aliyun):
    aliyun.ALIYUN_SMS_ENDPOINT = "file:///etc/passwd"
    with pytest.raises(ImproperlyConfigured):
        AliyunSmsBackend()


def _sent(gateway, aliyun, **fields):
    aliyun.ALIYUN_SMS_ENDPOINT = gateway.url
    message = message_queue(channel="sms", recipient="13800000000", body="您的投诉已受理", purpose="received", **fields)
    assert message_send(message_id=message.pk) is True
    message.refresh_from_db()
    return message


def test_the_gateways_message_id_is_kept_and_delivery_is_not_known_yet(aliyun, db):
    with AliyunStandIn(secret="testSecret", biz_id="123^0") as gateway:
        message = _sent(gateway, aliyun)
        assert delivery_reports_fetch() == 0  # no receipt yet: the handset has not answered
    assert message.provider_message_id == "123^0"
    message.refresh_from_db()
    assert message.delivery == OutboxMessage.Delivery.UNKNOWN


def test_a_receipt_records_the_delivery_and_its_time(aliyun, db):
    with AliyunStandIn(secret="testSecret", biz_id="123^0") as gateway:
        message = _sent(gateway, aliyun)
        gateway.reports["123^0"] = {"SendStatus": 3, "ErrCode": "DELIVERED", "ReceiveDate": "2026-12-01 10:00:05"}
        assert delivery_reports_fetch() == 1
        assert delivery_reports_fetch() == 0  # known: not asked again
    query = [p for p in gateway.received if p["Action"] == "QuerySendDetails"]
    assert len(query) == 1
    assert query[0]["BizId"] == "123^0" and query[0]["PhoneNumber"] == "13800000000"
    assert query[0]["SendDate"] == timezone.localtime(message.sent_at, GATEWAY_TIME).strftime("%Y%m%d")
    message.refresh_from_db()
    assert message.delivery == OutboxMessage.Delivery.DELIVERED
    assert message.delivery_reported_at == datetime(2026, 12, 1, 2, 0, 5, tzinfo=UTC)


def test_an_undelivered_message_keeps_the_providers_error_and_shows_in_admin(aliyun, db, client, supervisor):
    with AliyunStandIn(secret="testSecret", biz_id="456^0") as gateway:
        message = _sent(gateway, aliyun)
        gateway.reports["456^0"] = {
            "SendStatus": 2,
            "ErrCode": "MOBILE_NOT_ON_SERVICE",
            "ReceiveDate": "2026-12-01 10:00:05",
        }
        delivery_reports_fetch()
    message.refresh_from_db()
    assert message.delivery == OutboxMessage.Delivery.FAILED
    assert message.delivery_error == "MOBILE_NOT_ON_SERVICE"
    assert message.status == OutboxMessage.Status.SENT  # never sent twice
    client.force_login(supervisor)
    page = client.get(reverse("admin:core_outboxmessage_changelist"), {"delivery__exact": "failed"})
    assert page.status_code == 200
    assert "MOBILE_NOT_ON_SERVICE" in page.content.decode()


def test_a_gateway_down_during_the_query_leaves_the_delivery_for_the_next_run(aliyun, db):
    with AliyunStandIn(secret="testSecret", biz_id="789^0") as gateway:
        message = _sent(gateway, aliyun)
    # The stand-in is gone: the endpoint refuses the connection.
    assert delivery_reports_fetch() == 0
    message.refresh_from_db()
    assert message.delivery == OutboxMessage.Delivery.UNKNOWN


def test_messages_older_than_the_receipt_window_are_not_asked_about(aliyun, db):
    with AliyunStandIn(secret="testSecret", biz_id="123^0") as gateway:
        message = _sent(gateway, aliyun)
        OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now() - timedelta(hours=73))
        gateway.reports["123^0"] = {"SendStatus": 3, "ErrCode": "DELIVERED", "ReceiveDate": "2026-12-01 10:00:05"}
        assert delivery_reports_fetch() == 0
    assert not [p for p in gateway.received if p["Action"] == "QuerySendDetails"]


def test_the_log_backend_counts_a_sent_message_as_delivered(settings, db):
    settings.SMS_BACKEND = "core.sms.LogSmsBackend"
    message = message_queue(channel="sms", recipient="13800000000", body="hi", purpose="received")
    message_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.delivery == OutboxMessage.Delivery.DELIVERED and message.delivery_reported_at is not None
    assert delivery_reports_fetch() == 0
