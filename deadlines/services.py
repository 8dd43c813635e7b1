"""Deadlines follow the complaint's steps; the sweep turns them red, marks them missed and escalates.

The sweep is safe to run twice at once (two beat processes, a retried task): it locks the due rows
with ``SKIP LOCKED``, so each row is handled by one sweep only, decides from the row's committed
state, and a unique constraint on notices refuses a second notification of the same level.
"""

import logging
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from functools import partial

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.outbox import message_queue
from intake.choices import Severity
from intake.locking import complaint_for_update, complaint_save
from intake.models import Complaint, ComplaintEvent, ContactAttempt

from . import history
from .history import deadlines_history_copy, deadlines_history_record, history_reason
from .models import CalendarOverride, Deadline, DeadlineNotice, DeadlinePause, EscalationLevel, HolidayNotice, Step
from .nearest import complaints_next_due_refresh
from .notice import notice_parse
from .notice_preview import Action, coverage_cache_key, notice_plan
from .policies import policies_for, policy_due
from .recipients import Recipients
from .transfer_rules import transfer_due_on

logger = logging.getLogger(__name__)

#: Fields the sweep may change on a deadline row.
SWEEP_FIELDS = ["warned_at", "breached_at", "escalation_level", "next_escalation_at", "next_check_at"]
#: Notices inserted per statement (five parameters each, far below every database's limit).
NOTICE_INSERT_CHUNK = 1000
#: Every column of a deadline but the sweep's bookkeeping: what its history records.
DEADLINE_READS = [f.attname for f in Deadline._meta.concrete_fields if f.name != "next_check_at"]
#: What the hand-over of first contacts reads.
HAND_OVER_READS = [
    *DEADLINE_READS,
    "complaint__received_at",
    "complaint__severity",
    "complaint__channel",
    "complaint__assigned_to_id",
]
#: What the sweep reads: loading whole complaints would cost more than the rest of the sweep.
SWEEP_READS = [
    *SWEEP_FIELDS,
    "complaint_id",
    "step",
    "due_at",
    "red_at",
    "met_at",
    "stopped_at",
    "escalation_interval",
    "complaint__tracking_number",
    "complaint__urgent",
    "complaint__severity",
    "complaint__state",
    "complaint__assigned_to__email",
    "complaint__assigned_to__username",
    "responsible__email",
    "responsible__username",
]


def deadlines_start(*, complaint: Complaint, steps: list[str], start: datetime | None = None) -> list[Deadline]:
    """Start the steps' clocks, except those already running and those without an active policy.

    A constant four queries however many steps (the history's included): this runs inside every registration.
    """
    running = set(Deadline.objects.open().filter(complaint=complaint, step__in=steps).values_list("step", flat=True))
    policies = policies_for(
        steps=[s for s in steps if s not in running], severity=complaint.severity, channel=complaint.channel
    )
    start = start or timezone.now()
    started = Deadline.objects.bulk_create([_deadline_new(complaint, p, start=start) for p in policies.values()])
    deadlines_history_record(started, reason=history_reason(history.STARTED), created=True)
    if started:
        complaints_next_due_refresh([complaint.pk])
    return started


def _deadline_new(complaint: Complaint, policy, *, start: datetime) -> Deadline:
    due, red = policy_due(policy, start=start)
    deadline = Deadline(
        complaint=complaint,
        step=policy.step,
        policy=policy,
        policy_version=policy.version,
        clock=policy.clock,
        responsible_id=complaint.assigned_to_id,
        started_at=start,
        due_at=due,
        red_at=red,
        escalation_interval=policy.escalation_interval,
    )
    deadline.next_check_at = deadline.compute_next_check()
    return deadline


def evidence_clock_start(*, complaint: Complaint, request) -> Deadline | None:
    """The evidence request's clock, due at the end of its due date (local time).

    The due date is the one the desk gave the worker or the company; the policy of the step sets
    the red point and the escalation, and switching it off stops tracking new requests.
    """
    deadline = _dated_clock(
        complaint=complaint,
        step=Step.EVIDENCE,
        start=request.requested_at,
        due_on=request.due_on,
        responsible=request.requested_by,
        evidence_request=request,
    )
    return None if deadline is None else _held_clock_open(deadline, by=request.requested_by)


