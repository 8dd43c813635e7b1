"""The agreement a complaint ends with: the settled proposal or the decided ruling, with its
compensation items. The items can be amended until the result notice is sent; an amendment of a
proposal a side already accepted asks that side again, so nobody is bound by terms they did not see.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from intake.locking import complaint_for_update
from intake.models import Complaint, State

from ..models import Compensation, MediationProposal, Party, Ruling, Verdict
from ..statute import below_minimum_reason_check
from .compensation import CompensationItem, compensation_items_check, compensation_items_create
from .guards import permission_require, trace

AMEND_STATES = (State.MEDIATING, State.RESOLVED)
NOTICE_SENT = gettext_lazy("The result notice was sent: the compensation can no longer be amended.")


def agreement_current(complaint: Complaint) -> MediationProposal | Ruling | None:
    """What the compensation belongs to now: the latest proposal while mediating, or what resolved
    the complaint (the settled proposal or the decided ruling, whichever came last)."""
    proposal = complaint.mediation_proposals.prefetch_related("answers").first()
    if complaint.state == State.MEDIATING:
        return proposal
    ruling = complaint.rulings.exclude(verdict="").first()
    settled = proposal if proposal is not None and hasattr(proposal, "settlement") else None
    if settled and (ruling is None or settled.settlement.recorded_at >= ruling.decided_at):
        return settled
    return ruling


def agreement_terms(proposal: MediationProposal) -> str:
    """The settlement's text: what each side gets, then the compensation items, whose amounts
    come from the items themselves so that the text and the items never disagree. It is a
    record the parties read, so it is written in Chinese whoever records it."""
    lines = [proposal.complainant_gets]
    if proposal.respondent_gets:
        lines.append(proposal.respondent_gets)
    items = proposal.compensations.exclude(status=Compensation.Status.VOID).order_by("id")
    with override("zh-hans"):
        lines.extend(compensation_describe(item) for item in items)
    return "\n".join(lines)


def compensation_describe(item: Compensation) -> str:
    text = f"{item.get_kind_display()}：{item.description}"
    if item.has_amount:
        text += " " + _("¥%(amount)s") % {"amount": item.amount}
        if item.worker_share:
            text += " " + _("(company ¥%(company)s, worker ¥%(worker)s)") % {
                "company": item.payer_share,
                "worker": item.worker_share,
            }
    if item.due_on:
        text += " " + _("by %(date)s") % {"date": item.due_on.isoformat()}
    return text


@transaction.atomic
def compensation_plan_amend(
    *,
    complaint_id: int,
    actor,
    items: Iterable[CompensationItem],
    below_minimum_reason: str = "",
    seen_version: int | None = None,
) -> list[Compensation]:
    """Replace the unpaid items of the current agreement. Paid items stay as they were paid, and
    count with the new ones against the statutory minimum."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    if complaint.state not in AMEND_STATES:
        sent = complaint.state in (State.NOTIFIED, State.FOLLOW_UP, State.CLOSED, State.ARCHIVED)
        raise ValidationError(
            NOTICE_SENT if sent else _("The compensation can be amended while mediating or before the notice is sent."),
            code="notice_sent" if sent else "state",
        )
    items = list(items)
    compensation_items_check(items)
    agreement = agreement_current(complaint)
    if agreement is None:
        raise ValidationError(_("There is no proposal or ruling to amend."), code="no_agreement")
    paid = agreement.compensations.filter(status=Compensation.Status.PAID)
    reason = below_minimum_reason_check(complaint=complaint, items=[*paid, *items], reason=below_minimum_reason)
    if reason != agreement.below_minimum_reason:
        agreement.below_minimum_reason = reason
        agreement.save(update_fields=["below_minimum_reason"])
    if isinstance(agreement, Ruling):
        return _ruling_amend(complaint, agreement, items=items, actor=actor)
    return _proposal_amend(complaint, agreement, items=items, actor=actor)


def _unpaid_void(agreement) -> None:
    for item in agreement.compensations.filter(status__in=[Compensation.Status.PROPOSED, Compensation.Status.AGREED]):
        item.status, item.agreed_at = Compensation.Status.VOID, None
        item.save(update_fields=["status", "agreed_at"])


def _proposal_amend(complaint, proposal: MediationProposal, *, items, actor) -> list[Compensation]:
    permission_require(actor, "intake.mediate_complaint")
    # While mediating, a rejected proposal is followed by a new one; once resolved, a rejected
    # amendment can only be amended again (or the complainant takes an external route).
    if proposal.rejected and complaint.state == State.MEDIATING:
        raise ValidationError(_("A side rejected this proposal: record a new proposal instead."), code="rejected")
    answered = proposal.current_answers
    accepted = [answer for answer in answered if answer.accepted]
    _unpaid_void(proposal)
    if answered:
        proposal.revision += 1
        proposal.save(update_fields=["revision"])
    created = compensation_items_create(
        items, complaint=complaint, actor=actor, proposal=proposal, status=Compensation.Status.PROPOSED
    )
    note = _("Compensation amended.")
    if accepted:
        names = "、".join(str(Party(answer.party).label) for answer in accepted)
        note += " " + _("Asked again: %(parties)s.") % {"parties": names}
    trace(complaint, actor=actor, note=note)
    return created


def _ruling_amend(complaint, ruling: Ruling, *, items, actor) -> list[Compensation]:
    permission_require(actor, "intake.rule_complaint")
    if actor is not None and not ruling.members.filter(pk=actor.pk).exists():
        raise PermissionDenied
    if ruling.verdict == Verdict.REJECT:
        raise ValidationError(_("The ruling rejected the complaint: it grants no compensation."), code="rejected")
    _unpaid_void(ruling)
    created = compensation_items_create(
        items, complaint=complaint, actor=actor, ruling=ruling, status=Compensation.Status.AGREED
    )
    trace(complaint, actor=actor, note=_("Compensation of the ruling amended."))
    return created


def notice_send_problems(complaint: Complaint) -> list[str]:
    """Why the result notice cannot be sent yet; empty when it can."""
    problems = []
    agreement = agreement_current(complaint)
    if isinstance(agreement, MediationProposal) and not agreement.accepted_by_both:
        parties = "、".join(str(Party(party).label) for party in agreement.parties_to_ask)
        problems.append(
            _("The amended agreement waits for the answer of: %(parties)s.") % {"parties": parties}
            if parties
            else _("A side rejected the amended agreement: amend it again or record an external route.")
        )
    live = complaint.compensations.exclude(status=Compensation.Status.VOID)
    if any(item.status == Compensation.Status.AGREED and not item.has_payment_plan for item in live):
        problems.append(_("An agreed compensation has no payment plan: say by when it is paid or delivered."))
    return problems
