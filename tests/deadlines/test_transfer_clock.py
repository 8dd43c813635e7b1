"""The transferring body's clock beside the desk's: the regulator's mediation (Order No. 121 or the
2019 Interim Measures, by the day it received the complaint) and 12315 negotiation (a setting)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from deadlines.models import Deadline, DeadlinePause, DeadlineSettings, Step
from intake.choices import TransferBody
from intake.models import MediationEnd, OutcomeMethod
from intake.services.transfers import transfer_outcome_record, transfer_pause_record
from tests.intake.transfer_data import day_at, transferred

pytestmark = pytest.mark.django_db


def end_of(day: date) -> datetime:
    """A clock due on ``day`` is missed when that day is over (local time)."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))


def body_clock(complaint) -> Deadline:
    return Deadline.objects.get(transfer=complaint.transfer)


def test_received_before_order_121_the_regulator_mediates_45_working_days(agent):
    complaint = transferred(agent, received_on=date(2026, 4, 14), accepted_on=date(2026, 4, 16))

    # From 17 April, 45 working days: the May Day holidays and the weekends are not counted.
    assert body_clock(complaint).due_at == end_of(date(2026, 6, 23))
    assert body_clock(complaint).step == Step.TRANSFER_BODY


def test_received_from_order_121_on_the_regulator_mediates_60_days_from_the_day_after_acceptance(agent):
    complaint = transferred(agent, received_on=date(2026, 4, 15), accepted_on=date(2026, 4, 16))

    assert body_clock(complaint).due_at == end_of(date(2026, 6, 15))  # 16 April + 60 days, a Monday


def test_a_period_ending_on_a_holiday_ends_on_the_next_working_day(agent):
    complaint = transferred(agent, received_on=date(2026, 8, 1), accepted_on=date(2026, 8, 2))

    # 2 August + 60 days is 1 October, National Day: the holidays last until the 7th.
    assert body_clock(complaint).due_at == end_of(date(2026, 10, 8))


def test_a_testing_pause_moves_the_due_date_by_the_days_paused(agent):
    complaint = transferred(agent, received_on=date(2026, 4, 15), accepted_on=date(2026, 4, 16))

    with time_machine.travel(day_at(date(2026, 5, 20)), tick=False):
        transfer_pause_record(
            complaint_id=complaint.pk,
            actor=agent,
            kind="testing",
            started_on=date(2026, 5, 1),
            ended_on=date(2026, 5, 10),
        )

    clock = body_clock(complaint)
    assert clock.due_at == end_of(date(2026, 6, 25))
    assert clock.paused_total == timedelta(days=10)
    assert DeadlinePause.objects.get(deadline=clock).by == agent


def test_12315_negotiation_takes_10_working_days_by_default(agent):
    complaint = transferred(
        agent, received_on=date(2026, 9, 27), accepted_on=date(2026, 9, 28), body=TransferBody.ODR_12315
    )

    # From 29 September: 29, 30 September, then 9 October (after the holidays and the 10th, a make-up
    # working day) …
    assert body_clock(complaint).due_at == end_of(date(2026, 10, 16))


def test_supervisors_set_the_working_days_of_12315_negotiation(agent):
    DeadlineSettings.objects.update_or_create(pk=1, defaults={"odr_negotiation_working_days": 3})

    complaint = transferred(
        agent, received_on=date(2026, 11, 24), accepted_on=date(2026, 11, 25), body=TransferBody.ODR_12315
    )

    assert body_clock(complaint).due_at == end_of(date(2026, 11, 30))  # Thursday, Friday, then Monday


def test_a_body_without_a_rule_has_no_clock(agent):
    complaint = transferred(
        agent, received_on=date(2026, 11, 24), accepted_on=date(2026, 11, 25), body=TransferBody.CITY_HOTLINE_12345
    )

    assert not Deadline.objects.filter(step=Step.TRANSFER_BODY).exists()
    assert complaint.transfer.accepted_on == date(2026, 11, 25)


def test_the_outcome_meets_the_bodys_clock_by_the_person_who_recorded_it(agent):
    complaint = transferred(agent, received_on=date(2026, 11, 2), accepted_on=date(2026, 11, 3))
    handled = day_at(date(2026, 11, 20), 15)

    with time_machine.travel(handled + timedelta(hours=1), tick=False):
        transfer_outcome_record(
            complaint_id=complaint.pk,
            actor=agent,
            outcome_at=handled,
            outcome_process="电话联系消费者，上门复查后协商退款。",
            outcome_method=OutcomeMethod.REFUND,
            outcome_result="退还服务费 300 元，消费者满意。",
            mediation_end=MediationEnd.AGREEMENT,
        )

    clock = body_clock(complaint)
    assert clock.met_at == handled
    assert clock.met_on_time
    assert clock.history.first().history_user == agent


def test_the_bodys_clock_runs_on_when_the_complaint_is_withdrawn(agent):
    complaint = transferred(agent, received_on=date(2026, 11, 2), accepted_on=date(2026, 11, 3))

    complaint.withdraw(by=agent)
    complaint.save()

    assert body_clock(complaint).is_open
