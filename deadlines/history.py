"""Who changed a deadline, when and why.

Clocks are written in bulk (a complaint's steps at once, a batch of the sweep), and
django-simple-history records only ``save()`` and ``delete()``: the services record those rows
themselves, in the same transaction. The person is the one of the request (none for the sweep);
the reason is kept in Chinese, the desk's working language, like the complaint's own history.
"""

from collections import defaultdict
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from .models import Deadline, EscalationLevel

STARTED = _("Clock started")
MET = _("Step done: clock met")
STOPPED = _("No longer owed: clock stopped")
HANDED_OVER = _("Complainant not reached and contact was tried: the customer manager's clock replaces it")
RED = _("Turned red")
MISSED = _("Missed")
ESCALATED = _("Escalated to: %(level)s")
RECLASSIFIED = _("Reclassified: due time of the new classification's policy")
UNOWED_AFTER_RECLASSIFICATION = _("Reclassified: no longer owed, clock stopped")


def history_reason(*parts) -> str:
    """The reasons of one change, joined, in Chinese (a ``(text, params)`` pair for a formatted one)."""
    with override("zh-hans"):
        return "; ".join(str(p[0]) % p[1] if isinstance(p, tuple) else str(p) for p in parts)


def escalated(level: int) -> tuple:
    return (ESCALATED, {"level": EscalationLevel(level).label})


def deadlines_history_record(
    rows: list[Deadline], *, reason: str = "", created: bool = False, at: datetime | None = None
) -> None:
    """One history row per deadline with its current values (each row's ``_change_reason``, else ``reason``).

    The rows must be loaded with every tracked field, or each missing one costs a query.
    """
    if rows:
        Deadline.history.bulk_history_create(rows, update=not created, default_change_reason=reason, default_date=at)


def deadlines_history_copy(rows: list[Deadline], *, at: datetime) -> None:
    """The sweep's history: the rows it changed (those given a ``_change_reason``), copied as they
    now are in the table by one ``INSERT … SELECT`` per reason, with no person.

    Building a history object per row would cost the sweep half its time; the database copies a
    batch in a few milliseconds and needs no more of each row than the sweep read.
    """
    by_reason: dict[str, list[int]] = defaultdict(list)
    for deadline in rows:
        if reason := getattr(deadline, "_change_reason", ""):
            by_reason[reason].append(deadline.pk)
    history = Deadline.history.model
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    tracked = ", ".join(quote(field.column) for field in history.tracked_fields)
    date, reason_field = history._meta.get_field("history_date"), history._meta.get_field("history_change_reason")
    for reason, ids in by_reason.items():
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} "  # noqa: S608 - no user input
                f"({tracked}, history_date, history_change_reason, history_type, history_user_id) "
                f"SELECT {tracked}, %s, %s, '~', NULL FROM {quote(Deadline._meta.db_table)} "
                f"WHERE id IN ({', '.join(['%s'] * len(ids))})",
                [date.get_db_prep_save(at, connection), reason_field.get_db_prep_save(reason, connection), *ids],
            )