def _day_end(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))


def _dated_clock(*, complaint: Complaint, step: str, start: datetime, due_on: date, responsible, **holder):
    """An unsaved clock due at the end of a given day, red and escalated by its step's policy;
    None when the step has no active policy."""
    policy = policies_for(steps=[step], severity=complaint.severity, channel=complaint.channel).get(step)
    if policy is None:
        return None
    due = _day_end(due_on)
    return Deadline(
        complaint=complaint,
        step=step,
        policy=policy,
        policy_version=policy.version,
        clock=policy.clock,
        responsible=responsible,
        started_at=start,
        due_at=due,
        red_at=start + (due - start) * (policy.red_at_percent / 100),
        escalation_interval=policy.escalation_interval,
        **holder,
    )


def transfer_clock_start(*, transfer, by) -> Deadline | None:
    """The transferring body's clock (``transfer_rules``), due at the end of its period's last day
    and owned by the complaint's handler; None for a body without a clock."""
    due_on = transfer_due_on(transfer)
    if due_on is None:
        return None
    complaint = transfer.complaint
    deadline = _dated_clock(
        complaint=complaint,
        step=Step.TRANSFER_BODY,
        start=timezone.make_aware(datetime.combine(transfer.accepted_on, datetime.min.time())),
        due_on=due_on,
        responsible=complaint.assigned_to,
        transfer=transfer,
    )
    return None if deadline is None else _held_clock_open(deadline, by=by)


def transfer_clock_move(*, transfer, by) -> Deadline | None:
    """A testing or appraisal pause was recorded: the body's period ends later by the days paused."""
    due_on = transfer_due_on(transfer)
    deadline = Deadline.objects.open().filter(transfer=transfer).first()
    if due_on is None or deadline is None or _day_end(due_on) == deadline.due_at:
        return deadline
    return deadline_pause(
        complaint=transfer.complaint,
        step=Step.TRANSFER_BODY,
        amount=_day_end(due_on) - deadline.due_at,
        reason=_("Testing or appraisal pause"),
        by=by,
    )


def transfer_clock_meet(*, transfer, at: datetime, by) -> int:
    """The outcome was recorded for the body: its clock is met, by the person who recorded it."""
    return _held_clocks_meet(Deadline.objects.open().filter(transfer=transfer), at=at, by=by)


def evidence_clock_meet(*, request, at: datetime, by) -> int:
    """The evidence arrived: its clock is met, by the person who recorded it."""
    return _held_clocks_meet(Deadline.objects.open().filter(evidence_request=request), at=at, by=by)


def incident_clock_start(*, incident, complaint: Complaint) -> Deadline | None:
    """The group incident's public statement, owed 72 hours after it opened (seed 002), held by its
    first complaint and owned by its lead."""
    policy = policies_for(steps=[Step.INCIDENT_STATEMENT], severity=complaint.severity).get(Step.INCIDENT_STATEMENT)
    if policy is None:
        return None
    due, red = policy_due(policy, start=incident.opened_at)
    deadline = Deadline(
        complaint=complaint,
        step=Step.INCIDENT_STATEMENT,
        incident=incident,
        policy=policy,
        policy_version=policy.version,
        clock=policy.clock,
        responsible=incident.lead,
        started_at=incident.opened_at,
        due_at=due,
        red_at=red,
        escalation_interval=policy.escalation_interval,
    )
    return _held_clock_open(deadline, by=incident.opened_by)


def _held_clock_open(deadline: Deadline, *, by) -> Deadline:
    """Save a clock held by a record (not started by the lifecycle), with its first history row."""
    deadline.next_check_at = deadline.compute_next_check()
    deadline._history_user = by
    deadline._change_reason = history_reason(history.STARTED)
    deadline.save()
    complaints_next_due_refresh([deadline.complaint_id])
    return deadline


def incident_clock_meet(*, incident, at: datetime, by) -> int:
    """The public statement was made: the incident's clock is met, by the person who recorded it."""
    return _held_clocks_meet(Deadline.objects.open().filter(incident=incident), at=at, by=by)


