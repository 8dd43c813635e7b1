"""Phone numbers and e-mail addresses never reach a log line, in the web process or in Celery's."""

import io
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from core.logging import PersonalDataFilter, scrub


@pytest.mark.parametrize(
    "text",
    ["13800138000", "138-0013-8000", "138 0013 8000", "+86 13800138000", "8613800138000"],
)
def test_mainland_mobile_numbers_are_masked_in_every_common_spelling(text):
    assert scrub(f"SMS to {text}: ok") == "SMS to 138****8000: ok"


def test_email_addresses_keep_only_their_first_letter_and_domain():
    assert scrub("mail to wang.fang@example.com failed") == "mail to w***@example.com failed"


def test_other_numbers_are_left_alone():
    text = "complaint TS20261125-0001 order 202611250013800138000 took 1380 ms"
    assert scrub(text) == text


def _record(msg, args=(), exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("test", logging.ERROR, __file__, 1, msg, args, exc_info)


def test_filter_masks_arguments_and_exception_text():
    try:
        raise ValueError("duplicate key (phone)=(13800138000)")
    except ValueError:
        record = _record("sending to %s", ("13912345678",), exc_info=sys.exc_info())
    PersonalDataFilter().filter(record)
    line = logging.Formatter().format(record)
    assert "139****5678" in line and "138****8000" in line
    assert "13912345678" not in line and "13800138000" not in line


def test_configured_handlers_scrub_what_the_application_logs():
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        logging.getLogger("core.sms").warning("SMS to %s", "13800138000")
    finally:
        handler.setStream(previous)
    assert "138****8000" in stream.getvalue()
    assert "13800138000" not in stream.getvalue()


def test_celery_worker_and_beat_logging_is_scrubbed_too():
    """Celery replaces the root logger's handlers when a worker or beat starts."""
    code = (
        "import django; django.setup();"
        "from complaints_site.celery import app; app.log.setup(loglevel='INFO', redirect_stdouts=False);"
        "import logging; logging.getLogger('core.sms').warning('SMS to %s', '13800138000')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "complaints_site.settings", "DEBUG": "true"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "SMS to 138****8000" in result.stderr
    assert "13800138000" not in result.stderr


@pytest.mark.parametrize(
    "task_id",
    [
        "deadb138-0013-8000-9abc-def012345678",  # 138-0013-8000 across the first groups
        "0a1b2c3d-4e5f-4a6b-8c7d-a13800138000",  # a whole mobile number in the last group
        "e1391234-5678-4000-8000-000000000000",
    ],
)
def test_celery_task_ids_are_never_masked(task_id):
    line = f"Task core.tasks.send_outbox_message[{task_id}] succeeded in 0.01s: None"
    assert scrub(line) == line


@given(st.uuids())
def test_no_uuid_is_ever_masked(value):
    assert scrub(f"task {value} received") == f"task {value} received"


def test_a_phone_beside_a_task_id_is_still_masked():
    task_id = "deadb138-0013-8000-9abc-def012345678"
    assert scrub(f"[{task_id}] sms to 13800138000") == f"[{task_id}] sms to 138****8000"
