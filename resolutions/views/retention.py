"""The retention disposals page: supervisors propose the archives past retention and carry out an
approved list; management approves it (seed 001)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import RetentionDisposal
from ..services.retention import archives_to_dispose, disposal_approve, disposal_carry_out, disposal_propose

VIEW = "resolutions.view_retentiondisposal"
SHOWN = 12


@login_required
@permission_required(VIEW, raise_exception=True)
def disposal_list(request: HttpRequest) -> HttpResponse:
    disposals = RetentionDisposal.objects.select_related("proposed_by", "approved_by", "carried_out_by")
    disposals = disposals.prefetch_related("complaints")[:SHOWN]
    context = {"disposals": disposals, "past_retention": archives_to_dispose().count()}
    return render(request, "resolutions/retention.html", context)


@login_required
@permission_required(VIEW, raise_exception=True)
@require_POST
def disposal_action(request: HttpRequest, action: str) -> HttpResponse:
    """``propose``, ``approve`` or ``carry-out``; a refusal is shown as a message on the page."""
    if action not in {"propose", "approve", "carry-out"}:
        raise Http404
    disposal_id = request.POST.get("disposal", "")
    try:
        if action == "propose":
            disposal_propose(actor=request.user)
            messages.success(request, _("The list is proposed; it waits for leadership's approval."))
        elif not disposal_id.isdigit() or not RetentionDisposal.objects.filter(pk=disposal_id).exists():
            messages.error(request, _("This disposal list does not exist."))
        elif action == "approve":
            disposal_approve(disposal_id=int(disposal_id), actor=request.user, note=request.POST.get("note", "")[:1000])
            messages.success(request, _("Disposal approved."))
        else:
            done = disposal_carry_out(disposal_id=int(disposal_id), actor=request.user)
            messages.success(request, _("%(count)d archives anonymised.") % {"count": done.erased})
    except PermissionDenied:
        messages.error(request, _("You may not do this: leadership other than the proposer approves the list."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("resolution-retention")