def _held_clocks_meet(deadlines, *, at: datetime, by) -> int:
    """Meet the open clocks a record holds (an evidence request, an incident), with history naming ``by``."""
    rows = list(deadlines.select_for_update())
    for deadline in rows:
        deadline.met_at, deadline.next_check_at = at, None
        deadline._history_user = by
        deadline._change_reason = history_reason(history.MET)
        deadline.save(update_fields=["met_at", "next_check_at"])
    complaints_next_due_refresh(deadline.complaint_id for deadline in rows)
    return len(rows)


def deadlines_meet(*, complaint: Complaint, steps: list[str], at: datetime | None = None) -> int:
    """The steps were done: their clocks stop and count as met (on time or late) for the reports."""
    deadlines = Deadline.objects.open().filter(complaint=complaint, step__in=steps)
    return _deadlines_close(deadlines, met_at=at or timezone.now(), reason=history.MET)


def deadlines_stop(*, complaint: Complaint, keep: tuple[str, ...] = (), only: tuple[str, ...] = ()) -> int:
    """The complaint ended (or a step is no longer owed): open clocks stop without counting as met.

    ``only`` limits the stop to those steps; ``keep`` spares steps.
    """
    # The incident's statement, and the outcome owed to the transferring body, are owed whatever
    # becomes of the complaint that holds their clock.
    deadlines = (
        Deadline.objects.open()
        .filter(complaint=complaint, incident__isnull=True, transfer__isnull=True)
        .exclude(step__in=keep)
    )
    if only:
        deadlines = deadlines.filter(step__in=only)
    return _deadlines_close(deadlines, stopped_at=timezone.now(), reason=history.STOPPED)


def _deadlines_close(deadlines, *, reason, **values) -> int:
    """Set ``values`` on the open deadlines selected, with their history; no query when there are none."""
    rows = list(deadlines.select_for_update().only(*DEADLINE_READS))
    if rows:
        for deadline in rows:
            for name, value in values.items():
                setattr(deadline, name, value)
        Deadline.objects.filter(pk__in=[d.pk for d in rows]).update(**values, next_check_at=None)
        deadlines_history_record(rows, reason=history_reason(reason))
        complaints_next_due_refresh(deadline.complaint_id for deadline in rows)
    return len(rows)


def first_contacts_hand_over(*, now: datetime, batch_size: int = 1000) -> int:
    """First contact due and the complainant not reached: the customer manager has 48 hours (seed 004).

    The customer-manager clock starts from receipt for every such complaint. When the desk tried
    and did not reach the complainant, first contact is no longer owed (stopped at its due time,
    not missed): the 48 hours replace it. When nobody tried, first contact stays missed and
    escalates as well. Runs before the sweep's batches, so a handed-over first contact is never
    marked missed; a few queries per batch, and rows another sweep holds are skipped.
    """
    handed = 0
    while True:
        with transaction.atomic():
            due = list(
                Deadline.objects.open()
                .filter(step=Step.FIRST_CONTACT, next_check_at__lte=now, due_at__lte=now, breached_at__isnull=True)
                .exclude(Exists(Deadline.objects.filter(complaint=OuterRef("complaint"), step=Step.CUSTOMER_MANAGER)))
                .select_related("complaint")
                .only(*HAND_OVER_READS)
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("next_check_at")[:batch_size]
            )
            complaint_ids = [deadline.complaint_id for deadline in due]
            tried = set(
                ContactAttempt.objects.filter(complaint_id__in=complaint_ids).values_list("complaint_id", flat=True)
            )
            policies: dict[tuple, object] = {}
            new = []
            for deadline in due:
                complaint = deadline.complaint
                key = (complaint.severity, complaint.channel)
                if key not in policies:
                    found = policies_for(steps=[Step.CUSTOMER_MANAGER], severity=key[0], channel=key[1])
                    policies[key] = found.get(Step.CUSTOMER_MANAGER)
                if policies[key] is not None:
                    new.append(_deadline_new(complaint, policies[key], start=complaint.received_at))
            _hand_over_start(new)
            stopped = [d for d in due if d.complaint_id in tried]
            Deadline.objects.filter(pk__in=[d.pk for d in stopped]).update(stopped_at=F("due_at"), next_check_at=None)
            for deadline in stopped:
                deadline.stopped_at = deadline.due_at
            deadlines_history_record(stopped, reason=history_reason(history.HANDED_OVER), at=now)
            complaints_next_due_refresh(complaint_ids)
        handed += len(due)
        if len(due) < batch_size:
            return handed


