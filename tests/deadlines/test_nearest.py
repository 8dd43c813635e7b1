"""The complaint carries the nearest due time of its open deadlines, so the inbox sorts by an index."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from deadlines.models import Deadline
from deadlines.services import deadline_pause, deadlines_meet, deadlines_stop
from intake.models import Complaint
from intake.selectors import inbox_complaints
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _open_due_times(complaint) -> dict[str, object]:
    return dict(Deadline.objects.open().filter(complaint=complaint).values_list("step", "due_at"))


def _next_due(complaint):
    return Complaint.objects.values_list("next_due_at", flat=True).get(pk=complaint.pk)


def test_the_nearest_due_time_follows_the_clocks_as_they_start_move_and_stop():
    complaint = ComplaintFactory(received_at=timezone.now())
    due = _open_due_times(complaint)
    assert len(due) >= 2
    first_step = min(due, key=due.get)
    assert _next_due(complaint) == due[first_step]

    deadline_pause(complaint=complaint, step=first_step, amount=timedelta(days=30), reason="waiting")
    moved = _open_due_times(complaint)
    assert moved[first_step] == due[first_step] + timedelta(days=30)
    assert _next_due(complaint) == min(moved.values()) > due[first_step]

    second_step = min(moved, key=moved.get)
    deadlines_meet(complaint=complaint, steps=[second_step])
    assert _next_due(complaint) == min(due for step, due in moved.items() if step != second_step)

    deadlines_stop(complaint=complaint)
    assert _next_due(complaint) is None


def test_a_complaint_saved_whole_from_an_older_copy_keeps_the_current_nearest_due_time():
    complaint = ComplaintFactory(received_at=timezone.now())
    stale = Complaint.objects.get(pk=complaint.pk)
    deadlines_stop(complaint=complaint)
    stale.description = "补充说明：阿姨第二天也迟到了。"
    stale.save()
    complaint.refresh_from_db()
    assert complaint.description == "补充说明：阿姨第二天也迟到了。"
    assert complaint.next_due_at is None


def test_the_overdue_worklist_reads_the_nearest_due_time(agent):
    late = ComplaintFactory(received_at=timezone.now() - timedelta(hours=3))
    ComplaintFactory(received_at=timezone.now())
    assert list(inbox_complaints(agent, {"worklist": "overdue"})) == [late]
    deadlines_stop(complaint=late)
    assert list(inbox_complaints(agent, {"worklist": "overdue"})) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan of PostgreSQL's planner")
@pytest.mark.parametrize("filters", [{}, {"worklist": "unassigned"}, {"state": "accepted"}])
def test_the_default_inbox_page_walks_the_queue_index_without_sorting(agent, filters):
    """Forced off the table scan and the sort, the planner still finds an order the index gives:
    the page reads its 50 rows and stops, whatever the number of open complaints."""
    ComplaintFactory.create_batch(3, received_at=timezone.now())
    sql, params = inbox_complaints(agent, filters)[:50].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "complaint_open_queue" in plan, plan
    assert "Sort" not in plan, plan
