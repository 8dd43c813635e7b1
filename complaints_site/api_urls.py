"""API routes of every app under /api/."""

from django.urls import include, path

urlpatterns = [
    path("", include("intake.api_urls")),
    path("", include("penalties.api_urls")),
]