def _hand_over_start(new: list[Deadline]) -> None:
    """Insert the customer manager's clocks and record those this sweep inserted.

    A sweep that locked the same first contact a moment earlier may have inserted one already: the
    insert skips it (no primary keys come back then), and its row, committed with its history, is
    told apart from ours by having one.
    """
    if not new:
        return
    Deadline.objects.bulk_create(new, ignore_conflicts=True)
    inserted = (
        Deadline.objects.open()
        .filter(step=Step.CUSTOMER_MANAGER, complaint_id__in=[d.complaint_id for d in new])
        .exclude(Exists(Deadline.history.filter(id=OuterRef("pk"))))
        .only(*DEADLINE_READS)
    )
    deadlines_history_record(list(inserted), reason=history_reason(history.STARTED), created=True)


@transaction.atomic
def deadline_pause(*, complaint: Complaint, step: str, amount: timedelta, reason: str, by=None) -> Deadline | None:
    """Move an open deadline by an approved amount (waiting for the complainant, an approved
    investigation extension), recorded as a pause."""
    deadline = Deadline.objects.open().select_for_update().filter(complaint=complaint, step=step).first()
    if deadline is None:
        return None
    due_before = deadline.due_at
    deadline.due_at += amount
    deadline.red_at += amount
    deadline.paused_total += amount
    deadline.next_check_at = deadline.compute_next_check()
    deadline._change_reason = reason
    if by is not None:
        deadline._history_user = by
    deadline.save(update_fields=["due_at", "red_at", "paused_total", "next_check_at"])
    complaints_next_due_refresh([complaint.pk])
    DeadlinePause.objects.create(
        deadline=deadline, amount=amount, reason=reason, by=by, due_before=due_before, due_after=deadline.due_at
    )
    return deadline


def deadlines_sweep(*, now: datetime | None = None, batch_size: int = 1000) -> Counter:
    """Handle every deadline whose next check is due, batch by batch. Returns what was done."""
    now = now or timezone.now()
    done: Counter = Counter()
    recipients = Recipients()
    if handed_over := first_contacts_hand_over(now=now):
        done["handed_over"] = handed_over
    while True:
        with transaction.atomic():
            rows = list(
                Deadline.objects.filter(next_check_at__lte=now)
                .select_related("complaint__assigned_to", "responsible")
                .only(*SWEEP_READS)
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("next_check_at")[:batch_size]
            )
            notices: list[DeadlineNotice] = []
            for deadline in rows:
                _advance(deadline, now=now, done=done, notices=notices, recipients=recipients)
            _write_back(rows)
            deadlines_history_copy(rows, at=now)
            inserted = _insert_notices(notices, done=done)
            _send_notices(inserted)
        if len(rows) < batch_size:
            return done


def _advance(deadline: Deadline, *, now: datetime, done: Counter, notices: list, recipients: Recipients) -> None:
    def notify(level: int | None) -> None:
        """``None``: management, told at once about urgent and major complaints."""
        if level is None:
            kind, users, level = DeadlineNotice.Kind.MANAGEMENT_ALERT, recipients.management(), 3
        else:
            kind, users = DeadlineNotice.Kind.ESCALATION, recipients.for_level(level, deadline)
        notices.extend(DeadlineNotice(deadline=deadline, kind=kind, level=level, recipient=u, at=now) for u in users)

    reasons = []
    if deadline.warned_at is None and deadline.red_at <= now and deadline.red_at < deadline.due_at:
        deadline.warned_at = now
        done["red"] += 1
        reasons.append(history.RED)
    if deadline.breached_at is None and deadline.due_at <= now:
        deadline.breached_at = now
        done["missed"] += 1
        reasons.append(history.MISSED)
        if deadline.step == Step.RESOLVE:
            complaint_upgrade_to_major(complaint_id=deadline.complaint_id)
            done["upgraded"] += 1
        else:
            notify(EscalationLevel.RESPONSIBLE)
            if deadline.complaint.urgent or deadline.complaint.severity == Severity.MAJOR:
                notify(None)
            if deadline.escalation_interval is not None:
                deadline.next_escalation_at = now + deadline.escalation_interval
    elif (
        deadline.breached_at is not None
        and deadline.escalation_level < EscalationLevel.GENERAL_MANAGER
        and deadline.next_escalation_at is not None
        and deadline.next_escalation_at <= now
    ):
        deadline.escalation_level += 1
        deadline.next_escalation_at = now + deadline.escalation_interval
        notify(deadline.escalation_level)
        done["escalated"] += 1
        reasons.append(history.escalated(deadline.escalation_level))
    deadline.next_check_at = deadline.compute_next_check()
    if reasons:
        deadline._change_reason = history_reason(*reasons)


