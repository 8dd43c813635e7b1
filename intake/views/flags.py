"""The complainant flag panel on the workbench (supervisors only) and its POST endpoints."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from ..forms.flags import FlagForm, FlagReviewForm
from ..models import Complaint, State
from ..services.flags import FLAG_PERMISSION, complainant_flag_for, complainant_flag_review, complainant_flag_set
from .workbench import workbench_form_view


def flag_panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    """The active flag on the complainant, if any, with the form to set or review it."""
    if not request.user.has_perm(FLAG_PERMISSION):
        return None
    return {
        "flag": complainant_flag_for(complaint),
        "may_flag": complaint.state != State.ARCHIVED,
        "flag_form": FlagForm(),
        "flag_review_form": FlagReviewForm(),
    }


complainant_flag_view = workbench_form_view(
    FLAG_PERMISSION,
    FlagForm,
    "complainant_flag",
    complainant_flag_set,
    gettext_lazy("The complainant is flagged; the flag is reviewed after the period set."),
)
complainant_flag_review_view = workbench_form_view(
    FLAG_PERMISSION,
    FlagReviewForm,
    "complainant_flag_review",
    complainant_flag_review,
    gettext_lazy("Flag reviewed."),
)
