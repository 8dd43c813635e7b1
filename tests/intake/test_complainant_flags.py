"""The malicious or false complaint flag (seed 002): a supervisor's, with a reason, reviewed after a
period, internal only, and never a reason to refuse a complaint by itself."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from rest_framework.test import APIClient

from core.models import OutboxMessage
from intake.models import ComplainantFlag, Complaint, State
from intake.services.decision import complaint_accept
from intake.services.flags import complainant_flag_review, complainant_flag_set
from intake.worklists import worklist_filter
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are read in English here; the pages keep their own language."""
    with translation.override("en"):
        yield


REASON = "三次投诉均称保洁员偷窃，经核实监控三次都不属实。"


def test_a_flag_needs_a_reason_and_nothing_is_saved_without_one(supervisor):
    complaint = ComplaintFactory()

    with pytest.raises(ValidationError, match="Say why"):
        complainant_flag_set(complaint_id=complaint.pk, actor=supervisor, reason="   ")

    assert not ComplainantFlag.objects.exists()


def test_an_agent_cannot_flag_a_complainant(agent):
    with pytest.raises(PermissionDenied):
        complainant_flag_set(complaint_id=ComplaintFactory().pk, actor=agent, reason=REASON)


def test_a_flag_is_reviewed_after_the_period_set(supervisor, settings):
    settings.COMPLAINANT_FLAG_REVIEW_DAYS = 30
    complaint = ComplaintFactory()

    flag = complainant_flag_set(complaint_id=complaint.pk, actor=supervisor, reason=REASON)

    assert flag.review_on == timezone.localdate() + timedelta(days=30)
    assert list(worklist_filter(Complaint.objects.all(), key="flags_due", user=supervisor)) == []
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert list(worklist_filter(Complaint.objects.all(), key="flags_due", user=supervisor)) == [complaint]


def test_a_kept_flag_waits_for_the_next_review_and_a_lifted_one_ends_with_history(supervisor, settings):
    settings.COMPLAINANT_FLAG_REVIEW_DAYS = 30
    complaint = ComplaintFactory()
    flag = complainant_flag_set(complaint_id=complaint.pk, actor=supervisor, reason=REASON)

    with time_machine.travel(timezone.now() + timedelta(days=31)):
        kept = complainant_flag_review(complaint_id=complaint.pk, actor=supervisor, decision="keep", note="仍有新投诉")
        assert kept.review_on == timezone.localdate() + timedelta(days=30)
    lifted = complainant_flag_review(complaint_id=complaint.pk, actor=supervisor, decision="lift", note="已道歉")

    assert lifted.lifted_at is not None
    assert flag.history.count() == 3
    with pytest.raises(ValidationError, match="no active flag"):
        complainant_flag_review(complaint_id=complaint.pk, actor=supervisor, decision="lift", note="再次")


def test_a_review_without_a_note_changes_nothing(supervisor):
    complaint = ComplaintFactory()
    complainant_flag_set(complaint_id=complaint.pk, actor=supervisor, reason=REASON)

    with pytest.raises(ValidationError, match="kept or lifted"):
        complainant_flag_review(complaint_id=complaint.pk, actor=supervisor, decision="lift", note="")

    assert ComplainantFlag.objects.get().is_active


def test_a_flagged_complainants_new_complaint_is_accepted_as_any_other(supervisor):
    earlier = ComplaintFactory(phone="13812345678")
    complainant_flag_set(complaint_id=earlier.pk, actor=supervisor, reason=REASON)
    new = ComplaintFactory(phone="13812345678")

    complaint_accept(
        complaint_id=new.pk,
        actor=supervisor,
        seen_version=new.version,
        category="service_quality",
        severity="general",
        urgent=False,
        promised_reply_at=timezone.now() + timedelta(days=1),
    )

    assert Complaint.objects.get(pk=new.pk).state == State.ACCEPTED


def test_the_decision_page_shows_the_flag_as_information(client, supervisor):
    earlier = ComplaintFactory(phone="13812345678")
    complainant_flag_set(complaint_id=earlier.pk, actor=supervisor, reason=REASON)
    new = ComplaintFactory(phone="13812345678")
    client.force_login(supervisor)

    page = client.get(f"/desk/complaints/{new.pk}/decide/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "information only" in page and REASON in page


def test_the_complainant_never_sees_the_flag(client, supervisor):
    complaint = ComplaintFactory(phone="13812345678")
    complainant_flag_set(complaint_id=complaint.pk, actor=supervisor, reason=REASON)
    pair = {"tracking_number": complaint.tracking_number, "phone": "13812345678"}

    track = client.post("/track/", pair).content.decode()
    status = APIClient().post("/api/complaints/status/", pair, format="json").content.decode()

    for seen in (track, status, *OutboxMessage.objects.values_list("body", flat=True)):
        assert REASON not in seen and "恶意" not in seen


def test_the_workbench_form_refuses_a_flag_without_a_reason(client, supervisor):
    complaint = ComplaintFactory()
    client.force_login(supervisor)

    response = client.post(f"/desk/complaints/{complaint.pk}/flag/", {"reason": ""}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Say why this complainant is flagged." in response.content.decode()
    assert not ComplainantFlag.objects.exists()