def _write_back(rows: list[Deadline]) -> None:
    """Save the sweep's fields of a batch in one statement.

    ``bulk_update`` builds one CASE per field with a branch per row, which PostgreSQL evaluates for
    every row: quadratic, seconds for a thousand rows. ``UPDATE … FROM (VALUES …)`` is linear.
    """
    if not rows:
        return
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        Deadline.objects.bulk_update(rows, SWEEP_FIELDS)
        return
    row = "(%s, %s::timestamptz, %s::timestamptz, %s, %s::timestamptz, %s::timestamptz)"
    params = [
        value
        for d in rows
        for value in (d.pk, d.warned_at, d.breached_at, d.escalation_level, d.next_escalation_at, d.next_check_at)
    ]
    assignments = ", ".join(f"{field} = v.{field}" for field in SWEEP_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Deadline._meta.db_table} AS d SET {assignments} "  # noqa: S608 - no user input
            f"FROM (VALUES {', '.join([row] * len(rows))}) AS v(id, {', '.join(SWEEP_FIELDS)}) WHERE d.id = v.id",
            params,
        )


def _insert_notices(notices: list[DeadlineNotice], *, done: Counter) -> list[DeadlineNotice]:
    """Insert a batch's notices, skipping any that already exist; return those inserted.

    A row can already be there when another sweep, or a repair of the deadline's fields, got
    there first. A plain insert would raise and roll back the whole batch, which the next sweep
    would meet again, stuck for ever; ``ON CONFLICT DO NOTHING`` skips the row inside the same
    statement (on PostgreSQL it also waits for a concurrent insert of the same key), and
    ``RETURNING`` tells which rows are new, so nobody is told twice.
    """
    if not notices:
        return []
    connection = transaction.get_connection()
    meta = DeadlineNotice._meta
    fields = [meta.get_field(name) for name in ("deadline", "kind", "level", "recipient", "at")]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    key = ["deadline_id", "kind", "level", "recipient_id"]
    returned = ", ".join(connection.ops.quote_name(name) for name in ["id", *key])
    created: dict[tuple, int] = {}
    for start in range(0, len(notices), NOTICE_INSERT_CHUNK):
        chunk = notices[start : start + NOTICE_INSERT_CHUNK]
        values = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(chunk))
        params = [
            field.get_db_prep_save(getattr(notice, field.attname), connection) for notice in chunk for field in fields
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) "  # noqa: S608 - no user input
                f"VALUES {values} ON CONFLICT DO NOTHING RETURNING {returned}",
                params,
            )
            created.update({tuple(row[1:]): row[0] for row in cursor.fetchall()})
    inserted, skipped = [], []
    for notice in notices:
        # str() and int(): a choices member hashes by its name, not its value.
        pk = created.get((notice.deadline_id, str(notice.kind), int(notice.level), notice.recipient_id))
        if pk is None:
            skipped.append(notice)
        else:
            notice.pk = pk
            notice._state.adding = False
            inserted.append(notice)
    if skipped:
        done["notices_already_sent"] += len(skipped)
        logger.warning(
            "Skipped %d deadline notice(s) that already existed (deadline, kind, level, recipient): %s",
            len(skipped),
            ", ".join(f"({n.deadline_id}, {n.kind}, {n.level}, {n.recipient_id})" for n in skipped),
        )
    return inserted


