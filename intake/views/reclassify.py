"""Correcting the classification of an accepted complaint on the workbench (the clocks follow)."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from ..forms.workbench import ReclassifyForm
from ..models import Complaint, State
from ..models.lifecycle import OPEN_STATES
from ..services.classification import RECLASSIFY_PERMISSION, complaint_reclassify
from .workbench import workbench_form_view


def reclassify_panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    """The form, for those who decide on complaints, while the complaint is accepted and open. No query."""
    if not request.user.has_perm(RECLASSIFY_PERMISSION):
        return None
    if complaint.state not in OPEN_STATES or complaint.state == State.SUBMITTED:
        return None
    return {"reclassify_form": ReclassifyForm(complaint=complaint)}


reclassify_view = workbench_form_view(
    RECLASSIFY_PERMISSION,
    ReclassifyForm,
    "reclassify",
    complaint_reclassify,
    gettext_lazy("Classification changed; the open deadlines follow it."),
)
