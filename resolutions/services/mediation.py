"""Mediation (调解): a proposal, each side's answer, then a settlement or a ruling request."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.complainant import complainant_tell
from intake.locking import complaint_for_update
from intake.models import Complaint, State

from ..models import Compensation, MediationAnswer, MediationProposal, Party, SettlementAgreement
from ..records import settlement_chain
from ..signals import solution_proposed
from ..statute import below_minimum_reason_check
from .agreement import agreement_terms
from .compensation import (
    CompensationItem,
    compensation_items_check,
    compensation_items_create,
    compensations_status_set,
)
from .guards import permission_require, state_require, trace, transition_run

MEDIATE = "intake.mediate_complaint"
NO_REPORT = gettext_lazy("Mediation starts from the investigation's findings: the investigation report is missing.")


@transaction.atomic
def mediation_start(*, complaint_id: int, actor, note: str = "", seen_version: int | None = None) -> Complaint:
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    transition_run(complaint, "start_mediation", actor=actor, note=note, refused=NO_REPORT)
    return complaint


@transaction.atomic
def mediation_propose(
    *,
    complaint_id: int,
    actor,
    complainant_gets: str,
    respondent_gets: str = "",
    items: list[CompensationItem] | tuple = (),
    below_minimum_reason: str = "",
    seen_version: int | None = None,
) -> MediationProposal:
    """Record the agent's plan with its compensation items. An earlier proposal still waiting
    for answers is superseded: its compensation items can no longer be agreed. A first proposal
    written once the investigation report is in starts the mediation itself. A plan paying less
    than the statutory minimum after a fraud finding needs its reason."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    permission_require(actor, MEDIATE)
    if complaint.state == State.INVESTIGATING:
        transition_run(complaint, "start_mediation", actor=actor, refused=NO_REPORT)
    state_require(complaint, State.MEDIATING)
    compensation_items_check(items)
    reason = below_minimum_reason_check(complaint=complaint, items=items, reason=below_minimum_reason)
    earlier = proposal_current(complaint)
    if earlier is not None and earlier.open:
        compensations_status_set(earlier.compensations.all(), status=Compensation.Status.VOID)
    proposal = MediationProposal(
        complaint=complaint,
        complainant_gets=complainant_gets,
        respondent_gets=respondent_gets,
        proposed_by=actor,
        below_minimum_reason=reason,
    )
    proposal.full_clean()
    proposal.save()
    compensation_items_create(
        items, complaint=complaint, actor=actor, proposal=proposal, status=Compensation.Status.PROPOSED
    )
    trace(complaint, actor=actor, note=_("Mediation proposal recorded."))
    solution_proposed.send(sender=MediationProposal, complaint=complaint, proposal=proposal)
    complainant_tell(complaint=complaint, purpose="proposal_awaiting")
    return proposal


def proposal_current(complaint: Complaint) -> MediationProposal | None:
    """The latest proposal; a newer one supersedes any earlier proposal still waiting for answers."""
    return complaint.mediation_proposals.prefetch_related("answers").first()


@transaction.atomic
def mediation_answer_record(
    *,
    proposal_id: int,
    actor,
    party: str,
    accepted: bool,
    reason: str = "",
    seen_version: int | None = None,
) -> MediationAnswer:
    """Record one side's answer, once per revision of the proposal. When both sides accepted, the
    settlement agreement is recorded and the complaint is resolved in the same transaction; an
    amended settlement (the complaint already resolved) is recorded again with its new terms."""
    proposal = MediationProposal.objects.get(pk=proposal_id)
    complaint = complaint_for_update(pk=proposal.complaint_id, seen_version=seen_version)
    permission_require(actor, MEDIATE)
    state_require(complaint, State.MEDIATING, State.RESOLVED)
    proposal = proposal_current(complaint)
    if complaint.state == State.RESOLVED and (proposal is None or not hasattr(proposal, "settlement")):
        raise ValidationError(_("This proposal is no longer open for answers."), code="closed")
    if proposal is None or proposal.pk != proposal_id or not proposal.open:
        raise ValidationError(_("This proposal is no longer open for answers."), code="closed")
    if proposal.answer_of(party):
        raise ValidationError(_("This side's answer is already recorded."), code="answered")
    if not accepted and not reason.strip():
        raise ValidationError({"reason": _("Please record why the proposal was rejected.")})
    answer = MediationAnswer(
        proposal=proposal,
        party=party,
        accepted=accepted,
        reason="" if accepted else reason,
        recorded_by=actor,
        revision=proposal.revision,
    )
    answer.full_clean()
    answer.save()
    label = Party(party).label
    if accepted:
        trace(complaint, actor=actor, note=_("%(party)s accepted the proposal.") % {"party": label})
    else:
        compensations_status_set(proposal.compensations.all(), status=Compensation.Status.VOID)
        trace(
            complaint,
            actor=actor,
            note=_("%(party)s rejected the proposal: %(reason)s") % {"party": label, "reason": reason},
        )
    proposal = MediationProposal.objects.prefetch_related("answers").get(pk=proposal.pk)
    if proposal.accepted_by_both:
        _settle(complaint=complaint, proposal=proposal, actor=actor)
    return answer


def _settle(*, complaint: Complaint, proposal: MediationProposal, actor) -> SettlementAgreement:
    compensations_status_set(proposal.compensations.all(), status=Compensation.Status.AGREED)
    terms = agreement_terms(proposal)
    agreement = SettlementAgreement.objects.filter(proposal=proposal).first()
    if agreement is not None:  # both sides accepted the amended terms
        agreement.terms, agreement.recorded_by = terms, actor
        agreement.full_clean()
        agreement.save(update_fields=["terms", "recorded_by"])
        settlement_chain(complaint, agreement, actor=actor)
        trace(complaint, actor=actor, note=_("Amended settlement agreement recorded."))
        return agreement
    agreement = SettlementAgreement.objects.create(
        complaint=complaint, proposal=proposal, terms=terms, recorded_by=actor
    )
    settlement_chain(complaint, agreement, actor=actor)
    transition_run(complaint, "settle", actor=actor, note=_("Settlement agreement recorded."))
    return agreement


@transaction.atomic
def ruling_request(*, complaint_id: int, actor, note: str = "", seen_version: int | None = None) -> Complaint:
    """Either side rejected the proposal and applies for a ruling."""
    complaint = complaint_for_update(pk=complaint_id, seen_version=seen_version)
    state_require(complaint, State.MEDIATING)
    latest = proposal_current(complaint)
    if latest is None or not latest.rejected:
        raise ValidationError(
            _("A ruling can be requested only after one side rejected a mediation proposal."), code="no_rejection"
        )
    transition_run(complaint, "request_ruling", actor=actor, note=note)
    return complaint