def _send_notices(notices: list[DeadlineNotice]) -> None:
    """One message per person and level for the whole batch: a digest, not a mail per complaint."""
    groups: dict[tuple, list[DeadlineNotice]] = defaultdict(list)
    for notice in notices:
        groups[(notice.recipient, notice.kind, notice.level)].append(notice)
    for (user, kind, level), items in groups.items():
        if not user.email:
            continue  # still listed under "escalated to me" in the inbox
        complaints = {item.deadline.complaint_id: item.deadline.complaint for item in items}
        with override("zh-hans"):
            steps = {value: str(label) for value, label in Step.choices}
            subject = _("%(count)d overdue deadline(s), escalation level: %(level)s") % {
                "count": len(items),
                "level": EscalationLevel(level).label,
            }
            lines = [
                _("%(number)s — %(step)s — was due %(due)s")
                % {
                    "number": item.deadline.complaint.tracking_number,
                    "step": steps[item.deadline.step],
                    "due": timezone.localtime(item.deadline.due_at).strftime("%Y-%m-%d %H:%M"),
                }
                for item in items
            ]
        message_queue(
            channel="email",
            recipient=user.email,
            subject=subject,
            body="\n".join(lines),
            complaint=next(iter(complaints.values())) if len(complaints) == 1 else None,
            purpose=f"deadline_{kind}_{level}",
        )


@transaction.atomic
def complaint_upgrade_to_major(*, complaint_id: int) -> bool:
    """Still unresolved one month after receipt: the complaint becomes major (domain.md §2), with the
    reason in its history, and its report to management starts."""
    complaint = complaint_for_update(pk=complaint_id)
    if complaint.severity == Severity.MAJOR:
        return False
    with override("zh-hans"):
        reason = _("Upgraded to major automatically: still unresolved one month after receipt.")
    before = complaint.severity
    complaint.severity = Severity.MAJOR
    complaint._change_reason = reason
    complaint_save(complaint, update_fields=["severity"])
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.NOTE, note=reason)
    from .reclassification import deadlines_recompute

    deadlines_recompute(complaint=complaint, changes={"severity": (before, Severity.MAJOR)})
    deadlines_start(complaint=complaint, steps=[Step.MAJOR_REPORT])
    logger.info("Complaint %s upgraded to major after one month", complaint.pk)
    return True


@transaction.atomic
def holiday_notice_save(*, year: int, text: str, by, expected_digest: str) -> HolidayNotice:
    """Save a pasted holiday notice as ``year``'s calendar overrides, exactly as previewed.

    The text is read again here, never taken from the page, and ``expected_digest`` (the preview's)
    must still match: an override edited by someone else meanwhile sends the supervisor back to the
    preview. Pasting a year again updates its notice; days dropped from the notice are removed,
    days entered by hand and absent from it are kept. Every change is kept in history.
    """
    parsed = notice_parse(text, year=year)
    if not parsed.can_save:
        raise ValidationError(_("The notice has problems or lines that were not understood: nothing was saved."))
    notice = HolidayNotice.objects.select_for_update().filter(year=year).first()
    plan = notice_plan(parsed)
    if plan.digest != expected_digest:
        raise ValidationError(_("The calendar changed since the preview: check the preview again."))
    if notice is None:
        notice = HolidayNotice(year=year)
    notice.source_text, notice.saved_by, notice.saved_at = text, by, timezone.now()
    notice._history_user = by
    notice.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            notice.save()
    except IntegrityError:  # another supervisor saved the same year a moment ago
        raise ValidationError(_("The calendar changed since the preview: check the preview again.")) from None
    names = {**parsed.holidays, **parsed.workdays}
    for change in plan.changes:
        if change.action == Action.REMOVE:
            override = CalendarOverride.objects.get(date=change.day)
            override._history_user = by
            override.delete()
        elif change.action != Action.KEEP:
            override = CalendarOverride.objects.filter(date=change.day).first() or CalendarOverride(date=change.day)
            override.is_working_day, override.note, override.notice = change.after, names[change.day], notice
            override._history_user = by
            override.save()
    forget = partial(cache.delete, coverage_cache_key(year))
    forget()
    transaction.on_commit(forget)
    logger.info("Holiday notice for %s saved: %d days", year, len(names))
    return notice
