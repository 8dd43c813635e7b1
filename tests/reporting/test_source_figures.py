"""Figures fed by deadlines, resolutions and penalties, against values computed by hand.

See ``march_2026_sources``: deadlines d1 (on time), d2 (late, escalated), d3 (on time), d4 (missed,
due in April), d5 (stopped); surveys scored 5 and 3 in March, 1 in April; 200.00 money and an apology
paid; four service orders served in March.
"""

from datetime import date

import pytest
import time_machine

from deadlines.models import Deadline
from deadlines.selectors import timeliness
from reporting.metrics.complaints import complaint_scalars
from reporting.metrics.report import monthly_report
from reporting.metrics.sources import deadline_figures, handler_figures, scalars, tables
from reporting.period import Month, Scope
from resolutions.models import Compensation
from tests.reporting.factories import CompensationFactory, local, march_2026, march_2026_sources

pytestmark = pytest.mark.django_db
MARCH = Month(2026, 3)


@pytest.fixture
def handler(agent):
    return agent


def _scalars(scope: Scope, received: int = 3) -> dict:
    found = scalars({"current": MARCH}, scope, received={"current": received})["current"]
    found.pop("timeliness_steps")
    return found


def test_figures_from_the_other_stages(handler):
    """Complaint rate 3 ÷ 4 × 1,000."""
    march_2026_sources(handler)
    assert _scalars(Scope()) == {
        "satisfaction_rate": 50.0,
        "average_score": 4.0,
        "complaint_rate": 750.0,
        "escalations": 1,
        "overdue": 1,
        "compensation_paid": "200.00",
        "compensation_overdue": 0,
    }


def test_timeliness_per_complaint_equals_a_hand_count(handler):
    """Seed 001: 及时处理的投诉数量 ÷ 总投诉数量. Received in March: c1 (first contact met late: late),
    c2 (register met on time: on time), c3 (register missed; its first contact stopped before it
    was due, so never owed: late) → 1 ÷ 3. Per step: register 2 on time of 3, first contact 0 of 1."""
    march_2026_sources(handler)
    figures = complaint_scalars({"current": MARCH}, Scope())["current"]
    assert (figures["received"], figures["timeliness_rate"]) == (3, 33.3)
    steps = {row["step"]: (row["on_time"], row["due"]) for row in monthly_report(MARCH, Scope())["timeliness_steps"]}
    assert steps == {"register": (2, 3), "first_contact": (0, 1)}


def test_a_clock_stopped_after_it_was_due_counts_as_missed(handler):
    """c2's register deadline stopped an hour after it was due, never met: c2 is late too → 0 ÷ 3."""
    march_2026_sources(handler)
    Deadline.objects.filter(due_at=local(2026, 3, 10, 9)).update(met_at=None, stopped_at=local(2026, 3, 10, 10))
    assert complaint_scalars({"current": MARCH}, Scope())["current"]["timeliness_rate"] == 0.0


def test_tables_from_the_other_stages(handler):
    data = march_2026_sources(handler)
    found = tables(MARCH, Scope())
    assert monthly_report(MARCH, Scope())["timeliness_steps"] == [
        {"step": "first_contact", "on_time": 0, "due": 1, "rate": 0.0},
        {"step": "register", "on_time": 2, "due": 3, "rate": 66.7},
    ]
    assert found["compensation_by_kind"] == [
        {"kind": "apology", "count": 1, "amount": "0.00"},
        {"kind": "money", "count": 1, "amount": "200.00"},
    ]
    assert found["penalties_by_kind"] == [{"kind": "points", "count": 1}, {"kind": "warning", "count": 1}]
    assert found["top_workers"] == [{"name": data["w1"].name, "count": 2}]
    assert found["top_teams"] == [{"name": "保洁一组", "count": 2}]


def test_team_filter_uses_the_team_of_the_matched_service_order(handler):
    """Team 保洁一组: complaints c1 and c2, orders SO-C1 and SO-C2 → complaint rate 2 ÷ 2 × 1,000."""
    data = march_2026_sources(handler)
    figures = _scalars(Scope(team_id=data["t1"].pk), received=2)
    assert figures["complaint_rate"] == 1000.0
    assert figures["compensation_paid"] == "200.00"


def test_no_service_orders_and_no_surveys_give_no_data_not_an_error():
    march_2026()
    figures = _scalars(Scope())
    assert figures["complaint_rate"] is None
    assert figures["satisfaction_rate"] is None
    assert figures["average_score"] is None
    assert figures["compensation_paid"] == "0.00"


def test_handler_figures_count_the_handlers_deadlines_and_surveys(handler):
    march_2026_sources(handler)
    assert handler_figures(MARCH, Scope()) == {
        handler.pk: {"on_time_rate": 50.0, "contact_rate": 0.0, "satisfaction_rate": 50.0}
    }


def test_timeliness_agrees_with_the_deadlines_apps_own_selector(handler):
    march_2026_sources(handler)
    theirs = timeliness(start=MARCH.first_day, end=MARCH.next.first_day)
    ours = deadline_figures({"current": MARCH}, Scope())["current"]["steps"]
    assert {row["step"]: (row["on_time"], row["due"]) for row in ours} == {
        step: (row["on_time"], row["total"]) for step, row in theirs.items() if row["total"]
    }


def test_compensation_not_paid_by_its_due_date_is_counted_in_the_month_it_was_due(handler):
    """Art. 56(8) of the Consumer Protection Law: a delayed payment is itself a violation. Due in
    March: one paid late, one still unpaid, one paid on time; one unpaid item is due in April."""
    data = march_2026_sources(handler)
    complaint = data["c1"]
    CompensationFactory(complaint=complaint, amount="50.00", due_on=date(2026, 3, 10), paid_at=local(2026, 3, 12, 9))
    CompensationFactory(
        complaint=complaint, amount="60.00", due_on=date(2026, 3, 20), status=Compensation.Status.AGREED
    )
    CompensationFactory(complaint=complaint, amount="70.00", due_on=date(2026, 3, 25), paid_at=local(2026, 3, 25, 20))
    CompensationFactory(complaint=complaint, amount="80.00", due_on=date(2026, 4, 2), status=Compensation.Status.AGREED)

    with time_machine.travel(local(2026, 4, 5, 9), tick=False):
        assert _scalars(Scope())["compensation_overdue"] == 2
        assert monthly_report(MARCH, Scope())["figures"]["compensation_overdue"]["current"] == 2
