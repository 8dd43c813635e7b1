"""API routes of every app under /api/."""

from django.urls import include, path

from deadlines.api import DeadlineAPI
from investigations.api import InvestigationAPI
from reporting.api import MonthlyReportAPI
from resolutions.api import ResolutionAPI

urlpatterns = [
    path("", include("intake.api_urls")),
    path("", include("penalties.api_urls")),
    *InvestigationAPI.urls(),
    *ResolutionAPI.urls(),
    *DeadlineAPI.urls(),
    path("reports/<str:month>/", MonthlyReportAPI.as_view(), name="api-report-month"),
]
