"""Keep mainland phone numbers and e-mail addresses out of logs and error reports."""

import logging
import re

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_EMAIL = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+\.[\w.-]+)")


def scrub(text: str) -> str:
    return _EMAIL.sub(r"\1***@\2", _PHONE.sub(r"\1****\2", text))


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        return True
