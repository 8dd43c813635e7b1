from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from intake.models import State
from resolutions import tasks
from resolutions.services import archive, ends

from .factories import complaint_accepted, fresh

pytestmark = pytest.mark.django_db


def _at(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_archive_numbers_follow_the_order_complaints_were_made_not_the_order_they_ended(agent):
    """Seed 001: 按照投诉时间顺序进行编号."""
    with time_machine.travel(_at(2026, 10, 3, 9), tick=False):
        first = complaint_accepted(agent)
        not_ended = complaint_accepted(agent)
    with time_machine.travel(_at(2026, 10, 4, 9), tick=False):
        second = complaint_accepted(agent)
    with time_machine.travel(_at(2026, 10, 20, 9), tick=False):
        ends.complaint_withdraw(complaint_id=second.pk, actor=agent, reason="不投诉了")
    with time_machine.travel(_at(2026, 10, 25, 9), tick=False):
        ends.complaint_withdraw(complaint_id=first.pk, actor=agent, reason="已解决")
    with time_machine.travel(_at(2026, 11, 1, 2, 30), tick=False):
        numbers = archive.archive_previous_month()
        again = archive.archive_previous_month()
    assert numbers == ["GD-2026-10-0001", "GD-2026-10-0002"]
    assert again == []
    assert fresh(first).archive_number == "GD-2026-10-0001"
    assert fresh(second).archive_number == "GD-2026-10-0002"
    assert fresh(not_ended).state == State.ACCEPTED


def test_archived_complaint_cannot_change(agent):
    complaint = complaint_accepted(agent)
    ends.complaint_withdraw(complaint_id=complaint.pk, actor=agent, reason="撤回")
    today = timezone.localdate()
    archive.archive_month(year=today.year, month=today.month)
    with pytest.raises(ValidationError):
        ends.complaint_withdraw(complaint_id=complaint.pk, actor=agent, reason="again")
    assert fresh(complaint).state == State.ARCHIVED


def test_retention_report_lists_only_archives_past_retention(agent, settings, capsys):
    settings.ARCHIVE_RETENTION_YEARS = 5
    with time_machine.travel(_at(2020, 3, 10, 9), tick=False):
        old = complaint_accepted(agent)
        ends.complaint_withdraw(complaint_id=old.pk, actor=agent, reason="撤回")
        archive.archive_month(year=2020, month=3)
    recent = complaint_accepted(agent)
    ends.complaint_withdraw(complaint_id=recent.pk, actor=agent, reason="撤回")
    today = timezone.localdate()
    archive.archive_month(year=today.year, month=today.month)
    call_command("archive_retention_report")
    out = capsys.readouterr().out
    assert fresh(old).archive_number in out
    assert fresh(recent).archive_number not in out
    assert "1 archive(s)" in out


def test_monthly_task_archives_the_previous_month(agent):
    with time_machine.travel(_at(2026, 9, 12, 9), tick=False):
        complaint = complaint_accepted(agent)
        ends.complaint_withdraw(complaint_id=complaint.pk, actor=agent, reason="撤回")
    with time_machine.travel(_at(2026, 10, 1, 2, 30), tick=False):
        assert tasks.archive_previous_month() == 1
    assert fresh(complaint).archive_number == "GD-2026-09-0001"
