"""The transferring body's panel on the workbench (its dates, pauses and the outcome owed to it),
the POST endpoints behind its forms, and the outcome as a printable page in the platform's fields."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from deadlines.transfer_rules import transfer_due_on, transfer_rule

from ..forms.transfer import TransferOutcomeForm, TransferPauseForm
from ..models import Complaint, State, Transfer
from ..services.transfers import PAUSE_PERMISSION, TRANSFER_PERMISSION, transfer_outcome_record, transfer_pause_record
from .workbench import workbench_complaint_get, workbench_form_view

VIEW_PERMISSION = "intake.view_transfer"


def _transfer(complaint: Complaint) -> Transfer | None:
    return Transfer.objects.filter(complaint=complaint).select_related("outcome_by").prefetch_related("pauses").first()


def transfer_panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    """The body's record, its rule and the last day of its period. Three queries at most."""
    if not request.user.has_perm(VIEW_PERMISSION):
        return None
    transfer = _transfer(complaint)
    if transfer is None:
        return None
    pauses = list(transfer.pauses.all())
    rule = transfer_rule(transfer)
    writable = complaint.state != State.ARCHIVED
    return {
        "transfer": transfer,
        "pauses": pauses,
        "rule": rule,
        "due_on": transfer_due_on(transfer, pauses=pauses) if rule else None,
        "may_pause": writable and not transfer.outcome_recorded and request.user.has_perm(PAUSE_PERMISSION),
        "may_record": writable and request.user.has_perm(TRANSFER_PERMISSION),
        "pause_form": TransferPauseForm(),
        "outcome_form": TransferOutcomeForm(),
    }


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
def transfer_outcome_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The outcome as the body's platform asks it, to print or copy field by field."""
    complaint = workbench_complaint_get(pk)
    transfer = _transfer(complaint)
    if transfer is None or not transfer.outcome_recorded:
        raise Http404
    return render(request, "intake/transfer_outcome.html", {"complaint": complaint, "transfer": transfer})


transfer_pause_view = workbench_form_view(
    PAUSE_PERMISSION,
    TransferPauseForm,
    "transfer_pause",
    transfer_pause_record,
    gettext_lazy("Testing or appraisal pause recorded."),
)
transfer_outcome_view = workbench_form_view(
    TRANSFER_PERMISSION,
    TransferOutcomeForm,
    "transfer_outcome",
    transfer_outcome_record,
    gettext_lazy("Outcome for the transferring body recorded."),
)
