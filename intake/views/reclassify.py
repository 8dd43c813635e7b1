"""Correcting the classification of an accepted complaint on the workbench (the clocks follow)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.workbench import ReclassifyForm
from ..models import Complaint, State
from ..models.lifecycle import OPEN_STATES
from ..services.classification import RECLASSIFY_PERMISSION, complaint_reclassify
from .workbench import workbench_action_run, workbench_complaint_get, workbench_render


def reclassify_panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    """The form, for those who decide on complaints, while the complaint is accepted and open. No query."""
    if not request.user.has_perm(RECLASSIFY_PERMISSION):
        return None
    if complaint.state not in OPEN_STATES or complaint.state == State.SUBMITTED:
        return None
    return {"reclassify_form": ReclassifyForm(complaint=complaint)}


@login_required
@permission_required(RECLASSIFY_PERMISSION, raise_exception=True)
@require_POST
def reclassify_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = workbench_complaint_get(pk)
    form = ReclassifyForm(request.POST)
    if not form.is_valid():
        return workbench_render(request, complaint, forms={"reclassify": form}, status=400)
    return workbench_action_run(
        request,
        complaint,
        lambda: complaint_reclassify(complaint_id=complaint.pk, actor=request.user, **form.cleaned_data),
        success=_("Classification changed; the open deadlines follow it."),
    )
