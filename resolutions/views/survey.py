"""The satisfaction survey the complainant opens from the notice message: no login, single use."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from intake.locking import ComplaintChanged

from ..forms import SurveyForm
from ..services.outcome import SurveyUnavailable, follow_up_answer, follow_up_by_token


@never_cache
def survey(request: HttpRequest, token: str) -> HttpResponse:
    """Answer once. A used, expired or unknown link gets the same polite page, so the page
    tells a guesser nothing; it shows no personal data, only the tracking number."""
    try:
        follow_up = follow_up_by_token(token)
    except SurveyUnavailable:
        return render(request, "resolutions/survey_closed.html", status=410)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_answer(token=token, **form.cleaned_data)
        except (SurveyUnavailable, ComplaintChanged):
            return render(request, "resolutions/survey_closed.html", status=410)
        return render(request, "resolutions/survey_thanks.html")
    context = {"form": form, "tracking_number": follow_up.complaint.tracking_number}
    return render(request, "resolutions/survey.html", context, status=400 if form.errors else 200)
