"""An SMS gateway for the send-once test: it accepts the message, then its process is killed."""

import os
import signal


class DieAfterSendBackend:
    def send(self, *, phone: str, text: str, purpose: str = "") -> None:
        with open(os.environ["GATEWAY_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{phone}\n")
        os.kill(os.getpid(), signal.SIGKILL)


class RecordingBackend:
    def send(self, *, phone: str, text: str, purpose: str = "") -> None:
        with open(os.environ["GATEWAY_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{phone}\n")
