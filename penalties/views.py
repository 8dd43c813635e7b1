"""Staff screens: worker profile, penalties to decide, appeals, onboarding check, overdue rectifications,
and sharing a worker's history outside the company (disclosures, official listings)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.privacy import can_see_personal_data

from . import selectors
from .exports import official_listings_csv
from .forms import (
    AppealDecisionForm,
    AppealForm,
    DecisionForm,
    DisclosureForm,
    OfficialListingProposeForm,
    OnboardingCheckForm,
    PenaltyProposeForm,
)
from .models import Appeal, HistoryDisclosure, OfficialListing, Penalty, Worker
from .services import appeals, credit, penalties
from .services.workers import onboarding_check

_STATUS_FILTERS = {value for value, _label in Penalty.Status.choices}
_LISTING_STATUS_FILTERS = {value for value, _label in OfficialListing.Status.choices}


def _report(request, error: Exception) -> None:
    """Refusals from a service become a message, never a 500."""
    for message in getattr(error, "messages", None) or [str(error)]:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@permission_required("penalties.view_worker", raise_exception=True)
def worker_list(request):
    query = request.GET.get("q", "").strip()[:50]
    workers = Worker.objects.select_related("team").order_by("name")
    if query:
        workers = workers.filter(name__icontains=query)
    page = Paginator(workers, 50).get_page(request.GET.get("page"))
    return render(request, "penalties/worker_list.html", {"page": page, "query": query})


@login_required
@permission_required("penalties.view_worker", raise_exception=True)
def worker_detail(request, pk: int):
    worker = get_object_or_404(Worker.objects.select_related("team"), pk=pk)
    return _worker_page(request, worker, PenaltyProposeForm(worker=worker))


def _worker_page(request, worker: Worker, propose_form: PenaltyProposeForm):
    context = {
        "worker": worker,
        "show_phone": can_see_personal_data(request.user),
        "balance": selectors.points_balance(worker=worker),
        "points_lines": selectors.points_history(worker=worker),
        "subjects": selectors.worker_complaint_subjects(worker=worker),
        "penalties": selectors.worker_penalties(worker=worker),
        "appeal_form": AppealForm(),
        "decision_form": AppealDecisionForm(),
        "propose_form": propose_form,
        "disclosure_form": DisclosureForm(),
        "listing_form": OfficialListingProposeForm(),
        **selectors.worker_checks(worker=worker),
        **selectors.worker_credit(worker=worker),
    }
    return render(request, "penalties/worker_detail.html", context)


@require_POST
@login_required
@permission_required("penalties.propose_penalty", raise_exception=True)
def penalty_propose(request, pk: int):
    worker = get_object_or_404(Worker.objects.select_related("team"), pk=pk)
    form = PenaltyProposeForm(request.POST, worker=worker)
    if not form.is_valid():
        return _worker_page(request, worker, form)
    penalties.penalty_propose(worker=worker, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Penalty proposed; a supervisor will decide it."))
    return redirect("worker-detail", pk=worker.pk)


@login_required
@permission_required("penalties.view_penalty", raise_exception=True)
def penalty_list(request):
    status = request.GET.get("status", Penalty.Status.PROPOSED)
    status = status if status in _STATUS_FILTERS else None
    page = Paginator(selectors.penalties_for_review(status=status), 50).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "statuses": Penalty.Status.choices, "form": DecisionForm()}
    return render(request, "penalties/penalty_list.html", context)


@require_POST
@login_required
@permission_required("penalties.decide_penalty", raise_exception=True)
def penalty_decide(request, pk: int, decision: str):
    penalty = get_object_or_404(Penalty, pk=pk)
    if decision == "approve":
        return _decide(
            request,
            lambda **kw: penalties.penalty_approve(penalty=penalty, **kw),
            _("Penalty approved; it is now in effect."),
            "penalty-list",
        )
    return _decide(
        request, lambda **kw: penalties.penalty_reject(penalty=penalty, **kw), _("Penalty rejected."), "penalty-list"
    )


def _decide(request, service, done: str, then: str):
    """A reviewer's approve or reject with an optional note: the service's refusal becomes a message."""
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        service(actor=request.user, note=note)
        messages.success(request, done)
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
    return redirect(then)


@require_POST
@login_required
@permission_required("penalties.propose_penalty", raise_exception=True)
def appeal_submit(request, pk: int):
    penalty = get_object_or_404(Penalty, pk=pk)
    form = AppealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the grounds of the appeal."))
        return redirect("worker-detail", pk=penalty.worker_id)
    try:
        appeals.appeal_submit(penalty=penalty, grounds=form.cleaned_data["grounds"], actor=request.user)
        messages.success(request, _("Appeal recorded; a second supervisor will decide it."))
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
    return redirect("worker-detail", pk=penalty.worker_id)


@require_POST
@login_required
@permission_required("penalties.decide_penalty", raise_exception=True)
def appeal_decide(request, pk: int):
    appeal = get_object_or_404(Appeal.objects.select_related("penalty"), pk=pk)
    form = AppealDecisionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("worker-detail", pk=appeal.penalty.worker_id)
    try:
        appeals.appeal_decide(appeal=appeal, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Appeal decided."))
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
    return redirect("worker-detail", pk=appeal.penalty.worker_id)


@login_required
@permission_required("penalties.check_blacklist", raise_exception=True)
def onboarding_check_view(request):
    form = OnboardingCheckForm(request.POST or None)
    listed = None
    if request.method == "POST" and form.is_valid():
        listed = onboarding_check(identity_number=form.cleaned_data["identity_number"], actor=request.user)
        form = OnboardingCheckForm()  # the number is not echoed back into the page
    return render(request, "penalties/onboarding_check.html", {"form": form, "listed": listed})


@login_required
@permission_required("penalties.verify_rectificationplan", raise_exception=True)
def rectifications_overdue(request):
    context = {"plans": selectors.overdue_rectifications(), "changes": selectors.overdue_process_changes()}
    return render(request, "penalties/rectifications_overdue.html", context)


@require_POST
@login_required
@permission_required("penalties.disclose_worker_history", raise_exception=True)
def history_disclose(request, pk: int):
    """A customer's enquiry about the worker: the summary is produced only on a consent in force."""
    worker = get_object_or_404(Worker, pk=pk)
    form = DisclosureForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("worker-detail", pk=worker.pk)
    try:
        disclosure = credit.worker_history_disclose(worker=worker, actor=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
        return redirect("worker-detail", pk=worker.pk)
    return redirect("disclosure-detail", pk=disclosure.pk)


@login_required
@permission_required("penalties.view_historydisclosure", raise_exception=True)
def disclosure_detail(request, pk: int):
    disclosure = get_object_or_404(HistoryDisclosure.objects.select_related("worker", "consent", "disclosed_by"), pk=pk)
    return render(request, "penalties/disclosure_detail.html", {"disclosure": disclosure})


@require_POST
@login_required
@permission_required("penalties.propose_officiallisting", raise_exception=True)
def official_listing_propose(request, pk: int):
    worker = get_object_or_404(Worker, pk=pk)
    form = OfficialListingProposeForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("worker-detail", pk=worker.pk)
    try:
        credit.official_listing_propose(worker=worker, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Official listing proposed; a second supervisor reviews it."))
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
    return redirect("worker-detail", pk=worker.pk)


@login_required
@permission_required("penalties.view_officiallisting", raise_exception=True)
def official_listing_list(request):
    status = request.GET.get("status", OfficialListing.Status.PROPOSED)
    status = status if status in _LISTING_STATUS_FILTERS else None
    page = Paginator(selectors.official_listings(status=status), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": OfficialListing.Status.choices,
        "reviewable": credit.LISTING_OPEN,
    }
    return render(request, "penalties/official_listing_list.html", context)


@require_POST
@login_required
@permission_required("penalties.review_officiallisting", raise_exception=True)
def official_listing_review(request, pk: int, decision: str):
    listing = get_object_or_404(OfficialListing, pk=pk)
    if decision == "approve":
        return _decide(
            request,
            lambda **kw: credit.official_listing_approve(listing=listing, **kw),
            _("Official listing approved; it goes out with the next export."),
            "official-listing-list",
        )
    return _decide(
        request,
        lambda **kw: credit.official_listing_reject(listing=listing, **kw),
        _("Official listing rejected."),
        "official-listing-list",
    )


@require_POST
@login_required
@permission_required("penalties.export_officiallisting", raise_exception=True)
def official_listings_export(request):
    """A POST because the export marks the listings exported; refused exports come back as a message."""
    try:
        listings = credit.official_listings_export(actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        _report(request, error)
        return redirect(reverse("official-listing-list") + "?status=approved")
    response = HttpResponse(official_listings_csv(listings), content_type="text/csv; charset=utf-8")
    stamp = f"{timezone.localtime():%Y%m%d-%H%M}"
    response["Content-Disposition"] = f'attachment; filename="official-listings-{stamp}.csv"'
    return response
