"""Reads: time left in words, inbox annotations and filters, the timeliness rate, the workbench panel."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone, translation

from deadlines.models import Deadline, DeadlineNotice, Step
from deadlines.selectors import (
    complaints_filter_deadlines,
    complaints_order_by_urgency,
    complaints_with_deadlines,
    time_left_words,
    timeliness,
    workbench_panel_context,
)
from deadlines.services import deadlines_sweep
from intake.models import Complaint
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 11, 25, 9, 0))


def test_time_left_in_words_in_chinese_and_english():
    deadline = Deadline(clock="clock_hours", due_at=NOW + timedelta(hours=2, minutes=5))
    with translation.override("zh-hans"):
        assert time_left_words(deadline, now=NOW) == "还剩 2 小时"
    with translation.override("en"):
        assert time_left_words(deadline, now=NOW) == "2 hours left"


def test_overdue_working_day_deadlines_count_working_days():
    # Due Friday 13 Feb 2026; on Wednesday 25 Feb: 14 (make-up Saturday), 24, 25 Feb.
    deadline = Deadline(clock="working_days", due_at=timezone.make_aware(datetime(2026, 2, 13, 10, 0)))
    with translation.override("en"):
        words = time_left_words(deadline, now=timezone.make_aware(datetime(2026, 2, 25, 11, 0)))
    assert words == "overdue by 3 working days"


@time_machine.travel(NOW, tick=False)
def test_inbox_annotations_filters_and_urgency_order(agent, django_assert_num_queries):
    calm = ComplaintFactory(received_at=NOW)
    late = ComplaintFactory(received_at=NOW - timedelta(hours=3))
    urgent = ComplaintFactory(received_at=NOW, urgent=True)
    rows = complaints_order_by_urgency(complaints_with_deadlines(Complaint.objects.all()))
    with django_assert_num_queries(1):
        listed = list(rows)
    assert [c.pk for c in listed] == [urgent.pk, late.pk, calm.pk]
    flags = {c.pk: (c.deadline_overdue, c.deadline_red) for c in listed}
    assert flags[late.pk] == (True, True) and flags[calm.pk] == (False, False)
    overdue = complaints_filter_deadlines(Complaint.objects.all(), which="overdue", user=agent)
    assert list(overdue) == [late]
    due_today = complaints_filter_deadlines(Complaint.objects.all(), which="due_today", user=agent)
    assert set(due_today) == {calm, late, urgent}
    assert complaints_filter_deadlines(Complaint.objects.all(), which="__class__", user=agent).count() == 3


def test_escalated_to_me_lists_complaints_whose_missed_deadline_reached_me(agent, other_agent):
    mine = ComplaintFactory(received_at=NOW, assigned_to=agent)
    ComplaintFactory(received_at=NOW, assigned_to=other_agent)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        deadlines_sweep()
    escalated = complaints_filter_deadlines(Complaint.objects.all(), which="escalated_to_me", user=agent)
    assert list(escalated) == [mine]
    assert DeadlineNotice.objects.filter(recipient=agent).count() == 1


def test_timeliness_counts_met_on_time_per_step():
    on_time = ComplaintFactory(received_at=NOW)
    late = ComplaintFactory(received_at=NOW)
    with time_machine.travel(NOW + timedelta(minutes=30), tick=False):
        on_time.accept()
        on_time.save()
    with time_machine.travel(NOW + timedelta(hours=1, minutes=30), tick=False):
        late.accept()
        late.save()
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        result = timeliness(start=NOW.date(), end=NOW.date() + timedelta(days=1))
        only_one = timeliness(complaints=Complaint.objects.filter(pk=late.pk))
    assert result[Step.REGISTER] == {"total": 2, "on_time": 1, "late": 1, "open": 0, "rate": 0.5}
    assert result[Step.ASSIGN]["rate"] == 1.0
    assert only_one[Step.REGISTER]["rate"] == 0.0


def test_workbench_panel_lists_every_deadline_with_red_and_overdue_status(agent, manager):
    complaint = ComplaintFactory(received_at=NOW - timedelta(minutes=100))
    request = RequestFactory().get("/")
    request.user = manager
    assert workbench_panel_context(request, complaint) is None
    request.user = agent
    with time_machine.travel(NOW, tick=False):
        context = workbench_panel_context(request, complaint)
    statuses = {row["deadline"].step: row["status"] for row in context["deadline_rows"]}
    assert statuses[Step.REGISTER] == "overdue"
    assert statuses[Step.ASSIGN] == "red"
    assert statuses[Step.FIRST_CONTACT] == ""


def test_workbench_page_shows_the_deadlines_panel(client, agent):
    from django.urls import reverse

    complaint = ComplaintFactory(received_at=timezone.now() - timedelta(hours=2))
    client.force_login(agent)
    with translation.override("zh-hans"):
        response = client.get(reverse("complaint-workbench", args=[complaint.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="deadlines"' in html and "已超时" in html and "还剩" in html
