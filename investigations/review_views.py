"""The review chain after a finding (seed 004) on the workbench: its panel and the POST behind its form."""

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from intake.models import Complaint, State
from intake.views.workbench import workbench_action_run, workbench_complaint_get, workbench_render

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


@login_required
@permission_required(REVIEW_PERMISSION, raise_exception=True)
@require_POST
def finding_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = workbench_complaint_get(pk)
    form = FindingReviewForm(request.POST)
    if not form.is_valid():
        return workbench_render(request, complaint, forms={"finding_review": form}, status=400)
    return workbench_action_run(
        request,
        complaint,
        lambda: finding_review_record(complaint_id=complaint.pk, actor=request.user, **form.cleaned_data),
        success=_("Review step recorded."),
    )
