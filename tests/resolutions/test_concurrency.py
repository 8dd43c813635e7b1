"""Two desk staff acting on the same complaint at once (PostgreSQL row locks)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from intake.locking import ComplaintChanged
from intake.models import ComplaintEvent
from resolutions.models import Compensation, Party
from resolutions.services import compensation, ends, mediation
from tests.resolutions.factories import complaint_accepted, complaint_resolved, investigate, propose, voucher_png

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _race(*actions) -> list:
    """Run the actions in parallel threads; return what each returned or raised."""
    results: list = []
    barrier = threading.Barrier(len(actions))

    def run(action):
        try:
            barrier.wait()
            results.append(action())
        except Exception as error:  # the loser's refusal is the result under test
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_compensation_paid_twice_at_once_is_paid_once(agent, other_agent):
    complaint = complaint_resolved(agent)
    item = complaint.compensations.get()
    vouchers = [voucher_png(), voucher_png()]
    results = _race(
        *(
            lambda actor=actor, voucher=voucher: compensation.compensation_pay(
                compensation_id=item.pk, actor=actor, voucher=voucher
            )
            for actor, voucher in zip([agent, other_agent], vouchers, strict=True)
        )
    )
    assert sum(isinstance(r, Compensation) for r in results) == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert Compensation.history.filter(id=item.pk, status=Compensation.Status.PAID).count() == 1


def test_both_sides_answering_at_once_settle_once(agent, other_agent):
    complaint = complaint_accepted(agent)
    complaint = investigate(complaint, agent)
    mediation.mediation_start(complaint_id=complaint.pk, actor=agent)
    proposal = propose(complaint, agent)
    version = complaint.__class__.objects.get(pk=complaint.pk).version
    _race(
        lambda: mediation.mediation_answer_record(
            proposal_id=proposal.pk, actor=agent, party=Party.COMPLAINANT, accepted=True, seen_version=version
        ),
        lambda: mediation.mediation_answer_record(
            proposal_id=proposal.pk, actor=other_agent, party=Party.RESPONDENT, accepted=True, seen_version=version
        ),
    )
    settles = ComplaintEvent.objects.filter(complaint=complaint, transition="settle").count()
    assert settles == 1
    assert complaint.settlements.count() == 1


def test_two_agents_withdrawing_at_once_one_gets_the_reload_message(agent, other_agent):
    complaint = complaint_accepted(agent)
    version = complaint.version
    results = _race(
        lambda: ends.complaint_withdraw(complaint_id=complaint.pk, actor=agent, reason="撤回", seen_version=version),
        lambda: ends.complaint_withdraw(
            complaint_id=complaint.pk, actor=other_agent, reason="重复", seen_version=version
        ),
    )
    assert sum(isinstance(r, ComplaintChanged) for r in results) == 1
    assert ComplaintEvent.objects.filter(complaint=complaint, transition="withdraw").count() == 1
