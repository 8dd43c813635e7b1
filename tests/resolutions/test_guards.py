"""The checks every resolutions service makes: who may act, in which state, and what the timeline keeps."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from intake.models import Complaint, ComplaintEvent, State
from resolutions.services.guards import WRONG_STATE, permission_require, state_require, trace, transition_run
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _error(excinfo) -> tuple[str, list[str]]:
    return excinfo.value.code, excinfo.value.messages


def test_the_system_acts_without_a_permission():
    permission_require(None, "intake.mediate_complaint")


def test_a_user_without_the_permission_is_refused(investigator):
    with pytest.raises(PermissionDenied):
        permission_require(investigator, "intake.mediate_complaint")


def test_a_user_with_the_permission_passes(agent):
    permission_require(agent, "intake.mediate_complaint")


def test_an_action_in_another_state_is_refused_with_the_state_code():
    complaint = ComplaintFactory(state=State.MEDIATING)

    state_require(complaint, State.RULING, State.MEDIATING)
    with pytest.raises(ValidationError) as excinfo:
        state_require(complaint, State.RULING, State.RESOLVED)

    assert _error(excinfo) == ("state", [str(WRONG_STATE)])


def test_a_transition_the_state_does_not_allow_is_refused_with_the_state_code(agent):
    complaint = ComplaintFactory(state=State.SUBMITTED)

    with pytest.raises(ValidationError) as excinfo:
        transition_run(complaint, "request_ruling", actor=agent, refused="not this one")

    assert _error(excinfo) == ("state", [str(WRONG_STATE)])


def test_a_transition_is_refused_to_a_user_without_its_permission_before_its_conditions(investigator):
    complaint = ComplaintFactory(state=State.INVESTIGATING)  # no report yet: the conditions fail too

    with pytest.raises(PermissionDenied):
        transition_run(complaint, "start_mediation", actor=investigator)

    assert Complaint.objects.get(pk=complaint.pk).state == State.INVESTIGATING


def test_unmet_conditions_are_refused_with_the_services_message(agent):
    complaint = ComplaintFactory(state=State.INVESTIGATING)

    with pytest.raises(ValidationError) as excinfo:
        transition_run(complaint, "start_mediation", actor=agent, refused="Submit the investigation report first.")

    assert _error(excinfo) == ("conditions", ["Submit the investigation report first."])


def test_unmet_conditions_without_a_message_of_their_own_say_the_state_does_not_allow_it(agent):
    complaint = ComplaintFactory(state=State.INVESTIGATING)

    with pytest.raises(ValidationError) as excinfo:
        transition_run(complaint, "start_mediation", actor=agent)

    assert _error(excinfo) == ("conditions", [str(WRONG_STATE)])


def test_the_system_runs_a_transition_without_a_permission():
    complaint = ComplaintFactory(state=State.MEDIATING)

    transition_run(complaint, "request_ruling", actor=None)

    assert Complaint.objects.get(pk=complaint.pk).state == State.RULING


def test_a_permitted_transition_is_saved_with_its_actor_and_note(agent):
    complaint = ComplaintFactory(state=State.MEDIATING)

    transition_run(complaint, "request_ruling", actor=agent, note="投诉人不接受调解方案")

    assert Complaint.objects.get(pk=complaint.pk).state == State.RULING
    event = ComplaintEvent.objects.get(complaint=complaint, transition="request_ruling")
    assert (event.actor, event.note, event.to_state) == (agent, "投诉人不接受调解方案", State.RULING)


def test_a_trace_is_an_internal_action_by_default(agent):
    complaint = ComplaintFactory(state=State.MEDIATING)

    trace(complaint, actor=agent, note="Proposal sent to both sides")

    event = ComplaintEvent.objects.get(complaint=complaint, kind=ComplaintEvent.Kind.ACTION)
    assert (event.actor, event.note, event.public) == (agent, "Proposal sent to both sides", False)


def test_a_trace_can_be_public_and_keeps_at_most_5000_characters(agent):
    complaint = ComplaintFactory(state=State.MEDIATING)

    trace(complaint, actor=agent, note="付" * 5001, public=True)

    event = ComplaintEvent.objects.get(complaint=complaint, kind=ComplaintEvent.Kind.ACTION)
    assert event.public is True
    assert event.note == "付" * 5000


def test_a_transition_without_a_note_leaves_the_timeline_note_empty(agent):
    complaint = ComplaintFactory(state=State.MEDIATING)

    transition_run(complaint, "request_ruling", actor=agent)

    assert ComplaintEvent.objects.get(complaint=complaint, transition="request_ruling").note == ""
