"""Steps that do another's work: the first proposal starts the mediation it belongs to, and a
satisfaction callback confirms the notice it follows (the mediation path in at most 15 page loads)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from deadlines.models import Deadline, Step
from intake.models import State
from investigations.services.investigation import investigation_start, report_submit
from resolutions.services import mediation, outcome

from .factories import REPORT, complaint_accepted, complaint_notified, fresh, investigate

pytestmark = pytest.mark.django_db


def test_the_first_proposal_after_the_report_starts_mediation(agent):
    complaint = investigate(complaint_accepted(agent), agent)
    assert complaint.state == State.INVESTIGATING
    proposal = mediation.mediation_propose(complaint_id=complaint.pk, actor=agent, complainant_gets="书面道歉")
    complaint = fresh(complaint)
    assert complaint.state == State.MEDIATING and proposal.complaint == complaint
    assert list(complaint.events.filter(transition="start_mediation").values_list("actor", flat=True)) == [agent.pk]


def test_without_the_report_a_proposal_is_refused_and_nothing_is_kept(agent):
    complaint = complaint_accepted(agent)
    investigation_start(complaint_id=complaint.pk, actor=agent, lead=agent)
    with pytest.raises(ValidationError):
        mediation.mediation_propose(complaint_id=complaint.pk, actor=agent, complainant_gets="书面道歉")
    assert fresh(complaint).state == State.INVESTIGATING and not complaint.mediation_proposals.exists()


def test_the_workbench_offers_the_proposal_once_the_report_is_in(client, agent):
    complaint = complaint_accepted(agent)
    investigation_start(complaint_id=complaint.pk, actor=agent, lead=agent)
    client.force_login(agent)
    action = reverse("resolution-proposal-add", args=[complaint.pk])
    assert action not in client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    report_submit(complaint_id=complaint.pk, actor=agent, **REPORT)
    assert action in client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()


def test_a_callback_before_the_confirmation_confirms_the_notice_and_closes(agent):
    complaint = complaint_notified(agent)
    outcome.follow_up_callback_record(complaint_id=complaint.pk, actor=agent, score=5)
    complaint = fresh(complaint)
    assert complaint.state == State.CLOSED
    notice = complaint.result_notices.get()
    assert notice.phone_confirmed_by == agent and notice.phone_confirmed_at is not None
    callback = Deadline.objects.get(complaint=complaint, step=Step.CALLBACK)
    assert callback.met_at is not None


def test_the_callback_form_is_on_the_workbench_right_after_the_notice(client, agent):
    complaint = complaint_notified(agent)
    client.force_login(agent)
    page = client.get(reverse("complaint-workbench", args=[complaint.pk])).content.decode()
    assert reverse("resolution-callback-add", args=[complaint.pk]) in page
