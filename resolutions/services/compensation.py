"""Compensation (赔偿/补偿): proposed with a plan, agreed with its outcome, paid once with a voucher."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.complainant import complainant_tell
from intake.locking import complaint_for_update, complaint_refuse_if_archived
from intake.models import State
from intake.uploads import upload_check

from ..models import Compensation, CompensationPolicy
from ..records import voucher_chain
from .guards import permission_require, state_require, trace

#: Payment vouchers are receipts or bank slips: a photo or a PDF.
VOUCHER_KINDS = {"image", "pdf"}
#: Advance payment (先行赔付) is decided while the case is still open, when the facts are clear.
ADVANCE_STATES = (State.INVESTIGATING, State.MEDIATING, State.RULING)


@dataclass(frozen=True)
class CompensationItem:
    """One line of a proposal's or a ruling's compensation, as the form gives it."""

    kind: str
    description: str
    amount: Decimal = Decimal("0.00")
    worker_share: Decimal = Decimal("0.00")
    due_on: date | None = None
    payer: str = Compensation.Payer.COMPANY


def compensation_items_check(items: Iterable[CompensationItem]) -> None:
    """Refuse a plan that cannot be carried out as written, before anything is saved."""
    limit = CompensationPolicy.max_amount_in_force()
    errors = []
    for number, item in enumerate(items, start=1):
        has_amount = item.kind in (Compensation.Kind.MONEY, Compensation.Kind.IN_KIND)
        prefix = _("Item %(number)d: ") % {"number": number}
        if item.kind == Compensation.Kind.MONEY and item.amount <= 0:
            errors.append(prefix + _("a money compensation needs an amount above zero."))
        if item.amount < 0 or item.worker_share < 0:
            errors.append(prefix + _("amounts cannot be negative."))
        if item.amount > limit:
            errors.append(prefix + _("the amount is above the limit of ¥%(limit)s.") % {"limit": limit})
        if has_amount and item.worker_share > item.amount:
            errors.append(prefix + _("the worker's and the company's shares must add up to the amount."))
        if has_amount and item.amount > 0 and item.due_on is None:
            errors.append(prefix + _("say by when it is paid or delivered."))
    if errors:
        raise ValidationError(errors, code="items")


def compensation_items_create(
    items: Iterable[CompensationItem], *, complaint, actor, proposal=None, ruling=None, status: str
) -> list[Compensation]:
    created = []
    for item in items:
        has_amount = item.kind in (Compensation.Kind.MONEY, Compensation.Kind.IN_KIND)
        row = Compensation(
            complaint=complaint,
            proposal=proposal,
            ruling=ruling,
            kind=item.kind,
            description=item.description,
            amount=item.amount if has_amount else Decimal("0.00"),
            worker_share=item.worker_share if has_amount else Decimal("0.00"),
            payer=item.payer,
            due_on=item.due_on,
            status=status,
            agreed_at=timezone.now() if status == Compensation.Status.AGREED else None,
            created_by=actor,
        )
        row.full_clean()
        row.save()
        created.append(row)
    return created


def compensations_status_set(compensations, *, status: str) -> None:
    """Move the still-proposed items of a plan to ``status``, one save each so history records it."""
    for item in compensations.filter(status=Compensation.Status.PROPOSED):
        item.status = status
        item.agreed_at = timezone.now() if status == Compensation.Status.AGREED else None
        item.save(update_fields=["status", "agreed_at"])


@transaction.atomic
def compensation_add(
    *,
    complaint_id: int,
    actor,
    kind: str,
    description: str,
    payer: str,
    amount: Decimal = Decimal("0.00"),
    advance_payment: bool = False,
    proposal_id: int | None = None,
    ruling_id: int | None = None,
    seen_version: int | None = None,
) -> Compensation:
    """Add an item to a mediation proposal or an open ruling (agreed when they are), or an
    advance payment from the fund, which is agreed at once."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    proposal = complaint.mediation_proposals.filter(pk=proposal_id).first() if proposal_id else None
    ruling = complaint.rulings.filter(pk=ruling_id).first() if ruling_id else None
    if ruling is not None:
        permission_require(actor, "intake.rule_complaint")
        state_require(complaint, State.RULING)
        if ruling.decided:
            raise ValidationError(_("This ruling is already decided."), code="decided")
    else:
        permission_require(actor, "intake.mediate_complaint")
    if advance_payment:
        state_require(complaint, *ADVANCE_STATES)
    elif proposal is not None:
        state_require(complaint, State.MEDIATING)
        latest_pk = complaint.mediation_proposals.values_list("pk", flat=True).first()
        if proposal.pk != latest_pk or proposal.answers.exists():
            raise ValidationError(_("Items can be added only to a proposal nobody has answered yet."), code="answered")
    elif ruling is None:
        raise ValidationError(
            _("A compensation belongs to a mediation proposal or a ruling, unless it is an advance payment."),
            code="orphan",
        )
    item = Compensation(
        complaint=complaint,
        proposal=None if advance_payment else proposal,
        ruling=None if advance_payment else ruling,
        kind=kind,
        description=description,
        amount=amount if kind in (Compensation.Kind.MONEY, Compensation.Kind.IN_KIND) else Decimal("0.00"),
        advance_payment=advance_payment,
        payer=Compensation.Payer.FUND if advance_payment else payer,
        status=Compensation.Status.AGREED if advance_payment else Compensation.Status.PROPOSED,
        agreed_at=timezone.now() if advance_payment else None,
        created_by=actor,
    )
    item.full_clean()
    item.save()
    trace(complaint, actor=actor, note=_("Compensation added: %(item)s") % {"item": item})
    return item


@transaction.atomic
def compensation_pay(
    *,
    compensation_id: int,
    actor,
    voucher=None,
    payment_reference: str = "",
    paid_at: datetime | None = None,
    seen_version: int | None = None,
) -> Compensation:
    """Record the payment of an agreed item, once. Money needs a voucher (a receipt or bank slip,
    checked by its content); a service or an apology is confirmed with a reference or note."""
    complaint_id = Compensation.objects.values_list("complaint_id", flat=True).get(pk=compensation_id)
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    permission_require(actor, "resolutions.record_payment")
    complaint_refuse_if_archived(complaint)
    item = Compensation.objects.select_for_update().get(pk=compensation_id)
    if item.status == Compensation.Status.PAID:
        raise ValidationError(
            _("This compensation was already paid on %(date)s.")
            % {"date": timezone.localtime(item.paid_at).strftime("%Y-%m-%d %H:%M")},
            code="paid",
        )
    if item.status != Compensation.Status.AGREED:
        raise ValidationError(_("Only an agreed compensation can be paid."), code="not_agreed")
    if voucher is not None:
        checked = upload_check(voucher)
        if checked.kind not in VOUCHER_KINDS:
            raise ValidationError({"voucher": _("A payment voucher must be a photo or a PDF document.")})
        item.voucher.save("voucher", checked.content, save=False)
        item.voucher_content_type = checked.content_type
        item.voucher_sha256 = checked.sha256
    elif item.kind == Compensation.Kind.MONEY:
        raise ValidationError({"voucher": _("A money payment needs its payment voucher.")})
    item.payment_reference = payment_reference
    item.paid_at = paid_at or timezone.now()
    item.paid_recorded_by = actor
    item.status = Compensation.Status.PAID
    item.full_clean()
    item.save()
    if voucher is not None:
        voucher_chain(complaint, item, actor=actor)
    trace(complaint, actor=actor, note=_("Compensation paid: %(item)s") % {"item": item})
    complainant_tell(complaint=complaint, purpose="payment_made", item=item)
    return item
