"""The resolutions panel of the workbench and the POST views behind its forms."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core import roles
from intake.models import Complaint, State

from .. import forms
from ..models import Compensation, MediationProposal, Ruling
from ..selectors import resolution_overview
from ..services import agreement, compensation, mediation, open_matters, outcome, ruling
from ..services.compensation import ADVANCE_STATES
from ..statute import statutory_minimum
from .common import VIEW, complaint_get, form_error_add, panel_form_invalid, run_keeping_input, version

#: States in which the panel has something to show.
_PANEL_STATES = {
    State.INVESTIGATING,
    State.MEDIATING,
    State.RULING,
    State.RESOLVED,
    State.NOTIFIED,
    State.FOLLOW_UP,
    State.CLOSED,
    State.REOPENED,
    State.REFERRED,
    State.WITHDRAWN,
    State.ARCHIVED,
}


def resolution_panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    if complaint.state not in _PANEL_STATES:
        return None
    user = request.user
    bound = getattr(request, "resolution_forms", {})
    overview = resolution_overview(complaint)
    open_ruling = overview["open_ruling"]
    is_member = open_ruling is not None and any(m.pk == user.pk for m in open_ruling.members.all())
    voted = is_member and any(v.member_id == user.pk for v in open_ruling.votes.all())
    # The first proposal can be written as soon as the report is in: recording it starts mediation.
    mediating = user.has_perm("intake.mediate_complaint") and (
        complaint.state == State.MEDIATING
        or (complaint.state == State.INVESTIGATING and complaint.has_investigation_report())
    )
    proposal = overview["open_proposal"]
    follow_up = overview["follow_up"]
    current = overview["agreement"]
    resolved = complaint.state == State.RESOLVED
    # A settled agreement whose compensation was amended is answered again by the sides asked.
    if resolved and isinstance(current, MediationProposal) and current.parties_to_ask and not current.rejected:
        proposal = current
    may_answer = proposal is not None and user.has_perm("intake.mediate_complaint") and (mediating or resolved)
    may_amend = _may_amend(user, complaint, current)
    return {
        **overview,
        "state": State,
        # While the investigation runs, the minimum matters only to whoever may write the first proposal.
        "statutory_minimum": statutory_minimum(complaint)
        if complaint.state != State.INVESTIGATING or mediating
        else None,
        "overdue_compensations": [item for item in overview["compensations"] if item.overdue],
        "may_mediate": mediating,
        "open_proposal": proposal,
        "proposal_form": bound.get("proposal") or (forms.ProposalForm() if mediating else None),
        "proposal_items": bound.get("proposal_items") or forms.item_formset(name="proposal_items"),
        "answer_form": bound.get("answer") or (forms.AnswerForm() if may_answer else None),
        "amend_form": bound.get("amend") or (forms.AmendForm() if may_amend else None),
        "amend_items": bound.get("amend_items")
        or (forms.item_formset(items=overview["agreement_items"], name="amend_items") if may_amend else None),
        "decision_items": bound.get("decision_items") or forms.item_formset(name="decision_items"),
        "compensation_form": bound.get("compensation") or forms.CompensationForm(),
        "may_add_compensation": complaint.state in ADVANCE_STATES and user.has_perm("intake.mediate_complaint"),
        "compensation_rows": [
            (item, bound.get(f"payment-{item.pk}") or forms.PaymentForm(auto_id=f"id_payment{item.pk}_%s"))
            for item in overview["compensations"]
        ],
        "may_pay": user.has_perm("resolutions.record_payment") and complaint.state != State.ARCHIVED,
        "reopen_payment_form": bound.get("payment-reopen")
        or (
            forms.PaymentReopenForm()
            if complaint.state in (State.NOTIFIED, State.FOLLOW_UP)
            and user.has_perm("resolutions.record_payment")
            and any(item.status == Compensation.Status.PAID for item in overview["compensations"])
            else None
        ),
        "panel_form": bound.get("panel")
        or (
            forms.RulingPanelForm()
            if complaint.state == State.RULING and open_ruling is None and user.has_perm("intake.mediate_complaint")
            else None
        ),
        "vote_form": bound.get("vote") or (forms.VoteForm() if is_member and not voted else None),
        "decision_form": bound.get("decision") or (forms.DecisionForm() if is_member else None),
        "is_panel_member": roles.RULING_PANEL in roles.user_roles(user),
        "open_matter_form": bound.get("open-matter")
        or (
            forms.OpenMatterForm()
            if complaint.state in open_matters.RECORD_STATES and user.has_perm("resolutions.add_openmatter")
            else None
        ),
        "callback_form": bound.get("callback")
        or (
            forms.CallbackForm()
            if complaint.state in (State.NOTIFIED, State.FOLLOW_UP)
            and follow_up
            and not follow_up.answered
            and user.has_perm("intake.follow_up_complaint")
            else None
        ),
    }


def _may_amend(user, complaint: Complaint, current) -> bool:
    """Amend the compensation of the current agreement until the notice is sent: the mediator a
    proposal nobody rejected, a member of the panel its ruling."""
    if complaint.state not in agreement.AMEND_STATES or current is None:
        return False
    if isinstance(current, Ruling):
        return current.verdict != "reject" and any(m.pk == user.pk for m in current.members.all())
    return user.has_perm("intake.mediate_complaint") and (not current.rejected or complaint.state == State.RESOLVED)


@dataclass(frozen=True)
class PanelPost:
    """What a panel form's view runs, kept on the view (``view.panel``) for the API to run the same."""

    form_class: type
    run: Callable[..., object]  # run(complaint, form, user, **ids, items=… when ``items``)
    files: bool
    items: bool


