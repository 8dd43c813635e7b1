"""Who may add to an investigation: its team and supervisors, only once an investigation is open."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from investigations.models import Investigation
from investigations.services.access import investigation_current
from tests.investigations.factories import accepted_complaint, investigating_complaint, text_evidence

pytestmark = pytest.mark.django_db


def test_evidence_waits_for_an_investigation_to_be_opened(agent, investigator):
    complaint = accepted_complaint(agent=agent)

    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        text_evidence(complaint, actor=investigator)

    assert excinfo.value.messages == ["No investigation has been opened for this complaint yet."]


def test_a_supervisor_off_the_team_may_add_evidence(agent, investigator, supervisor):
    complaint = investigating_complaint(agent=agent, lead=investigator)

    assert text_evidence(complaint, actor=supervisor).added_by == supervisor


def test_a_team_member_may_add_evidence(agent, investigator, other_agent):
    complaint = investigating_complaint(agent=agent, lead=investigator, members=[other_agent])

    assert text_evidence(complaint, actor=other_agent).added_by == other_agent


def test_an_agent_off_the_team_may_not_add_evidence(agent, investigator, other_agent):
    complaint = investigating_complaint(agent=agent, lead=investigator)

    with pytest.raises(PermissionDenied):
        text_evidence(complaint, actor=other_agent)


def test_evidence_attaches_to_the_latest_round(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    Investigation.objects.create(complaint=complaint, round=2, lead=investigator, opened_by=agent)

    assert investigation_current(complaint=complaint).round == 2
    assert text_evidence(complaint, actor=investigator).investigation.round == 2
