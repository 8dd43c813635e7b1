import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from intake.models import State
from resolutions.models import Party, Verdict
from resolutions.services import mediation, ruling

from .factories import complaint_mediating, fresh, propose

U, P, R = Verdict.UPHOLD, Verdict.PARTLY, Verdict.REJECT


@pytest.mark.parametrize(
    ("votes", "size", "expected"),
    [
        ([U], 3, None),
        ([U, U], 3, U),
        ([U, R], 3, None),
        ([U, P, R], 3, P),
        ([R, R, U], 3, R),
        ([U, U, R, R], 4, P),
        ([U, U, P, R], 4, P),
        ([U, U, U], 5, U),
    ],
)
def test_ruling_verdict_is_the_majority_or_the_median_of_all_votes(votes, size, expected):
    assert ruling.ruling_verdict(votes=votes, panel_size=size) == expected


@pytest.fixture
def ruling_complaint(db, agent):
    complaint = complaint_mediating(agent)
    proposal = propose(complaint, agent, amount=None)
    mediation.mediation_answer_record(
        proposal_id=proposal.pk, actor=agent, party=Party.COMPLAINANT, accepted=False, reason="不够"
    )
    mediation.ruling_request(complaint_id=complaint.pk, actor=agent)
    return fresh(complaint)


def test_ruling_request_needs_a_rejected_proposal(agent):
    complaint = complaint_mediating(agent)
    propose(complaint, agent)
    with pytest.raises(ValidationError):
        mediation.ruling_request(complaint_id=complaint.pk, actor=agent)


def test_panel_needs_three_ruling_panel_members(ruling_complaint, agent, panel, other_agent):
    with pytest.raises(ValidationError):
        ruling.ruling_form(complaint_id=ruling_complaint.pk, actor=agent, members=panel[:2])
    with pytest.raises(ValidationError):
        ruling.ruling_form(complaint_id=ruling_complaint.pk, actor=agent, members=[*panel[:2], other_agent])


def test_member_votes_once_and_outsiders_not_at_all(ruling_complaint, agent, panel):
    ruling.ruling_form(complaint_id=ruling_complaint.pk, actor=agent, members=panel)
    ruling.ruling_vote(complaint_id=ruling_complaint.pk, actor=panel[0], verdict=U, opinion="支持")
    with pytest.raises(ValidationError):
        ruling.ruling_vote(complaint_id=ruling_complaint.pk, actor=panel[0], verdict=R, opinion="改票")
    with pytest.raises(PermissionDenied):
        ruling.ruling_vote(complaint_id=ruling_complaint.pk, actor=agent, verdict=R, opinion="x")


def test_decision_waits_for_a_majority_and_needs_a_basis(ruling_complaint, agent, panel):
    ruling.ruling_form(complaint_id=ruling_complaint.pk, actor=agent, members=panel)
    ruling.ruling_vote(complaint_id=ruling_complaint.pk, actor=panel[0], verdict=R, opinion="驳回")
    with pytest.raises(ValidationError):
        ruling.ruling_decide(complaint_id=ruling_complaint.pk, actor=panel[0], basis="依据")
    ruling.ruling_vote(complaint_id=ruling_complaint.pk, actor=panel[1], verdict=R, opinion="驳回")
    with pytest.raises(ValidationError):
        ruling.ruling_decide(complaint_id=ruling_complaint.pk, actor=panel[0], basis="  ")
    with pytest.raises(PermissionDenied):
        ruling.ruling_decide(complaint_id=ruling_complaint.pk, actor=agent, basis="依据")
    decided = ruling.ruling_decide(complaint_id=ruling_complaint.pk, actor=panel[0], basis="证据不足")
    assert decided.verdict == R
    assert fresh(ruling_complaint).state == State.RESOLVED
