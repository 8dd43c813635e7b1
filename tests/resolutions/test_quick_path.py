"""The quick path: a simple complaint the agent resolves on the call (seed 004: 受理人员能够及时处理的投诉要及时处理).
Investigation and mediation are skipped; the result notice and the follow-up still happen."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from deadlines.models import Deadline, Step
from intake.models import Complaint, ContactAttempt, QuickPathSettings, State
from intake.tracking import public_status
from resolutions.models import QuickResolution
from resolutions.notice import notice_sections
from resolutions.selectors import notice_content_build
from resolutions.services import outcome
from resolutions.services.quick import quick_resolution_record

from .factories import complaint_accepted, fresh

pytestmark = pytest.mark.django_db

SOLUTION = "明天上午十点安排原保洁员免费返工厨房，并由主管电话致歉。"
URL = "resolution-quick-resolve"


def resolve(complaint, actor, **changes):
    data = {
        "solution": SOLUTION,
        "channel": ContactAttempt.Channel.PHONE,
        "complainant_agreed": True,
        "no_worker_blamed": True,
        **changes,
    }
    return quick_resolution_record(complaint_id=complaint.pk, actor=actor, **data)


def form_data(complaint, **changes) -> dict:
    return {
        "seen_version": complaint.version,
        "solution": SOLUTION,
        "channel": "phone",
        "complainant_agreed": "on",
        "no_worker_blamed": "on",
        **changes,
    }


def open_steps(complaint) -> set:
    return set(Deadline.objects.open().filter(complaint=complaint).values_list("step", flat=True))


def test_agent_resolves_on_the_call_and_the_clocks_follow(agent):
    complaint = complaint_accepted(agent)
    assert Step.INVESTIGATION in open_steps(complaint)

    resolution = resolve(complaint, agent)

    complaint = fresh(complaint)
    assert complaint.state == State.RESOLVED
    assert resolution.solution == SOLUTION and resolution.recorded_by == agent
    attempt = resolution.contact_attempt
    assert attempt.outcome == ContactAttempt.Outcome.REACHED and attempt.recorded_by == agent
    met = Deadline.objects.filter(complaint=complaint, met_at__isnull=False).values_list("step", flat=True)
    assert {Step.FIRST_CONTACT, Step.SOLUTION, Step.RESOLVE} <= set(met)
    # Nothing is investigated: the investigation clock stops without counting as met or missed.
    investigation = Deadline.objects.get(complaint=complaint, step=Step.INVESTIGATION)
    assert investigation.stopped_at is not None and investigation.met_at is None
    # The handling is not finished until the complainant has the result notice.
    assert Step.COMPLETION in open_steps(complaint)


def test_the_notice_quotes_the_agreed_solution_and_the_follow_up_starts(agent):
    complaint = complaint_accepted(agent)
    resolve(complaint, agent)
    outcome.result_notice_send(complaint_id=complaint.pk, actor=agent)
    complaint = fresh(complaint)
    assert complaint.state == State.NOTIFIED
    notice = complaint.result_notices.get()
    assert notice.content["decision"]["kind"] == "first_contact"
    text = "\n".join(line for section in notice_sections(notice.content) for line in section.lines)
    assert SOLUTION in text
    assert "No investigation report is on record." not in text
    assert complaint.result_notices.get().follow_up is not None


def test_the_complainant_sees_the_agreed_solution_on_the_status_page(agent):
    complaint = complaint_accepted(agent)
    resolve(complaint, agent)
    with translation.override("en"):
        status = public_status(fresh(complaint))
    assert "Resolved with you at first contact" in [event.label for event in status.events]
    assert status.result.settlement_terms == SOLUTION


@pytest.mark.parametrize(
    "changes",
    [{"severity": "important"}, {"urgent": True}, {"category": "safety_hazard"}, {"category": "fraud"}],
)
def test_only_simple_complaints_take_the_quick_path(agent, changes):
    complaint = complaint_accepted(agent)
    Complaint.objects.filter(pk=complaint.pk).update(**changes)
    with pytest.raises(ValidationError):
        resolve(complaint, agent)
    assert fresh(complaint).state == State.ACCEPTED
    assert not QuickResolution.objects.exists() and not ContactAttempt.objects.exists()


def test_supervisors_can_switch_the_quick_path_off(agent):
    settings_row = QuickPathSettings.current()
    settings_row.enabled = False
    settings_row.save()
    complaint = complaint_accepted(agent)
    with pytest.raises(ValidationError):
        resolve(complaint, agent)
    assert fresh(complaint).state == State.ACCEPTED


@pytest.mark.parametrize("changes", [{"complainant_agreed": False}, {"no_worker_blamed": False}, {"solution": "  "}])
def test_without_agreement_blame_free_or_solution_nothing_changes(agent, changes):
    complaint = complaint_accepted(agent)
    with pytest.raises(ValidationError):
        resolve(complaint, agent, **changes)
    assert fresh(complaint).state == State.ACCEPTED and not ContactAttempt.objects.exists()


def test_roles_without_the_permission_are_refused(agent, investigator):
    complaint = complaint_accepted(agent)
    with pytest.raises(PermissionDenied):
        resolve(complaint, investigator)
    assert fresh(complaint).state == State.ACCEPTED


def test_workbench_offers_it_only_when_allowed(client, agent):
    complaint = complaint_accepted(agent)
    client.force_login(agent)
    workbench = reverse("complaint-workbench", args=[complaint.pk])
    action = reverse(URL, args=[complaint.pk])
    assert action in client.get(workbench).content.decode()
    Complaint.objects.filter(pk=complaint.pk).update(category="safety_hazard")
    assert action not in client.get(workbench).content.decode()


def test_workbench_form_resolves_and_keeps_input_when_refused(client, agent):
    complaint = complaint_accepted(agent)
    client.force_login(agent)
    missing = client.post(reverse(URL, args=[complaint.pk]), form_data(complaint, complainant_agreed=""))
    assert missing.status_code == 400 and SOLUTION in missing.content.decode()
    stale = client.post(
        reverse(URL, args=[complaint.pk]), form_data(complaint, seen_version=complaint.version - 1), follow=True
    )
    assert "请刷新页面" in stale.content.decode()
    assert fresh(complaint).state == State.ACCEPTED

    done = client.post(reverse(URL, args=[complaint.pk]), form_data(complaint))
    assert done.status_code == 302
    assert fresh(complaint).state == State.RESOLVED
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert SOLUTION in page and reverse("resolution-notice-send", args=[complaint.pk]) in page


def test_notice_content_of_a_quick_resolution_has_no_compensation(agent):
    complaint = complaint_accepted(agent)
    resolve(complaint, agent)
    content = notice_content_build(fresh(complaint))
    assert content["compensations"] == [] and content["responsibility"] is None


def test_the_api_runs_the_quick_path_through_the_same_form_and_service(client, agent):
    complaint = complaint_accepted(agent)
    client.force_login(agent)
    url = f"/api/desk/complaints/{complaint.pk}/transitions/resolve_on_call/"
    body = {"seen_version": complaint.version, "solution": SOLUTION, "channel": "phone", "complainant_agreed": True}
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 400 and "no_worker_blamed" in refused.json()["fields"]
    done = client.post(url, {**body, "no_worker_blamed": True}, content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json()["state"] == State.RESOLVED
    assert QuickResolution.objects.get(complaint=complaint).solution == SOLUTION
