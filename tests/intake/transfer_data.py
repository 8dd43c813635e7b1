"""Transferred complaints registered through the service, as the registration screen passes them."""

from datetime import date, datetime, time, timedelta

import time_machine
from django.utils import timezone

from intake.choices import Channel, TransferBody
from intake.services.registration import complaint_register
from tests.intake.desk_data import registration_fields


def day_at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def transferred(
    actor,
    *,
    received_on: date,
    accepted_on: date,
    body: str = TransferBody.REGULATOR_12315,
    case_number: str = "SC-2026-0001",
    now: date | None = None,
):
    """A complaint the body received and accepted on those days, registered the day after acceptance."""
    with time_machine.travel(day_at(now or accepted_on + timedelta(days=1)), tick=False):
        return complaint_register(
            actor=actor,
            **registration_fields(
                channel=Channel.TRANSFER,
                transfer_body=body,
                transfer_case_number=case_number,
                transfer_received_on=received_on,
                transfer_accepted_on=accepted_on,
            ),
        )
