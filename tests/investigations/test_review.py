"""The review chain after a finding (seed 004): recorded in order on the workbench, each step meeting its clock."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from deadlines.models import Deadline, DeadlineSettings, Step
from intake.models import ComplaintEvent
from investigations.models import FindingReview, ReviewStep
from investigations.services.review import finding_review_record
from tests.investigations.factories import investigating_complaint, submitted_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(agent, investigator):
    DeadlineSettings.objects.update_or_create(pk=1, defaults={"review_chain": True})
    complaint = investigating_complaint(agent=agent, lead=investigator)
    submitted_report(complaint, actor=investigator)
    return complaint


def test_submitting_the_report_meets_the_investigation_and_starts_the_review(reported):
    assert Deadline.objects.get(complaint=reported, step=Step.INVESTIGATION).met_at is not None
    assert Deadline.objects.open().filter(complaint=reported, step=Step.MANAGEMENT_REVIEW).exists()


def test_a_supervisor_records_the_chain_in_order_on_the_workbench(client, reported, supervisor):
    client.force_login(supervisor)
    url = reverse("finding-review", args=[reported.pk])
    page = client.get(reverse("complaint-workbench", args=[reported.pk])).content.decode()
    assert 'id="finding-review"' in page

    for step in ReviewStep:
        client.post(url, {"step": step, "note": f"{step.label}：已完成"})

    assert list(FindingReview.objects.values_list("step", flat=True)) == list(ReviewStep)
    met = Deadline.objects.filter(complaint=reported, met_at__isnull=False).values_list("step", flat=True)
    assert {Step.MANAGEMENT_REVIEW, Step.GM_REPORT, Step.ACCOUNTABILITY} <= set(met)
    assert ComplaintEvent.objects.filter(complaint=reported, transition="finding_review").count() == 3


def test_a_step_out_of_order_is_refused(reported, supervisor):
    with pytest.raises(ValidationError):
        finding_review_record(complaint_id=reported.pk, actor=supervisor, step=ReviewStep.GM_REPORT, note="x")


def test_an_investigator_does_not_review_the_finding(reported, investigator):
    with pytest.raises(PermissionDenied):
        finding_review_record(complaint_id=reported.pk, actor=investigator, step=ReviewStep.MANAGEMENT_REVIEW, note="x")
