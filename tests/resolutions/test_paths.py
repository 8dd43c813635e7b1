"""One complaint through every path of its life, by the services the pages call."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from intake.models import ComplaintEvent, State
from intake.services.decision import complaint_decline
from resolutions.models import Compensation, ExternalReferral, FollowUp, Party, Verdict
from resolutions.services import archive, ends, mediation, outcome, ruling
from tests.factories import ComplaintFactory

from .factories import complaint_accepted, complaint_in_follow_up, complaint_mediating, fresh, pay_all, propose

pytestmark = pytest.mark.django_db


def _answer_survey(complaint, score: int) -> FollowUp:
    follow_up = complaint.follow_ups.first()
    token = "known-token"
    from resolutions.models import survey_token_hash

    follow_up.token_hash = survey_token_hash(token)
    follow_up.save(update_fields=["token_hash"])
    return outcome.follow_up_answer(token=token, score=score, comment="")


def _transitions(complaint) -> list[str]:
    return list(
        ComplaintEvent.objects.filter(complaint=complaint, kind=ComplaintEvent.Kind.TRANSITION).values_list(
            "transition", flat=True
        )
    )


def test_settled_complaint_goes_from_acceptance_to_archive(agent, supervisor):
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 10, 20, 10, 0)), tick=True):
        complaint = complaint_in_follow_up(agent)
        _answer_survey(complaint, 5)
        complaint = fresh(complaint)
        assert complaint.state == State.CLOSED
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 11, 1, 3, 0)), tick=True):
        numbers = archive.archive_previous_month()
    complaint = fresh(complaint)
    assert complaint.state == State.ARCHIVED
    assert numbers == ["GD-2026-10-0001"] == [complaint.archive_number]
    assert _transitions(complaint) == [
        "accept",
        "start_investigation",
        "start_mediation",
        "settle",
        "notify_result",
        "start_follow_up",
        "close",
        "archive",
    ]


def test_rejected_mediation_goes_to_a_ruling_that_resolves(agent, panel):
    complaint = complaint_mediating(agent)
    proposal = propose(complaint, agent)
    mediation.mediation_answer_record(proposal_id=proposal.pk, actor=agent, party=Party.COMPLAINANT, accepted=True)
    mediation.mediation_answer_record(
        proposal_id=proposal.pk, actor=agent, party=Party.RESPONDENT, accepted=False, reason="金额过高"
    )
    assert proposal.compensations.get().status == Compensation.Status.VOID
    mediation.ruling_request(complaint_id=complaint.pk, actor=agent)
    panel_ruling = ruling.ruling_form(complaint_id=complaint.pk, actor=agent, members=panel)
    ruling.ruling_vote(complaint_id=complaint.pk, actor=panel[0], verdict=Verdict.PARTLY, opinion="部分支持")
    ruling.ruling_vote(complaint_id=complaint.pk, actor=panel[1], verdict=Verdict.PARTLY, opinion="同意")
    decided = ruling.ruling_decide(complaint_id=complaint.pk, actor=panel[2], basis="依据服务合同第五条")
    assert decided.pk == panel_ruling.pk and decided.verdict == Verdict.PARTLY
    assert fresh(complaint).state == State.RESOLVED


def test_unsatisfied_complaint_is_reopened_and_resolved_again(agent):
    complaint = complaint_in_follow_up(agent)
    follow_up = _answer_survey(complaint, 2)
    assert follow_up.unsatisfied and fresh(complaint).state == State.FOLLOW_UP
    outcome.follow_up_reopen(complaint_id=complaint.pk, actor=agent, reason="对赔偿金额不满意")
    complaint = fresh(complaint)
    assert complaint.state == State.INVESTIGATING
    assert complaint.investigations.count() == 2
    from investigations.services.investigation import report_submit

    from .factories import REPORT

    report_submit(complaint_id=complaint.pk, actor=agent, **REPORT)
    mediation.mediation_start(complaint_id=complaint.pk, actor=agent)
    proposal = propose(complaint, agent, amount=Decimal("300.00"))
    for party in Party.values:
        mediation.mediation_answer_record(proposal_id=proposal.pk, actor=agent, party=party, accepted=True)
    assert fresh(complaint).state == State.RESOLVED
    assert complaint.settlements.count() == 2


def test_complaint_not_accepted_is_archived_with_its_month(agent):
    complaint = ComplaintFactory()
    complaint_decline(
        complaint_id=complaint.pk, actor=agent, seen_version=0, reason="out_of_scope", note="不在服务范围"
    )
    assert fresh(complaint).state == State.NOT_ACCEPTED
    today = timezone.localdate()
    archive.archive_month(year=today.year, month=today.month)
    assert fresh(complaint).state == State.ARCHIVED


def test_withdrawn_complaint_keeps_the_reason(agent):
    complaint = complaint_accepted(agent)
    withdrawal = ends.complaint_withdraw(complaint_id=complaint.pk, actor=agent, reason="已与阿姨私下协商")
    complaint = fresh(complaint)
    assert complaint.state == State.WITHDRAWN and complaint.closed_at is not None
    assert withdrawal.reason == "已与阿姨私下协商"


def test_complaint_referred_externally_keeps_route_and_reference(agent):
    complaint = complaint_mediating(agent)
    referral = ends.complaint_refer(
        complaint_id=complaint.pk,
        actor=agent,
        route=ExternalReferral.Route.REGULATOR,
        reference="12315-2026-0001",
        referred_on=date(2026, 11, 20),
    )
    assert fresh(complaint).state == State.REFERRED
    assert referral.reference == "12315-2026-0001"


def test_paid_compensation_allows_closing_after_payment(agent):
    complaint = complaint_mediating(agent)
    propose(complaint, agent)
    proposal = complaint.mediation_proposals.first()
    for party in Party.values:
        mediation.mediation_answer_record(proposal_id=proposal.pk, actor=agent, party=party, accepted=True)
    outcome.result_notice_send(complaint_id=complaint.pk, actor=agent)
    outcome.result_notice_confirm_phone(complaint_id=complaint.pk, actor=agent)
    _answer_survey(fresh(complaint), 5)
    assert fresh(complaint).state == State.FOLLOW_UP  # the money is still owed
    pay_all(fresh(complaint), agent)
    outcome.follow_up_close(complaint_id=complaint.pk, actor=agent)
    assert fresh(complaint).state == State.CLOSED
