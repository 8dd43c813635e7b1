"""Praise and accountability of desk staff (seeds 001, 002: 表彰和奖励, 问责, 双追责)."""

from django.db import transaction

from ..models import HandlerRecord, Team
from .penalties import _require

RECORD_PERMISSION = "penalties.record_handlerrecord"


@transaction.atomic
def handler_record_create(
    *, staff, complaint, kind: str, reason: str, actor, team: Team | None = None
) -> HandlerRecord:
    """Only supervisors record these; a reason is required, and criticism of a team lead names a team
    that the staff member leads (``HandlerRecord.clean``)."""
    _require(actor, RECORD_PERMISSION)
    record = HandlerRecord(
        staff=staff, complaint=complaint, kind=kind, reason=(reason or "").strip(), team=team, recorded_by=actor
    )
    record.full_clean()
    record.save()
    return record