def _panel_post(name: str, form_class, success: str, *, files: bool = False, items: bool = False):
    """A POST view for one panel form: validate, call ``service(complaint, form, user)``, come
    back. With ``items`` the form carries compensation rows, passed as ``items=``. Whatever is
    refused, by the form or by the service, is shown again with everything typed."""

    def decorate(service):
        @login_required
        @permission_required(VIEW, raise_exception=True)
        @require_POST
        def view(request: HttpRequest, pk: int, **ids) -> HttpResponse:
            complaint = complaint_get(pk)
            key = name.format(**ids)
            form = form_class(request.POST, request.FILES) if files else form_class(request.POST)
            rows = forms.item_formset(request.POST, name=f"{key}_items") if items else None
            if not form.is_valid() or (rows is not None and not rows.is_valid()):
                return panel_form_invalid(request, complaint, key, form, rows)
            extra = {"items": rows.items()} if rows is not None else {}

            def refused(error) -> HttpResponse:
                form_error_add(form, error)
                return panel_form_invalid(request, complaint_get(pk), key, form, rows)

            return run_keeping_input(
                request,
                complaint,
                lambda: service(complaint, form, request.user, **ids, **extra),
                success=success,
                refused=refused,
            )

        view.__name__ = service.__name__
        view.panel = PanelPost(form_class=form_class, run=service, files=files, items=items)
        return view

    return decorate


@_panel_post("proposal", forms.ProposalForm, _("Proposal recorded."), items=True)
def proposal_add(complaint, form, user, items):
    data = form.cleaned_data
    mediation.mediation_propose(
        complaint_id=complaint.pk,
        actor=user,
        complainant_gets=data["complainant_gets"],
        respondent_gets=data["respondent_gets"],
        items=items,
        below_minimum_reason=data["below_minimum_reason"],
        seen_version=version(form),
    )


@_panel_post("amend", forms.AmendForm, _("Compensation amended."), items=True)
def compensation_amend(complaint, form, user, items):
    agreement.compensation_plan_amend(
        complaint_id=complaint.pk,
        actor=user,
        items=items,
        below_minimum_reason=form.cleaned_data["below_minimum_reason"],
        seen_version=version(form),
    )


@_panel_post("answer", forms.AnswerForm, _("Answer recorded."))
def answer_add(complaint, form, user, proposal_id: int):
    data = form.cleaned_data
    proposal = get_object_or_404(MediationProposal, pk=proposal_id, complaint=complaint)
    mediation.mediation_answer_record(
        proposal_id=proposal.pk,
        actor=user,
        party=data["party"],
        accepted=data["accepted"],
        reason=data["reason"],
        seen_version=version(form),
    )


@_panel_post("compensation", forms.CompensationForm, _("Advance payment recorded."))
def compensation_add(complaint, form, user):
    data = form.cleaned_data
    compensation.compensation_add(
        complaint_id=complaint.pk,
        actor=user,
        kind=data["kind"],
        description=data["description"],
        payer=Compensation.Payer.FUND,
        amount=data["amount"],
        advance_payment=True,
        seen_version=version(form),
    )


@_panel_post("payment-{compensation_id}", forms.PaymentForm, _("Payment recorded."), files=True)
def compensation_pay(complaint, form, user, compensation_id: int):
    item = get_object_or_404(Compensation, pk=compensation_id, complaint=complaint)
    compensation.compensation_pay(
        compensation_id=item.pk,
        actor=user,
        voucher=form.cleaned_data["voucher"],
        payment_reference=form.cleaned_data["payment_reference"],
        seen_version=version(form),
    )


@_panel_post("panel", forms.RulingPanelForm, _("Ruling panel formed."))
def panel_form(complaint, form, user):
    ruling.ruling_form(
        complaint_id=complaint.pk, actor=user, members=list(form.cleaned_data["members"]), seen_version=version(form)
    )


@_panel_post("vote", forms.VoteForm, _("Your vote is recorded."))
def vote_add(complaint, form, user):
    ruling.ruling_vote(complaint_id=complaint.pk, actor=user, **form.cleaned_data)


@_panel_post("decision", forms.DecisionForm, _("Ruling recorded."), items=True)
def ruling_decide(complaint, form, user, items):
    ruling.ruling_decide(
        complaint_id=complaint.pk,
        actor=user,
        basis=form.cleaned_data["basis"],
        items=items,
        below_minimum_reason=form.cleaned_data["below_minimum_reason"],
        seen_version=version(form),
    )


@_panel_post("callback", forms.CallbackForm, _("Callback recorded."))
def callback_add(complaint, form, user):
    data = form.cleaned_data
    outcome.follow_up_callback_record(
        complaint_id=complaint.pk, actor=user, score=data["score"], comment=data["comment"], seen_version=version(form)
    )


@_panel_post("payment-reopen", forms.PaymentReopenForm, _("Payment reopened: it is to be proven again."))
def payment_reopen(complaint, form, user):
    outcome.payment_reopen(
        complaint_id=complaint.pk, actor=user, reason=form.cleaned_data["reason"], seen_version=version(form)
    )


@_panel_post("open-matter", forms.OpenMatterForm, _("Open matter recorded."))
def open_matter_add(complaint, form, user):
    data = form.cleaned_data
    open_matters.open_matter_record(
        complaint_id=complaint.pk,
        actor=user,
        action=data["action"],
        owner=data["owner"],
        due_on=data["due_on"],
        seen_version=version(form),
    )
