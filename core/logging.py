"""Keep mainland phone numbers and e-mail addresses out of logs and error reports.

The filter sits on the handlers, so it also covers exceptions and messages of third-party code
(an IntegrityError quoting a phone number, a gateway error echoing the recipient). Celery puts its
own handlers on the root logger in the worker and beat; complaints_site.celery adds the filter
to those.
"""

import logging
import re

# 13800138000, 138-0013-8000, 138 0013 8000, +86 13800138000, 8613800138000
_PHONE = re.compile(r"(?<!\d)(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?\d{4}[-\s]?(\d{4})(?!\d)")
_EMAIL = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+\.[\w.-]+)")
# Celery task ids (and any other UUID): hex groups such as "deadb138-0013-8000-…" look like a
# phone number to _PHONE, and a masked task id can no longer be followed through the logs.
_UUID = re.compile(r"([0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})")


def scrub(text: str) -> str:
    """Mask phone numbers and e-mail addresses, leaving UUIDs (task ids) as they are."""
    parts = _UUID.split(text)
    # re.split with one group: the UUIDs are the odd items, the text between them the even ones.
    parts[::2] = [_EMAIL.sub(r"\1***@\2", _PHONE.sub(r"\1****\2", part)) for part in parts[::2]]
    return "".join(parts)


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def install(logger: logging.Logger) -> None:
    """Add the filter to every handler of ``logger`` (once)."""
    for handler in logger.handlers:
        if not any(isinstance(f, PersonalDataFilter) for f in handler.filters):
            handler.addFilter(PersonalDataFilter())
