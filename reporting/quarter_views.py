"""Staff pages of the quarter and of the lessons: the high-frequency problem report, the sampling
review and the internal warning bulletin (seed 002)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import services
from .forms import QuarterForm, QuarterlyReviewForm, ReviewFindingForm
from .labels import DIMENSION_LABELS, dimension_value
from .models import QuarterlyReview, ReviewFinding, WarningBulletinEntry
from .period import Month, Quarter
from .quarterly import QUARTER_DIMENSIONS, high_frequency_report

BULLETIN_PAGE_SIZE = 30


def quarter_from_url(text: str) -> Quarter:
    try:
        quarter = Quarter.parse(text)
    except ValueError:
        raise Http404
    if not Quarter(2000, 1) <= quarter <= Quarter.current():
        raise Http404
    return quarter


@login_required
@permission_required("reporting.view_report", raise_exception=True)
@require_GET
def high_frequency_index(request):
    form = QuarterForm(request.GET or None)
    quarter = form.cleaned_data["quarter"] if form.is_valid() else str(Quarter.current())
    return redirect("report-high-frequency", quarter=quarter)


@login_required
@permission_required("reporting.view_report", raise_exception=True)
@require_GET
def high_frequency(request, quarter: str):
    quarter = quarter_from_url(quarter)
    report = high_frequency_report(quarter=quarter)
    dimensions = [
        (
            str(DIMENSION_LABELS[dimension][0]),
            [{**row, "label": dimension_value(dimension, row["key"])} for row in report["dimensions"][dimension]],
        )
        for dimension in QUARTER_DIMENSIONS
        if not report["pending"]
    ]
    problems = [
        {
            **row,
            "category_label": dimension_value("category", row["category"]),
            "cause_label": dimension_value("responsibility", row["responsibility"]),
            "service_type_label": dimension_value("service_type", row["service_type"]),
        }
        for row in report.get("problems", [])
    ]
    context = {
        "quarter": quarter,
        "previous": quarter.previous,
        "report": report,
        "dimensions": dimensions,
        "problems": problems,
        "form": QuarterForm(initial={"quarter": str(quarter)}),
        "month": min(quarter.months[-1], Month.current()),
    }
    return render(request, "reporting/high_frequency.html", context)


@login_required
@permission_required("reporting.view_warningbulletinentry", raise_exception=True)
@require_GET
def warning_bulletin(request):
    """Staff only: the bulletin may name tracking numbers, so no public page reads it."""
    entries = WarningBulletinEntry.objects.select_related("complaint").only(
        "month", "title", "what_happened", "lesson", "complaint__tracking_number", "complaint__state"
    )
    page = Paginator(entries, BULLETIN_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reporting/bulletin.html", {"page": page, "month": Month.current()})


conduct_review = permission_required("reporting.conduct_quarterlyreview", raise_exception=True)


@login_required
@conduct_review
def review_list(request):
    form = QuarterlyReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.quarterly_review_start(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("The sampling review of %(quarter)s has started.") % {"quarter": review})
            return redirect("report-review", pk=review.pk)
    reviews = QuarterlyReview.objects.select_related("legal_reviewer", "quality_reviewer")[:20]
    context = {"form": form, "reviews": reviews, "month": Month.current()}
    return render(request, "reporting/reviews.html", context, status=400 if form.is_bound else 200)


@login_required
@conduct_review
def review_detail(request, pk: int):
    review = get_object_or_404(QuarterlyReview.objects.select_related("legal_reviewer", "quality_reviewer"), pk=pk)
    form = ReviewFindingForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            finding = get_object_or_404(ReviewFinding, pk=form.cleaned_data["finding"], review=review)
            try:
                services.review_finding_record(
                    finding=finding, result=form.cleaned_data["result"], note=form.cleaned_data["note"], by=request.user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("Finding recorded for %(number)s.") % {"number": finding.complaint.tracking_number}
                )
            return redirect("report-review", pk=review.pk)
        messages.error(request, _("Choose the result of the review."))
    findings = review.findings.select_related("complaint", "recorded_by")
    context = {"review": review, "findings": findings, "form": ReviewFindingForm(), "month": Month.current()}
    return render(request, "reporting/review.html", context)
