"""Random sequences of actions by random roles keep the lifecycle's promises (hypothesis)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_fsm import TransitionNotAllowed, has_transition_perm
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from intake.locking import ComplaintChanged, complaint_for_update, complaint_save
from intake.models import Complaint, ComplaintEvent, State
from investigations import services
from tests.factories import ComplaintFactory
from tests.investigations.factories import REPORT_FIELDS, text_evidence

ROLES = ["agent", "investigator", "supervisor", "panel", "manager"]
TRANSITIONS = sorted(t.name for t in Complaint._meta.get_field("state").get_all_transitions(Complaint))


class LifecycleMachine(RuleBasedStateMachine):
    users: dict = {}

    def __init__(self) -> None:
        super().__init__()
        self.complaint = ComplaintFactory(not_accepted_reason="out_of_scope")
        self.transitions_done = 0
        self.archived_snapshot = None

    def _fresh(self) -> Complaint:
        return Complaint.objects.get(pk=self.complaint.pk)

    @rule(name=st.sampled_from(TRANSITIONS), role=st.sampled_from(ROLES))
    def run_transition(self, name, role):
        user = self.users[role]
        before = self._fresh()
        allowed = has_transition_perm(getattr(before, name), user)
        try:
            if name == "start_investigation":
                services.investigation_start(complaint_id=before.pk, actor=user, lead=self.users["investigator"])
            else:
                with transaction.atomic():
                    locked = complaint_for_update(pk=before.pk)
                    getattr(locked, name)(by=user)
                    complaint_save(locked)
        except (PermissionDenied, TransitionNotAllowed, ComplaintChanged):
            assert not allowed, f"{role} was refused {name} in {before.state}"
            assert self._fresh().state == before.state
        else:
            assert allowed, f"{role} ran {name} in {before.state} without being allowed"
            self.transitions_done += 1

    @precondition(lambda self: self._fresh().state == State.INVESTIGATING)
    @rule(role=st.sampled_from(ROLES))
    def add_evidence(self, role):
        try:
            text_evidence(self.complaint, actor=self.users[role])
        except PermissionDenied:
            assert role not in ("investigator", "supervisor")

    @precondition(lambda self: self._fresh().state == State.INVESTIGATING)
    @rule()
    def submit_report(self):
        try:
            services.report_submit(complaint_id=self.complaint.pk, actor=self.users["investigator"], **REPORT_FIELDS)
        except ValidationError:
            assert self._fresh().has_investigation_report()

    @invariant()
    def every_transition_is_logged_once(self):
        logged = ComplaintEvent.objects.filter(complaint_id=self.complaint.pk, kind=ComplaintEvent.Kind.TRANSITION)
        assert logged.count() == self.transitions_done

    @invariant()
    def evidence_chain_stays_valid(self):
        assert services.evidence_chain_verify(complaint_id=self.complaint.pk)[self.complaint.pk].intact

    @invariant()
    def archived_complaints_never_change(self):
        complaint = self._fresh()
        if complaint.state != State.ARCHIVED:
            return
        snapshot = (complaint.version, complaint.state, complaint.evidence_items.count(), complaint.events.count())
        if self.archived_snapshot is None:
            self.archived_snapshot = snapshot
        assert snapshot == self.archived_snapshot


@pytest.mark.django_db
def test_random_actions_by_random_roles_keep_the_lifecycle_invariants(agent, investigator, supervisor, panel, manager):
    LifecycleMachine.users = {
        "agent": agent,
        "investigator": investigator,
        "supervisor": supervisor,
        "panel": panel[0],
        "manager": manager,
    }
    LifecycleMachine.TestCase.settings = settings(
        max_examples=8, stateful_step_count=20, deadline=None, suppress_health_check=list(HealthCheck)
    )
    LifecycleMachine.TestCase().runTest()
