"""Every figure computed from complaints, against values computed by hand on the fixed data set."""

import pytest

from reporting.metrics.common import periods
from reporting.metrics.complaints import complaint_scalars, distributions, frequent_problems
from reporting.metrics.report import monthly_report
from reporting.period import Month, Scope
from tests.factories import ComplaintFactory
from tests.reporting.factories import local, march_2026

pytestmark = pytest.mark.django_db
MARCH = Month(2026, 3)


def test_counts_rates_and_handling_time_of_a_month():
    """Received c1 c2 c3; closed c1 (24 h) c2 (48 h) c4 (36.5 h); c2 repeats c1; c3 still open.
    None met its registration clocks (the data set writes the states directly): none on time."""
    march_2026()
    figures = complaint_scalars({"current": MARCH}, Scope())["current"]
    assert figures == {
        "received": 3,
        "closed": 3,
        "completion_rate": 66.7,
        "timeliness_rate": 0.0,
        "repeat_rate": 33.3,
        "average_handling_hours": 36.2,
        "median_handling_hours": 36.5,
    }


def test_month_boundaries_follow_the_desks_time_zone():
    """23:30 on 31 March in Shanghai is March (15:30 UTC); 00:10 on 1 April is April (16:10 UTC, 31 March)."""
    march_2026()
    assert complaint_scalars({"current": Month(2026, 4)}, Scope())["current"]["received"] == 1


def test_median_of_an_even_number_of_closed_complaints_is_the_mean_of_the_middle_two():
    for hours in (1, 2, 4, 9):
        ComplaintFactory(received_at=local(2026, 5, 3, 0), closed_at=local(2026, 5, 3, hours), state="closed")
    figures = complaint_scalars({"current": Month(2026, 5)}, Scope())["current"]
    assert figures["median_handling_hours"] == 3.0
    assert figures["average_handling_hours"] == 4.0


def test_a_month_without_complaints_gives_zero_counts_and_no_rates():
    march_2026()
    assert complaint_scalars({"current": Month(2025, 6)}, Scope())["current"] == {
        "received": 0,
        "closed": 0,
        "completion_rate": None,
        "timeliness_rate": None,
        "repeat_rate": None,
        "average_handling_hours": None,
        "median_handling_hours": None,
    }


def test_distributions_list_every_category_with_both_comparison_months():
    march_2026()
    by_category = {row["key"]: row for row in distributions(periods(MARCH), Scope())["category"]}
    assert by_category["service_quality"] == {"key": "service_quality", "current": 2, "previous": 0, "year_ago": 0}
    assert by_category["fee_dispute"]["current"] == 1
    assert by_category["other"] == {"key": "other", "current": 0, "previous": 1, "year_ago": 0}
    assert by_category["service_attitude"]["year_ago"] == 1
    assert by_category["fraud"]["current"] == 0


def test_distributions_by_channel_severity_and_service_type():
    march_2026()
    found = distributions(periods(MARCH), Scope())
    channels = {row["key"]: row["current"] for row in found["channel"]}
    severities = {row["key"]: row["current"] for row in found["severity"]}
    services = {row["key"]: row["current"] for row in found["service_type"]}
    assert (channels["hotline"], channels["app"], channels["wechat"], channels["letter"]) == (1, 1, 1, 0)
    assert severities == {"general": 1, "important": 1, "major": 1}
    assert (services["cleaning"], services["nanny"], services["elderly_care"]) == (2, 1, 0)


def test_high_frequency_problems_count_keywords_and_category_service_pairs():
    march_2026()
    found = frequent_problems(MARCH, Scope())
    assert found["keywords"] == [{"keyword": "迟到", "count": 2}, {"keyword": "没打扫", "count": 1}]
    assert found["subtypes"][0] == {"category": "service_quality", "service_type": "cleaning", "count": 2}


def test_service_type_filter_narrows_every_figure():
    march_2026()
    figures = complaint_scalars({"current": MARCH}, Scope(service_type="nanny"))["current"]
    assert (figures["received"], figures["closed"], figures["repeat_rate"]) == (1, 1, 100.0)


def test_report_compares_each_figure_with_previous_month_and_a_year_earlier():
    """February: c4 received, nothing closed. March 2025: c6 received and closed in 24 h."""
    march_2026()
    figures = monthly_report(MARCH, Scope())["figures"]
    assert figures["received"] == {"current": 3, "previous": 1, "year_ago": 1}
    assert figures["average_handling_hours"] == {"current": 36.2, "previous": None, "year_ago": 24.0}
    assert figures["completion_rate"]["previous"] == 100.0


def test_comparison_months_with_a_snapshot_are_read_from_it_not_recomputed():
    """February is frozen with 1 complaint; a late February complaint does not change March's comparison."""
    from reporting.services import snapshot_compute

    march_2026()
    snapshot_compute(month=Month(2026, 2), scope=Scope())
    ComplaintFactory(received_at=local(2026, 2, 10, 9), category="fraud")
    report = monthly_report(MARCH, Scope())
    assert report["figures"]["received"]["previous"] == 1
    fraud = next(row for row in report["distributions"]["category"] if row["key"] == "fraud")
    assert fraud["previous"] == 0
