"""A local stand-in for Alibaba Cloud's SMS endpoint: checks the signature like the gateway does,
answers ``SendSms`` with a ``BizId`` and ``QuerySendDetails`` with the receipts in ``reports``."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from core.sms_aliyun import signature_compute


class AliyunStandIn:
    def __init__(self, *, secret: str, code: str = "OK", status: int = 200, biz_id: str = "900619746936498440^0"):
        self.secret, self.code, self.status, self.biz_id = secret, code, status, biz_id
        self.received: list[dict[str, str]] = []
        #: BizId -> the gateway's detail row (``SendStatus``, ``ErrCode``, ``ReceiveDate``).
        self.reports: dict[str, dict] = {}
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                parameters = dict(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
                stand_in.received.append(parameters)
                signature = parameters.pop("Signature", "")
                expected = signature_compute(method="POST", parameters=parameters, secret=stand_in.secret)
                code = stand_in.code if signature == expected else "SignatureDoesNotMatch"
                status = stand_in.status if signature == expected else 400
                answer = {"Code": code, "Message": code, "RequestId": "r"}
                if code == "OK" and parameters.get("Action") == "QuerySendDetails":
                    found = stand_in.reports.get(parameters.get("BizId", ""))
                    rows = [{"PhoneNum": parameters.get("PhoneNumber"), **found}] if found else []
                    answer |= {"TotalCount": len(rows), "SmsSendDetailDTOs": {"SmsSendDetailDTO": rows}}
                else:
                    answer["BizId"] = stand_in.biz_id
                body = json.dumps(answer)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
