"""Which policy a step follows, and exactly when its clock ends and turns red, on every clock."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from deadlines.models import Clock, SlaPolicy, Step
from deadlines.policies import due_after, policies_for, policy_due
from deadlines.services import deadlines_start
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def at(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def _policy(**fields) -> SlaPolicy:
    return SlaPolicy(step=Step.FIRST_CONTACT, severity="", amount=1, clock=Clock.CLOCK_HOURS, **fields)


def test_a_severitys_own_policy_wins_over_the_general_one():
    SlaPolicy.objects.create(step=Step.FIRST_CONTACT, severity="major", amount=2, clock=Clock.CLOCK_HOURS)

    assert policies_for(steps=[Step.FIRST_CONTACT], severity="major")[Step.FIRST_CONTACT].amount == 2
    assert policies_for(steps=[Step.FIRST_CONTACT], severity="general")[Step.FIRST_CONTACT].amount == 24


def test_the_general_policy_applies_when_the_severity_has_none():
    found = policies_for(steps=[Step.REGISTER, Step.CALLBACK], severity="important")

    assert {step: policy.amount for step, policy in found.items()} == {Step.REGISTER: 1, Step.CALLBACK: 24}
    assert found[Step.REGISTER].severity == ""


def test_another_severitys_policy_is_never_borrowed():
    assert Step.MAJOR_REPORT not in policies_for(steps=[Step.MAJOR_REPORT], severity="general")
    assert policies_for(steps=[Step.MAJOR_REPORT], severity="major")[Step.MAJOR_REPORT].severity == "major"


def test_an_inactive_policy_is_not_followed():
    SlaPolicy.objects.filter(step=Step.CALLBACK).update(active=False)

    assert policies_for(steps=[Step.CALLBACK, Step.REGISTER], severity="general").keys() == {Step.REGISTER}


def test_steps_not_asked_for_are_not_returned():
    assert policies_for(steps=[Step.REGISTER], severity="general").keys() == {Step.REGISTER}


def test_clocks_start_at_the_given_past_receipt_time_not_now():
    received = timezone.now() - timedelta(days=2, hours=3)
    complaint = ComplaintFactory(received_at=received, severity="general")

    (deadline,) = deadlines_start(complaint=complaint, steps=[Step.CALLBACK], start=received)

    assert deadline.started_at == received
    assert deadline.due_at == received + timedelta(hours=24)
    assert deadline.red_at == received + timedelta(hours=19, minutes=12)


@pytest.mark.parametrize(
    ("clock", "amount", "due"),
    [
        # Wednesday 25 Nov 2026, 16:00.
        (Clock.CLOCK_HOURS, 20, at(2026, 11, 26, 12, 0)),
        (Clock.BUSINESS_HOURS, 4, at(2026, 11, 26, 11, 0)),
        (Clock.WORKING_DAYS, 3, at(2026, 11, 30, 16, 0)),
        (Clock.CALENDAR_MONTHS, 1, at(2026, 12, 25, 16, 0)),
    ],
)
def test_due_time_on_each_clock(clock, amount, due):
    assert due_after(clock=clock, start=at(2026, 11, 25, 16, 0), amount=amount) == due


def test_clock_hours_take_fractions_of_an_hour():
    assert due_after(clock=Clock.CLOCK_HOURS, start=at(2026, 11, 25, 16, 0), amount=1.5) == at(2026, 11, 25, 17, 30)


def test_clock_hours_turn_red_at_their_share_of_the_hours():
    start = at(2026, 11, 25, 16, 0)
    policy = _policy(red_at_percent=80)
    policy.amount = 24

    assert policy_due(policy, start=start)[1] == at(2026, 11, 26, 11, 12)


def test_business_hours_turn_red_inside_business_hours_not_at_night():
    start = at(2026, 11, 27, 17, 0)  # Friday
    policy = _policy(red_at_percent=50)
    policy.amount, policy.clock = 4, Clock.BUSINESS_HOURS
    due = due_after(clock=Clock.BUSINESS_HOURS, start=start, amount=4)

    assert due == at(2026, 11, 30, 12, 0)
    assert policy_due(policy, start=start)[1] == at(2026, 11, 30, 10, 0)


def test_working_days_turn_red_at_their_share_of_the_elapsed_time():
    start = at(2026, 11, 27, 10, 0)  # Friday; three working days end on Wednesday 2 Dec, 120 hours later
    policy = _policy(red_at_percent=80)
    policy.amount, policy.clock = 3, Clock.WORKING_DAYS
    due = due_after(clock=Clock.WORKING_DAYS, start=start, amount=3)

    assert due == at(2026, 12, 2, 10, 0)
    assert policy_due(policy, start=start)[1] == at(2026, 12, 1, 10, 0)


def test_month_clocks_turn_red_at_their_share_of_the_elapsed_time():
    start = at(2026, 1, 1, 0, 0)
    policy = _policy(red_at_percent=75)
    policy.amount, policy.clock = 1, Clock.CALENDAR_MONTHS
    due = due_after(clock=Clock.CALENDAR_MONTHS, start=start, amount=1)

    assert due == at(2026, 2, 1, 0, 0)
    assert policy_due(policy, start=start)[1] == at(2026, 1, 24, 6, 0)


def test_a_hundred_percent_turns_red_when_due():
    start = at(2026, 11, 27, 10, 0)
    policy = _policy(red_at_percent=100)
    policy.amount, policy.clock = 3, Clock.WORKING_DAYS
    due = due_after(clock=Clock.WORKING_DAYS, start=start, amount=3)

    assert policy_due(policy, start=start)[1] == due
