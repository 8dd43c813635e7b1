"""The open matters ledger (未了事宜台帐, seed 004): record what was promised and is not done yet,
record it done, and remind each owner on the 4th of the month of last month's matters still open
(seed 004: 客户经理每月4日完成上个月未了事宜的客户沟通提醒)."""

from collections import defaultdict
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from core import roles
from core.outbox import message_queue
from intake.locking import complaint_for_update
from intake.models import State

from ..models import OpenMatter
from .guards import permission_require, state_require, trace

#: An open matter is recorded once a complaint is accepted and until it is archived (a merged
#: complaint's matters belong on its original).
RECORD_STATES = tuple(sorted(set(State.values) - {State.SUBMITTED, State.NOT_ACCEPTED, State.ARCHIVED, State.MERGED}))
#: Who keeps in touch with the customer about an open matter: agents and supervisors.
OWNER_ROLES = (roles.AGENT, roles.SUPERVISOR)
NOT_AN_OWNER = gettext_lazy("Choose an active agent or supervisor as the owner.")


def open_matter_owners():
    return get_user_model().objects.filter(groups__name__in=OWNER_ROLES, is_active=True).distinct().order_by("username")


@transaction.atomic
def open_matter_record(
    *, complaint_id: int, actor, action: str, owner, due_on: date, seen_version: int | None = None
) -> OpenMatter:
    """Record a promise not yet kept, with who keeps it and by when; it shows on the timeline."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    permission_require(actor, "resolutions.add_openmatter")
    state_require(complaint, *RECORD_STATES)
    action = action.strip()
    if not action:
        raise ValidationError({"action": _("Please say what remains to be done.")})
    if not open_matter_owners().filter(pk=owner.pk).exists():
        raise ValidationError({"owner": NOT_AN_OWNER})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    matter = OpenMatter.objects.create(
        complaint=complaint, action=action, owner=owner, due_on=due_on, recorded_by=actor
    )
    trace(
        complaint,
        actor=actor,
        note=_("Open matter recorded: %(action)s (owner %(owner)s, due %(due)s).")
        % {"action": action, "owner": owner.get_full_name() or owner.get_username(), "due": due_on.isoformat()},
    )
    return matter


@transaction.atomic
def open_matter_complete(*, matter_id: int, actor, outcome: str) -> OpenMatter:
    """The promise was kept: what was done leaves the ledger, with who recorded it and the outcome."""
    matter = OpenMatter.objects.select_for_update().select_related("complaint").get(pk=matter_id)
    permission_require(actor, "resolutions.change_openmatter")
    if matter.done_at is not None:
        raise ValidationError(_("This open matter is already done."), code="done")
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError({"outcome": _("Please record what was done.")})
    matter.done_at = timezone.now()
    matter.done_by = actor
    matter.outcome = outcome
    matter.save(update_fields=["done_at", "done_by", "outcome"])
    trace(
        matter.complaint,
        actor=actor,
        note=_("Open matter done: %(action)s. %(outcome)s")
        % {
            "action": matter.action,
            "outcome": outcome,
        },
    )
    return matter


def open_matters_remind(*, today: date | None = None) -> int:
    """Tell each owner, by e-mail, which of their matters recorded before this month are still
    open, so they contact those customers. A matter is listed once a month, however often this
    runs. Returns the number of owners told."""
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    month_began = timezone.make_aware(datetime.combine(month_start, time.min))
    matters = (
        OpenMatter.objects.filter(done_at__isnull=True, recorded_at__lt=month_began)
        .exclude(reminded_on__gte=month_start)
        .select_related("complaint", "owner")
        .order_by("owner_id", "due_on", "pk")
    )
    by_owner = defaultdict(list)
    for matter in matters:
        by_owner[matter.owner].append(matter)
    for owner, listed in by_owner.items():
        if owner.email:
            message_queue(
                channel="email",
                recipient=owner.email,
                subject=_open_matters_subject(len(listed)),
                body=_open_matters_body(listed),
                purpose="open_matters_reminder",
            )
        OpenMatter.objects.filter(pk__in=[m.pk for m in listed]).update(reminded_on=today)
    return len(by_owner)


def _open_matters_subject(count: int) -> str:
    with override("zh-hans"):
        return _("%(count)d open matters to take up with customers") % {"count": count}


def _open_matters_body(matters: list[OpenMatter]) -> str:
    with override("zh-hans"):
        lines = [_("Please contact these customers this month about what is still open:")]
        lines += [
            _("%(number)s: %(action)s (due %(due)s)")
            % {"number": m.complaint.tracking_number, "action": m.action, "due": m.due_on.isoformat()}
            for m in matters
        ]
        return "\n".join(lines)
