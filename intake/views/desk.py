"""The agent's pages: registration of a complaint from any channel, acceptance decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.privacy import can_see_personal_data

from ..acceptance import acceptance_warnings
from ..access import complaint_visible
from ..forms.desk import (
    AcceptForm,
    ClassificationForm,
    DeclineForm,
    RegistrationForm,
    description_digest,
)
from ..forms.evidence import EvidenceForm
from ..locking import ComplaintChanged
from ..models import Complaint, State
from ..selectors import caller_complaints
from ..services.classification import complaint_proposal
from ..services.decision import DecisionNotPossible, complaint_accept, complaint_decline
from ..services.flags import FLAG_PERMISSION, complainant_flag_for
from ..services.submission import complaint_by_idempotency_key, complaint_register_with_files, idempotency_key_new
from ..triage.proposal import Proposal

DECISION_DONE = {
    "accept": gettext_lazy("Complaint accepted."),
    "decline": gettext_lazy("Complaint not accepted; the complainant is told why."),
}


def _errors_to_form(form, error: ValidationError) -> None:
    """Show a service's validation error on the form field it names, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@permission_required("intake.register_complaint", raise_exception=True)
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Two steps on one page: the facts first, then the classifier's proposal to confirm or correct."""
    if request.method == "GET":
        form = RegistrationForm(
            initial={
                "received_at": timezone.localtime().replace(second=0, microsecond=0),
                "idempotency_key": idempotency_key_new(),
            }
        )
        return render(request, "intake/desk/register.html", {"form": form})

    form = RegistrationForm(request.POST)
    classification = ClassificationForm(request.POST, prefix="cls")
    if not form.is_valid():
        previewed = "confirm" in request.POST and classification.is_valid()
        return render(
            request,
            "intake/desk/register.html",
            {"form": form, "classification": classification if previewed else None},
        )

    done = complaint_by_idempotency_key(form.cleaned_data["idempotency_key"])
    if done is not None:  # the same form sent twice (double click, retried request)
        return _registered(request, done)

    digest = description_digest(form.cleaned_data["description"])
    proposal = complaint_proposal(Complaint(**form.complaint_fields()))
    # Before saving, the agent sees whether this caller or this order complained before (a repeat
    # may be merged into its original once registered).
    history = caller_complaints(
        request.user, phone=form.cleaned_data["phone"], order_number=form.cleaned_data["order_number"]
    )
    confirming = "confirm" in request.POST and classification.is_valid()
    evidence = EvidenceForm(request.POST, request.FILES, prefix="files")
    if confirming and classification.cleaned_data["previewed"] == digest and not evidence.is_valid():
        # The agent's classification stays as chosen; files are never sent again by a browser.
        context = {
            "form": form,
            "classification": classification,
            "proposal": proposal,
            "evidence": evidence,
            "caller_complaints": history,
        }
        return render(request, "intake/desk/register.html", context)
    if confirming and classification.cleaned_data["previewed"] == digest:
        fields = form.complaint_fields()
        fields.update({name: classification.cleaned_data[name] for name in ("category", "severity", "urgent")})
        try:
            complaint = complaint_register_with_files(
                uploads=evidence.cleaned_data["evidence"],
                actor=request.user,
                received_at=form.cleaned_data["received_at"],
                **form.transfer_dates(),
                **fields,
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        except IntegrityError:  # the same form sent twice at the same moment: the first one won
            return _registered(request, complaint_by_idempotency_key(fields["idempotency_key"]))
        else:
            messages.success(request, _("Complaint %(number)s registered.") % {"number": complaint.tracking_number})
            return _registered(request, complaint)
    elif confirming:
        messages.warning(request, _("The description changed: please check the proposal again."))

    classification = ClassificationForm(
        prefix="cls",
        initial={
            "category": proposal.category,
            "severity": proposal.severity,
            "urgent": proposal.urgent,
            "previewed": digest,
        },
    )
    context = {
        "form": form,
        "classification": classification,
        "proposal": proposal,
        "evidence": EvidenceForm(prefix="files"),
        "caller_complaints": history,
    }
    return render(request, "intake/desk/register.html", context)


def _registered(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """To the acceptance page; a complaint about the desk goes to the supervisors instead, and an
    agent who registered it is told so and goes back to the inbox (seed 002)."""
    if complaint_visible(request.user, complaint.pk):
        return redirect("complaint-decide", pk=complaint.pk)
    messages.info(request, _("A complaint about the desk is handled by the supervisors; it is on their list."))
    return redirect("desk")


@login_required
@permission_required("intake.accept_complaint", raise_exception=True)
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = get_object_or_404(Complaint.objects.select_related("repeat_of", "earlier_complaint"), pk=pk)
    accept_form = AcceptForm.for_complaint(complaint)
    decline_form = DeclineForm.for_complaint(complaint)
    if request.method == "POST" and complaint.state == State.SUBMITTED:
        action = "accept" if request.POST.get("action") == "accept" else "decline"
        form = AcceptForm(request.POST) if action == "accept" else DeclineForm.for_complaint(complaint, request.POST)
        if action == "accept":
            accept_form = form
        else:
            decline_form = form
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            service = complaint_accept if action == "accept" else complaint_decline
            try:
                service(complaint_id=complaint.pk, actor=request.user, seen_version=version, **data)
            except (ComplaintChanged, DecisionNotPossible) as error:
                messages.error(request, error.message)
                return redirect("complaint-decide", pk=complaint.pk)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                done = (
                    _("Complaint accepted.")
                    if action == "accept"
                    else _("Complaint not accepted; the complainant is told why.")
                )
                messages.success(request, done)
                # Accepted, the work goes on on the workbench (contact, quick path, investigation).
                return redirect("complaint-workbench", pk=complaint.pk) if action == "accept" else redirect("desk")
    elif request.method == "POST":
        messages.error(request, DecisionNotPossible.message)
        return redirect("complaint-decide", pk=complaint.pk)
    return render(
        request,
        "intake/desk/decide.html",
        {
            "complaint": complaint,
            "proposal": Proposal.of(complaint),
            "accept_form": accept_form,
            "decline_form": decline_form,
            "decidable": complaint.state == State.SUBMITTED,
            "repeats": complaint.repeats.order_by("received_at", "pk"),
            # Information only: the rules name these as reasons to look again, the agent decides.
            "warnings": acceptance_warnings(complaint) if complaint.state == State.SUBMITTED else [],
            # Information only: a flag never refuses a complaint by itself (seed 002).
            "flag": complainant_flag_for(complaint) if request.user.has_perm(FLAG_PERMISSION) else None,
            "show_personal_data": can_see_personal_data(request.user),
        },
    )
