"""The state machine's guards: permissions, conditions, archived read-only, and the generated diagram."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection, transaction
from django_fsm import TransitionNotAllowed, has_transition_perm

from intake.locking import ComplaintArchived, ComplaintChanged, complaint_for_update, complaint_save
from intake.models import Complaint, ComplaintEvent, State
from tests.factories import ComplaintFactory
from tests.investigations.factories import investigating_complaint, submitted_report


def _run(complaint, name, actor, **kwargs):
    with transaction.atomic():
        locked = complaint_for_update(pk=complaint.pk)
        getattr(locked, name)(by=actor, **kwargs)
        complaint_save(locked)
    return locked


def test_every_transition_declares_a_permission():
    transitions = list(Complaint._meta.get_field("state").get_all_transitions(Complaint))
    assert transitions
    assert all(transition.permission for transition in transitions)


def test_user_without_the_permission_cannot_run_a_transition_even_when_calling_it_directly(db, investigator):
    complaint = ComplaintFactory()

    assert not has_transition_perm(complaint.accept, investigator)
    with pytest.raises(PermissionDenied):
        _run(complaint, "accept", investigator)
    complaint.refresh_from_db()
    assert complaint.state == State.SUBMITTED
    assert not complaint.events.filter(kind=ComplaintEvent.Kind.TRANSITION).exists()


def test_the_system_may_run_a_transition_without_a_user(db):
    complaint = _run(ComplaintFactory(), "accept", None)
    assert complaint.state == State.ACCEPTED


def test_decline_needs_a_reason(db, agent):
    complaint = ComplaintFactory()
    with pytest.raises(TransitionNotAllowed):
        _run(complaint, "decline", agent)

    complaint.not_accepted_reason = "out_of_scope"
    complaint.save()
    assert _run(complaint, "decline", agent).state == State.NOT_ACCEPTED


def test_mediation_cannot_start_before_the_investigation_report(agent, investigator):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    assert not has_transition_perm(complaint.start_mediation, agent)
    with pytest.raises(TransitionNotAllowed):
        _run(complaint, "start_mediation", agent)

    submitted_report(complaint, actor=investigator)

    assert has_transition_perm(complaint.start_mediation, agent)
    assert _run(complaint, "start_mediation", agent).state == State.MEDIATING


def test_a_reopened_complaint_needs_a_new_report_for_its_new_round(agent, investigator):
    from investigations import services

    complaint = investigating_complaint(agent=agent, lead=investigator)
    submitted_report(complaint, actor=investigator)
    for name in ["start_mediation", "settle", "notify_result", "start_follow_up", "reopen"]:
        complaint = _run(complaint, name, None)
    services.investigation_start(complaint_id=complaint.pk, actor=agent, lead=investigator)

    complaint.refresh_from_db()
    assert complaint.state == State.INVESTIGATING
    assert not complaint.has_investigation_report()


def test_only_the_ruling_panel_may_record_a_ruling(agent, investigator, panel):
    complaint = investigating_complaint(agent=agent, lead=investigator)
    submitted_report(complaint, actor=investigator)
    for name in ["start_mediation", "request_ruling"]:
        complaint = _run(complaint, name, agent)

    assert has_transition_perm(complaint.rule, panel[0])
    assert not has_transition_perm(complaint.rule, agent)


def test_archived_complaint_refuses_every_later_save(db, supervisor):
    complaint = ComplaintFactory()
    complaint.not_accepted_reason = "out_of_scope"
    complaint.save()
    _run(complaint, "decline", supervisor)
    archived = _run(complaint, "archive", supervisor)
    assert archived.state == State.ARCHIVED

    with pytest.raises(ComplaintArchived), transaction.atomic():
        locked = complaint_for_update(pk=complaint.pk)
        locked.description = "rewritten"
        complaint_save(locked)
    complaint.refresh_from_db()
    assert complaint.description != "rewritten"


def test_stale_version_is_refused(db, agent):
    complaint = ComplaintFactory()
    with pytest.raises(ComplaintChanged), transaction.atomic():
        complaint_for_update(pk=complaint.pk, seen_version=complaint.version + 1)


def test_state_diagram_in_docs_matches_the_code(db):
    call_command("state_diagram", "--check")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_agents_running_the_same_transition_at_once_one_wins(agent, other_agent):
    """Two connections race to accept the same complaint: one wins, the other is told to reload."""
    assert connection.vendor == "postgresql"
    complaint = ComplaintFactory()
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def act(actor):
        try:
            with transaction.atomic():
                # Both read the complaint before either writes: the stale-page case.
                stale = Complaint.objects.get(pk=complaint.pk)
                barrier.wait(timeout=10)
                locked = complaint_for_update(pk=complaint.pk, seen_version=stale.version)
                locked.accept(by=actor)
                complaint_save(locked)
            outcomes[actor.username] = "won"
        except ComplaintChanged:
            outcomes[actor.username] = "changed"
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(user,)) for user in (agent, other_agent)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["changed", "won"]
    complaint.refresh_from_db()
    assert complaint.state == State.ACCEPTED and complaint.version == 1
    assert complaint.events.filter(kind=ComplaintEvent.Kind.TRANSITION).count() == 1
    assert complaint.history.filter(state=State.ACCEPTED).count() == 1
