"""Alibaba Cloud SMS (阿里云短信服务): the ``SendSms`` and ``QuerySendDetails`` actions of its RPC
API, signed by hand.

The official SDK pulls in a dozen packages for one signed POST, so the request is built here
from the documented signature method (HMAC-SHA1 over the sorted, percent-encoded parameters).
Mainland gateways send only registered templates: each message kind (the outbox's ``purpose``)
maps to a template code, and the template's single variable ``${content}`` carries the text.
The signature is the registered ``SignName``; the gateway puts it in front of the text.
Delivery receipts are read back with ``QuerySendDetails`` by the message's ``BizId`` (see
``core.outbox.delivery_reports_fetch``).
"""

import base64
import hashlib
import hmac
import json
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .sms import DeliveryReport, SmsDeliveryError

API_VERSION = "2017-05-25"
#: The gateway's dates (``SendDate`` asked for, ``ReceiveDate`` answered) are Beijing time.
GATEWAY_TIME = ZoneInfo("Asia/Shanghai")
#: ``SendStatus`` of QuerySendDetails: 1 waiting for the receipt, 2 failed, 3 delivered.
SEND_FAILED, SEND_DELIVERED = 2, 3


def percent_encode(value: str) -> str:
    """RFC 3986 encoding as the gateway computes it: space as %20, ``~`` left alone."""
    return quote(value, safe="-_.~")


def signature_compute(*, method: str, parameters: dict[str, str], secret: str) -> str:
    canonical = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(parameters.items()))
    string_to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def parse_templates(value: str) -> dict[str, str]:
    """``received=SMS_1,result_notice=SMS_2,default=SMS_3`` → a dict; blanks ignored."""
    pairs = (item.split("=", 1) for item in value.split(",") if "=" in item)
    return {purpose.strip(): code.strip() for purpose, code in pairs if purpose.strip() and code.strip()}


class AliyunSmsBackend:
    """Sends through Alibaba Cloud SMS; configured by the ``ALIYUN_SMS_*`` settings."""

    def __init__(self) -> None:
        self.key_id = settings.ALIYUN_SMS_ACCESS_KEY_ID
        self.secret = settings.ALIYUN_SMS_ACCESS_KEY_SECRET
        self.sign_name = settings.ALIYUN_SMS_SIGN_NAME
        self.templates = parse_templates(settings.ALIYUN_SMS_TEMPLATES)
        if not (self.key_id and self.secret and self.sign_name and self.templates):
            raise ImproperlyConfigured(
                "AliyunSmsBackend needs ALIYUN_SMS_ACCESS_KEY_ID, ALIYUN_SMS_ACCESS_KEY_SECRET, "
                "ALIYUN_SMS_SIGN_NAME and ALIYUN_SMS_TEMPLATES."
            )
        self.endpoint = settings.ALIYUN_SMS_ENDPOINT
        if not self.endpoint.startswith(("https://", "http://")):
            raise ImproperlyConfigured("ALIYUN_SMS_ENDPOINT must be an http(s) address.")

    def template_for(self, purpose: str) -> str:
        code = self.templates.get(purpose) or self.templates.get("default")
        if not code:
            raise SmsDeliveryError(f"No SMS template registered for {purpose or 'default'!r}")
        return code

    reports_delivery = True

    def parameters(self, *, phone: str, text: str, purpose: str, now: datetime, nonce: str) -> dict[str, str]:
        return {
            **self._common(action="SendSms", now=now, nonce=nonce),
            "PhoneNumbers": phone,
            "SignName": self.sign_name,
            "TemplateCode": self.template_for(purpose),
            "TemplateParam": json.dumps({"content": text}, ensure_ascii=False),
        }

    def _common(self, *, action: str, now: datetime, nonce: str) -> dict[str, str]:
        return {
            "AccessKeyId": self.key_id,
            "Action": action,
            "Format": "JSON",
            "RegionId": settings.ALIYUN_SMS_REGION,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce,
            "SignatureVersion": "1.0",
            "Timestamp": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": API_VERSION,
        }

    def send(self, *, phone: str, text: str, purpose: str = "") -> str:
        """Returns the gateway's receipt id (``BizId``); raises ``SmsDeliveryError`` otherwise."""
        parameters = self.parameters(
            phone=phone, text=text, purpose=purpose, now=datetime.now(UTC), nonce=uuid.uuid4().hex
        )
        return self._call(parameters).get("BizId", "")

    def delivery_report(self, *, phone: str, provider_id: str, sent_at: datetime) -> DeliveryReport | None:
        """The receipt of one sent message, or None while the handset has not answered yet."""
        parameters = {
            **self._common(action="QuerySendDetails", now=datetime.now(UTC), nonce=uuid.uuid4().hex),
            "PhoneNumber": phone,
            "BizId": provider_id,
            "SendDate": sent_at.astimezone(GATEWAY_TIME).strftime("%Y%m%d"),
            "PageSize": "10",
            "CurrentPage": "1",
        }
        answer = self._call(parameters)
        details = (answer.get("SmsSendDetailDTOs") or {}).get("SmsSendDetailDTO") or []
        detail = details[0] if details and isinstance(details[0], dict) else {}
        status = detail.get("SendStatus")
        if status not in (SEND_FAILED, SEND_DELIVERED):
            return None
        return DeliveryReport(
            delivered=status == SEND_DELIVERED,
            error="" if status == SEND_DELIVERED else str(detail.get("ErrCode") or "")[:100],
            at=_gateway_time(detail.get("ReceiveDate") or detail.get("SendDate")),
        )

    def _call(self, parameters: dict[str, str]) -> dict:
        """POST one signed action; the answer when its ``Code`` is ``OK``, else ``SmsDeliveryError``."""
        parameters["Signature"] = signature_compute(method="POST", parameters=parameters, secret=self.secret)
        body = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in parameters.items()).encode()
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked in __init__
            self.endpoint,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT) as response:  # noqa: S310
                answer = json.loads(response.read().decode())
        except urllib.error.HTTPError as error:  # the gateway answers refusals with 4xx and a JSON body
            answer = _json_or_empty(error)
        except (OSError, ValueError) as error:  # timeout, refused connection, TLS, not JSON
            raise SmsDeliveryError(f"SMS gateway unreachable: {error!r}") from error
        if not isinstance(answer, dict) or answer.get("Code") != "OK":
            answer = answer if isinstance(answer, dict) else {}
            raise SmsDeliveryError(f"SMS gateway refused: {answer.get('Code')} {answer.get('Message')}")
        return answer


def _gateway_time(value) -> datetime | None:
    try:
        return datetime.strptime(str(value), "%Y-%m-%d %H:%M:%S").replace(tzinfo=GATEWAY_TIME)
    except ValueError:
        return None


def _json_or_empty(error: urllib.error.HTTPError) -> dict:
    try:
        return json.loads(error.read().decode())
    except (OSError, ValueError):
        return {"Code": f"HTTP {error.code}", "Message": error.reason}
