"""The quarterly sampling review by legal, quality and a customer representative (seed 002)."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.models import QuarterlyReview, ReviewFinding
from reporting.period import Quarter
from reporting.services import quarterly_review_start, review_finding_record
from tests.factories import ComplaintFactory
from tests.reporting.factories import local

pytestmark = pytest.mark.django_db
Q1 = Quarter(2026, 1)
NOW = local(2026, 4, 10, 9)


def _closed(count, month=2):
    return [
        ComplaintFactory(received_at=local(2026, month, 1, 9), closed_at=local(2026, month, 2, 9), state="closed")
        for _ in range(count)
    ]


def _start(supervisor, quarter=Q1, **kwargs):
    return quarterly_review_start(
        quarter=quarter,
        legal_reviewer=supervisor,
        quality_reviewer=supervisor,
        customer_representative="李女士（客户代表）",
        by=supervisor,
        **kwargs,
    )


@time_machine.travel(NOW, tick=False)
def test_a_review_stores_its_random_sample_of_the_quarters_closed_complaints(supervisor):
    closed = _closed(12)
    ComplaintFactory(received_at=local(2026, 4, 1, 9), closed_at=local(2026, 4, 2, 9), state="closed")
    review = _start(supervisor, sample_size=5)
    sampled = set(review.findings.values_list("complaint_id", flat=True))
    assert len(sampled) == 5 and sampled <= {complaint.pk for complaint in closed}
    assert set(review.findings.values_list("result", flat=True)) == {ReviewFinding.Result.PENDING}
    assert review.sample_size == 5 and review.history.count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_second_review_of_the_same_quarter_is_refused(supervisor):
    _closed(2)
    _start(supervisor)
    with pytest.raises(ValidationError, match="已有抽样复审"):
        _start(supervisor)
    assert QuarterlyReview.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_quarter_without_closed_complaints_is_refused_and_nothing_is_saved(supervisor):
    _closed(2, month=4)
    with pytest.raises(ValidationError, match="无可复审"):
        _start(supervisor)
    assert not QuarterlyReview.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_an_issue_needs_its_text_and_a_compliant_finding_is_kept(supervisor):
    _closed(1)
    finding = _start(supervisor).findings.get()
    with pytest.raises(ValidationError):
        review_finding_record(finding=finding, result=ReviewFinding.Result.ISSUE_FOUND, note=" ", by=supervisor)
    review_finding_record(finding=finding, result=ReviewFinding.Result.COMPLIANT, by=supervisor)
    finding.refresh_from_db()
    assert finding.result == ReviewFinding.Result.COMPLIANT and finding.recorded_by == supervisor


@time_machine.travel(NOW, tick=False)
def test_supervisor_starts_a_review_and_records_a_finding_on_the_page(client, supervisor):
    _closed(3)
    client.force_login(supervisor)
    data = {
        "quarter": "2026-Q1",
        "legal_reviewer": supervisor.pk,
        "quality_reviewer": supervisor.pk,
        "customer_representative": "李女士",
        "sample_size": 2,
    }
    response = client.post("/reports/reviews/", data)
    review = QuarterlyReview.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/reviews/{review.pk}/"
    again = client.post("/reports/reviews/", data)
    assert again.status_code == 400 and "已有抽样复审" in again.content.decode()
    finding = review.findings.first()
    client.post(
        f"/reports/reviews/{review.pk}/", {"finding": finding.pk, "result": "issue_found", "note": "证据链不完整"}
    )
    finding.refresh_from_db()
    assert finding.result == "issue_found" and finding.note == "证据链不完整"


@time_machine.travel(NOW, tick=False)
def test_the_review_page_costs_the_same_queries_for_a_bigger_sample(client, supervisor):
    _closed(2)
    small = _start(supervisor, sample_size=2)
    client.force_login(supervisor)
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/reports/reviews/{small.pk}/").status_code == 200
    ReviewFinding.objects.bulk_create(
        ReviewFinding(review=small, complaint=complaint) for complaint in _closed(6, month=3)
    )
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"/reports/reviews/{small.pk}/").status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("role_fixture", ["agent", "manager"])
def test_the_review_pages_are_the_supervisors(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get("/reports/reviews/").status_code == 403
