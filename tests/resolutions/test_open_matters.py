"""The open matters ledger (未了事宜台帐, seed 004): promises not yet kept stay on a ledger with an
owner and a due date, and their owners are reminded on the 4th of each month."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMessage
from resolutions.models import OpenMatter
from resolutions.services.open_matters import open_matter_complete, open_matter_record, open_matters_remind
from tests.factories import ComplaintFactory

from .factories import complaint_accepted, complaint_in_follow_up, fresh

pytestmark = pytest.mark.django_db

SHANGHAI = timezone.get_fixed_timezone(8 * 60)


def _record(complaint, actor, owner, *, action="退还剩余服务费", days=10):
    return open_matter_record(
        complaint_id=complaint.pk,
        actor=actor,
        action=action,
        owner=owner,
        due_on=timezone.localdate() + timedelta(days=days),
    )


def test_a_promise_recorded_on_the_workbench_shows_on_the_ledger_and_the_timeline(client, agent, supervisor):
    complaint = complaint_in_follow_up(agent)
    client.force_login(agent)
    answer = client.post(
        reverse("resolution-open-matter-add", args=[complaint.pk]),
        {"action": "为客户更换一名育儿嫂", "owner": supervisor.pk, "due_on": timezone.localdate() + timedelta(days=5)},
    )
    assert answer.status_code == 302
    matter = OpenMatter.objects.get(complaint=complaint)
    assert (matter.owner, matter.recorded_by, matter.done_at) == (supervisor, agent, None)
    assert "为客户更换一名育儿嫂" in complaint.events.latest("pk").note
    ledger = client.get(reverse("resolution-open-matters")).content.decode()
    assert complaint.tracking_number in ledger and "为客户更换一名育儿嫂" in ledger
    workbench = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert "为客户更换一名育儿嫂" in workbench


def test_a_refused_open_matter_keeps_what_was_typed(client, agent, investigator):
    complaint = complaint_in_follow_up(agent)
    client.force_login(agent)
    answer = client.post(
        reverse("resolution-open-matter-add", args=[complaint.pk]),
        {"action": "安排一次员工培训", "owner": investigator.pk, "due_on": "2020-01-01"},
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "安排一次员工培训" in page
    assert not OpenMatter.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"action": "   "}, "action"), ({"days": -1}, "due_on"), ({"owner": "investigator"}, "owner")],
)
def test_an_open_matter_needs_an_action_a_future_date_and_an_agent_or_supervisor(agent, investigator, change, field):
    complaint = complaint_in_follow_up(agent)
    owner = investigator if change.get("owner") else agent
    with pytest.raises(ValidationError) as refused:
        open_matter_record(
            complaint_id=complaint.pk,
            actor=agent,
            action=change.get("action", "退款"),
            owner=owner,
            due_on=timezone.localdate() + timedelta(days=change.get("days", 3)),
        )
    assert field in refused.value.error_dict
    assert not OpenMatter.objects.exists()


def test_an_inactive_owner_is_refused(agent, other_agent):
    other_agent.is_active = False
    other_agent.save()
    with pytest.raises(ValidationError):
        _record(complaint_in_follow_up(agent), agent, other_agent)


def test_no_open_matter_before_acceptance_or_without_the_permission(agent, investigator):
    with pytest.raises(ValidationError):
        _record(ComplaintFactory(), agent, agent)
    with pytest.raises(PermissionDenied):
        _record(complaint_accepted(agent), investigator, agent)


def test_the_owner_records_it_done_once_and_it_leaves_the_open_list(client, agent):
    complaint = complaint_in_follow_up(agent)
    matter = _record(complaint, agent, agent)
    client.force_login(agent)
    empty = client.post(reverse("resolution-open-matter-done", args=[matter.pk]), {"outcome": ""})
    assert empty.status_code == 400 and fresh_matter(matter).done_at is None
    done = client.post(reverse("resolution-open-matter-done", args=[matter.pk]), {"outcome": "已退款 200 元"})
    assert done.status_code == 302
    matter = fresh_matter(matter)
    assert matter.done_by == agent and matter.outcome == "已退款 200 元"
    assert complaint.tracking_number not in client.get(reverse("resolution-open-matters")).content.decode()
    assert "已退款 200 元" in client.get(reverse("resolution-open-matters") + "?done=1").content.decode()
    with pytest.raises(ValidationError):
        open_matter_complete(matter_id=matter.pk, actor=agent, outcome="again")
    twice = client.post(reverse("resolution-open-matter-done", args=[matter.pk]), {"outcome": "again"}, follow=True)
    assert twice.status_code == 200 and fresh_matter(matter).outcome == "已退款 200 元"
    assert fresh(complaint).events.filter(note__contains="已退款 200 元").count() == 1


def fresh_matter(matter) -> OpenMatter:
    return OpenMatter.objects.get(pk=matter.pk)


def test_mine_shows_only_the_users_own_matters(client, agent, supervisor):
    mine = _record(complaint_in_follow_up(agent), agent, agent, action="我的事项")
    _record(complaint_in_follow_up(agent), agent, supervisor, action="主管的事项")
    client.force_login(agent)
    page = client.get(reverse("resolution-open-matters") + "?mine=1").content.decode()
    assert mine.action in page and "主管的事项" not in page


def test_the_ledger_reads_a_constant_number_of_queries(client, agent):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("resolution-open-matters")).status_code == 200
        return len(queries)

    client.force_login(agent)
    _record(complaint_in_follow_up(agent), agent, agent)
    few = count()
    for _ in range(3):
        _record(complaint_in_follow_up(agent), agent, agent)
    assert count() == few


def test_roles_without_the_ledger_do_not_see_it(client, investigator, manager):
    for user in (investigator, manager):
        client.force_login(user)
        assert client.get(reverse("resolution-open-matters")).status_code == 403


def test_on_the_4th_each_owner_is_reminded_once_of_last_months_open_matters(agent, supervisor):
    agent.email = "agent@example.com"
    agent.save()
    with time_machine.travel(datetime(2026, 10, 20, 10, tzinfo=SHANGHAI)):
        complaint = complaint_in_follow_up(agent)
        old = _record(complaint, agent, agent, action="退还剩余服务费", days=30)
        done = _record(complaint, agent, agent, action="已办完", days=30)
        open_matter_complete(matter_id=done.pk, actor=agent, outcome="ok")
    with time_machine.travel(datetime(2026, 11, 2, 10, tzinfo=SHANGHAI)):
        _record(complaint, agent, agent, action="本月新事项", days=30)  # recorded this month: next month's list
    with time_machine.travel(datetime(2026, 11, 4, 9, tzinfo=SHANGHAI)):
        assert open_matters_remind() == 1
        assert open_matters_remind() == 0  # run twice: listed once
    message = OutboxMessage.objects.get(purpose="open_matters_reminder")
    assert message.recipient == "agent@example.com" and message.channel == "email"
    assert complaint.tracking_number in message.body and "退还剩余服务费" in message.body
    assert "本月新事项" not in message.body and "已办完" not in message.body
    assert fresh_matter(old).reminded_on == date(2026, 11, 4)
    with time_machine.travel(datetime(2026, 12, 4, 9, tzinfo=SHANGHAI)):
        assert open_matters_remind() == 1  # still open next month: reminded again, with the new one
    assert OutboxMessage.objects.filter(purpose="open_matters_reminder").count() == 2


def test_the_reminder_runs_on_the_4th_of_each_month():
    from django.conf import settings

    schedule = settings.CELERY_BEAT_SCHEDULE["open-matters-remind"]
    assert schedule["task"] == "resolutions.tasks.open_matters_remind"
    assert schedule["schedule"].day_of_month == {4}
