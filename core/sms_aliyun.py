"""Alibaba Cloud SMS (阿里云短信服务): the ``SendSms`` action of its RPC API, signed by hand.

The official SDK pulls in a dozen packages for one signed POST, so the request is built here
from the documented signature method (HMAC-SHA1 over the sorted, percent-encoded parameters).
Mainland gateways send only registered templates: each message kind (the outbox's ``purpose``)
maps to a template code, and the template's single variable ``${content}`` carries the text.
The signature is the registered ``SignName``; the gateway puts it in front of the text.
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

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .sms import SmsDeliveryError

API_VERSION = "2017-05-25"


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

    def parameters(self, *, phone: str, text: str, purpose: str, now: datetime, nonce: str) -> dict[str, str]:
        return {
            "AccessKeyId": self.key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": phone,
            "RegionId": settings.ALIYUN_SMS_REGION,
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce,
            "SignatureVersion": "1.0",
            "TemplateCode": self.template_for(purpose),
            "TemplateParam": json.dumps({"content": text}, ensure_ascii=False),
            "Timestamp": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": API_VERSION,
        }

    def send(self, *, phone: str, text: str, purpose: str = "") -> str:
        """Returns the gateway's receipt id (``BizId``); raises ``SmsDeliveryError`` otherwise."""
        parameters = self.parameters(
            phone=phone, text=text, purpose=purpose, now=datetime.now(UTC), nonce=uuid.uuid4().hex
        )
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
        return answer.get("BizId", "")


def _json_or_empty(error: urllib.error.HTTPError) -> dict:
    try:
        return json.loads(error.read().decode())
    except (OSError, ValueError):
        return {"Code": f"HTTP {error.code}", "Message": error.reason}
