"""Alibaba Cloud SMS (阿里云短信服务) through its official Python SDK, ``alibabacloud_dysmsapi20170525``:
the ``SendSms`` and ``QuerySendDetails`` actions.

The SDK signs each call (signature method V3, ``ACS3-HMAC-SHA256``) and posts it to the endpoint
given by ``ALIYUN_SMS_ENDPOINT``, a web address whose scheme becomes the SDK's protocol and whose
host (and port) its endpoint. Mainland gateways send only registered templates: each message kind
(the outbox's ``purpose``) maps to a template code, and the template's single variable ``${content}``
carries the text. The signature is the registered ``SignName``; the gateway puts it in front of the
text. Delivery receipts are read back with ``QuerySendDetails`` by the message's ``BizId`` (see
``core.outbox.delivery_reports_fetch``). Any failure is an ``SmsDeliveryError``; the outbox retries.
"""

import json
import re
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from alibabacloud_dysmsapi20170525 import models as dysms_models
from alibabacloud_dysmsapi20170525.client import Client
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException
from alibabacloud_tea_openapi.models import Config
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from Tea.exceptions import TeaException

from .sms import DeliveryReport, SmsDeliveryError

#: The gateway's dates (``SendDate`` asked for, ``ReceiveDate`` answered) are Beijing time.
GATEWAY_TIME = ZoneInfo("Asia/Shanghai")
#: ``SendStatus`` of QuerySendDetails: 1 waiting for the receipt, 2 failed, 3 delivered.
SEND_FAILED, SEND_DELIVERED = 2, 3


def parse_templates(value: str) -> dict[str, str]:
    """``received=SMS_1,result_notice=SMS_2,default=SMS_3`` → a dict; blanks ignored."""
    pairs = (item.split("=", 1) for item in value.split(",") if "=" in item)
    return {purpose.strip(): code.strip() for purpose, code in pairs if purpose.strip() and code.strip()}


def sdk_config(*, endpoint: str, key_id: str, secret: str, region: str, timeout: float) -> Config:
    """The SDK's client settings; ``endpoint`` is ``http(s)://host[:port]/``, timeouts in seconds."""
    address = urlsplit(endpoint)
    if address.scheme not in ("https", "http") or not address.netloc or address.path not in ("", "/"):
        raise ImproperlyConfigured(
            "ALIYUN_SMS_ENDPOINT must be an http(s) address such as https://dysmsapi.aliyuncs.com/."
        )
    milliseconds = int(timeout * 1000)
    return Config(
        access_key_id=key_id,
        access_key_secret=secret,
        endpoint=address.netloc,
        protocol=address.scheme,
        region_id=region,
        connect_timeout=milliseconds,
        read_timeout=milliseconds,
    )


class AliyunSmsBackend:
    """Sends through Alibaba Cloud SMS; configured by the ``ALIYUN_SMS_*`` settings."""

    reports_delivery = True

    def __init__(self) -> None:
        self.sign_name = settings.ALIYUN_SMS_SIGN_NAME
        self.templates = parse_templates(settings.ALIYUN_SMS_TEMPLATES)
        key_id, secret = settings.ALIYUN_SMS_ACCESS_KEY_ID, settings.ALIYUN_SMS_ACCESS_KEY_SECRET
        if not (key_id and secret and self.sign_name and self.templates):
            raise ImproperlyConfigured(
                "AliyunSmsBackend needs ALIYUN_SMS_ACCESS_KEY_ID, ALIYUN_SMS_ACCESS_KEY_SECRET, "
                "ALIYUN_SMS_SIGN_NAME and ALIYUN_SMS_TEMPLATES."
            )
        self.client = Client(
            sdk_config(
                endpoint=settings.ALIYUN_SMS_ENDPOINT,
                key_id=key_id,
                secret=secret,
                region=settings.ALIYUN_SMS_REGION,
                timeout=settings.SMS_TIMEOUT,
            )
        )

    def template_for(self, purpose: str) -> str:
        code = self.templates.get(purpose) or self.templates.get("default")
        if not code:
            raise SmsDeliveryError(f"No SMS template registered for {purpose or 'default'!r}")
        return code

    def send(self, *, phone: str, text: str, purpose: str = "") -> str:
        """Returns the gateway's receipt id (``BizId``); raises ``SmsDeliveryError`` otherwise."""
        request = dysms_models.SendSmsRequest(
            phone_numbers=phone,
            sign_name=self.sign_name,
            template_code=self.template_for(purpose),
            template_param=json.dumps({"content": text}, ensure_ascii=False),
        )
        answer = self._call(self.client.send_sms, request)
        return answer.biz_id or ""

    def delivery_report(self, *, phone: str, provider_id: str, sent_at: datetime) -> DeliveryReport | None:
        """The receipt of one sent message, or None while the handset has not answered yet."""
        request = dysms_models.QuerySendDetailsRequest(
            phone_number=phone,
            biz_id=provider_id,
            send_date=sent_at.astimezone(GATEWAY_TIME).strftime("%Y%m%d"),
            page_size=10,
            current_page=1,
        )
        answer = self._call(self.client.query_send_details, request)
        details = answer.sms_send_detail_dtos.sms_send_detail_dto if answer.sms_send_detail_dtos else None
        detail = details[0] if details else None
        status = detail.send_status if detail else None
        if status not in (SEND_FAILED, SEND_DELIVERED):
            return None
        return DeliveryReport(
            delivered=status == SEND_DELIVERED,
            error="" if status == SEND_DELIVERED else str(detail.err_code or "")[:100],
            at=_gateway_time(detail.receive_date or detail.send_date),
        )

    @staticmethod
    def _call(action, request):
        """One SDK call; the answer's body when its ``Code`` is ``OK``, else ``SmsDeliveryError``."""
        try:
            body = action(request).body
        except AlibabaCloudException as error:  # the gateway answered 4xx/5xx with its error code
            answer = error.data if isinstance(error.data, dict) else {}
            raise SmsDeliveryError(f"SMS gateway refused: {error.code} {answer.get('Message')}") from error
        except (TeaException, OSError, ValueError) as error:  # timeout, refused connection, TLS, not JSON
            raise SmsDeliveryError(f"SMS gateway unreachable: {_without_query(str(error))}") from error
        if body is None or body.code != "OK":
            code, message = (body.code, body.message) if body is not None else (None, None)
            raise SmsDeliveryError(f"SMS gateway refused: {code} {message}")
        return body


def _without_query(text: str) -> str:
    """The transport's error without the address's query string, which holds the phone and the text."""
    return re.sub(r"\?[^\s'\"]*", "?…", text)[:300]


def _gateway_time(value) -> datetime | None:
    try:
        return datetime.strptime(str(value), "%Y-%m-%d %H:%M:%S").replace(tzinfo=GATEWAY_TIME)
    except ValueError:
        return None
