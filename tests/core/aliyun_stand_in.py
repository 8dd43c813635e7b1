"""A local stand-in for Alibaba Cloud's SMS endpoint as the official SDK calls it: RPC actions
posted with signature method V3 (``ACS3-HMAC-SHA256``), the action and version in ``x-acs-*``
headers and the parameters in the query string (or a form body). It checks the signature like the
gateway does, answers ``SendSms`` with a ``BizId`` and ``QuerySendDetails`` with the receipts in
``reports``."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlsplit

ALGORITHM = "ACS3-HMAC-SHA256"
#: Headers the gateway requires in the signature, besides any other the client chose to sign.
REQUIRED_SIGNED = {
    "host",
    "x-acs-action",
    "x-acs-content-sha256",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-version",
}


def signature_v3(
    *, method: str, path: str, query: dict[str, str], headers: dict[str, str], signed: list[str], secret: str
) -> str:
    """Signature method V3 as Alibaba Cloud documents it: HMAC-SHA256 of the hashed canonical request."""
    canonical_query = "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in sorted(query.items()))
    canonical_headers = "".join(f"{name}:{headers[name].strip()}\n" for name in signed)
    canonical_request = "\n".join(
        [method, path or "/", canonical_query, canonical_headers, ";".join(signed), headers["x-acs-content-sha256"]]
    )
    string_to_sign = f"{ALGORITHM}\n{hashlib.sha256(canonical_request.encode()).hexdigest()}"
    return hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()


def authorization_parse(value: str) -> dict[str, str]:
    """``ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`` → its three fields."""
    algorithm, _, fields = value.partition(" ")
    parsed = dict(item.split("=", 1) for item in fields.split(",") if "=" in item)
    return parsed if algorithm == ALGORITHM else {}


class AliyunStandIn:
    def __init__(
        self,
        *,
        secret: str,
        key_id: str = "testId",
        code: str = "OK",
        status: int = 200,
        biz_id: str = "900619746936498440^0",
        delay: float = 0,
        raw_answer: bytes | None = None,
    ):
        self.secret, self.key_id, self.code, self.status, self.biz_id = secret, key_id, code, status, biz_id
        self.delay, self.raw_answer = delay, raw_answer
        #: Every call: its parameters plus ``Action`` and ``AccessKeyId`` as the gateway reads them.
        self.received: list[dict[str, str]] = []
        #: BizId -> the gateway's detail row (``SendStatus``, ``ErrCode``, ``ReceiveDate``).
        self.reports: dict[str, dict] = {}
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                address = urlsplit(self.path)
                query = dict(parse_qsl(address.query, keep_blank_values=True))
                form = dict(parse_qsl(body.decode(), keep_blank_values=True)) if body else {}
                headers = {name.lower(): value for name, value in self.headers.items()}
                authorization = authorization_parse(headers.get("authorization", ""))
                stand_in.received.append(
                    {
                        **query,
                        **form,
                        "Action": headers.get("x-acs-action", ""),
                        "AccessKeyId": authorization.get("Credential", ""),
                    }
                )
                code = stand_in.refusal(address.path, query, headers, body, authorization)
                if stand_in.delay:
                    time.sleep(stand_in.delay)
                if code:
                    self.answer(400, {"Code": code, "Message": code, "RequestId": "r"})
                elif stand_in.raw_answer is not None:
                    self.answer(stand_in.status, stand_in.raw_answer)
                else:
                    self.answer(stand_in.status, stand_in.result(headers["x-acs-action"], {**query, **form}))

            def answer(self, status: int, content):
                data = content if isinstance(content, bytes) else json.dumps(content).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json;charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (timeout tests)
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def refusal(self, path, query, headers, body, authorization) -> str:
        """The gateway's error code for a request it would not accept, or ""."""
        signed = authorization.get("SignedHeaders", "").split(";")
        if not authorization or not REQUIRED_SIGNED <= set(signed) or any(name not in headers for name in signed):
            return "IncompleteSignature"
        if authorization["Credential"] != self.key_id:
            return "InvalidAccessKeyId.NotFound"
        if headers["x-acs-content-sha256"] != hashlib.sha256(body).hexdigest():
            return "IncompleteSignature"
        if headers.get("x-acs-version") != "2017-05-25" or headers["x-acs-action"] not in (
            "SendSms",
            "QuerySendDetails",
        ):
            return "InvalidAction.NotFound"
        expected = signature_v3(
            method="POST", path=path, query=query, headers=headers, signed=signed, secret=self.secret
        )
        return "" if hmac.compare_digest(expected, authorization.get("Signature", "")) else "SignatureDoesNotMatch"

    def result(self, action: str, parameters: dict[str, str]) -> dict:
        answer = {"Code": self.code, "Message": self.code, "RequestId": "r"}
        if self.code != "OK":
            return answer
        if action == "QuerySendDetails":
            found = self.reports.get(parameters.get("BizId", ""))
            rows = [{"PhoneNum": parameters.get("PhoneNumber"), **found}] if found else []
            return answer | {"TotalCount": len(rows), "SmsSendDetailDTOs": {"SmsSendDetailDTO": rows}}
        return answer | {"BizId": self.biz_id}

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
