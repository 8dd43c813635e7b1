"""The review chain after a finding (seed 004) on the workbench: its panel and the POST behind its form."""

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from intake.models import Complaint, State
from intake.views.workbench import workbench_form_view

from .models import InvestigationReport, ReviewStep
from .services.review import REVIEW_PERMISSION, finding_review_record, review_next_step


class FindingReviewForm(forms.Form):
    step = forms.ChoiceField(label=gettext_lazy("Step"), choices=ReviewStep.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("What was decided"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "id_finding_review_%s")
        super().__init__(*args, **kwargs)


def review_panel_context(request: HttpRequest, complaint: Complaint) -> dict | None:
    """The latest report's review steps and the form for the next one. Two queries."""
    if not request.user.has_perm("investigations.view_findingreview"):
        return None
    report = (
        InvestigationReport.objects.filter(investigation__complaint=complaint).order_by("-investigation__round").first()
    )
    if report is None:
        return None
    reviews = list(report.reviews.select_related("recorded_by"))
    following = review_next_step(report, {review.step for review in reviews})
    may_record = (
        following is not None and complaint.state != State.ARCHIVED and request.user.has_perm(REVIEW_PERMISSION)
    )
    return {
        "reviews": reviews,
        "next_step": ReviewStep(following).label if following else None,
        "may_review": may_record,
        "review_form": FindingReviewForm(initial={"step": following}),
    }


finding_review_view = workbench_form_view(
    REVIEW_PERMISSION,
    FindingReviewForm,
    "finding_review",
    finding_review_record,
    gettext_lazy("Review step recorded."),
)
