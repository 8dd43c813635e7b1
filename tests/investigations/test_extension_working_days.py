"""Extensions in working days; beyond a supervisor's limit company leadership approves (seed 001)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from deadlines import calendar
from deadlines.models import Deadline, Step
from investigations import services
from investigations.models import ExtensionRequest, InvestigationSettings
from tests.investigations.factories import investigating_complaint

THURSDAY = datetime(2026, 3, 12, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _limits(*, supervisor: int, maximum: int) -> None:
    InvestigationSettings.objects.update_or_create(
        pk=1, defaults={"extension_supervisor_max_days": supervisor, "extension_max_days": maximum}
    )


def test_supervisor_approves_a_short_extension_and_the_due_date_moves_by_working_days(agent, investigator, supervisor):
    _limits(supervisor=2, maximum=5)
    with time_machine.travel(THURSDAY, tick=False):
        complaint = investigating_complaint(agent=agent, lead=investigator)
        deadline = Deadline.objects.get(complaint=complaint, step=Step.INVESTIGATION)
        due_before = deadline.due_at
        request = services.extension_request(
            complaint_id=complaint.pk, actor=investigator, working_days=2, reason="等待第三方鉴定"
        )
        services.extension_decide(request_id=request.pk, actor=supervisor, approve=True)

    request.refresh_from_db()
    deadline.refresh_from_db()
    assert request.status == ExtensionRequest.Status.APPROVED
    assert request.new_due_at == calendar.add_working_days(due_before, 2) == deadline.due_at
    # A Friday due date moved by two working days skips the weekend.
    assert deadline.due_at.date() > due_before.date() and calendar.is_working_day(deadline.due_at.date())


def test_a_longer_extension_waits_for_leadership_after_the_supervisor(
    client, agent, investigator, supervisor, management_user
):
    _limits(supervisor=2, maximum=5)
    complaint = investigating_complaint(agent=agent, lead=investigator)
    request = services.extension_request(complaint_id=complaint.pk, actor=investigator, working_days=4, reason="复杂")

    services.extension_decide(request_id=request.pk, actor=supervisor, approve=True)
    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.AWAITING_LEADERSHIP
    assert request.supervisor_approved_by == supervisor and request.new_due_at is None
    with pytest.raises(PermissionDenied):  # a second supervisor cannot stand in for leadership
        services.extension_decide(request_id=request.pk, actor=supervisor, approve=True)

    client.force_login(management_user)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("extension-leadership")).content.decode()
    assert complaint.tracking_number in page and reverse("extension-decide", args=[request.pk]) in page
    client.post(
        reverse("extension-decide", args=[request.pk]), {"approve": "1", "next": reverse("extension-leadership")}
    )

    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.APPROVED and request.decided_by == management_user


def test_an_extension_over_the_absolute_maximum_is_refused(agent, investigator):
    _limits(supervisor=2, maximum=5)
    complaint = investigating_complaint(agent=agent, lead=investigator)

    with pytest.raises(ValidationError) as error:
        services.extension_request(complaint_id=complaint.pk, actor=investigator, working_days=6, reason="很复杂")

    assert "at most 5 working days" in error.value.message_dict["working_days"][0]
    assert not ExtensionRequest.objects.exists()


def test_an_old_request_in_hours_is_still_approved_in_hours(agent, investigator, supervisor):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    request = services.extension_request(complaint_id=complaint.pk, actor=investigator, hours=12, reason="等待")

    services.extension_decide(request_id=request.pk, actor=supervisor, approve=True)

    request.refresh_from_db()
    assert request.status == ExtensionRequest.Status.APPROVED and request.hours == 12
