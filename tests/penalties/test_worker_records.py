"""Background checks (seed 000: 服务人员无犯罪记录核查) and trainings (seed 001: 定期组织培训) on the
worker's profile, entered by supervisors in administration with who entered them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from penalties.models import BackgroundCheck, TrainingRecord
from tests.factories import ComplaintFactory
from tests.penalties.factories import WorkerFactory

pytestmark = pytest.mark.django_db

FLAG = "无犯罪记录核查缺失或已过期"


def _check(worker, supervisor, *, days_ago=0, result=BackgroundCheck.Result.CLEAR):
    return BackgroundCheck.objects.create(
        worker=worker,
        checked_on=timezone.localdate() - timedelta(days=days_ago),
        result=result,
        reference="NCR-2026-001",
        recorded_by=supervisor,
    )


def _profile(client, user, worker) -> str:
    client.force_login(user)
    return client.get(reverse("worker-detail", args=[worker.pk])).content.decode()


def test_a_worker_without_a_check_is_flagged_until_one_is_recorded(client, supervisor):
    worker = WorkerFactory()
    assert FLAG in _profile(client, supervisor, worker)
    _check(worker, supervisor)
    page = _profile(client, supervisor, worker)
    assert FLAG not in page and "NCR-2026-001" in page


def test_a_check_older_than_the_validity_is_flagged_again(client, supervisor, settings):
    settings.BACKGROUND_CHECK_VALID_DAYS = 365
    worker = WorkerFactory()
    _check(worker, supervisor, days_ago=400)
    assert FLAG in _profile(client, supervisor, worker)


def test_trainings_show_on_the_profile_with_the_complaint_that_led_to_them(client, supervisor):
    worker = WorkerFactory()
    complaint = ComplaintFactory()
    TrainingRecord.objects.create(
        worker=worker,
        topic="守时与提前告知",
        trained_on=timezone.localdate(),
        complaint=complaint,
        recorded_by=supervisor,
    )
    page = _profile(client, supervisor, worker)
    assert "守时与提前告知" in page and complaint.tracking_number in page


def test_supervisor_records_a_check_in_admin_and_is_named_as_its_author(client, supervisor):
    worker = WorkerFactory()
    client.force_login(supervisor)
    answer = client.post(
        reverse("admin:penalties_backgroundcheck_add"),
        {"worker": worker.pk, "kind": "criminal_record", "checked_on": timezone.localdate(), "result": "clear"},
    )
    assert answer.status_code == 302
    check = BackgroundCheck.objects.get(worker=worker)
    assert check.recorded_by == supervisor and check.history.count() == 1


def test_a_training_is_for_a_worker_or_a_staff_member_not_both(client, supervisor, agent):
    client.force_login(supervisor)
    answer = client.post(
        reverse("admin:penalties_trainingrecord_add"),
        {"worker": WorkerFactory().pk, "staff": agent.pk, "topic": "沟通技巧", "trained_on": timezone.localdate()},
    )
    assert answer.status_code == 200 and not TrainingRecord.objects.exists()
