"""Random sequences of actions by random roles keep the complaint's life consistent.

Every rule calls the real service a page would call, as a randomly chosen user; refusals
(wrong state, missing permission, bad input) are expected and ignored. After every step the
invariants below must hold.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import TransitionNotAllowed
from django_fsm.signals import post_transition
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from core import roles
from core.models import OutboxMessage
from intake.locking import ComplaintChanged
from intake.models import Complaint, ComplaintEvent, State
from intake.models import State as S
from intake.models.lifecycle import ARCHIVABLE_STATES
from intake.services.decision import DecisionNotPossible, complaint_accept, complaint_decline
from investigations.services.evidence import evidence_chain_verify, statement_add
from investigations.services.investigation import investigation_start, report_submit
from resolutions.models import Compensation, Party, Verdict
from resolutions.services import archive, compensation, ends, mediation, outcome, ruling
from tests.factories import ComplaintFactory, UserFactory

from .factories import (
    REPORT,
    complaint_accepted,
    complaint_in_follow_up,
    complaint_mediating,
    complaint_notified,
    complaint_resolved,
    voucher_png,
)

pytestmark = pytest.mark.django_db

STAGES = {
    "submitted": lambda agent: ComplaintFactory(),
    "accepted": complaint_accepted,
    "mediating": complaint_mediating,
    "resolved": complaint_resolved,
    "notified": complaint_notified,
    "follow_up": complaint_in_follow_up,
}
ROLE_USERS = ["agent", "supervisor", "investigator", "panel0", "panel1", "panel2", "manager", "gm"]
REFUSALS = (ValidationError, PermissionDenied, ComplaintChanged, TransitionNotAllowed, DecisionNotPossible)
ALLOWED = {
    (t.name, source, t.target)
    for t in Complaint._meta.get_field("state").get_all_transitions(Complaint)
    for source in [t.source]
}


def _users() -> dict:
    plan = {
        "agent": roles.AGENT,
        "supervisor": roles.SUPERVISOR,
        "investigator": roles.INVESTIGATOR,
        "panel0": roles.RULING_PANEL,
        "panel1": roles.RULING_PANEL,
        "panel2": roles.RULING_PANEL,
        "manager": roles.MANAGER,
        "gm": roles.MANAGEMENT,
    }
    users = {}
    for name, role in plan.items():
        users[name] = UserFactory(username=f"prop-{name}")
        users[name].groups.add(Group.objects.get(name=role))
    return users


# The agent twice: most work is hers, so random sequences get deep into the life cycle.
users_st = st.sampled_from(["agent", *ROLE_USERS])
#: Actions tried in any state by the ``anything`` rule, to prove that refusals change nothing (the
#: ends -- decline, withdraw, refer -- are only tried this way, so that most runs go deep).
ANY_STATE_ACTIONS = [
    "accept",
    "decline",
    "investigate",
    "report",
    "start_mediation",
    "request_ruling",
    "form_panel",
    "decide",
    "pay",
    "send_notice",
    "confirm_phone",
    "close",
    "reopen",
    "withdraw",
    "refer",
]


class ComplaintLife(RuleBasedStateMachine):
    users: dict = {}

    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.complaint = None
        self.pending = 0
        self.transitions = 0
        self.archived_snapshot = None
        post_transition.connect(self._count, sender=Complaint)

    @initialize(stage=st.sampled_from(list(STAGES)))
    def start(self, stage):
        """Start at a random stage (reached through the services), so short runs still go deep."""
        self.complaint = STAGES[stage](self.users["agent"])
        self.transitions = self.complaint.events.filter(kind=ComplaintEvent.Kind.TRANSITION).count()

    def _count(self, sender, instance, **kwargs):
        if self.complaint is not None and instance.pk == self.complaint.pk:
            self.pending += 1

    def teardown(self):
        post_transition.disconnect(self._count, sender=Complaint)
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def attempt(self, action) -> None:
        """Run one service call; its transitions count only if it committed (its savepoint)."""
        self.pending = 0
        try:
            with transaction.atomic():
                action()
        except REFUSALS:
            self.pending = 0
        self.transitions += self.pending
        self.complaint.refresh_from_db()

    def _proposal_open(self) -> bool:
        latest = self.complaint.mediation_proposals.first()
        return latest is not None and latest.open

    @property
    def pk(self) -> int:
        return self.complaint.pk

    # --- intake and investigation ---------------------------------------------------------
    @precondition(lambda self: self.complaint.state in (S.SUBMITTED,))
    @rule(who=users_st)
    def accept(self, who):
        self.attempt(
            lambda: complaint_accept(
                complaint_id=self.pk,
                actor=self.users[who],
                seen_version=self.complaint.version,
                category="service_quality",
                severity="general",
                urgent=False,
                promised_reply_at=timezone.now() + timedelta(days=1),
            )
        )

    def decline(self, who):
        self.attempt(
            lambda: complaint_decline(
                complaint_id=self.pk,
                actor=self.users[who],
                seen_version=self.complaint.version,
                reason="out_of_scope",
                note="",
            )
        )

    @precondition(
        lambda self: (
            self.complaint.state
            in (
                S.ACCEPTED,
                S.REOPENED,
            )
        )
    )
    @rule(who=users_st)
    def investigate(self, who):
        lead = self.users["agent"]
        self.attempt(lambda: investigation_start(complaint_id=self.pk, actor=self.users[who], lead=lead))

    @precondition(lambda self: self.complaint.state in (S.INVESTIGATING,))
    @rule(who=users_st)
    def statement(self, who):
        self.attempt(
            lambda: statement_add(
                complaint_id=self.pk, actor=self.users[who], party="complainant", person_name="张三", content="陈述"
            )
        )

    @precondition(lambda self: self.complaint.state in (S.INVESTIGATING,))
    @rule(who=users_st)
    def report(self, who):
        self.attempt(lambda: report_submit(complaint_id=self.pk, actor=self.users[who], **REPORT))

    # --- mediation and ruling -------------------------------------------------------------
    @precondition(lambda self: self.complaint.state in (S.INVESTIGATING,))
    @rule(who=users_st)
    def start_mediation(self, who):
        self.attempt(lambda: mediation.mediation_start(complaint_id=self.pk, actor=self.users[who]))

    @precondition(lambda self: self.complaint.state == S.MEDIATING and not self._proposal_open())
    @rule(who=users_st, cents=st.one_of(st.none(), st.integers(min_value=0, max_value=10**7)))
    def propose(self, who, cents):
        def action():
            proposal = mediation.mediation_propose(complaint_id=self.pk, actor=self.users[who], complainant_gets="方案")
            if cents is not None:
                compensation.compensation_add(
                    complaint_id=self.pk,
                    actor=self.users[who],
                    proposal_id=proposal.pk,
                    kind="money",
                    description="赔偿",
                    payer="company",
                    amount=Decimal(cents) / 100,
                )

        self.attempt(action)

    @precondition(lambda self: self.complaint.state in (S.MEDIATING,))
    @rule(who=users_st, party=st.sampled_from(Party.values), accepted=st.sampled_from([True, True, True, False]))
    def answer(self, who, party, accepted):
        proposal = self.complaint.mediation_proposals.first()
        if proposal is not None:
            self.attempt(
                lambda: mediation.mediation_answer_record(
                    proposal_id=proposal.pk, actor=self.users[who], party=party, accepted=accepted, reason="理由"
                )
            )

    @precondition(
        lambda self: (
            self.complaint.state
            in (
                S.INVESTIGATING,
                S.MEDIATING,
                S.RULING,
            )
        )
    )
    @rule(who=users_st)
    def advance_payment(self, who):
        self.attempt(
            lambda: compensation.compensation_add(
                complaint_id=self.pk,
                actor=self.users[who],
                kind="money",
                description="先行赔付",
                payer="fund",
                amount=Decimal("88.80"),
                advance_payment=True,
            )
        )

    @precondition(lambda self: self.complaint.state in (S.MEDIATING,))
    @rule(who=users_st)
    def request_ruling(self, who):
        self.attempt(lambda: mediation.ruling_request(complaint_id=self.pk, actor=self.users[who]))

    @precondition(lambda self: self.complaint.state in (S.RULING,))
    @rule(who=users_st)
    def form_panel(self, who):
        members = [self.users[f"panel{i}"] for i in range(3)]
        self.attempt(lambda: ruling.ruling_form(complaint_id=self.pk, actor=self.users[who], members=members))

    @precondition(lambda self: self.complaint.state in (S.RULING,))
    @rule(who=users_st, verdict=st.sampled_from(Verdict.values))
    def vote(self, who, verdict):
        self.attempt(
            lambda: ruling.ruling_vote(complaint_id=self.pk, actor=self.users[who], verdict=verdict, opinion="意见")
        )

    @precondition(lambda self: self.complaint.state in (S.RULING,))
    @rule(who=users_st)
    def decide(self, who):
        self.attempt(lambda: ruling.ruling_decide(complaint_id=self.pk, actor=self.users[who], basis="依据"))

    # --- outcome --------------------------------------------------------------------------
    @precondition(lambda self: self.complaint.compensations.filter(status=Compensation.Status.AGREED).exists())
    @rule(who=users_st)
    def pay(self, who):
        item = self.complaint.compensations.filter(status=Compensation.Status.AGREED).first()
        if item is not None:
            self.attempt(
                lambda: compensation.compensation_pay(
                    compensation_id=item.pk, actor=self.users[who], voucher=voucher_png()
                )
            )

    @precondition(lambda self: self.complaint.state in (S.RESOLVED,))
    @rule(who=users_st)
    def send_notice(self, who):
        self.attempt(lambda: outcome.result_notice_send(complaint_id=self.pk, actor=self.users[who]))

    @precondition(lambda self: self.complaint.state in (S.NOTIFIED,))
    @rule(who=users_st)
    def confirm_phone(self, who):
        self.attempt(lambda: outcome.result_notice_confirm_phone(complaint_id=self.pk, actor=self.users[who]))

    @precondition(
        lambda self: (
            self.complaint.state
            in (
                S.NOTIFIED,
                S.FOLLOW_UP,
            )
        )
    )
    @rule(score=st.integers(min_value=1, max_value=5))
    def survey(self, score):
        message = OutboxMessage.objects.filter(complaint=self.complaint, purpose="result_notice", channel="sms").first()
        if message is None:
            return
        token = message.body.split("/survey/")[1].split("/")[0]

        def action():
            try:
                outcome.follow_up_answer(token=token, score=score)
            except outcome.SurveyUnavailable:
                pass

        self.attempt(action)

    @precondition(lambda self: self.complaint.state in (S.FOLLOW_UP,))
    @rule(who=users_st, score=st.integers(min_value=1, max_value=5))
    def callback(self, who, score):
        self.attempt(
            lambda: outcome.follow_up_callback_record(complaint_id=self.pk, actor=self.users[who], score=score)
        )

    @precondition(lambda self: self.complaint.state in (S.FOLLOW_UP,))
    @rule(who=users_st)
    def close(self, who):
        self.attempt(lambda: outcome.follow_up_close(complaint_id=self.pk, actor=self.users[who]))

    @precondition(lambda self: self.complaint.state in (S.FOLLOW_UP,))
    @rule()
    def close_unanswered(self):
        self.attempt(lambda: outcome.follow_up_close_unanswered(now=timezone.now() + timedelta(days=30)))

    @precondition(lambda self: self.complaint.state in (S.FOLLOW_UP, S.CLOSED))
    @rule(who=users_st)
    def reopen(self, who):
        self.attempt(lambda: outcome.follow_up_reopen(complaint_id=self.pk, actor=self.users[who], reason="不满意"))

    def withdraw(self, who):
        self.attempt(lambda: ends.complaint_withdraw(complaint_id=self.pk, actor=self.users[who], reason="撤回"))

    def refer(self, who):
        self.attempt(
            lambda: ends.complaint_refer(
                complaint_id=self.pk, actor=self.users[who], route="court", referred_on=date(2026, 11, 1)
            )
        )

    @precondition(lambda self: self.complaint.state in (*ARCHIVABLE_STATES,))
    @rule()
    def archive(self):
        today = timezone.localdate()
        self.attempt(lambda: archive.archive_month(year=today.year, month=today.month))

    @rule(name=st.sampled_from(ANY_STATE_ACTIONS), who=users_st)
    def anything(self, name, who):
        """Any action in any state: most are refused, and a refusal must leave no trace."""
        getattr(self, name)(who)

    # --- invariants -----------------------------------------------------------------------
    @invariant()
    def only_allowed_transitions_each_logged_once(self):
        events = list(
            ComplaintEvent.objects.filter(complaint=self.complaint, kind=ComplaintEvent.Kind.TRANSITION).order_by(
                "at", "id"
            )
        )
        assert len(events) == self.transitions
        state = State.SUBMITTED
        for event in events:
            assert event.from_state == state
            assert any(
                name == event.transition and event.to_state == target and (source == "*" or state in _sources(source))
                for name, source, target in ALLOWED
            ), (event.transition, state, event.to_state)
            state = event.to_state
        assert state == self.complaint.state

    @invariant()
    def closed_complaints_have_a_notice_and_paid_compensation(self):
        if self.complaint.state == State.CLOSED or (
            self.complaint.state == State.ARCHIVED
            and self.complaint.events.filter(transition="archive", from_state=State.CLOSED).exists()
        ):
            assert self.complaint.result_notices.exists()
            assert not self.complaint.compensations.filter(status=Compensation.Status.AGREED).exists()

    @invariant()
    def evidence_chain_stays_intact(self):
        assert evidence_chain_verify(complaint_id=self.pk)[self.pk].intact

    @invariant()
    def archived_complaints_never_change(self):
        if self.complaint.state != State.ARCHIVED:
            return
        snapshot = (
            self.complaint.version,
            self.complaint.archive_number,
            self.complaint.events.count(),
            self.complaint.compensations.filter(status=Compensation.Status.PAID).count(),
            self.complaint.mediation_proposals.count(),
            self.complaint.result_notices.count(),
        )
        if self.archived_snapshot is None:
            self.archived_snapshot = snapshot
        assert snapshot == self.archived_snapshot


def _sources(source):
    return source if isinstance(source, list | tuple | set) else [source]


def test_random_actions_by_random_roles_keep_the_lifecycle_consistent(db):
    ComplaintLife.users = _users()
    run_state_machine_as_test(
        ComplaintLife,
        settings=settings(
            max_examples=30,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
